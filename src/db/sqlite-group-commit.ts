import type { SqlDriverAdapter, SqlDriverAdapterFactory, SqlQuery, Transaction } from '@prisma/driver-adapter-utils'
import { override } from './resilient-adapter.js'
import { currentMessageScope, type MessageScope } from './message-scope.js'
import { Turns } from './turns.js'

const WRITE = /^\s*(INSERT|UPDATE|DELETE|REPLACE)\b/i
const COMMIT: SqlQuery = { sql: 'COMMIT', args: [], argTypes: [] }
const ROLLBACK: SqlQuery = { sql: 'ROLLBACK', args: [], argTypes: [] }
/** At most this many writes share one commit. */
const MOST_PER_COMMIT = 64

interface Pending {
  query: SqlQuery
  execute: boolean
  /** The message the write is made for: its transaction waits for that message's replies. */
  scope: MessageScope | undefined
  resolve: (value: unknown) => void
  reject: (error: unknown) => void
}

/** A shared transaction kept open, uncommitted, until its messages have queued their replies. */
interface Held {
  tx: Transaction
  scopes: Set<MessageScope>
  /** Statements of those messages under way in it: the COMMIT waits for them. */
  running: Set<Promise<unknown>>
}

/**
 * Group commit for SQLite, at the driver: a write outside a transaction (each hot command's
 * write is one statement) waits until the promises now runnable have run (process.nextTick: no
 * event-loop turn, so a message alone waits for nothing), and the writes of concurrent messages
 * gathered by then run in one BEGIN…COMMIT. SQLite then writes each page
 * they touch to the WAL once instead of once per statement, which is most of a small write's
 * cost. When any write of a batch fails, or its COMMIT, the batch is rolled back and each write
 * runs again alone in order (each in a transaction of its own), so only a write that fails by
 * itself fails (a full disk fails every one of them, each in its own message). A write alone
 * outside a message commits by itself (autocommit).
 *
 * A write made for a message (MessageScope) is answered before the COMMIT, which waits until that
 * message's replies are queued in the same transaction (as on PostgreSQL, src/db/group-commit.ts):
 * a crash cannot split a sign-up from its 报名成功. Meanwhile that message's statements run in
 * the transaction, through the one connection. When the COMMIT fails, those messages run again.
 * Every other answer is handed back only after its COMMIT.
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
  #held: Held | null = null
  /** Resolved when a transaction starts holding messages: their statements waiting for a turn go in it. */
  #holdingStarted = signal()

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
    const scope = currentMessageScope()
    if (scope && this.#held?.scopes.has(scope)) return this.#inHeld(this.#held, query, execute)
    if (!WRITE.test(query.sql)) return this.#read(query, execute, scope)
    return new Promise<unknown>((resolve, reject) => {
      this.#queue.push({ query, execute, scope, resolve, reject })
      if (!this.#flushing) {
        this.#flushing = true
        process.nextTick(() => void this.#flush())
      }
    }) as Promise<never>
  }

  /** A read waits for the connection, unless its message's transaction starts holding meanwhile: then it goes in that. */
  async #read(query: SqlQuery, execute: boolean, scope: MessageScope | undefined): Promise<never> {
    while (scope) {
      const free = this.#turns.whenFree()
      if (!free) break
      await Promise.race([free, this.#holdingStarted.promise])
      if (this.#held?.scopes.has(scope)) return this.#inHeld(this.#held, query, execute)
    }
    return this.#turns.shared(() => this.#alone(query, execute))
  }

  #inHeld(held: Held, query: SqlQuery, execute: boolean): Promise<never> {
    const running = execute ? held.tx.executeRaw(query) : held.tx.queryRaw(query)
    held.running.add(running)
    void running.finally(() => held.running.delete(running)).catch(() => undefined)
    return running as Promise<never>
  }

  #alone(query: SqlQuery, execute: boolean): Promise<never> {
    return (execute ? this.inner.executeRaw(query) : this.inner.queryRaw(query)) as Promise<never>
  }

  /** Commits the queue, batch after batch; writes queued meanwhile go in the next batch. */
  async #flush(): Promise<void> {
    try {
      while (this.#queue.length > 0) {
        const batch = this.#queue.splice(0, MOST_PER_COMMIT)
        // A write alone, made for no message, commits by itself.
        if (batch.length === 1 && !batch[0]!.scope) await this.#runAlone(batch[0]!)
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
    /** The messages answered before the COMMIT, their replies in it. */
    const held: MessageScope[] = []
    const end = await this.#turns.alone()
    let tx: Transaction | undefined
    try {
      tx = await this.inner.startTransaction()
      const open = tx
      for (const unit of batch) results.push(await (unit.execute ? open.executeRaw(unit.query) : open.queryRaw(unit.query)))
      await this.#holdForReplies(open, batch, results, held)
      await tx.executeRaw(COMMIT)
      await tx.commit()
    } catch (error) {
      this.#held = null
      if (tx) {
        await tx.executeRaw(ROLLBACK).catch(() => undefined)
        await tx.rollback().catch(() => undefined)
      }
      end()
      // Nothing of the batch was saved. An answered message learns it and runs again (its replies
      // went with the rollback); every other write runs again alone, so each meets its own outcome.
      for (const scope of held) scope.settle(error)
      const rest = batch.filter((unit) => !unit.scope || !held.includes(unit.scope))
      if (batch.length === 1 && rest.length === 1) rest[0]!.reject(error)
      else for (const unit of rest) await this.#together([unit])
      return
    }
    end()
    for (const scope of held) scope.settle()
    batch.forEach((unit, i) => (unit.scope && held.includes(unit.scope)) || unit.resolve(results[i]))
  }

  /** Answers the writes made for messages now, and keeps the transaction open until those messages have queued their replies in it. */
  async #holdForReplies(tx: Transaction, batch: Pending[], results: unknown[], held: MessageScope[]): Promise<void> {
    for (const unit of batch) if (unit.scope && !held.includes(unit.scope)) held.push(unit.scope)
    if (held.length === 0) return
    const state: Held = { tx, scopes: new Set(held), running: new Set() }
    this.#held = state
    const replied = held.map((scope) => scope.holdConnection())
    batch.forEach((unit, i) => unit.scope && unit.resolve(results[i]))
    // Their statements already waiting: reads for a turn, writes queued for the next batch.
    this.#holdingStarted.resolve()
    this.#holdingStarted = signal()
    const theirs = this.#queue.filter((unit) => unit.scope && state.scopes.has(unit.scope))
    this.#queue = this.#queue.filter((unit) => !theirs.includes(unit))
    for (const unit of theirs) this.#inHeld(state, unit.query, unit.execute).then(unit.resolve, unit.reject)
    await Promise.all(replied)
    this.#held = null
    await Promise.allSettled([...state.running])
    const failed = held.find((scope) => scope.failure)
    if (failed) throw failed.failure!.error
  }

  /** Prisma's interactive transaction has the connection alone from its BEGIN to its COMMIT or ROLLBACK. */
  async #prismaTransaction(isolation?: Parameters<SqlDriverAdapter['startTransaction']>[0]): Promise<Transaction> {
    // A message whose write is held needs its own transaction now: the shared one commits without its replies.
    const scope = currentMessageScope()
    if (scope && this.#held?.scopes.has(scope)) scope.letGo()
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

function signal(): { promise: Promise<void>; resolve: () => void } {
  let resolve = () => {}
  const promise = new Promise<void>((done) => (resolve = done))
  return { promise, resolve }
}
