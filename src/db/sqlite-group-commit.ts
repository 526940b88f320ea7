import type { SqlDriverAdapter, SqlDriverAdapterFactory, SqlQuery, Transaction } from '@prisma/driver-adapter-utils'
import { override } from './resilient-adapter.js'
import { Turns } from './turns.js'

const WRITE = /^\s*(INSERT|UPDATE|DELETE|REPLACE)\b/i
const COMMIT: SqlQuery = { sql: 'COMMIT', args: [], argTypes: [] }
const ROLLBACK: SqlQuery = { sql: 'ROLLBACK', args: [], argTypes: [] }
/** At most this many writes share one commit. */
const MOST_PER_COMMIT = 64

interface Pending {
  query: SqlQuery
  execute: boolean
  resolve: (value: unknown) => void
  reject: (error: unknown) => void
}

/**
 * Group commit for SQLite, at the driver: a write outside a transaction (each hot command's
 * write is one statement) waits until the promises now runnable have run (process.nextTick: no
 * event-loop turn, so a message alone waits for nothing), and the writes of concurrent messages
 * gathered by then run in one BEGIN…COMMIT. SQLite then writes each page
 * they touch to the WAL once instead of once per statement, which is most of a small write's
 * cost. No answer depends on what is not committed: each write's result (or error) is handed
 * back only after its COMMIT. When any write of a batch fails, or its COMMIT, the batch is rolled
 * back and each write runs again alone in order (each in a transaction of its own), so only a
 * write that fails by itself fails (a full disk fails every one of them, each in its own message).
 * A write alone runs as before (autocommit).
 *
 * SQLite has one connection: a statement sent while a transaction is open would run inside it,
 * be answered, and vanish if that transaction rolled back (an officer's change refused, a COMMIT
 * that cannot reach the disk). So a transaction (a shared commit, or one of Prisma's) has the
 * connection alone (Turns): it waits for the statements under way, and every other statement
 * waits for its end.
 *
 * Each write's outcome reaches its caller through its own promise, so the layer above
 * (resilientAdapter) tells DatabaseHealth of a failure in that message's async context; nothing
 * below this layer reads the context, so statements are not run in it (a snapshot per write
 * cost more than the statement).
 */
export function groupingCommits(factory: SqlDriverAdapterFactory): SqlDriverAdapterFactory {
  return override(factory, { connect: async () => new Grouping(await factory.connect()).adapter() })
}

class Grouping {
  #queue: Pending[] = []
  /** Set while the one loop that commits the queued writes runs. */
  #flushing = false
  readonly #turns = new Turns()

  constructor(private readonly inner: SqlDriverAdapter) {}

  adapter(): SqlDriverAdapter {
    return override(this.inner, {
      queryRaw: (query: SqlQuery) => this.#statement(query, false),
      executeRaw: (query: SqlQuery) => this.#statement(query, true),
      executeScript: (script: string) => this.#turns.exclusive(() => this.inner.executeScript(script)),
      startTransaction: (isolation?: Parameters<SqlDriverAdapter['startTransaction']>[0]) => this.#prismaTransaction(isolation),
    })
  }

  #statement(query: SqlQuery, execute: boolean): Promise<never> {
    if (!WRITE.test(query.sql)) return this.#turns.shared(() => this.#alone(query, execute))
    return new Promise<unknown>((resolve, reject) => {
      this.#queue.push({ query, execute, resolve, reject })
      if (!this.#flushing) {
        this.#flushing = true
        process.nextTick(() => void this.#flush())
      }
    }) as Promise<never>
  }

  #alone(query: SqlQuery, execute: boolean): Promise<never> {
    return (execute ? this.inner.executeRaw(query) : this.inner.queryRaw(query)) as Promise<never>
  }

  /** Commits the queue, batch after batch; writes queued meanwhile go in the next batch. */
  async #flush(): Promise<void> {
    try {
      while (this.#queue.length > 0) {
        const batch = this.#queue.splice(0, MOST_PER_COMMIT)
        // A write alone commits by itself.
        if (batch.length === 1) await this.#runAlone(batch[0]!)
        else await this.#together(batch)
      }
    } finally {
      this.#flushing = false
    }
  }

  async #runAlone(unit: Pending): Promise<void> {
    try {
      unit.resolve(await this.#turns.shared(() => this.#alone(unit.query, unit.execute)))
    } catch (error) {
      unit.reject(error)
    }
  }

  /** The batch in one transaction; if any of it fails, each write again in a transaction of its own. */
  async #together(batch: Pending[]): Promise<void> {
    const results: unknown[] = []
    const end = await this.#turns.alone()
    let tx: Transaction | undefined
    try {
      tx = await this.inner.startTransaction()
      const open = tx
      for (const unit of batch) results.push(await (unit.execute ? open.executeRaw(unit.query) : open.queryRaw(unit.query)))
      await tx.executeRaw(COMMIT)
      await tx.commit()
    } catch (error) {
      if (tx) {
        await tx.executeRaw(ROLLBACK).catch(() => undefined)
        await tx.rollback().catch(() => undefined)
      }
      end()
      if (batch.length === 1) batch[0]!.reject(error)
      // Nothing of the batch was saved: each write runs again alone, so each meets its own outcome.
      else for (const unit of batch) await this.#together([unit])
      return
    }
    end()
    batch.forEach((unit, i) => unit.resolve(results[i]))
  }

  /** Prisma's interactive transaction has the connection alone from its BEGIN to its COMMIT or ROLLBACK. */
  async #prismaTransaction(isolation?: Parameters<SqlDriverAdapter['startTransaction']>[0]): Promise<Transaction> {
    const end = await this.#turns.alone()
    try {
      const tx = await this.inner.startTransaction(isolation)
      return override(tx, {
        commit: () => (end(), tx.commit()),
        rollback: () => (end(), tx.rollback()),
      })
    } catch (error) {
      end()
      throw error
    }
  }
}
