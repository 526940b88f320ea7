import type { Db } from '../db/client.js'
import { claimIfUnowned, privateChat } from './outbox.repository.js'

const groupChat = (roomId: string) => `group:${roomId}`

export interface GroupAccount {
  account: string
  name: string | null
  beatAt: Date | null
  loggedOutAt: Date | null
}

/**
 * Several bot accounts on one database: which account is alive, where each can send, and which
 * one speaks in each group. The only Prisma code for them.
 */
export class AccountsRepository {
  constructor(private readonly db: Db) {}

  /** The account's process is alive (and logged in). */
  async beat(account: string, instanceId: string, now: Date): Promise<void> {
    const alive = { instanceId, beatAt: now, loggedOutAt: null }
    await this.db.botAccount.upsert({ where: { account }, create: { account, ...alive }, update: alive })
  }

  /** The account's WeChat name, as 换号 lists it. */
  async named(account: string, name: string, instanceId: string, now: Date): Promise<void> {
    await this.db.botAccount.upsert({ where: { account }, create: { account, name, instanceId, beatAt: now }, update: { name } })
  }

  /** The accounts known to be in the group, with their names and signs of life, and the one that speaks there. */
  async inGroup(roomId: string): Promise<{ owner: string | null; accounts: GroupAccount[] }> {
    const reach = await this.db.accountReach.findMany({ where: { chat: groupChat(roomId) }, select: { account: true } })
    const rows = await this.db.botAccount.findMany({ where: { account: { in: reach.map((r) => r.account) } } })
    const accounts = reach.map(({ account }) => {
      const row = rows.find((r) => r.account === account)
      return { account, name: row?.name ?? null, beatAt: row?.beatAt ?? null, loggedOutAt: row?.loggedOutAt ?? null }
    })
    return { owner: await this.ownerOf(roomId), accounts }
  }

  /** The group passes to `account` (an officer's 换号), with its waiting messages. */
  async moveGroup(roomId: string, account: string, now: Date): Promise<void> {
    await this.db.$transaction(async (tx) => {
      await tx.groupOwner.upsert({ where: { roomId }, create: { roomId, account, since: now }, update: { account, since: now } })
      await tx.outboxMessage.updateMany({ where: { toKind: 'group', toId: roomId, state: 'queued', account: { not: account } }, data: { account } })
    })
  }

  async loggedOut(account: string, now: Date): Promise<void> {
    await this.db.botAccount.updateMany({ where: { account }, data: { loggedOutAt: now } })
  }

  /**
   * The account saw a message from `contactId` (in `roomId`, if a group's): it can send there, and
   * a group no account speaks in yet becomes its own (first seen).
   */
  async seen(account: string, at: { roomId?: string | undefined; contactId: string }, now: Date): Promise<void> {
    const chats = [privateChat(at.contactId), ...(at.roomId ? [groupChat(at.roomId)] : [])]
    for (const chat of chats) {
      await this.db.accountReach.upsert({ where: { account_chat: { account, chat } }, create: { account, chat, seenAt: now }, update: { seenAt: now } })
    }
    if (at.roomId) await claimIfUnowned(this.db, at.roomId, account, now)
  }

  /** The account was added to the group: it can send there, and owns it if no account does yet. */
  async joinedGroup(account: string, roomId: string, now: Date): Promise<void> {
    const chat = groupChat(roomId)
    await this.db.accountReach.upsert({ where: { account_chat: { account, chat } }, create: { account, chat, seenAt: now }, update: { seenAt: now } })
    await claimIfUnowned(this.db, roomId, account, now)
  }

  /** The account left the group (removed, or the group dissolved): it no longer speaks there. */
  async leftGroup(account: string, roomId: string): Promise<void> {
    await this.db.accountReach.deleteMany({ where: { account, chat: groupChat(roomId) } })
  }

  ownerOf(roomId: string): Promise<string | null> {
    return this.db.groupOwner.findUnique({ where: { roomId } }).then((row) => row?.account ?? null)
  }

  /**
   * Groups whose owner has been gone (logged out, silent, or out of the group) longer than
   * `delayMs` and that `account` is in pass to it, with their waiting messages. Returns them.
   */
  async takeOverAbandoned(account: string, now: Date, delayMs: number): Promise<string[]> {
    const cutoff = new Date(now.getTime() - delayMs)
    // Private messages of an account gone for good reach the person from here rather than never.
    const goneAccounts = await this.db.botAccount.findMany({
      where: { account: { not: account }, OR: [{ beatAt: { lt: cutoff } }, { loggedOutAt: { lt: cutoff } }] },
      select: { account: true },
    })
    if (goneAccounts.length > 0) {
      await this.db.outboxMessage.updateMany({ where: { toKind: 'private', state: 'queued', account: { in: goneAccounts.map((a) => a.account) } }, data: { account } })
    }
    const mine = await this.db.accountReach.findMany({ where: { account, chat: { startsWith: 'group:' } }, select: { chat: true } })
    const rooms = mine.map((r) => r.chat.slice('group:'.length))
    if (rooms.length === 0) return []
    const owned = await this.db.groupOwner.findMany({ where: { roomId: { in: rooms }, account: { not: account } } })
    const taken: string[] = []
    for (const { roomId, account: owner, since } of owned) {
      const state = await this.db.botAccount.findUnique({ where: { account: owner } })
      const inGroup = (await this.db.accountReach.count({ where: { account: owner, chat: groupChat(roomId) } })) > 0
      // An owner with no sign of life yet (its process may be starting beside this one) is given
      // the same delay, counted from when it became the owner.
      const silent = state ? state.beatAt < cutoff || (state.loggedOutAt !== null && state.loggedOutAt < cutoff) : since < cutoff
      const gone = silent || !inGroup
      if (!gone) continue
      const moved = await this.db.$transaction(async (tx) => {
        const { count } = await tx.groupOwner.updateMany({ where: { roomId, account: owner }, data: { account, since: now } })
        if (count === 1) await tx.outboxMessage.updateMany({ where: { toKind: 'group', toId: roomId, account: owner, state: 'queued' }, data: { account } })
        return count === 1
      })
      if (moved) taken.push(roomId)
    }
    return taken
  }
}
