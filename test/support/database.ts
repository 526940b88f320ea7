import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
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

export async function createSqlite(options: OpenOptions = {}): Promise<TestDatabase> {
  const dir = mkdtempSync(join(tmpdir(), 'zhibu-test-'))
  const file = join(dir, 'test.db')
  migrateSqliteFile(file)
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

/** A new schema in that PostgreSQL database, migrated by the same runner `npm start` uses. */
export async function createPostgres(baseUrl: string, options: OpenOptions): Promise<TestDatabase> {
  const schema = `t_${process.pid}_${Math.random().toString(36).slice(2, 10)}`
  const url = `${baseUrl}${baseUrl.includes('?') ? '&' : '?'}schema=${schema}`
  await migratePostgres(url)
  const db = await openDatabase(url, options)
  return {
    db,
    url,
    close: async () => {
      await db.$disconnect()
      const admin = new pg.Client({ connectionString: baseUrl })
      await admin.connect()
      await admin.query(`DROP SCHEMA "${schema}" CASCADE`)
      await admin.end()
    },
  }
}
