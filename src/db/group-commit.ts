import { AsyncLocalStorage } from 'node:async_hooks'
import { isTransaction, lockRow, lockRows, onPostgres, type Db } from './client.js'
import { currentMessageScope, type MessageScope } from './message-scope.js'

/** At most this many writes share one transaction. */
const MOST_PER_COMMIT = 64
/**
 * Shared transactions under way at once: while one waits for PostgreSQL (a statement, its COMMIT's
 * flush), the next one's statements are built and sent, so this process and the server work side
 * by side. Rows a write decides on are locked first, so two batches touching one activity still
 * decide one after the other.
 */
const TRANSACTIONS_AT_ONCE = 2
/** A shared transaction also waits (at most HOLD_MOST_MS) for its messages' replies: Prisma's 5 s default is too tight under load. */
const TRANSACTION_TIMEOUT_MS = 15_000

/** A row the write decides on (a count of places): locked first, so writes to it decide one after the other. */
export interface RowLock {
  table: Parameters<typeof lockRow>[1]
  id: number
}

interface Unit {
  work: (db: Db) => Promise<unknown>
  /** Runs in the caller's async context, so a failure is counted against its own message (DatabaseHealth.watch). */
  inContext: <R>(fn: () => R) => R
  lock: RowLock | undefined
  /** The message the write belongs to, when it is answered in one: it queues its replies in the same transaction. */
  scope: MessageScope | undefined
  resolve: (value: unknown) => void
  reject: (error: unknown) => void
}

/**
 * Group commit for the hot writes on PostgreSQL, where each commit waits for the WAL to reach
 * the disk (several milliseconds): writes that arrive while commits are under way (two at once)
 * wait for one of them, then share the next transaction and its one flush. A write alone goes at
 * once (at the end of the tick that made it, with the writes made in the same tick; no timer).
 * Each write keeps its own answer: when one of a shared transaction's writes fails, or its COMMIT,
 * the transaction is rolled back and every write of it runs again alone, so only a failing one
 * fails. A write made for a message (MessageScope) is answered before the COMMIT, which waits
 * until that message's replies are queued in the same transaction: a crash cannot split a write
 * from its reply. SQLite (one connection, commits that do not wait for the disk) runs each write
 * at once.
 */
class GroupCommit {
  readonly #queue: Unit[] = []
  /** Drain loops running (at most TRANSACTIONS_AT_ONCE). */
  #draining = 0

  constructor(private readonly db: Db) {}

  run<T>(work: (db: Db) => Promise<T>, lock: RowLock | undefined, scope: MessageScope | undefined): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.#queue.push({ work, lock, scope, inContext: AsyncLocalStorage.snapshot(), resolve: (value) => resolve(value as T), reject })
      if (this.#draining >= TRANSACTIONS_AT_ONCE) return
      this.#draining += 1
      // The writes started in the same tick (one message's at once, Promise.all) go in one batch.
      process.nextTick(() => void this.#drain())
    })
  }

  async #drain(): Promise<void> {
    try {
      while (this.#queue.length > 0) {
        const batch = this.#queue.splice(0, MOST_PER_COMMIT)
        if (batch.length === 1) await this.#alone(batch[0]!)
        else await this.#together(batch)
      }
    } finally {
      this.#draining -= 1
    }
  }

  /** One write: a single statement commits by itself; one that locks a row, or whose replies join it, needs a transaction. */
  async #alone(unit: Unit): Promise<void> {
    // All of it in the message's context: a BEGIN or COMMIT that cannot reach the disk counts against that message.
    if (unit.scope) return unit.inContext(() => this.#together([unit]))
    try {
      unit.resolve(await unit.inContext(() => (unit.lock ? this.db.$transaction((tx) => lockedWork(tx as unknown as Db, unit.work, unit.lock)) : unit.work(this.db))))
    } catch (error) {
      unit.reject(error)
    }
  }

  async #together(batch: Unit[]): Promise<void> {
    const results: unknown[] = []
    /** Units already answered, waiting for this COMMIT with their replies in it. */
    const held: Unit[] = []
    try {
      await this.db.$transaction(
        async (tx) => {
          // Every row the batch decides on is locked up front, one statement per table rather than
          // one per write (Prisma runs a transaction's statements one round trip at a time).
          await lockAll(tx as unknown as Db, batch)
          // The batch's statements are handed to the connection together; it runs them one after
          // another without waiting for this process in between. Each write is one statement that
          // decides by itself (see groupCommitted), so none sees another half done. All are settled
          // before the transaction ends, so a failure rolls back only finished work.
          const settled = await Promise.allSettled(batch.map((unit) => unit.inContext(() => unit.work(tx as unknown as Db))))
          for (const outcome of settled) {
            if (outcome.status === 'rejected') throw outcome.reason
            results.push(outcome.value)
          }
          await holdForReplies(tx as unknown as Db, batch, results, held)
        },
        { timeout: TRANSACTION_TIMEOUT_MS },
      )
    } catch (error) {
      // Nothing of the batch was saved. An answered message learns it and runs again (its replies
      // went with the rollback). Every other write runs again alone, in its own message's context:
      // only a write that fails by itself fails, and a storage failure (a COMMIT that cannot reach
      // the disk) is counted against every message it hit, so each member hears 暂时无法保存.
      for (const unit of held) unit.scope!.settle(error)
      for (const unit of batch) {
        if (held.includes(unit)) continue
        if (batch.length === 1) unit.reject(error)
        else await this.#alone(unit)
      }
      return
    }
    for (const unit of held) unit.scope!.settle()
    batch.forEach((unit, i) => held.includes(unit) || unit.resolve(results[i]))
  }
}

