import type { Db } from '../db/client.js'
import { chatKey, toNewOutboxMessage, toOutgoing, type QueuedMessage } from './outbox-row.js'
import type { OutboxDeps } from './outbox-deps.js'
import type { KnownPace, OutboxRepository, OutboxRow } from './outbox.repository.js'
import { SendPace } from './send-pace.js'
import { yieldToEventLoop } from '../util/event-loop.js'

export { DEFAULT_LIMITS, type OutboxLimits } from './limits.js'
export type { QueuedMessage } from './outbox-row.js'

/** Messages read at a time, in the order they may go. */
const BATCH = 50
/** How long the loop sleeps when nothing is waiting; an enqueue wakes it sooner. */
const IDLE_SLEEP_MS = 60_000

/** A message this sender has claimed, and when. */
interface Handed {
  row: OutboxRow
  claimedAt: number
}

/**
 * The one way out: every reply and reminder is queued in the database, then sent one at a time
 * within the per-chat and global rates, retried with backoff, and marked sent.
 */
export class Outbox {
  /** What this process has sent, against the limits. */
  readonly #sent: SendPace
  #running = false
  #loop: Promise<void> | null = null
  #wake = new AbortController()
  /** Set by an enqueue that came while the loop was busy, so its next sleep is skipped. */
  #woken = false
  #idleWaiters: Array<() => void> = []
  /** The sender found nothing else waiting and nothing was queued since: a new reply may be handed over. */
  #caughtUp = false
  /** Counts messages queued here and not handed over: the sender knows whether any came while it read the queue. */
  #queuedUnhanded = 0
  /** Messages claimed by this sender (replies as they were queued, or a read's worth), in order, to send without reading the queue. */
  #handed: Handed[] = []
  /** Sent, but marking them sent failed (the database was away): marked before anything else is sent. */
  #sentUnmarked: Array<{ id: number; at: Date }> = []

  constructor(private readonly deps: OutboxDeps) {
    this.#sent = new SendPace(deps.limits, deps.logger)
  }

