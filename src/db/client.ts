import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3'
import { PrismaPg } from '@prisma/adapter-pg'
import { PrismaClient } from '../generated/sqlite/client.js'
import { PrismaClient as PostgresPrismaClient } from '../generated/postgres/client.js'
import { silentLogger } from '../logger.js'
import { DatabaseHealth } from './health.js'
import { resilientAdapter, type AdapterWrapper } from './resilient-adapter.js'

/**
 * The database handle the repositories receive. Both generated clients come from one schema
 * (prisma/postgres/schema.prisma is derived from prisma/schema.prisma), so they share this shape.
 */
export type Db = PrismaClient

export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//.test(url)
}

export interface OpenOptions {
  /** Told of storage failures and recoveries (a fresh, unobserved one by default). */
  health?: DatabaseHealth
  /** Wraps the driver (tests inject faults here). */
  wrap?: AdapterWrapper
}

/**
 * Opens SQLite (file:…, WAL mode) or PostgreSQL (postgresql://…) through Prisma's driver
 * adapters, behind the layer that releases a transaction whose COMMIT failed.
 */
export async function openDatabase(url: string, options: OpenOptions = {}): Promise<Db> {
  const health = options.health ?? new DatabaseHealth(silentLogger)
  const wrap = options.wrap ?? ((factory) => factory)
  if (isPostgresUrl(url)) {
    // `?schema=` selects a PostgreSQL schema, as in Prisma's own URLs; pg itself does not know it.
    const parsed = new URL(url)
    const schema = parsed.searchParams.get('schema') ?? undefined
    parsed.searchParams.delete('schema')
    // Raw SQL (report joins) reads unqualified table names: put the schema on the search path too.
    if (schema) parsed.searchParams.set('options', `-c search_path="${schema}"`)
    const adapter = new PrismaPg({ connectionString: parsed.toString() }, schema ? { schema } : {})
    const client = new PostgresPrismaClient({ adapter: resilientAdapter(wrap(adapter), health) })
    await client.$connect()
    return client as unknown as Db
  }
  const client = new PrismaClient({ adapter: resilientAdapter(wrap(new PrismaBetterSQLite3({ url })), health) })
  // WAL lets readers work while a write is in progress; NORMAL sync is safe with WAL.
  await client.$queryRawUnsafe('PRAGMA journal_mode = WAL')
  await client.$executeRawUnsafe('PRAGMA synchronous = NORMAL')
  await client.$queryRawUnsafe('PRAGMA busy_timeout = 5000')
  return client
}
