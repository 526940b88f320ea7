import { z } from 'zod'
import { commandsOf } from '../src/commands/command.js'
import { OFFICERS_ANYWHERE } from '../src/domain/org/rights.js'
import { texts } from '../src/texts/index.js'

/** The services these commands call: a one-time link into the officers' web console. */
export type ConsoleNeeds = { console: { linkFor(contactId: string, now: Date): Promise<string> } }
const command = commandsOf<ConsoleNeeds>('other')

export const consoleLogin = command({
  name: '后台',
  summary: texts.summaries.consoleLogin(),
  usage: '后台',
  example: '后台',
  where: 'private',
  access: OFFICERS_ANYWHERE,
  args: z.object({ words: z.tuple([]) }),
  run: async (ctx, _args, services) => texts.console.linkReply({ url: await services.console.linkFor(ctx.asker.contactId, ctx.now) }),
})

export const consoleCommands = [consoleLogin]
