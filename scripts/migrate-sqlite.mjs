// Brings a SQLite database file up to the committed migrations (prisma/migrations) with the
// better-sqlite3 driver the bot already uses. Starting the Prisma CLI and its schema engine takes
// seconds (most of a cold `npm start` on a new database); this runner does what
// `prisma migrate deploy` does in a few milliseconds: each pending migration.sql in order,
// recorded in `_prisma_migrations` as Prisma records it (same table, sha256 checksum of the file,
// timestamps), so `prisma migrate status` and later `prisma migrate deploy` runs agree.
// Unlike the CLI, each migration runs in one transaction: a failing one leaves nothing behind.
// Foreign keys are off meanwhile (what the `PRAGMA foreign_keys=OFF` of Prisma's table
// redefinitions asks for, which SQLite ignores inside a transaction) and checked before COMMIT.
import { randomUUID } from 'node:crypto'
import { committedMigrations } from './committed-migrations.mjs'
import Database from 'better-sqlite3'

export const SQLITE_MIGRATIONS = 'prisma/migrations'

/** The committed migrations, oldest first: folder name, SQL and checksum. */
export const committedSqliteMigrations = (folder = SQLITE_MIGRATIONS) => committedMigrations(folder)

// The table exactly as Prisma's schema engine creates it on SQLite.
const MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    TEXT PRIMARY KEY NOT NULL,
    "checksum"              TEXT NOT NULL,
    "finished_at"           DATETIME,
    "migration_name"        TEXT NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        DATETIME,
    "started_at"            DATETIME NOT NULL DEFAULT current_timestamp,
    "applied_steps_count"   INTEGER UNSIGNED NOT NULL DEFAULT 0
)`

/** Prisma writes its timestamps as RFC 3339 text with an explicit offset. */
const timestamp = () => new Date().toISOString().replace('Z', '+00:00')

/**
 * Applies the pending migrations to the SQLite file `file` (created if missing). Returns the
 * names applied: none when the database was already up to date. Two processes starting at once
 * take turns (each migration is an IMMEDIATE transaction that looks again at what is applied).
 */
export function migrateSqlite(file, { folder = SQLITE_MIGRATIONS, log = () => {} } = {}) {
  const migrations = committedSqliteMigrations(folder)
  const db = new Database(file, { timeout: 30_000 })
  const applied = []
  try {
    db.pragma('foreign_keys = OFF')
    db.exec(MIGRATIONS_TABLE)
    const recorded = () => db.prepare('SELECT "migration_name", "checksum", "finished_at" FROM "_prisma_migrations" WHERE "rolled_back_at" IS NULL').all()
    const failed = recorded().filter((row) => row.finished_at === null)
    if (failed.length > 0) {
      // As `prisma migrate deploy` does: a half-applied migration needs a person to look at it.
      throw new Error(`migration ${failed[0].migration_name} failed earlier; inspect the database, then run \`npx prisma migrate resolve --config prisma.config.ts\``)
    }
    for (const migration of migrations) {
      const done = new Map(recorded().map((row) => [row.migration_name, row.checksum]))
      if (done.has(migration.name)) {
        if (done.get(migration.name) !== migration.checksum) log(`warning: migration ${migration.name} was edited after it was applied`)
        continue
      }
      const started = timestamp()
      db.exec('BEGIN IMMEDIATE')
      try {
        // Another process may have applied it while we waited for the write lock.
        const already = db.prepare('SELECT 1 FROM "_prisma_migrations" WHERE "migration_name" = ? AND "rolled_back_at" IS NULL').get(migration.name)
        if (already) {
          db.exec('ROLLBACK')
          continue
        }
        db.exec(migration.sql)
        const broken = db.pragma('foreign_key_check')
        if (broken.length > 0) throw new Error(`it leaves ${broken.length} rows whose foreign key points nowhere (first in table ${broken[0].table})`)
        db.prepare(
          `INSERT INTO "_prisma_migrations" ("id", "checksum", "finished_at", "migration_name", "started_at", "applied_steps_count") VALUES (?, ?, ?, ?, ?, 1)`,
        ).run(randomUUID(), migration.checksum, timestamp(), migration.name, started)
        db.exec('COMMIT')
      } catch (error) {
        if (db.inTransaction) db.exec('ROLLBACK')
        throw new Error(`migration ${migration.name} failed and was rolled back: ${error.message}`)
      }
      applied.push(migration.name)
      log(`applied migration ${migration.name}`)
    }
  } finally {
    db.close()
  }
  return applied
}
