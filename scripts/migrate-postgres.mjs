// Brings a PostgreSQL database up to the committed migrations (prisma/postgres/migrations).
// `prisma migrate deploy` cannot do it today: through the pg driver adapter it fails with "Column
// type 'name' could not be deserialized" (prisma/orm#27403). This runner does what it would do:
// each pending migration.sql in order, inside a transaction, recorded in `_prisma_migrations`
// with Prisma's checksum (sha256 of the file), so `prisma migrate status` agrees. It holds
// Prisma's own advisory lock meanwhile, so two processes starting at once never both migrate,
// nor race a `prisma migrate` run by hand.
import { randomUUID } from 'node:crypto'
import { existsSync } from 'node:fs'
import path from 'node:path'
import { committedMigrations as committed } from './committed-migrations.mjs'
import { fileURLToPath } from 'node:url'
import pg from 'pg'

export const POSTGRES_MIGRATIONS = 'prisma/postgres/migrations'
// The key `prisma migrate` locks with (schema-engine's ADVISORY_LOCK_TIMEOUT key, 72707369).
const PRISMA_ADVISORY_LOCK = 72707369

/** The committed migrations, oldest first: folder name, SQL and checksum. */
export const committedMigrations = (folder = POSTGRES_MIGRATIONS) => committed(folder)

/** pg does not know Prisma's `?schema=`: it is taken out of the URL and returned beside it. */
export function splitSchema(url) {
  const parsed = new URL(url)
  const schema = parsed.searchParams.get('schema') ?? 'public'
  parsed.searchParams.delete('schema')
  return { connectionString: parsed.toString(), schema }
}

const quote = (identifier) => `"${identifier.replaceAll('"', '""')}"`

/**
 * Applies the pending migrations to the database at `url` (a `?schema=` is honoured and created
 * if missing). Returns the names applied: none when the database was already up to date.
 */
export async function migratePostgres(url, { folder = POSTGRES_MIGRATIONS, log = () => {} } = {}) {
  const { connectionString, schema } = splitSchema(url)
  const client = new pg.Client({ connectionString })
  await client.connect()
  const applied = []
  try {
    // Session-level lock: a second process waits here until the first has finished migrating.
    await client.query('SELECT pg_advisory_lock($1)', [PRISMA_ADVISORY_LOCK])
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${quote(schema)}`)
    await client.query(`SET search_path TO ${quote(schema)}`)
    // The table exactly as Prisma's schema engine creates it on PostgreSQL.
    await client.query(`CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
      "id"                  VARCHAR(36) PRIMARY KEY NOT NULL,
      "checksum"            VARCHAR(64) NOT NULL,
      "finished_at"         TIMESTAMPTZ,
      "migration_name"      VARCHAR(255) NOT NULL,
      "logs"                TEXT,
      "rolled_back_at"      TIMESTAMPTZ,
      "started_at"          TIMESTAMPTZ NOT NULL DEFAULT now(),
      "applied_steps_count" INTEGER NOT NULL DEFAULT 0
    )`)
    const { rows } = await client.query('SELECT "migration_name", "checksum", "finished_at" FROM "_prisma_migrations" WHERE "rolled_back_at" IS NULL')
    const failed = rows.filter((row) => row.finished_at === null)
    if (failed.length > 0) {
      // As `prisma migrate deploy` does: a half-applied migration needs a person to look at it.
      throw new Error(`migration ${failed[0].migration_name} failed earlier; inspect the database, then run \`npx prisma migrate resolve --config prisma.config.ts\``)
    }
    const done = new Map(rows.map((row) => [row.migration_name, row.checksum]))
    for (const migration of committedMigrations(folder)) {
      if (done.has(migration.name)) {
        if (done.get(migration.name) !== migration.checksum) log(`warning: migration ${migration.name} was edited after it was applied`)
        continue
      }
      await client.query('BEGIN')
      try {
        await client.query(migration.sql)
        await client.query(
          `INSERT INTO "_prisma_migrations" ("id", "checksum", "finished_at", "migration_name", "started_at", "applied_steps_count")
           VALUES ($1, $2, now(), $3, now(), 1)`,
          [randomUUID(), migration.checksum, migration.name],
        )
        await client.query('COMMIT')
      } catch (error) {
        await client.query('ROLLBACK')
        throw new Error(`migration ${migration.name} failed and was rolled back: ${error.message}`)
      }
      applied.push(migration.name)
      log(`applied migration ${migration.name}`)
    }
  } finally {
    await client.end()
  }
  return applied
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  if (existsSync('.env')) process.loadEnvFile('.env')
  const url = process.env.DATABASE_URL ?? ''
  if (!/^postgres(ql)?:\/\//.test(url)) {
    console.error('usage: DATABASE_URL=postgresql://… node scripts/migrate-postgres.mjs')
    process.exit(2)
  }
  const applied = await migratePostgres(url, { log: (line) => console.log(`zhibu: ${line}`) })
  console.log(`zhibu: PostgreSQL is up to date (${applied.length} migration${applied.length === 1 ? '' : 's'} applied)`)
}
