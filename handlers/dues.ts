import { z } from 'zod'
import type { ReportCharts } from '../src/charts/report-charts.js'
import { parsePeriod } from '../src/domain/report/period.js'
import { commandsOf } from '../src/commands/command.js'
import type { CommandContext, CommandDef } from '../src/commands/command.js'
import type { Reply } from '../src/chat/reply.js'
import type { DuesAssessmentService } from '../src/domain/dues/dues-assessment.service.js'
import type { DuesPaymentService } from '../src/domain/dues/dues-payments.service.js'
import type { DuesReminderService } from '../src/domain/dues/dues-reminders.service.js'
import type { DuesStatementService } from '../src/domain/dues/dues-statements.service.js'
import { DUES_OFFICERS, OFFICERS } from '../src/domain/org/rights.js'
import { texts } from '../src/texts/index.js'

/** The services these commands call. */
export type DuesNeeds = {
  duesAssessment: DuesAssessmentService
  duesPayments: DuesPaymentService
  duesStatements: DuesStatementService
  duesReminders: DuesReminderService
  charts: ReportCharts
}
const command = commandsOf<DuesNeeds>('dues')
/** The word that turns 党费情况 into a chart. */
const CHART_WORD = '图'

/** Free words after the command; months may be typed with spaces (`2026-09 至 2026-11`). */
const word = z.string().min(1).max(40)
const monthWords = z.array(word).max(5)
const joined = (words: string[]): string | null => (words.length ? words.join('') : null)

export const duesRate = command({
  name: '党费标准',
  summary: texts.summaries.duesRate(),
  usage: '党费标准 <月收入> [类别]',
  example: '党费标准 5100 在职',
  where: 'any',
  access: 'anyone',
  args: z.object({ words: z.array(word).min(1).max(2) }),
  run: async (ctx, { words }, services) => services.duesAssessment.standard({ words, defaultCategory: ctx.asker.member?.category ?? null }),
})

export const assessDues = command({
  name: '核定党费',
  summary: texts.summaries.assessDues(),
  usage: texts.dues.assessUsage(),
  example: '核定党费 @张三 收入 8800 在职 从 2026-09',
  where: 'org',
  target: 'member',
  access: DUES_OFFICERS,
  keywords: ['收入', '党费', '从', '确认'],
  args: z
    .object({
      words: z.array(word).max(2),
      keys: z.object({
        收入: z.string().min(1).max(60).optional(),
        党费: z.string().min(1).max(60).optional(),
        从: z.string().min(1).max(20).optional(),
        确认: z.literal('').optional(),
      }),
    })
    .transform(({ words, keys }, zod) => {
      const shared = { fromText: keys.从 ?? null, confirmed: keys.确认 !== undefined }
      // `收入 8800 [类别]` or `党费 132 [类别]` (a category may also come before the keyword), or a bare `132 [类别]`.
      const keyed = keys.收入 ?? keys.党费
      const [number, category, ...extra] = keyed === undefined ? words : [...keyed.split(' '), ...words]
      if (number === undefined || extra.length > 0 || (keys.收入 !== undefined && keys.党费 !== undefined)) {
        zod.addIssue({ code: 'custom', message: 'one amount or one income' })
        return z.NEVER
      }
      const categoryText = category ?? null
      if (keys.收入 !== undefined) return { amountText: null, incomeText: number, categoryText, explicitDues: false, ...shared }
      return { amountText: number, incomeText: null, categoryText, explicitDues: keys.党费 !== undefined, ...shared }
    }),
  run: async (ctx, args, services) => {
    const { group, asker } = ctx
    const target = await ctx.mentionedMember()
    const replies = await services.duesAssessment.assess({ context: group, asker, target, ...args, now: ctx.now })
    return remindPrivateForm(ctx, replies, texts.dues.assessPrivateForm({ name: target.name }))
  },
})

export const collectDues = command({
  name: '收党费',
  summary: texts.summaries.collectDues(),
  usage: texts.dues.collectUsage(),
  example: '收党费 @张三 229.50 9-11月',
  where: 'org',
  target: 'member',
  access: DUES_OFFICERS,
  args: z
    .object({ words: z.tuple([word], word).refine((w) => w.length <= 6) })
    .transform(({ words: [amount, ...months] }) => ({ amountText: amount, monthText: joined(months) })),
  run: async (ctx, args, services) => {
    const { group, asker } = ctx
    const target = await ctx.mentionedMember()
    const replies = await services.duesPayments.collect({ context: group, asker, target, ...args, now: ctx.now })
    return remindPrivateForm(ctx, replies, texts.dues.collectPrivateForm({ name: target.name }))
  },
})

