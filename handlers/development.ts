import { z } from 'zod'
import { commandsOf } from '../src/commands/command.js'
import { ACCEPTED_STEP_WORDS, readDevelopmentStep, SHORT_STEP_WORDS } from '../src/domain/development/development-rules.js'
import type { DevelopmentService } from '../src/domain/development/development.service.js'
import { OFFICERS } from '../src/domain/org/rights.js'
import { readSheetDate } from '../src/domain/roster/roster-rules.js'
import { texts } from '../src/texts/index.js'

/** The services these commands call. */
export type DevelopmentNeeds = { development: DevelopmentService }
const command = commandsOf<DevelopmentNeeds>('members')

/** A whole day (YYYY-MM-DD) in any usual style, or null. */
function readDay(text: string): string | null {
  const day = readSheetDate(text)
  return day && day.length === 10 ? day : null
}

export const develop = command({
  name: '发展',
  summary: texts.summaries.develop(),
  usage: `发展 [@某人 <${SHORT_STEP_WORDS.join('|')}> <日期>]`,
  example: '发展 @张三 积极分子 2026-03-01',
  where: 'org',
  access: OFFICERS,
  args: z
    .object({ words: z.union([z.tuple([]), z.tuple([z.string(), z.string()])]) })
    .transform(({ words }, ctx) => {
      if (words.length === 0) return null
      const step = readDevelopmentStep(words[0])
      const on = readDay(words[1])
      if (!step) ctx.addIssue({ code: 'custom', message: texts.development.badStep({ word: words[0].slice(0, 10), accepted: ACCEPTED_STEP_WORDS }) })
      else if (!on) ctx.addIssue({ code: 'custom', message: texts.development.badDate({ text: words[1].slice(0, 20) }) })
      return step && on ? { step, on } : null
    }),
  run: async (ctx, args, services) => {
    if (!args) return services.development.overview(ctx.group.org, ctx.now)
    return services.development.record({ org: ctx.group.org, target: await ctx.mentionedMember(), ...args, byContactId: ctx.asker.contactId, now: ctx.now })
  },
})

export const thoughtReport = command({
  name: '思想汇报',
  summary: texts.summaries.thoughtReport(),
  usage: '思想汇报 @某人 [日期]',
  example: '思想汇报 @张三 2026-03-28',
  where: 'org',
  access: OFFICERS,
  target: 'member',
  args: z
    .object({ words: z.union([z.tuple([]), z.tuple([z.string()])]) })
    .transform(({ words }, ctx) => {
      const on = words[0] === undefined ? null : readDay(words[0])
      if (words[0] !== undefined && !on) ctx.addIssue({ code: 'custom', message: texts.development.badDate({ text: words[0].slice(0, 20) }) })
      return { on }
    }),
  run: async (ctx, { on }, services) =>
    services.development.recordThoughtReport({ org: ctx.group.org, target: await ctx.mentionedMember(), on, byContactId: ctx.asker.contactId, now: ctx.now }),
})

export const developmentCommands = [develop, thoughtReport]
