import type { SqlDriverAdapter, SqlDriverAdapterFactory, SqlQuery, Transaction } from '@prisma/driver-adapter-utils'
import { override } from './resilient-adapter.js'

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
 * back only after its COMMIT, and reads never run while a shared transaction is open. When any
 * write of a batch fails, or its COMMIT, the batch is rolled back and each write runs again alone
 * in order (each in a transaction of its own, so none lands in a transaction of Prisma's), so only a write that fails by itself fails (a full disk fails every one of them, each
 * in its own message). A write alone runs as before (autocommit), as does everything while
 * Prisma's own transaction holds the connection.
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
  #scheduled = false
  /** Set while a shared transaction is open: reads wait for it. */
  #flushing: Promise<void> | null = null
  /** Prisma's interactive transactions open on this connection. */
  #prismaTransactions = 0

  constructor(private readonly inner: SqlDriverAdapter) {}

  adapter(): SqlDriverAdapter {
    return override(this.inner, {
      queryRaw: (query: SqlQuery) => this.#statement(query, false),
      executeRaw: (query: SqlQuery) => this.#statement(query, true),
      executeScript: async (script: string) => {
        await this.#flushing
        return this.inner.executeScript(script)
      },
      startTransaction: async (isolation?: Parameters<SqlDriverAdapter['startTransaction']>[0]) => this.#prismaTransaction(await this.inner.startTransaction(isolation)),
    })
  }

  #statement(query: SqlQuery, execute: boolean): Promise<never> {
    // While Prisma's transaction holds the connection, everything runs on it as before.
    if (this.#prismaTransactions > 0 || !WRITE.test(query.sql)) return this.#afterFlush(() => this.#alone(query, execute))
    return new Promise<unknown>((resolve, reject) => {
      this.#queue.push({ query, execute, resolve, reject })
      if (!this.#scheduled) {
        this.#scheduled = true
        process.nextTick(() => void this.#flush())
      }
    }) as Promise<never>
  }

  async #afterFlush<T>(run: () => Promise<T>): Promise<T> {
    while (this.#flushing) await this.#flushing
    return run()
  }

  #alone(query: SqlQuery, execute: boolean): Promise<never> {
    return (execute ? this.inner.executeRaw(query) : this.inner.queryRaw(query)) as Promise<never>
  }

  async #flush(): Promise<void> {
    this.#scheduled = false
    while (this.#queue.length > 0) {
      const batch = this.#queue.splice(0, MOST_PER_COMMIT)
      // A write alone commits by itself, unless Prisma's transaction holds the connection: then it waits for its end.
      if (batch.length === 1 && this.#prismaTransactions === 0) await this.#runAlone(batch[0]!)
      else await this.#together(batch)
    }
  }

  async #runAlone(unit: Pending): Promise<void> {
    try {
      unit.resolve(await this.#alone(unit.query, unit.execute))
    } catch (error) {
      unit.reject(error)
    }
  }

  /** The batch in one transaction; if any of it fails, each write again in a transaction of its own. */
  async #together(batch: Pending[]): Promise<void> {
    const results: unknown[] = []
    let tx: Transaction | undefined
    let done = () => {}
    try {
      tx = await this.inner.startTransaction()
      const open = tx
      // Only once the connection is ours (Prisma's transaction over): its own reads must not wait for this.
      this.#flushing = new Promise<void>((resolve) => (done = resolve))
      for (const unit of batch) results.push(await (unit.execute ? open.executeRaw(unit.query) : open.queryRaw(unit.query)))
      await tx.executeRaw(COMMIT)
      await tx.commit()
    } catch (error) {
      if (tx) {
        await tx.executeRaw(ROLLBACK).catch(() => undefined)
        await tx.rollback().catch(() => undefined)
      }
      this.#ended(done)
      if (batch.length === 1) batch[0]!.reject(error)
      // Nothing of the batch was saved: each write runs again alone, so each meets its own outcome.
      else for (const unit of batch) await this.#together([unit])
      return
    }
    this.#ended(done)
    batch.forEach((unit, i) => unit.resolve(results[i]))
  }

  #ended(done: () => void): void {
    this.#flushing = null
    done()
  }

  #prismaTransaction(tx: Transaction): Transaction {
    this.#prismaTransactions++
    let ended = false
    const end = () => {
      if (!ended) this.#prismaTransactions--
      ended = true
    }
    return override(tx, {
      commit: () => (end(), tx.commit()),
      rollback: () => (end(), tx.rollback()),
    })
  }
}
