// `node scripts/setup-db.mjs` runs after `npm install` / `npm ci`: it generates the Prisma
// clients and brings the database (DATABASE_URL, default the SQLite file data/zhibu.db) up to
// the committed migrations. `… migrate` (run by `npm start`, or by a process manager before
// `node dist/src/main.js`) only migrates; `… generate` only generates.
// Everything here works offline: Prisma 6.19's JS schema engine needs no downloaded binary.
import { execFileSync } from 'node:child_process'
import { chmodSync, closeSync, existsSync, mkdirSync, openSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const sqliteSchema = 'prisma/schema.prisma'
const postgresSchema = 'prisma/postgres/schema.prisma'

// The PostgreSQL schema is the SQLite one with another provider and output; never edit it by hand.
export function writePostgresSchema() {
  const text = readFileSync(sqliteSchema, 'utf8')
    .replace('provider = "sqlite"', 'provider = "postgresql"')
    .replace('output       = "../src/generated/sqlite"', 'output       = "../../src/generated/postgres"')
  mkdirSync('prisma/postgres', { recursive: true })
  writeFileSync(postgresSchema, '// GENERATED from prisma/schema.prisma by scripts/setup-db.mjs: do not edit.\n' + text)
}

/** Runs the Prisma CLI quietly; its full output is shown only when it fails. */
function prisma(args, env = {}) {
  try {
    execFileSync('npx', ['prisma', ...args, '--config', 'prisma.config.ts'], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, PRISMA_HIDE_UPDATE_MESSAGE: '1', ...env },
    })
  } catch (error) {
    process.stderr.write(`prisma ${args.join(' ')} failed:\n${error.stdout ?? ''}${error.stderr ?? ''}`)
    process.exit(1)
  }
}

/**
 * Brings the configured database up to the committed migrations (the `migrate` step), exiting
 * the process with the reason when it cannot. Also called in-process by scripts/start.mjs; the
 * working directory is the caller's again when it returns.
 */
export async function migrateDatabase() {
  // Settings from .env count here too, as they do for `npm start`. Both .env and a relative SQLite
  // path are the caller's: a process manager may run one bot account per working directory.
  if (existsSync('.env')) process.loadEnvFile('.env')
  const given = process.env.DATABASE_URL || 'file:./data/zhibu.db'
  const url = given.startsWith('file:') ? `file:${path.resolve(given.slice('file:'.length))}` : given
  const caller = process.cwd()
  // Migrations are found from the repository, wherever we are called from.
  process.chdir(fileURLToPath(new URL('..', import.meta.url)))
  try {
    await migrate(url)
  } finally {
    process.chdir(caller)
  }
}

async function migrate(url) {
  if (/^postgres(ql)?:\/\//.test(url)) {
    // `prisma migrate deploy` fails through the pg adapter (prisma/orm#27403): our runner instead.
    try {
      const { migratePostgres } = await import('./migrate-postgres.mjs')
      const applied = await migratePostgres(url, { log: (line) => console.log(`zhibu: ${line}`) })
      console.log(`zhibu: PostgreSQL is up to date${applied.length ? '' : ' (nothing to migrate)'}`)
    } catch (error) {
      console.error(`zhibu: migrating PostgreSQL failed: ${error.message}`)
      process.exit(1)
    }
  } else {
    const file = url.slice('file:'.length).replace(/\?.*$/, '')
    createPrivateFile(file)
    try {
      // Our runner rather than `prisma migrate deploy`: starting the Prisma CLI takes seconds.
      const { migrateSqlite } = await import('./migrate-sqlite.mjs')
      const applied = migrateSqlite(file, { log: (line) => console.log(`zhibu: ${line}`) })
      console.log(`zhibu: database is up to date (${url})${applied.length ? '' : ' (nothing to migrate)'}`)
    } catch (error) {
      console.error(`zhibu: migrating ${url} failed: ${error.message}`)
      process.exit(1)
    }
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const step = process.argv[2] ?? 'all'
  if (step === 'all' || step === 'generate') {
    // The Prisma CLI reads prisma.config.ts and the schemas from the repository.
    if (existsSync('.env')) process.loadEnvFile('.env')
    const caller = process.cwd()
    process.chdir(fileURLToPath(new URL('..', import.meta.url)))
    writePostgresSchema()
    prisma(['generate', '--schema', sqliteSchema])
    prisma(['generate', '--schema', postgresSchema])
    console.log('zhibu: Prisma clients generated (SQLite and PostgreSQL)')
    process.chdir(caller)
  }
  if (step !== 'generate') await migrateDatabase()
}

/**
 * The SQLite file holds members' personal data (incomes, dues): only the bot's user may read it.
 * SQLite gives its -wal and -shm files the database file's mode.
 */
function createPrivateFile(file) {
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 })
  if (!existsSync(file)) closeSync(openSync(file, 'wx', 0o600))
  if ((statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600)
}
