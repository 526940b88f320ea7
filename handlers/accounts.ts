import { z } from 'zod'
import { commandsOf } from '../src/commands/command.js'
import { OFFICERS } from '../src/domain/org/rights.js'
import type { GroupAccountsService } from '../src/outbox/group-accounts.service.js'
import { texts } from '../src/texts/index.js'

/** The services these commands call. */
export type AccountsNeeds = { groupAccounts: GroupAccountsService }
const command = commandsOf<AccountsNeeds>('other')

/** Several bot accounts on one database: an officer sees which accounts are in the group and picks the one that speaks. */
export const switchAccount = command({
  name: '换号',
  summary: texts.summaries.switchAccount(),
  usage: '换号 [账号编号|账号名]',
  example: '换号 2',
  where: 'group',
  access: OFFICERS,
  args: z.object({ text: z.string().max(40) }),
  run: async (ctx, { text }, services) => {
    const roomId = ctx.message.conversation.kind === 'group' ? ctx.message.conversation.roomId : ''
    const { groupAccounts } = services
    const listed = await groupAccounts.list(roomId, ctx.now)
    if (listed.length === 0) return texts.accounts.noneKnown()
    if (listed.length === 1 && listed[0]) return texts.accounts.onlyOne({ name: listed[0].name })
    if (!text) return texts.accounts.list({ lines: groupAccounts.lines(listed) })
    const moved = await groupAccounts.move(roomId, text, { contactId: ctx.asker.contactId, orgId: ctx.group.org.id, now: ctx.now })
    return texts.accounts.moved(moved)
  },
})

export const accountsCommands = [switchAccount]
