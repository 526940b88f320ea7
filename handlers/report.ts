import { z } from 'zod'
import { recordRef } from '../src/commands/ref-args.js'
import type { ReportCharts, ChartCommand } from '../src/charts/report-charts.js'
import { commandsOf, type CommandContext, type GroupCommandContext } from '../src/commands/command.js'
import { UserError } from '../src/texts/user-error.js'
import type { Reply } from '../src/chat/reply.js'
import { texts } from '../src/texts/index.js'
import type { OrgRow } from '../src/domain/org/org.repository.js'
import { parsePeriod, PERIOD_WORDS, type Period } from '../src/domain/report/period.js'
import type { ReportExport } from '../src/domain/report/report-export.service.js'
import type { ReportFigures } from '../src/domain/report/report-figures.service.js'
import { OFFICERS } from '../src/domain/org/rights.js'
import type { CoverageService } from '../src/domain/units/coverage.service.js'
import type { DevelopmentRollup } from '../src/domain/development/development-rollup.service.js'
import type { ScorecardExport } from '../src/domain/report/scorecard-export.service.js'

/** The services these commands call. */
export type ReportNeeds = {
  report: ReportFigures
  reportExport: ReportExport
  reportCharts: ReportCharts
  coverage: CoverageService
  rollup: DevelopmentRollup
  scorecardExport: ScorecardExport
}
const command = commandsOf<ReportNeeds>('reports')
/** The word that turns 统计, 考勤 into a chart. */
const CHART_WORD = '图'

const PERIOD_USAGE = `[${PERIOD_WORDS.join('|')}|YYYY-MM]`
const ORG_BELOW_USAGE = '[组织 <下级组织名>]'
const orgKey = z.object({ 组织: z.string().optional() })

function period(ctx: CommandContext, word: string | undefined): Period {
  const parsed = parsePeriod(word, ctx.now, ctx.timeZone)
  if (!parsed) throw new UserError('report.badPeriod', { word: word ?? '' })
  return parsed
}

/**
 * The organisation a report is about: this group's, or with 组织 <名称> one below it (属地管理);
 * for a period's figures, one below it then (an organisation moved away since is still found).
 */
async function target(ctx: GroupCommandContext, report: ReportFigures, name: string | undefined, during?: Period): Promise<OrgRow> {
  if (!name || name === ctx.group.org.name) return ctx.group.org
  const below = await report.scope(ctx.group.org, during && { period: during, now: ctx.now })
  const org = below.find((o) => o.name === name)
  if (!org) throw new UserError('report.orgNotBelow', { name })
  return org
}

/** `图` among the words asks for the chart (统计 图, 考勤 本月 图); the other word is the period. */
function withChartWord<T extends { words: string[] }>(args: T, zctx: z.core.$RefinementCtx): T & { chart: boolean } {
  const chart = args.words.includes(CHART_WORD)
  const words = args.words.filter((w) => w !== CHART_WORD)
  if (words.length > 1) zctx.addIssue({ code: 'custom', message: 'one period only' })
  return { ...args, words, chart }
}

/**
 * The chart as a PNG, privately beside the figures (统计 图): an upper committee gets a bar per
 * organisation below, a branch its months of the year so far.
 */
async function chartReply(ctx: GroupCommandContext, charts: ReportCharts, command: ChartCommand, org: OrgRow, when: Period): Promise<Reply[]> {
  const chart = await charts.chart(command, org, when, ctx.now)
  return [
    { text: texts.report.chartSentPrivately() },
    { text: texts.report.chartCaption({ org: org.name, period: when.label }), file: chart.file, privateTo: ctx.asker.contactId },
  ]
}

export const attendance = command({
  name: '考勤',
  summary: texts.summaries.attendance(),
  usage: `考勤 ${PERIOD_USAGE} [@某人] [图] ${ORG_BELOW_USAGE}`,
  example: '考勤 本月',
  // Officers ask privately too: the organisation comes from their office (组织 <名> when several).
  where: 'org',
  access: OFFICERS,
  keywords: ['组织'],
  args: z.object({ words: z.array(z.string()).max(2), keys: orgKey }).transform(withChartWord),
  run: async (ctx, { words, keys, chart }, services) => {
    const during = period(ctx, words[0])
    const org = await target(ctx, services.report, keys.组织, during)
    if (chart) return chartReply(ctx, services.reportCharts, '考勤', org, during)
    const member = ctx.message.mentions.length ? await ctx.mentionedMember() : undefined
    return services.report.attendance({
      org,
      period: during,
      now: ctx.now,
      askerContactId: ctx.asker.contactId,
      inGroup: true,
      ...(member ? { member } : {}),
    })
  },
})

