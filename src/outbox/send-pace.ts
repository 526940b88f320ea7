import type { Logger } from '../logger.js'
import type { OutboxLimits } from './limits.js'
import { chatKey } from './outbox-row.js'
import type { KnownPace, OutboxRow } from './outbox.repository.js'

const DAY_MS = 86_400_000
const MINUTE_MS = 60_000

/**
 * What this process has sent, against the limits (README「提醒与发送」): the last send to each
 * chat, the sends of the rolling minute, and the day's count, which warns at 80 % of the cap.
 */
export class SendPace {
  readonly #lastToChat = new Map<string, number>()
  /** Send times within the last minute, oldest first. */
  readonly #recent: number[] = []
  #day = -1
  #sentToday = 0
  #warnedToday = false

  constructor(
    private readonly limits: OutboxLimits,
    private readonly logger: Logger,
  ) {}

  /** Midnight (UTC day) of `now`'s day: the day the cap counts. */
  dayStart(now: number): Date {
    this.rollDay(now)
    return new Date(this.#day * DAY_MS)
  }

  /**
   * The earliest time this row may go, given the per-chat interval, the minute rate and the daily
   * cap: from this process's memory and from what the database knows of every process's sends
   * (another process of the same account, or another account in the same group), the later wins.
   */
  readyAt(row: OutboxRow, now: number, known: KnownPace | null): number {
    const { limits } = this
    this.rollTo(now)
    const lastToChat = Math.max(this.#lastToChat.get(chatKey(row)) ?? Number.NEGATIVE_INFINITY, known?.lastToChat.get(chatKey(row)) ?? Number.NEGATIVE_INFINITY)
    const byChat = lastToChat + limits.chatIntervalMs
    const byMinute = Math.max(minuteLimit(this.#recent, limits.perMinute), known?.minuteFullSince != null ? known.minuteFullSince + MINUTE_MS : 0)
    const byDay = this.#sentToday >= limits.dailyCap || known?.dayFull ? (this.#day + 1) * DAY_MS : 0
    return Math.max(byChat, byMinute, byDay, row.notBefore.getTime())
  }

  /** How many more this process may send now, as far as its own minute and day go. */
  room(now: number): number {
    this.rollTo(now)
    return Math.min(this.limits.perMinute - this.#recent.length, this.limits.dailyCap - this.#sentToday)
  }

  record(row: OutboxRow, at: number): void {
    const { limits, logger } = this
    this.#lastToChat.set(chatKey(row), at)
    this.#recent.push(at)
    this.rollDay(at)
    this.#sentToday += 1
    if (!this.#warnedToday && this.#sentToday >= limits.dailyCap * 0.8) {
      this.#warnedToday = true
      logger.warn({ sentToday: this.#sentToday, dailyCap: limits.dailyCap }, 'outbox: nearing the daily message cap')
    }
    if (this.#sentToday === limits.dailyCap) logger.error({ dailyCap: limits.dailyCap }, 'outbox: daily cap reached, sending resumes tomorrow')
  }

  /** Forgets the sends that left the rolling minute, and yesterday's count. */
  private rollTo(now: number): void {
    this.rollDay(now)
    while (this.#recent.length > 0 && this.#recent[0]! <= now - MINUTE_MS) this.#recent.shift()
  }

  private rollDay(now: number): void {
    const day = Math.floor(now / DAY_MS)
    if (day !== this.#day) {
      this.#day = day
      this.#sentToday = 0
      this.#warnedToday = false
    }
  }
}

/** When the minute rate lets the next message go, given the send times of the last minute. */
function minuteLimit(recent: readonly number[], perMinute: number): number {
  return recent.length >= perMinute ? recent[recent.length - perMinute]! + MINUTE_MS : 0
}