/** Answers the writes made for a message now, and waits until each message has queued its replies in `tx`. */
async function holdForReplies(tx: Db, batch: Unit[], results: unknown[], held: Unit[]): Promise<void> {
  const replied: Array<Promise<void>> = []
  batch.forEach((unit, i) => {
    if (!unit.scope) return
    replied.push(unit.scope.hold(tx))
    held.push(unit)
    unit.resolve(results[i])
  })
  await Promise.all(replied)
  const failed = held.find((unit) => unit.scope!.failure)
  if (failed) throw failed.scope!.failure!.error
}

async function lockAll(db: Db, batch: Unit[]): Promise<void> {
  const ids = new Map<RowLock['table'], Set<number>>()
  for (const { lock } of batch) if (lock) (ids.get(lock.table) ?? ids.set(lock.table, new Set()).get(lock.table)!).add(lock.id)
  for (const table of [...ids.keys()].sort()) await lockRows(db, table, [...ids.get(table)!].sort((a, b) => a - b))
}

const perDatabase = new WeakMap<Db, GroupCommit>()

/**
 * Runs one hot write (`work`, given the handle to write through), after locking `lock` when given,
 * in a transaction shared with the writes that arrive at the same time on PostgreSQL (see
 * GroupCommit); on SQLite (where one write runs at a time: no lock needed), or inside a
 * transaction already, at once on `db` itself. `work` is one statement that decides by itself (a
 * count in the same INSERT, a conditional UPDATE): the writes of a batch run side by side.
 */
export async function groupCommitted<T>(db: Db, work: (db: Db) => Promise<T>, lock?: RowLock): Promise<T> {
  if (!onPostgres(db)) return work(db)
  // A transaction's handle has no $transaction of its own: the write joins that transaction.
  if (isTransaction(db)) return lockedWork(db, work, lock)
  // A message's second write goes into the transaction its first one holds open.
  const scope = currentMessageScope()
  if (scope?.tx) return scope.alone((tx) => inSavepoint(tx, () => lockedWork(tx, work, lock)))
  let group = perDatabase.get(db)
  if (!group) perDatabase.set(db, (group = new GroupCommit(db)))
  return group.run(work, lock, scope)
}

/** A statement that fails in a PostgreSQL transaction spoils it unless it ran in a savepoint: it then fails alone. */
async function inSavepoint<T>(tx: Db, work: () => Promise<T>): Promise<T> {
  await tx.$executeRawUnsafe('SAVEPOINT message_write')
  try {
    const result = await work()
    await tx.$executeRawUnsafe('RELEASE SAVEPOINT message_write')
    return result
  } catch (error) {
    await tx.$executeRawUnsafe('ROLLBACK TO SAVEPOINT message_write')
    throw error
  }
}

async function lockedWork<T>(db: Db, work: (db: Db) => Promise<T>, lock: RowLock | undefined): Promise<T> {
  if (lock) await lockRow(db, lock.table, lock.id)
  return work(db)
}
