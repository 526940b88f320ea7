// `node scripts/setup-db.mjs` runs after `npm install` / `npm ci`: it generates the Prisma
// clients and brings the database (DATABASE_URL, default the SQLite file data/zhibu.db) up to
// the committed migrations. `… migrate` (run by `npm start`) only migrates; `… generate` only generates.
// Everything here works offline: Prisma 6.19's JS schema engine needs no downloaded binary.
import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'

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

// Settings from .env count here too, as they do for `npm start`.
if (existsSync('.env')) process.loadEnvFile('.env')
const url = process.env.DATABASE_URL || 'file:./data/zhibu.db'

const step = process.argv[2] ?? 'all'
if (step === 'all' || step === 'generate') {
  writePostgresSchema()
  prisma(['generate', '--schema', sqliteSchema])
  prisma(['generate', '--schema', postgresSchema])
  console.log('zhibu: Prisma clients generated (SQLite and PostgreSQL)')
}
if (step === 'generate') process.exit(0)
if (url.startsWith('file:')) mkdirSync(path.dirname(url.slice('file:'.length)), { recursive: true })
prisma(['migrate', 'deploy'], { DATABASE_URL: url })
console.log(`zhibu: database is up to date (${url.startsWith('file:') ? url : 'PostgreSQL'})`)
