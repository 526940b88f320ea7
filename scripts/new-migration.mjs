// Writes a migration for both databases from the change to prisma/schema.prisma since the last
// commit: `node scripts/new-migration.mjs add_meetings`. (`prisma migrate dev` does not work
// offline with the JS engine; `migrate diff` does; the PostgreSQL diff needs a reachable server.)
import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

const name = process.argv[2]
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error('usage: node scripts/new-migration.mjs <snake_case_name>')
  process.exit(2)
}
const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14)
const scratch = mkdtempSync(path.join(tmpdir(), 'zhibu-migration-'))
const previous = path.join(scratch, 'previous.prisma')
writeFileSync(previous, execFileSync('git', ['show', 'HEAD:prisma/schema.prisma']))

execFileSync('node', ['scripts/setup-db.mjs', 'generate'], { stdio: 'inherit' })
for (const [provider, folder, schema] of [
  ['sqlite', 'prisma/migrations', 'prisma/schema.prisma'],
  ['postgresql', 'prisma/postgres/migrations', 'prisma/postgres/schema.prisma'],
]) {
  const from = path.join(scratch, `previous-${provider}.prisma`)
  const text = execFileSync('git', ['show', 'HEAD:prisma/schema.prisma'], { encoding: 'utf8' }).replace('provider = "sqlite"', `provider = "${provider}"`)
  writeFileSync(from, text)
  const out = path.join(folder, `${stamp}_${name}`, 'migration.sql')
  mkdirSync(path.dirname(out), { recursive: true })
  const env = { ...process.env, DATABASE_URL: provider === 'sqlite' ? 'file:./data/zhibu.db' : (process.env.POSTGRES_TEST_URL ?? 'postgresql://postgres@127.0.0.1:5432/test') }
  execFileSync('npx', ['prisma', 'migrate', 'diff', '--config', 'prisma.config.ts', '--from-schema-datamodel', from, '--to-schema-datamodel', schema, '--script', '-o', out], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env,
  })
  console.log(`wrote ${out}`)
}
