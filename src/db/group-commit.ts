import { AsyncLocalStorage } from 'node:async_hooks'
import { lockRow, lockRows, onPostgres, type Db } from './client.js'

/** At most this many writes share one transaction. */
export const MOST_PER_COMMIT = 64

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
  resolve: (value: unknown) => void
  reject: (error: unknown) => void
}

/**
 * Group commit for the hot writes on PostgreSQL, where each commit waits for the WAL to reach
 * the disk (several milliseconds): writes that arrive while one commit is under way wait for it,
 * then share the next transaction and its one flush. A write alone runs in a transaction of its
 * own at once (no timer, no added wait). Each write keeps its own answer: when one of a shared
 * transaction's writes fails, or its COMMIT, the transaction is rolled back and every write of
 * it runs again alone, so only a failing one fails. SQLite (one connection, commits that do not wait for the disk) runs each write at once.
 */
class GroupCommit {
  readonly #queue: Unit[] = []
  #draining = false

  constructor(private readonly db: Db) {}

  run<T>(work: (db: Db) => Promise<T>, lock: RowLock | undefined): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.#queue.push({ work, lock, inContext: AsyncLocalStorage.snapshot(), resolve: (value) => resolve(value as T), reject })
      if (!this.#draining) void this.#drain()
    })
  }

  async #drain(): Promise<void> {
    this.#draining = true
    try {
      while (this.#queue.length > 0) {
        const batch = this.#queue.splice(0, MOST_PER_COMMIT)
        if (batch.length === 1) await this.#alone(batch[0]!)
        else await this.#together(batch)
      }
    } finally {
      this.#draining = false
    }
  }

  /** One write: a single statement commits by itself; one that locks a row first needs a transaction. */
  async #alone(unit: Unit): Promise<void> {
    try {
      unit.resolve(await unit.inContext(() => (unit.lock ? this.db.$transaction((tx) => this.#locked(tx as unknown as Db, unit)) : unit.work(this.db))))
    } catch (error) {
      unit.reject(error)
    }
  }

  async #locked(db: Db, unit: Unit): Promise<unknown> {
    if (unit.lock) await lockRow(db, unit.lock.table, unit.lock.id)
    return unit.work(db)
  }

  async #together(batch: Unit[]): Promise<void> {
    const results: unknown[] = []
    try {
      await this.db.$transaction(async (tx) => {
        // Every row the batch decides on is locked up front, one statement per table rather than
        // one per write (Prisma runs a transaction's statements one round trip at a time).
        await lockAll(tx as unknown as Db, batch)
        for (const unit of batch) results.push(await unit.inContext(() => unit.work(tx as unknown as Db)))
      })
    } catch {
      // Nothing of the batch was saved. Each write runs again alone, in its own message's context:
      // only a write that fails by itself fails, and a storage failure (a COMMIT that cannot reach
      // the disk) is counted against every message it hit, so each member hears 暂时无法保存.
      for (const unit of batch) await this.#alone(unit)
      return
    }
    batch.forEach((unit, i) => unit.resolve(results[i]))
  }
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
 * transaction already, at once on `db` itself.
 */
export async function groupCommitted<T>(db: Db, work: (db: Db) => Promise<T>, lock?: RowLock): Promise<T> {
  if (!onPostgres(db)) return work(db)
  // A transaction's handle has no $transaction of its own: the write joins that transaction.
  if (typeof Reflect.get(db, '$transaction') !== 'function') {
    if (lock) await lockRow(db, lock.table, lock.id)
    return work(db)
  }
  let group = perDatabase.get(db)
  if (!group) perDatabase.set(db, (group = new GroupCommit(db)))
  return group.run(work, lock)
}
