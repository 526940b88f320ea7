import type { SqlDriverAdapterFactory } from '@prisma/driver-adapter-utils'

/**
 * Prisma's better-sqlite3 adapter prepares every statement afresh (`client.prepare(sql).bind(args)`),
 * and SQLite's compiling of the SQL costs about as much as running a small statement. The bot
 * sends the same few hundred statements over and over: this keeps the prepared ones (at most
 * `max`, the least recently used dropped first) and hands the adapter a look-alike whose `bind`
 * passes the arguments at each run (a better-sqlite3 statement can be bound only once).
 */
export function cachingStatements(factory: SqlDriverAdapterFactory, max = 500): SqlDriverAdapterFactory {
  const connect = async () => {
    const adapter = await factory.connect()
    const client: unknown = Reflect.get(adapter, 'client')
    if (isPreparer(client)) client.prepare = cachedPrepare(client.prepare.bind(client), max)
    return adapter
  }
  return new Proxy(factory, { get: (obj, key) => (key === 'connect' ? connect : bound(obj, key)) })
}

interface Statement {
  readonly reader: boolean
  run(args?: unknown[]): unknown
  columns(): unknown[]
  raw(toggle?: boolean): Statement
  all(args?: unknown[]): unknown[]
}

/** What the adapter uses of a prepared statement: `reader`, `run()`, `bind(args)` then `run`, `columns`, `raw().all()`. */
interface Prepared {
  readonly reader: boolean
  run(): unknown
  bind(args: unknown[]): { readonly reader: boolean; run(): unknown; columns(): unknown[]; raw(): { all(): unknown[] } }
}

interface Preparer {
  prepare: (sql: string) => Prepared
}

function isPreparer(value: unknown): value is Preparer {
  return typeof value === 'object' && value !== null && typeof Reflect.get(value, 'prepare') === 'function'
}

function cachedPrepare(prepare: (sql: string) => Prepared, max: number): (sql: string) => Prepared {
  // better-sqlite3's own `prepare` returns a whole Statement; `Prepared` is only what the adapter calls of it.
  const compile = prepare as unknown as (sql: string) => Statement
  const cache = new Map<string, Statement>()
  return (sql) => {
    let stmt = cache.get(sql)
    if (stmt) cache.delete(sql)
    else stmt = compile(sql)
    cache.set(sql, stmt)
    if (cache.size > max) cache.delete(cache.keys().next().value!)
    const statement = stmt
    return {
      reader: statement.reader,
      run: () => statement.run(),
      bind: (args) => ({
        reader: statement.reader,
        run: () => statement.run(args),
        columns: () => statement.columns(),
        raw: () => ({ all: () => statement.raw(true).all(args) }),
      }),
    }
  }
}

function bound(obj: object, key: string | symbol): unknown {
  const value: unknown = Reflect.get(obj, key)
  return typeof value === 'function' ? value.bind(obj) : value
}
