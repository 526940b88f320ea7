import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, describe, expect, it } from 'vitest'
import { committedSqliteMigrations, migrateSqlite, SQLITE_MIGRATIONS } from '../scripts/migrate-sqlite.mjs'
import { migrateSqliteFile } from './support/database.js'

/**
 * The runner `npm start` migrates SQLite with (instead of the seconds-long Prisma CLI): the same
 * schema as every migration applied in order, recorded as Prisma records it, each migration all
 * or nothing.
 */
describe('migrateSqlite', () => {
  const dir = mkdtempSync(join(tmpdir(), 'zhibu-migrate-sqlite-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))
  const schemaOf = (file: string) => {
    const db = new Database(file, { readonly: true })
    try {
      return db.prepare(`SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' AND name <> '_prisma_migrations' ORDER BY name`).all()
    } finally {
      db.close()
    }
  }
  const recorded = (file: string) => {
    const db = new Database(file, { readonly: true })
    try {
      return db.prepare('SELECT migration_name, checksum, finished_at, applied_steps_count FROM _prisma_migrations ORDER BY migration_name').all() as Array<Record<string, unknown>>
    } finally {
      db.close()
    }
  }

  it('migrates an empty file to the schema of every migration, records each with its checksum, then has nothing to do', () => {
    const file = join(dir, 'empty.db')
    const committed = committedSqliteMigrations()
    expect(migrateSqlite(file)).toEqual(committed.map((m) => m.name))
    const reference = join(dir, 'reference.db')
    migrateSqliteFile(reference)
    expect(schemaOf(file)).toEqual(schemaOf(reference))
    const rows = recorded(file)
    expect(rows.map((r) => [r.migration_name, r.checksum, r.applied_steps_count])).toEqual(committed.map((m) => [m.name, m.checksum, 1]))
    expect(rows.every((r) => /^\d{4}-\d\d-\d\dT[\d:.]+\+00:00$/.test(String(r.finished_at)))).toBe(true)
    expect(migrateSqlite(file)).toEqual([])
  })

  it('rolls a failing migration back whole: no table, no record, and the next good run applies it', () => {
    const folder = join(dir, 'migrations')
    cpSync(SQLITE_MIGRATIONS, folder, { recursive: true })
    const broken = join(folder, '99990101000000_broken')
    mkdirSync(broken)
    writeFileSync(join(broken, 'migration.sql'), 'CREATE TABLE "Half" ("id" INTEGER PRIMARY KEY);\nINSERT INTO "NoSuchTable" VALUES (1);\n')
    const file = join(dir, 'broken.db')
    expect(() => migrateSqlite(file, { folder })).toThrow(/99990101000000_broken failed and was rolled back/)
    expect(recorded(file).map((r) => r.migration_name)).not.toContain('99990101000000_broken')
    expect(schemaOf(file).map((t) => (t as { name: string }).name)).not.toContain('Half')

    writeFileSync(join(broken, 'migration.sql'), 'CREATE TABLE "Half" ("id" INTEGER PRIMARY KEY);\n')
    expect(migrateSqlite(file, { folder })).toEqual(['99990101000000_broken'])
  })

  it('refuses a database where a migration failed half-way under the Prisma CLI', () => {
    const file = join(dir, 'failed.db')
    migrateSqlite(file)
    const db = new Database(file)
    db.prepare(`INSERT INTO _prisma_migrations (id, checksum, migration_name, started_at) VALUES ('x', 'y', '99990101000000_half', '2026-11-28T00:00:00+00:00')`).run()
    db.close()
    expect(() => migrateSqlite(file)).toThrow(/99990101000000_half failed earlier/)
  })
})
