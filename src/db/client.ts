import type { Db } from './db.js'
import { silentLogger } from '../logger.js'
import { DatabaseHealth } from './health.js'
import { resilientAdapter, type AdapterWrapper } from './resilient-adapter.js'
import { cachingStatements } from './statement-cache.js'
import { groupingCommits } from './sqlite-group-commit.js'

export type { Db } from './db.js'

export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//.test(url)
}

/**
 * Prisma's default error format takes a stack trace at every query (to point at the calling line
 * in a pretty message): about a tenth of a hot statement's cost. Minimal messages still name the
 * call and say what failed (`Invalid \`prisma.signUp.create()\` invocation: …`).
 */
const errorFormat = 'minimal'

export interface OpenOptions {
  /** Told of storage failures and recoveries (a fresh, unobserved one by default). */
  health?: DatabaseHealth
  /** Wraps the driver (tests inject faults here). */
  wrap?: AdapterWrapper
}

/**
 * Opens SQLite (file:…, WAL mode) or PostgreSQL (postgresql://…) through Prisma's driver
 * adapters, behind the layer that releases a transaction whose COMMIT failed. Only the client and
 * adapter the URL needs are imported: each weighs tens of MB once loaded.
 */
export async function openDatabase(url: string, options: OpenOptions = {}): Promise<Db> {
  const health = options.health ?? new DatabaseHealth(silentLogger)
  const wrap = options.wrap ?? ((factory) => factory)
  if (isPostgresUrl(url)) {
    const [{ PrismaPg }, { PrismaClient: PostgresPrismaClient }, { PreparingClient }] = await Promise.all([
      import('@prisma/adapter-pg'),
      import('../generated/postgres/client.js'),
      import('./pg-prepared-statements.js'),
    ])
    // `?schema=` selects a PostgreSQL schema, as in Prisma's own URLs; pg itself does not know it.
    const parsed = new URL(url)
    const schema = parsed.searchParams.get('schema') ?? undefined
    parsed.searchParams.delete('schema')
    // Raw SQL (report joins) reads unqualified table names: put the schema on the search path too.
    if (schema) parsed.searchParams.set('options', `-c search_path="${schema}"`)
    const adapter = new PrismaPg({ connectionString: parsed.toString(), Client: PreparingClient }, schema ? { schema } : {})
    const client = new PostgresPrismaClient({ adapter: resilientAdapter(wrap(adapter), health), errorFormat })
    await client.$connect()
    return client as unknown as Db
  }
  const [{ PrismaBetterSQLite3 }, { PrismaClient }] = await Promise.all([
    import('@prisma/adapter-better-sqlite3'),
    import('../generated/sqlite/client.js'),
  ])
  const client = new PrismaClient({ adapter: resilientAdapter(groupingCommits(wrap(cachingStatements(new PrismaBetterSQLite3({ url })))), health), errorFormat })
  // WAL lets readers work while a write is in progress; NORMAL sync is safe with WAL.
  await client.$queryRawUnsafe('PRAGMA journal_mode = WAL')
  await client.$executeRawUnsafe('PRAGMA synchronous = NORMAL')
  await client.$queryRawUnsafe('PRAGMA busy_timeout = 5000')
  return client
}

/** Whether the database refused a row because its unique key (or partial unique index) is taken. */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'P2002'
}

/** Whether `db` is a transaction's handle (which has no $transaction of its own) rather than the client. */
export function isTransaction(db: Db): boolean {
  return typeof Reflect.get(db, '$transaction') !== 'function'
}

/** Whether `db` (or a transaction of it) talks to PostgreSQL rather than SQLite. */
export function onPostgres(db: Db): boolean {
  return (db as unknown as { _activeProvider?: string })._activeProvider === 'postgresql'
}

/**
 * Locks one row until the surrounding transaction ends, so transactions that read and then decide
 * on it (capacity) run one after the other. PostgreSQL needs it (READ COMMITTED lets two counts
 * see the same total); SQLite already runs one write transaction at a time.
 */
export async function lockRow(db: Db, table: 'Activity' | 'Meeting' | 'Notice', id: number): Promise<void> {
  if (!onPostgres(db)) return
  await db.$queryRawUnsafe(`SELECT 1 FROM "${table}" WHERE "id" = $1 FOR UPDATE`, id)
}

/**
 * Locks several rows of one table in one statement (as lockRow), in id order: a transaction that
 * decides on several rows takes them in one round trip, and two that lock overlapping sets cannot
 * wait for each other in a circle.
 */
export async function lockRows(db: Db, table: 'Activity' | 'Meeting' | 'Notice', ids: number[]): Promise<void> {
  if (!onPostgres(db) || ids.length === 0) return
  if (ids.length === 1) return lockRow(db, table, ids[0]!)
  await db.$queryRawUnsafe(`SELECT 1 FROM "${table}" WHERE "id" = ANY($1::int[]) ORDER BY "id" FOR UPDATE`, ids)
}

/**
 * Runs `work` (a transaction) again when it lost a race for a unique key: the second run sees the
 * row the winner committed and answers as for a repeat ("已…").
 */
export async function retryOnUniqueViolation<T>(work: () => Promise<T>, tries = 3): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work()
    } catch (error) {
      if (attempt >= tries || !isUniqueViolation(error)) throw error
    }
  }
}
