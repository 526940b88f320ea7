import { z } from 'zod'
import { texts } from '../src/texts/index.js'
import { commandsOf } from '../src/commands/command.js'
import { OFFICERS } from '../src/domain/org/rights.js'
import type { RosterService } from '../src/domain/roster/roster.service.js'
import { isUnitFile } from '../src/domain/units/unit-sheet.js'
import type { UnitService } from '../src/domain/units/unit.service.js'

/** The services these commands call: a unit list (单位名单) sent privately goes to the units. */
export type RosterNeeds = { roster: RosterService; units: UnitService }
const command = commandsOf<RosterNeeds>('members')

export const importRoster = command({
  name: '导入名册',
  // Sending the file privately is the command: typed, the word answers how to send one.
  summary: texts.summaries.importRoster(),
  usage: '导入名册',
  example: '导入名册',
  where: 'org',
  access: OFFICERS,
  acceptsFile: true,
  run: async (ctx, _args, services) => {
    const { file } = ctx.message
    if (file && (await isUnitFile(file))) return services.units.preview({ org: ctx.group.org, contactId: ctx.asker.contactId, file, now: ctx.now })
    return services.roster.preview({ org: ctx.group.org, contactId: ctx.asker.contactId, file, now: ctx.now })
  },
})

export const confirmImport = command({
  name: '确认导入',
  summary: texts.summaries.confirmImport(),
  usage: '确认导入',
  example: '确认导入',
  where: 'org',
  access: OFFICERS,
  run: async (ctx, _args, services) => {
    const input = { org: ctx.group.org, contactId: ctx.asker.contactId, now: ctx.now }
    // The officer's latest preview decides: a unit list or a roster.
    return (await services.units.hasPending(input.org, input.contactId)) ? services.units.confirm(input) : services.roster.confirm(input)
  },
})

export const rosterTemplate = command({
  name: '导入模板',
  summary: texts.summaries.rosterTemplate(),
  usage: '导入模板',
  example: '导入模板',
  where: 'org',
  access: OFFICERS,
  run: async (ctx, _args, services) => {
    const { text, file } = await services.roster.template()
    return ctx.message.conversation.kind === 'group' ? { text, file, privateTo: ctx.asker.contactId } : { text, file }
  },
})

export const claim = command({
  name: '认领',
  summary: texts.summaries.claim(),
  usage: '认领 <序号>',
  example: '认领 2',
  where: 'group',
  access: 'member',
  args: z.object({ words: z.tuple([z.coerce.number().int().min(1).max(99)]) }).transform((a) => ({ choice: a.words[0] })),
  run: (ctx, { choice }, services) => services.roster.claimChoice(ctx.member, choice, ctx.now),
})

export const rosterCommands = [importRoster, confirmImport, rosterTemplate, claim]