export const scorecard = command({
  name: '统计',
  summary: texts.summaries.scorecard(),
  usage: `统计 ${PERIOD_USAGE} [图]`,
  example: '统计 本季度',
  // Officers ask privately too: the organisation comes from their office (组织 <名> when several).
  where: 'org',
  access: OFFICERS,
  args: z.object({ words: z.array(z.string()).max(2) }).transform(withChartWord),
  run: async (ctx, { words, chart }, services) => {
    if (chart) return chartReply(ctx, services.reportCharts, '统计', ctx.group.org, period(ctx, words[0]))
    const when = period(ctx, words[0])
    const [figures, development] = await Promise.all([services.report.scorecardText(ctx.group.org, when, ctx.now), services.rollup.lines(ctx.group.org, when, ctx.now)])
    return [figures, ...development].join('\n')
  },
})

const PERIOD_EXPORTS = ['考勤', '党费', '统计'] as const
const RECORD_EXPORTS = ['活动', '会议'] as const
/** The units' coverage as it stands today (no period). */
const STANDING_EXPORTS = ['覆盖'] as const

/** `[kind]` or `[kind, word]`; a record's export ignores the word, as it always has. */
const kindAndWord = <K extends readonly [string, ...string[]]>(kinds: K) =>
  z.union([z.tuple([z.enum(kinds)]), z.tuple([z.enum(kinds), z.string()])]).transform(([kind, word]) => ({ kind, word }))

export const exportFile = command({
  name: '导出',
  summary: texts.summaries.exportFile(),
  usage: `导出 <${[...PERIOD_EXPORTS, ...RECORD_EXPORTS, ...STANDING_EXPORTS].join('|')}> [#编号] [期间] ${ORG_BELOW_USAGE}`,
  example: '导出 考勤 本月',
  // Officers ask privately too: the organisation comes from their office (组织 <名> when several).
  where: 'org',
  access: OFFICERS,
  keywords: ['组织'],
  // 考勤 and 党费 cover a period; 活动 and 会议 need the record's #n.
  args: z.union([
    z.object({ ref: z.undefined().optional(), words: kindAndWord(PERIOD_EXPORTS), keys: orgKey }),
    z.object({ ref: recordRef, words: kindAndWord(RECORD_EXPORTS), keys: orgKey }),
    z.object({ ref: z.undefined().optional(), words: z.tuple([z.enum(STANDING_EXPORTS)]).transform(([kind]) => ({ kind, word: undefined })), keys: orgKey }),
  ]),
  run: async (ctx, args, services): Promise<Reply[]> => {
    const exports = services.reportExport
    let file
    if (args.words.kind === '覆盖') {
      file = await services.coverage.exportFile(await target(ctx, services.report, args.keys.组织))
    } else if (args.ref === undefined) {
      const { kind, word } = args.words
      const during = period(ctx, word)
      const org = await target(ctx, services.report, args.keys.组织, during)
      file =
        kind === '考勤' ? await exports.attendance(org, during, ctx.now) : kind === '党费' ? await exports.dues(org, during, ctx.now) : await services.scorecardExport.file(org, during, ctx.now)
    } else {
      const org = await target(ctx, services.report, args.keys.组织)
      const scope = (await services.report.scope(org)).map((o) => o.id)
      file = args.words.kind === '活动' ? await exports.activity(scope, args.ref) : await exports.meeting(scope, args.ref)
    }
    return [
      { text: texts.report.exportSentPrivately({ name: file.name }) },
      { text: texts.report.exportSent({ name: file.name }), privateTo: ctx.asker.contactId, file },
    ]
  },
})

export const reportCommands = [attendance, scorecard, exportFile]
