import type { Logger } from 'pino'
import type { PaceClock } from '../clock.js'
import type { AccountsRepository } from './accounts.repository.js'

const NOTE_EVERY_MS = 3_600_000

/**
 * Remembers, at most hourly per chat, that the logged-in account can send to a person and a
 * group it heard from: with several accounts, a group is owned by one that is in it and a private
 * message goes from one that shares a group with the person.
 */
export class ReachNotes {
  readonly #noted = new Map<string, number>()

  constructor(
    private readonly deps: { accounts: AccountsRepository; account: () => string | null; pace: PaceClock; logger: Logger },
  ) {}

  heard(at: { roomId?: string | undefined; contactId: string }): void {
    const { accounts, pace, logger } = this.deps
    const account = this.deps.account()
    if (account === null) return
    const key = `${account}|${at.roomId ?? ''}|${at.contactId}`
    const now = pace.nowMs()
    if ((this.#noted.get(key) ?? Number.NEGATIVE_INFINITY) > now - NOTE_EVERY_MS) return
    this.#noted.set(key, now)
    accounts.seen(account, at, new Date(now)).catch((err: unknown) => logger.warn({ err }, 'accounts: could not note where this account can send'))
  }
}
