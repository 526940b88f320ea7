import type { SqlDriverAdapter, SqlDriverAdapterFactory, SqlQuery, Transaction } from '@prisma/driver-adapter-utils'
import type { DatabaseHealth } from './health.js'
import { currentMessageScope } from './message-scope.js'

/** Wraps a driver layer (the fault-injecting one in tests); the default is none. */
export type AdapterWrapper = (factory: SqlDriverAdapterFactory) => SqlDriverAdapterFactory

const ROLLBACK: SqlQuery = { sql: 'ROLLBACK', args: [], argTypes: [] }
const WRITE = /^\s*(INSERT|UPDATE|DELETE|REPLACE|COMMIT)\b/i

/**
 * Prisma's driver adapters hold a lock (SQLite: a mutex; PostgreSQL: a pooled connection) from
 * BEGIN until Prisma calls `commit()` or `rollback()`, and Prisma calls neither when the COMMIT
 * or ROLLBACK statement itself fails (a full disk): every later transaction then waits forever.
 * This layer rolls such a transaction back and releases it, and reports failures and successful
 * writes to `health`.
 */
export function resilientAdapter(factory: SqlDriverAdapterFactory, health: DatabaseHealth): SqlDriverAdapterFactory {
  return override(factory, { connect: async () => wrapConnection(await factory.connect(), health) })
}

function wrapConnection(adapter: SqlDriverAdapter, health: DatabaseHealth): SqlDriverAdapter {
  const observed = <T>(query: SqlQuery, run: () => Promise<T>): Promise<T> => observe(health, run, WRITE.test(query.sql))
  return override(adapter, {
    queryRaw: (query: SqlQuery) => observed(query, () => adapter.queryRaw(query)),
    executeRaw: (query: SqlQuery) => observed(query, () => adapter.executeRaw(query)),
    startTransaction: async (isolation?: Parameters<SqlDriverAdapter['startTransaction']>[0]) =>
      wrapTransaction(await observe(health, () => adapter.startTransaction(isolation), false), health),
  })
}

function wrapTransaction(tx: Transaction, health: DatabaseHealth): Transaction {
  let released = false
  /** Undo whatever is left of the transaction and hand the connection back, whatever fails. */
  const abandon = async (): Promise<void> => {
    if (released) return
    released = true
    await tx.executeRaw(ROLLBACK).catch(() => undefined)
    await tx.rollback().catch(() => undefined)
  }
  const ending = async (query: SqlQuery): Promise<number> => {
    try {
      return await observe(health, () => tx.executeRaw(query), query.sql === 'COMMIT')
    } catch (error) {
      await abandon()
      throw error
    }
  }
  return override(tx, {
    queryRaw: (query: SqlQuery) => observe(health, () => tx.queryRaw(query), false),
    executeRaw: (query: SqlQuery) => (query.sql === 'COMMIT' || query.sql === 'ROLLBACK' ? ending(query) : observe(health, () => tx.executeRaw(query), false)),
    commit: async () => {
      if (released) return
      released = true
      await tx.commit()
    },
    rollback: async () => {
      if (released) return
      released = true
      await tx.rollback()
    },
  })
}

async function observe<T>(health: DatabaseHealth, run: () => Promise<T>, isWrite: boolean): Promise<T> {
  try {
    const result = await run()
    // A SQLite write waiting, uncommitted, for its message's replies does not show yet that writes succeed.
    if (isWrite && !currentMessageScope()?.holdsConnection) health.wrote()
    return result
  } catch (error) {
    health.failed(error)
    throw error
  }
}

/** The same object with some members replaced; everything else (provider, options…) passes through. */
export function override<T extends object>(target: T, members: Partial<Record<keyof T, unknown>>): T {
  return new Proxy(target, {
    get: (obj, key) => {
      if (key in members) return members[key as keyof T]
      const value: unknown = Reflect.get(obj, key)
      // Bound, so the driver's own methods still reach their private fields.
      return typeof value === 'function' ? value.bind(obj) : value
    },
  })
}
