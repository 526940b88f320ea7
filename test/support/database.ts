import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import pg from 'pg'
import { migratePostgres } from '../../scripts/migrate-postgres.mjs'
import { openDatabase, type Db, type OpenOptions } from '../../src/db/client.js'

export interface TestDatabase {
  db: Db
  url: string
  close(): Promise<void>
}

function sqliteMigrationScripts(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
    .map((name) => readFileSync(join(folder, name, 'migration.sql'), 'utf8'))
}

/**
 * A fresh database with every committed migration applied: a SQLite file in a temp folder, or,
 * when TEST_DATABASE_URL is set, a new schema in that PostgreSQL database.
 */
export async function createTestDatabase(options: OpenOptions = {}): Promise<TestDatabase> {
  const postgres = process.env.TEST_DATABASE_URL
  return postgres ? createPostgres(postgres, options) : createSqlite(options)
}

/** Applies every committed SQLite migration to a new database file (faster than the Prisma CLI). */
export function migrateSqliteFile(file: string): void {
  const raw = new Database(file)
  for (const script of sqliteMigrationScripts('prisma/migrations')) raw.exec(script)
  raw.close()
}

/**
 * The migrated schema, built once per test process: each new database is a copy of it (a copy
 * takes under a millisecond; applying the migrations again took a quarter of a second per test,
 * each DDL statement waiting for the disk).
 */
let migratedTemplate: string | undefined

function copyOfMigratedSqlite(file: string): void {
  if (!migratedTemplate) {
    const dir = mkdtempSync(join(tmpdir(), 'zhibu-template-'))
    process.once('exit', () => rmSync(dir, { recursive: true, force: true }))
    migrateSqliteFile(join(dir, 'template.db'))
    migratedTemplate = join(dir, 'template.db')
  }
  copyFileSync(migratedTemplate, file)
}

export async function createSqlite(options: OpenOptions = {}): Promise<TestDatabase> {
  const dir = mkdtempSync(join(tmpdir(), 'zhibu-test-'))
  const file = join(dir, 'test.db')
  copyOfMigratedSqlite(file)
  const url = `file:${file}`
  const db = await openDatabase(url, options)
  return {
    db,
    url,
    close: async () => {
      await db.$disconnect()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

/**
 * Schemas this process migrated and emptied after their test, ready for the next one. Migrating
 * a schema took about a third of a second (and the migration lock makes the two workers take
 * turns); emptying one takes a few milliseconds. Only within a test run (ZHIBU_TEST_RUN, set by
 * test/support/test-run.ts, whose teardown drops them); elsewhere each schema is dropped after use.
 */
const emptied = new Map<string, string[]>()

interface MigratedSchema {
  /** Deletes every row and sets every id counting from 1 again, as after migrating. */
  emptying: string
  /** Its tables, columns, indexes and triggers as migrated: a test that changed them gets a new schema after it. */
  shape: string
}

const migrated = new Map<string, MigratedSchema>()

/** A fresh schema in that PostgreSQL database, migrated by the same runner `npm start` uses. */
export async function createPostgres(baseUrl: string, options: OpenOptions): Promise<TestDatabase> {
  const run = process.env.ZHIBU_TEST_RUN
  const ready = emptied.get(baseUrl) ?? []
  emptied.set(baseUrl, ready)
  let schema = ready.pop()
  if (!schema) {
    schema = `t_${run ?? 'x'}_${process.pid}_${Math.random().toString(36).slice(2, 10)}`
    await migratePostgres(schemaUrl(baseUrl, schema))
    if (run) migrated.set(schema, await withAdmin(baseUrl, (admin) => describeSchema(admin, schema!)))
  }
  const url = schemaUrl(baseUrl, schema)
  const db = await openDatabase(url, options)
  let closed = false
  return {
    db,
    url,
    close: async () => {
      // Closed twice, it would be handed to two tests at once.
      if (closed) return
      closed = true
      await db.$disconnect()
      await withAdmin(baseUrl, async (admin) => {
        const known = migrated.get(schema)
        // Emptying needs a superuser (foreign keys set aside); a user without that right drops the schema as before.
        const reused = known && (await shapeOf(admin, schema)) === known.shape && (await admin.query(known.emptying).then(() => true, () => admin.query('ROLLBACK').then(() => false)))
        if (reused) {
          ready.push(schema)
        } else {
          migrated.delete(schema)
          await admin.query(`DROP SCHEMA "${schema}" CASCADE`)
        }
      })
    },
  }
}

const schemaUrl = (baseUrl: string, schema: string) => `${baseUrl}${baseUrl.includes('?') ? '&' : '?'}schema=${schema}`

async function withAdmin<T>(baseUrl: string, work: (admin: pg.Client) => Promise<T>): Promise<T> {
  const admin = new pg.Client({ connectionString: baseUrl })
  await admin.connect()
  try {
    return await work(admin)
  } finally {
    await admin.end()
  }
}

async function describeSchema(admin: pg.Client, schema: string): Promise<MigratedSchema> {
  const tables = await admin.query<{ name: string }>(`SELECT tablename AS name FROM pg_tables WHERE schemaname = $1 AND tablename <> '_prisma_migrations'`, [schema])
  const sequences = await admin.query<{ name: string }>(`SELECT sequencename AS name FROM pg_sequences WHERE schemaname = $1`, [schema])
  // DELETE, not TRUNCATE (which took a tenth of a second: new files for every table and index); foreign keys not checked meanwhile.
  const emptying = [
    'BEGIN; SET LOCAL session_replication_role = replica;',
    ...tables.rows.map((t) => `DELETE FROM "${schema}"."${t.name}";`),
    ...sequences.rows.map((q) => `SELECT setval('"${schema}"."${q.name}"', 1, false);`),
    'COMMIT;',
  ].join(' ')
  return { emptying, shape: await shapeOf(admin, schema) }
}

/** Counts of the schema's relations (tables, indexes, sequences), columns and triggers. */
async function shapeOf(admin: pg.Client, schema: string): Promise<string> {
  const { rows } = await admin.query<{ shape: string }>(
    `SELECT (SELECT count(*) FROM pg_class c WHERE c.relnamespace = n.oid)
         || ':' || (SELECT count(*) FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid WHERE c.relnamespace = n.oid AND a.attnum > 0 AND NOT a.attisdropped)
         || ':' || (SELECT count(*) FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid WHERE c.relnamespace = n.oid) AS shape
       FROM pg_namespace n WHERE n.nspname = $1`,
    [schema],
  )
  return rows[0]?.shape ?? 'gone'
}
