import type { SqlDriverAdapter, SqlDriverAdapterFactory, SqlQuery, Transaction } from '@prisma/driver-adapter-utils'

/**
 * Counts the round trips Prisma makes to the database driver: every statement, and every BEGIN
 * and COMMIT/ROLLBACK of a transaction. `wrap` goes under Prisma (openDatabase's `wrap` option).
 */
export class StatementCounter {
  count = 0
  readonly statements: string[] = []

  wrap = (factory: SqlDriverAdapterFactory): SqlDriverAdapterFactory =>
    pass(factory, { connect: async () => this.connection(await factory.connect()) })

  /** Runs `work` and returns how many round trips it made, with the statements (for a failure message). */
  async during(work: () => Promise<unknown>): Promise<{ count: number; statements: string[] }> {
    const [before, seen] = [this.count, this.statements.length]
    await work()
    return { count: this.count - before, statements: this.statements.slice(seen) }
  }

  private note(sql: string): void {
    this.count += 1
    this.statements.push(sql)
  }

  private connection(adapter: SqlDriverAdapter): SqlDriverAdapter {
    return pass(adapter, {
      queryRaw: (q: SqlQuery) => (this.note(q.sql), adapter.queryRaw(q)),
      executeRaw: (q: SqlQuery) => (this.note(q.sql), adapter.executeRaw(q)),
      startTransaction: async (level?: Parameters<SqlDriverAdapter['startTransaction']>[0]) => {
        this.note('BEGIN')
        return this.transaction(await adapter.startTransaction(level))
      },
    })
  }

  private transaction(tx: Transaction): Transaction {
    return pass(tx, {
      queryRaw: (q: SqlQuery) => (this.note(q.sql), tx.queryRaw(q)),
      executeRaw: (q: SqlQuery) => (this.note(q.sql), tx.executeRaw(q)),
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
