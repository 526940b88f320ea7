// Runs after `npm install` / `npm ci`: generates the Prisma clients and brings the database
// (DATABASE_URL, default the SQLite file data/zhibu.db) up to the committed migrations.
// Everything here works offline: Prisma 6.19's JS schema engine needs no downloaded binary.
import { execFileSync } from 'node:child_process'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'

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

function prisma(args, env = {}) {
  execFileSync('npx', ['prisma', ...args, '--config', 'prisma.config.ts'], {
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, PRISMA_HIDE_UPDATE_MESSAGE: '1', ...env },
  })
}

writePostgresSchema()
prisma(['generate', '--schema', sqliteSchema])
prisma(['generate', '--schema', postgresSchema])
mkdirSync('data', { recursive: true })
prisma(['migrate', 'deploy'])
