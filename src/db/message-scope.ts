import { AsyncLocalStorage } from 'node:async_hooks'
import type { Db } from './db.js'
import { Turns } from './turns.js'

/** How long a shared transaction waits for a message's replies before it commits without them. */
export const HOLD_MOST_MS = 2_000

/**
 * One incoming message, from its command to the queueing of its replies. A write that shares a
 * transaction (group commit) is answered before that transaction commits; the transaction stays
 * open until the message's replies are queued in it too, so a crash between the two can leave
 * neither a sign-up untold nor a reply to something unsaved. On PostgreSQL any further write of
 * the same message joins that transaction (alone: see `alone`); on SQLite, whose one connection
 * the transaction holds, every further statement of the message runs in it
 * (src/db/sqlite-group-commit.ts).
 */
export class MessageScope {
  #tx: Db | null = null
  #holdsConnection = false
  #failure: { error: unknown } | null = null
  #release: () => void = () => undefined
  #settled: Promise<void> = Promise.resolve()
  #settle: (error: unknown) => void = () => undefined
  #holding: Promise<void> = Promise.resolve()
  #expired = false

  /** Runs the command in this scope: group commit finds it there. */
  run<T>(fn: () => Promise<T>): Promise<T> {
    return storage.run(this, fn)
  }

  /** The open transaction the message wrote in, for its replies; null when it wrote in none. */
  get tx(): Db | null {
    return this.#tx
  }

  /** Whether the message's write waits, uncommitted, for its replies: they go in with it (`alongside`). */
  get holding(): boolean {
    return this.#tx !== null || this.#holdsConnection
  }

  /**
   * Runs `fn` (queueing the message's replies) in the held transaction, beside other messages'
   * replies: through its handle on PostgreSQL; on SQLite in this scope, whose statements the one
   * connection runs in it (no handle).
   */
  alongside<T>(fn: (tx: Db | undefined) => Promise<T>): Promise<T> {
    if (this.#holdsConnection) return this.run(() => fn(undefined))
    const tx = this.#heldTx()
    return turnsOf(tx).shared(() => fn(tx))
  }

  /**
   * Runs `fn` (a further write, in a savepoint) with the held transaction to itself: rolling back
   * to a savepoint undoes every statement since, so another message's reply queued meanwhile
   * would be lost while its write commits.
   */
  alone<T>(fn: (tx: Db) => Promise<T>): Promise<T> {
    const tx = this.#heldTx()
    return turnsOf(tx).exclusive(() => fn(tx))
  }

  #heldTx(): Db {
    if (!this.#tx) throw new Error('the message holds no transaction')
    return this.#tx
  }

  /**
   * Called by group commit when a write of this message is done in `tx`, not yet committed:
   * resolves once the message has queued its replies (or after HOLD_MOST_MS).
   */
  hold(tx: Db): Promise<void> {
    // Two writes of one message in the same batch (made at once): one hold serves both.
    if (this.#tx === tx) return this.#holding
    this.#tx = tx
    return this.#startHolding()
  }

  /**
   * SQLite: as `hold`, for the shared transaction on the one connection. The message's replies
   * need no handle: its statements reach that transaction through the connection.
   */
  holdConnection(): Promise<void> {
    if (this.#holdsConnection) return this.#holding
    this.#holdsConnection = true
    return this.#startHolding()
  }

  /** Whether the message's write waits, uncommitted, on SQLite's one connection for its replies. */
  get holdsConnection(): boolean {
    return this.#holdsConnection
  }

  /**
   * SQLite: the message needs a transaction of its own (a multi-step change after its first
   * write), which cannot begin while the shared one is open: that one commits without waiting
   * for the message's replies.
   */
  letGo(): void {
    this.#release()
  }

  #startHolding(): Promise<void> {
    let timer: NodeJS.Timeout | undefined
    this.#settled = new Promise((resolve, reject) => (this.#settle = (error) => (error === undefined ? resolve() : reject(error))))
    this.#settled.catch(() => undefined) // a message that never waits for it still must not crash the process
    this.#holding = new Promise<void>((resolve) => {
      this.#release = () => {
        clearTimeout(timer)
        resolve()
      }
      timer = setTimeout(() => {
        this.#expired = true
        this.#release()
      }, HOLD_MOST_MS)
    })
    return this.#holding
  }

  /**
   * Queueing the replies in the transaction failed: a failed statement leaves a PostgreSQL
   * transaction able only to roll back (its COMMIT would roll back in silence), so the shared
   * transaction is rolled back and every message in it runs again.
   */
  fail(error: unknown): void {
    this.#failure = { error }
    this.#release()
  }

  /** Once held: resolves when the transaction committed, rejects when it was rolled back. */
  get committed(): Promise<void> {
    return this.#settled
  }

  /** The transaction committed before the message had queued its replies (they were queued after it). */
  get expired(): boolean {
    return this.#expired
  }

  /** Set when `fail` was called. */
  get failure(): { error: unknown } | null {
    return this.#failure
  }

  /** Group commit: the transaction committed (no error) or was rolled back (its error). */
  settle(error?: unknown): void {
    this.#tx = null
    this.#holdsConnection = false
    this.#settle(error)
  }

  /**
   * The message is done with the transaction (its replies queued in it, or nothing to queue):
   * resolves when the transaction committed, rejects when it was rolled back (nothing of the
   * message was saved, its replies neither: the message runs again).
   */
  async release(): Promise<void> {
    // Never held (no shared write): nothing to release, and #settled is already resolved.
    this.#release()
    await this.#settled
  }
}

const storage = new AsyncLocalStorage<MessageScope>()

/** Who may send statements on one held transaction: the messages queueing replies side by side, or one further write alone. */
const turns = new WeakMap<Db, Turns>()

function turnsOf(tx: Db): Turns {
  let found = turns.get(tx)
  if (!found) turns.set(tx, (found = new Turns()))
  return found
}

/** The message being answered, when the caller runs in one. */
export function currentMessageScope(): MessageScope | undefined {
  return storage.getStore()
}
