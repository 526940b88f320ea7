import type { AuditRepository } from '../domain/audit/audit.repository.js'
import { texts } from '../texts/index.js'
import { UserError } from '../texts/user-error.js'
import type { AccountsRepository, GroupAccount } from './accounts.repository.js'

/** An account that beat this recently and has not logged out is online (it beats at least every lease, 30 s by default). */
const ONLINE_WITHIN_MS = 3 * 60_000

export interface ListedAccount {
  number: number
  account: string
  name: string
  speaking: boolean
  offline: boolean
}

/**
 * 换号: which bot account speaks in a group, when several accounts share the database. An
 * officer lists the accounts in the group and moves the group to another one; the move is audited.
 */
export class GroupAccountsService {
  constructor(
    private readonly accounts: AccountsRepository,
    private readonly audit: AuditRepository,
  ) {}

  /** The accounts in the group, numbered by name (as 换号 lists them). */
  async list(roomId: string, now: Date): Promise<ListedAccount[]> {
    const { owner, accounts } = await this.accounts.inGroup(roomId)
    const named = accounts.map((a) => ({ ...a, shown: a.name ?? texts.accounts.unnamed({ account: a.account }) }))
    named.sort((a, b) => a.shown.localeCompare(b.shown, 'zh-CN') || a.account.localeCompare(b.account))
    return named.map((a, index) => ({ number: index + 1, account: a.account, name: a.shown, speaking: a.account === owner, offline: !online(a, now) }))
  }

  /** The lines of the list, for replies. */
  lines(listed: ListedAccount[]): string[] {
    return listed.map((a) => texts.accounts.line(a))
  }

  /**
   * Moves the group to the account chosen by number or name. Returns who speaks now and before.
   * Refuses (UserError) an unknown choice, the account already speaking, or one that is offline.
   */
  async move(roomId: string, choice: string, by: { contactId: string; orgId: number; now: Date }): Promise<{ name: string; from: string }> {
    const listed = await this.list(roomId, by.now)
    const target = pick(listed, choice)
    if (!target) throw new UserError('accounts.unknown', { choice: choice.slice(0, 20), lines: this.lines(listed) })
    if (target.speaking) throw new UserError('accounts.already', { name: target.name })
    if (target.offline) throw new UserError('accounts.offline', { name: target.name })
    const from = listed.find((a) => a.speaking)
    await this.accounts.moveGroup(roomId, target.account, by.now)
    await this.audit.record({
      at: by.now,
      actorContactId: by.contactId,
      action: 'group.account-move',
      orgId: by.orgId,
      detail: { roomId, from: from?.account ?? null, to: target.account },
    })
    return { name: target.name, from: from?.name ?? '—' }
  }
}

function online(account: GroupAccount, now: Date): boolean {
  return account.loggedOutAt === null && account.beatAt !== null && account.beatAt.getTime() > now.getTime() - ONLINE_WITHIN_MS
}

/** By number (as listed), by exact name, or by the one name that contains the words. */
function pick(listed: ListedAccount[], choice: string): ListedAccount | undefined {
  const typed = choice.trim().replace(/^#/, '')
  if (/^\d+$/.test(typed)) return listed.find((a) => a.number === Number(typed))
  const exact = listed.find((a) => a.name === typed)
  if (exact) return exact
  const partial = listed.filter((a) => a.name.includes(typed))
  return partial.length === 1 ? partial[0] : undefined
}
