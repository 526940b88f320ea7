import type { PrismaClient } from '../generated/sqlite/client.js'

/**
 * The database handle the repositories receive. Both generated clients come from one schema
 * (prisma/postgres/schema.prisma is derived from prisma/schema.prisma), so they share this shape.
 */
export type Db = PrismaClient

export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//.test(url)
}

/**
 * Opens SQLite (file:…, WAL mode) or PostgreSQL (postgresql://…) through Prisma's driver adapters.
 * Only the client and adapter the URL needs are imported: each weighs tens of MB once loaded.
 */
export async function openDatabase(url: string): Promise<Db> {
  if (isPostgresUrl(url)) {
    const [{ PrismaPg }, { PrismaClient: PostgresPrismaClient }] = await Promise.all([
      import('@prisma/adapter-pg'),
      import('../generated/postgres/client.js'),
    ])
    // `?schema=` selects a PostgreSQL schema, as in Prisma's own URLs; pg itself does not know it.
    const parsed = new URL(url)
    const schema = parsed.searchParams.get('schema') ?? undefined
    parsed.searchParams.delete('schema')
    // Raw SQL (report joins) reads unqualified table names: put the schema on the search path too.
    if (schema) parsed.searchParams.set('options', `-c search_path="${schema}"`)
    const adapter = new PrismaPg({ connectionString: parsed.toString() }, schema ? { schema } : {})
    const client = new PostgresPrismaClient({ adapter })
    await client.$connect()
    return client as unknown as Db
  }
  const [{ PrismaBetterSQLite3 }, { PrismaClient }] = await Promise.all([
    import('@prisma/adapter-better-sqlite3'),
    import('../generated/sqlite/client.js'),
  ])
  const client = new PrismaClient({ adapter: new PrismaBetterSQLite3({ url }) })
  // WAL lets readers work while a write is in progress; NORMAL sync is safe with WAL.
  await client.$queryRawUnsafe('PRAGMA journal_mode = WAL')
  await client.$executeRawUnsafe('PRAGMA synchronous = NORMAL')
  await client.$queryRawUnsafe('PRAGMA busy_timeout = 5000')
  return client
}