  /**
   * Queues the messages, and wakes the sender. `within` a transaction the caller commits (written
   * through `tx` when given; on SQLite the connection puts them in it), the sender is woken once it
   * has `committed`, and what an idle sender could take now is claimed in it and handed over then.
   */
  async enqueue(messages: readonly QueuedMessage[], within?: { tx: Db | undefined; committed: Promise<void> }): Promise<void> {
    const { pace, limits, instanceId } = this.deps
    const repo = within?.tx ? this.deps.repo.within(within.tx) : this.deps.repo
    const afterCommit: Handed[] = []
    for (const message of messages) {
      // Nothing else waits for this sender: no message a line could join (no statement to find
      // out), and a message due now is handed over already claimed, not read back.
      const caughtUp = this.#running && this.#caughtUp
      if (message.coalesceKey && !caughtUp && (await repo.appendToWaiting(message.coalesceKey, message.text))) continue
      const now = pace.nowMs()
      const row = toNewOutboxMessage(message, { createdAt: new Date(now), coalesceUntil: new Date(now + limits.coalesceMs) })
      const handOver = caughtUp && row.notBefore.getTime() <= now
      const inserted = await repo.insertForGroup(row, handOver ? { by: instanceId, at: new Date(now) } : undefined)
      if (!inserted) await repo.insert(row)
      if (inserted?.claimed) (within ? afterCommit : this.#handed).push({ row: inserted.row, claimedAt: now })
      else this.#leftQueued()
    }
    if (within) {
      // The sender learns of them once committed (rolled back: gone with it, nothing to send).
      void within.committed.then(() => (this.#handed.push(...afterCommit), this.wake()), () => undefined)
      return
    }
    if (!this.#running) await this.releaseHanded().catch(() => undefined)
    this.wake()
  }

  /**
   * Starts sending, as `account` (the logged-in user: it sends only its own rows) when given;
   * messages a dead sender left half-sent go back to the queue first.
   */
  async start(account?: string): Promise<void> {
    if (account !== undefined) this.deps.repo.actAs(account)
    if (this.#running) return
    await this.reclaim()
    this.#running = true
    this.#loop = this.run()
  }

  #lastReclaim = 0
  /** Messages a dead sender left `sending` longer than the lease go back to the queue. */
  private async reclaim(): Promise<void> {
    const now = this.deps.pace.nowMs()
    this.#lastReclaim = now
    await this.keepAccount(now)
    const reclaimed = await this.deps.repo.reclaimAbandoned(new Date(now - this.deps.limits.leaseMs))
    if (reclaimed > 0) this.deps.logger.warn({ reclaimed }, 'outbox: messages left sending by a stopped sender are queued again')
    const purged = await this.deps.repo.purgeSent(new Date(now - this.deps.limits.retentionMs))
    if (purged > 0) this.deps.logger.info({ purged }, 'outbox: sent messages past the retention period deleted')
  }

  private async keepAccount(now: number): Promise<void> {
    const { accounts, repo, instanceId, logger } = this.deps
    const account = repo.account
    if (!accounts || account === null) return
    await accounts.repo.beat(account, instanceId, new Date(now))
    const taken = await accounts.repo.takeOverAbandoned(account, new Date(now), accounts.takeoverDelayMs)
    if (taken.length === 0) return
    logger.warn({ groups: taken.length }, 'outbox: groups whose account was gone are taken over by this account')
    accounts.onTakeover(taken)
  }

  /** Resolves once nothing is queued (or after `timeoutMs`, false then). */
  async whenIdle(timeoutMs = Number.POSITIVE_INFINITY): Promise<boolean> {
    if ((await this.deps.repo.countQueued()) === 0) return true
    const idle = new Promise<boolean>((resolve) => this.#idleWaiters.push(() => resolve(true)))
    this.wake()
    if (!Number.isFinite(timeoutMs)) return idle
    return Promise.race([idle, this.deps.pace.sleep(timeoutMs).then(() => false)])
  }

  /** Stops after sending what is queued, for at most `flushWithinMs`; the rest waits in the database. */
  async stop(flushWithinMs = 0): Promise<void> {
    if (!this.#running) return
    if (flushWithinMs > 0) {
      const idle = await this.whenIdle(flushWithinMs)
      if (!idle) this.deps.logger.warn({ queued: await this.deps.repo.countQueued() }, 'outbox: stopping with messages still queued')
    }
    this.#running = false
    this.wake()
    await this.#loop
  }

  /** Wakes the sender: messages were queued by someone else (the scheduler). */
  notify(): void {
    this.#leftQueued()
    this.wake()
  }

  #leftQueued(): void {
    this.#caughtUp = false
    this.#queuedUnhanded += 1
  }

  private wake(): void {
    this.#woken = true
    this.#wake.abort()
  }

  private async run(): Promise<void> {
    const { pace, logger } = this.deps
    while (this.#running) {
      try {
        this.#woken = false
        if (pace.nowMs() - this.#lastReclaim > this.deps.limits.leaseMs) await this.reclaim()
        const next = await this.sendNext()
        // Without real I/O (SQLite, the simulator) a fan-out of thousands would otherwise hold the
        // event loop (the simulator's API, incoming messages) until its last message is sent.
        if (next === 'again') await yieldToEventLoop()
        else await this.sleepUntil(next)
      } catch (err) {
        logger.error({ err }, 'outbox: send loop error')
        await this.sleepUntil(pace.nowMs() + 1000)
      }
    }
    await this.releaseHanded().catch((err: unknown) => logger.warn({ err }, 'outbox: could not put back messages taken for sending'))
    await this.markSentLater().catch((err: unknown) => logger.warn({ err }, 'outbox: sent messages could not be marked sent; they go again after the lease'))
    this.notifyIdle()
  }

  /** Messages handed over but not sent (stopping) go back to the queue at once, not a lease later. */
  private async releaseHanded(): Promise<void> {
    this.#caughtUp = false
    for (let next = this.#handed.shift(); next; next = this.#handed.shift()) await this.deps.repo.release(next.row.id, this.deps.instanceId)
  }

  /**
   * Sends a handed-over message when the pace lets it go now; else it goes back to the queue. So
   * does one claimed over half a lease ago (slow sends ahead of it): it is claimed afresh when read
   * again, so no sender takes it for abandoned (reclaimAbandoned) while it may still go from here.
   */
  private async sendHanded({ row, claimedAt }: Handed): Promise<number | 'again'> {
    const { repo, pace, instanceId, limits } = this.deps
    const now = pace.nowMs()
    if (now - claimedAt > limits.leaseMs / 2 || this.#sent.readyAt(row, now, await this.knownPace([row], now)) > now) {
      this.#caughtUp = false
      await repo.release(row.id, instanceId)
      return 'again'
    }
    const sent = await this.deliver(row)
    if (sent && this.#handed.length === 0 && this.#caughtUp && !this.#woken && this.#idleWaiters.length === 0) return pace.nowMs() + limits.leaseMs
    return 'again'
  }

  private knownPace(due: readonly OutboxRow[], now: number): Promise<KnownPace> {
    const { limits, repo } = this.deps
    return repo.paceSince({
      // With no interval per chat, the last send to a chat cannot hold a message back.
      chats: limits.chatIntervalMs > 0 ? due : [],
      minuteAgo: new Date(now - 60_000),
      perMinute: limits.perMinute,
      dayStart: this.#sent.dayStart(now),
      dailyCap: limits.dailyCap,
    })
  }

  /**
   * Reads the queue and takes, in one claim, the messages the pace lets go now, to be sent one
   * by one as handed over (each still checked against the pace as it goes). Returns when to look
   * again: `'again'` at once (messages were taken, or the queue changed), else a time to sleep until.
   */
  private async sendNext(): Promise<number | 'again'> {
    const { repo, pace, instanceId } = this.deps
    await this.markSentLater()
    const handed = this.#handed.shift()
    if (handed) {
      // Not sent when this fails (the pace read or the release): it stays first, for the next turn.
      return await this.sendHanded(handed).catch((err: unknown) => {
        this.#handed.unshift(handed)
        throw err
      })
    }
    this.#caughtUp = false
    const queuedBefore = this.#queuedUnhanded
    // One read: the messages due now first, then those held until later (coalescing, retries).
    const rows = await repo.queued(BATCH)
    if (rows.length === 0) return this.emptyQueue(queuedBefore)
    const now = pace.nowMs()
    const due = rows.filter((row) => row.notBefore.getTime() <= now)
    const { go, readyAt } = this.goingNow(rows, now, due.length > 0 ? await this.knownPace(due, now) : null)
    if (go.length === 0) return readyAt
    // Another sender took some, or lines were appended: the claim says which, with their texts now.
    const taken = await repo.claim(go, instanceId, new Date(now))
    this.#handed.push(...taken.map((row) => ({ row, claimedAt: now })))
    // All this sender had waiting is in hand and nothing was queued since: the next replies may be
    // handed over as they are queued, and the queue need not be read again (another process's
    // messages, which never wake this one, are found at the next look, a lease from now at the latest).
    if (taken.length === rows.length && rows.length < BATCH && this.#queuedUnhanded === queuedBefore) this.#caughtUp = true
    return 'again'
  }

  /**
   * The messages of one read that may go now, in order, as far as the pace before them allows:
   * one per chat when chats have an interval, no more than the minute and the day have room for.
   * Each is checked again as it is sent (another process may send meanwhile). When none may go:
   * the earliest time one may.
   */
  private goingNow(rows: readonly OutboxRow[], now: number, known: KnownPace | null): { go: OutboxRow[]; readyAt: number } {
    const { limits } = this.deps
    const go: OutboxRow[] = []
    const chats = new Set<string>()
    let readyAt = Number.POSITIVE_INFINITY
    for (const row of rows) {
      const at = this.#sent.readyAt(row, now, known)
      if (at > now) {
        readyAt = Math.min(readyAt, at)
        continue
      }
      if (go.length >= this.#sent.room(now)) break
      if (limits.chatIntervalMs > 0 && chats.has(chatKey(row))) continue
      chats.add(chatKey(row))
      go.push(row)
    }
    return { go, readyAt }
  }

  /** Nothing queued for this sender: idle, unless another process is sending (look again when its lease may have run out). */
  private async emptyQueue(queuedBefore: number): Promise<number> {
    if ((await this.deps.repo.countQueued()) === 0) {
      this.#caughtUp = !this.#woken && this.#queuedUnhanded === queuedBefore
      this.notifyIdle()
      return Number.POSITIVE_INFINITY
    }
    return this.deps.pace.nowMs() + this.deps.limits.leaseMs
  }

  /** Sends one message this sender has claimed; false when the send failed (retried later, or given up). */
  private async deliver(row: OutboxRow): Promise<boolean> {
    const { repo, chat, pace, limits, logger } = this.deps
    if (limits.jitterMs > 0) await pace.sleep(Math.floor((this.deps.random ?? Math.random)() * limits.jitterMs))
    const sentAt = pace.nowMs()
    try {
      await chat.send(toOutgoing(row))
    } catch (err) {
      const attempts = row.attempts + 1
      const error = err instanceof Error ? err.message : String(err)
      if (attempts >= limits.maxAttempts) {
        logger.error({ err, outboxId: row.id, attempts }, 'outbox: message given up after retries')
        await repo.markFailed(row.id, attempts, error)
      } else {
        const retryAt = pace.nowMs() + limits.retryBaseMs * 2 ** (attempts - 1)
        logger.warn({ err, outboxId: row.id, attempts, retryAt: new Date(retryAt) }, 'outbox: send failed, will retry')
        await repo.retryLater(row.id, attempts, new Date(retryAt), error)
      }
      return false
    }
    this.#sent.record(row, sentAt)
    const at = new Date(pace.nowMs())
    // It went out: a failure to record that must neither send it again nor count as a failed send.
    await repo.markSent(row.id, at).catch((err: unknown) => {
      logger.warn({ err, outboxId: row.id }, 'outbox: sent, but could not be marked sent yet')
      this.#sentUnmarked.push({ id: row.id, at })
    })
    return true
  }

  private async markSentLater(): Promise<void> {
    for (let next = this.#sentUnmarked[0]; next; next = this.#sentUnmarked[0]) await this.deps.repo.markSent(next.id, next.at).then(() => this.#sentUnmarked.shift())
  }

  private async sleepUntil(at: number): Promise<void> {
    if (!this.#running || this.#woken) return
    this.#wake = new AbortController()
    // With several accounts the loop also beats and watches for groups to take over: every lease.
    const idle = this.deps.accounts ? Math.min(IDLE_SLEEP_MS, this.deps.limits.leaseMs) : IDLE_SLEEP_MS
    const ms = Math.min(at - this.deps.pace.nowMs(), idle)
    if (ms > 0) await this.deps.pace.sleep(ms, this.#wake.signal)
  }

  private notifyIdle(): void {
    const waiters = this.#idleWaiters
    this.#idleWaiters = []
    for (const resolve of waiters) resolve()
  }
}
