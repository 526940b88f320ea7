import type { SqlDriverAdapter, SqlDriverAdapterFactory, SqlQuery, Transaction } from '@prisma/driver-adapter-utils'

const WRITE = /^\s*(INSERT|UPDATE|DELETE|REPLACE)\b/i

/**
 * Faults under Prisma, at the driver: a full disk (writes outside a transaction fail, and a
 * transaction's COMMIT fails, as when the WAL cannot grow) or a database that is down (every
 * statement fails). Nothing is really filled or stopped; `injected` counts the failures.
 */
export class Faults {
  mode: 'none' | 'diskFull' | 'down' = 'none'
  /** The next this many COMMITs fail (as when the WAL cannot grow), whatever the mode; then they succeed again. */
  failingCommits = 0
  injected = 0
  /** Runs after each read outside a transaction: lets a test interleave its own work at an exact point. */
  afterRead: ((sql: string) => Promise<void>) | null = null
  /** Runs before each statement reaches the driver: lets a test hold one back (a slow write). */
  beforeStatement: ((sql: string) => Promise<void>) | null = null

  wrap = (factory: SqlDriverAdapterFactory): SqlDriverAdapterFactory => {
    return pass(factory, { connect: async () => this.connection(await factory.connect()) })
  }

  private check(query: SqlQuery, inTransaction: boolean): void {
    // Discarding a transaction needs no space, and leaves a real connection clean.
    if (query.sql === 'ROLLBACK') return
    const commitFails = query.sql === 'COMMIT' && this.failingCommits > 0
    if (commitFails) this.failingCommits -= 1
    const fails =
      commitFails ||
      this.mode === 'down' ||
      (this.mode === 'diskFull' && (query.sql === 'COMMIT' || (!inTransaction && WRITE.test(query.sql))))
    if (!fails) return
    this.injected += 1
    throw this.mode === 'down' && !commitFails
      ? Object.assign(new Error('unable to open database file'), { code: 'SQLITE_CANTOPEN' })
      : Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' })
  }

  private connection(adapter: SqlDriverAdapter): SqlDriverAdapter {
    return pass(adapter, {
      queryRaw: async (q: SqlQuery) => {
        await this.beforeStatement?.(q.sql)
        this.check(q, false)
        const result = await adapter.queryRaw(q)
        await this.afterRead?.(q.sql)
        return result
      },
      executeRaw: async (q: SqlQuery) => {
        await this.beforeStatement?.(q.sql)
        this.check(q, false)
        return adapter.executeRaw(q)
      },
      startTransaction: async (level?: Parameters<SqlDriverAdapter['startTransaction']>[0]) => {
        if (this.mode === 'down') this.check({ sql: 'BEGIN', args: [], argTypes: [] }, false)
        return this.transaction(await adapter.startTransaction(level))
      },
    })
  }

  private transaction(tx: Transaction): Transaction {
    return pass(tx, {
      queryRaw: async (q: SqlQuery) => (await this.beforeStatement?.(q.sql), this.check(q, true), tx.queryRaw(q)),
      executeRaw: async (q: SqlQuery) => (await this.beforeStatement?.(q.sql), this.check(q, true), tx.executeRaw(q)),
    })
  }
}

function pass<T extends object>(target: T, members: Record<string, unknown>): T {
  return new Proxy(target, {
    get: (obj, key) => {
      if (typeof key === 'string' && key in members) return members[key]
      const value: unknown = Reflect.get(obj, key)
      return typeof value === 'function' ? value.bind(obj) : value
    },
  })
}