export const payDues = command({
  name: '交党费',
  summary: texts.summaries.payDues(),
  usage: texts.dues.reportUsage(),
  example: '交党费 88.00 11月',
  where: 'org',
  access: 'member',
  args: z
    .object({ words: z.tuple([word], word).refine((w) => w.length <= 6) })
    .transform(({ words: [amount, ...months] }) => ({ amountText: amount, monthText: joined(months) })),
  run: async (ctx, args, services) => {
    const { group, asker, member } = ctx
    const replies = await services.duesPayments.report({ context: group, asker, self: member, ...args, now: ctx.now })
    return remindPrivateForm(ctx, replies, texts.dues.reportPrivateForm())
  },
})

export const confirmDues = command({
  name: '确认党费',
  summary: texts.summaries.confirmDues(),
  usage: '确认党费 @某人 [月份]',
  example: '确认党费 @张三 11月',
  where: 'org',
  target: 'member',
  access: DUES_OFFICERS,
  args: z.object({ words: monthWords }).transform(({ words }) => ({ monthText: joined(words) })),
  run: async (ctx, args, services) => {
    const { group, asker } = ctx
    return services.duesPayments.confirm({ context: group, asker, target: await ctx.mentionedMember(), ...args, now: ctx.now })
  },
})

export const myDues = command({
  name: '我的党费',
  summary: texts.summaries.myDues(),
  usage: '我的党费',
  example: '我的党费',
  where: 'any',
  access: 'anyone',
  args: z.object({ words: z.tuple([]) }),
  run: async (ctx, _args, services) => services.duesStatements.mine({ asker: ctx.asker, group: ctx.group, now: ctx.now }),
})

export const duesStatus = command({
  name: '党费情况',
  summary: texts.summaries.duesStatus(),
  usage: '党费情况 [月份] [图]',
  example: '党费情况 11月',
  where: 'org',
  access: OFFICERS,
  args: z.object({ words: monthWords }).transform(({ words }) => ({ monthText: joined(words.filter((w) => w !== CHART_WORD)), chart: words.includes(CHART_WORD) })),
  run: async (ctx, { monthText, chart }, services) => {
    const { group, asker } = ctx
    if (chart) {
      // The collection rate, as a picture: bars per organisation below, or this year's months for a branch.
      const month = parsePeriod('本月', ctx.now, ctx.timeZone)!
      const drawn = await services.charts.chart('党费情况', group.org, month, ctx.now)
      return [{ text: texts.report.chartSentPrivately() }, { text: texts.report.chartCaption({ org: group.org.name, period: month.label }), file: drawn.file, privateTo: asker.contactId }]
    }
    return services.duesStatements.status({ context: group, asker, monthText, now: ctx.now })
  },
})

export const collectionDay = command({
  name: '收缴日',
  summary: texts.summaries.collectionDay(),
  usage: '收缴日 <1-28>',
  example: '收缴日 10',
  where: 'org',
  access: DUES_OFFICERS,
  // 1–28: every month has the day, so the reminder never slides to another date.
  args: z.object({ words: z.tuple([z.string().regex(/^\d{1,2}$/).transform(Number).pipe(z.number().int().min(1).max(28))]) }),
  run: (ctx, { words: [day] }, services) => {
    const { group, asker } = ctx
    return services.duesReminders.setCollectionDay({ context: group, asker, day, now: ctx.now })
  },
})

/**
 * An amount typed in a group was read by everyone: the group's reply (which carries none) says
 * so and gives the private form for next time. It cannot unsay what was typed, and does not try.
 */
function remindPrivateForm(ctx: CommandContext, replies: Reply[], form: string): Reply[] {
  if (ctx.message.conversation.kind !== 'group') return replies
  return replies.map((r) => (r.privateTo === undefined ? { ...r, text: `${r.text}\n${texts.dues.usePrivateForm({ form })}` } : r))
}

export const duesCommands = [duesRate, assessDues, collectDues, payDues, confirmDues, myDues, duesStatus, collectionDay]
