import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { npmStart } from './support/npm-start.js'

/** Runs a command to its end; resolves with what it printed (stdout) and fails when it fails. */
function run(command: string, args: string[], options: { env: NodeJS.ProcessEnv }): Promise<{ stdout: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env: options.env, stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk) => (stdout += chunk))
    child.stderr.on('data', (chunk) => (stderr += chunk))
    child.once('error', reject)
    child.once('exit', (code) => (code === 0 ? resolve({ stdout }) : reject(new Error(`${command} ${args.join(' ')} exited ${code}:\n${stdout}${stderr}`))))
  })
}
const postgres = process.env.POSTGRES_TEST_URL

/**
 * PostgreSQL as an operator deploys it: `DATABASE_URL=postgresql://…` then `npm start` on an empty
 * database. Each case gets its own empty schema (Prisma's `?schema=`), dropped afterwards.
 */
describe.skipIf(!postgres)('npm start on an empty PostgreSQL database', () => {
  const admin = new pg.Client({ connectionString: postgres })
  const schemas: string[] = []
  const dir = mkdtempSync(join(tmpdir(), 'zhibu-pg-start-'))
  const emptyDatabase = () => {
    const schema = `start_${process.pid}_${Math.random().toString(36).slice(2, 10)}`
    schemas.push(schema)
    return `${postgres}${postgres!.includes('?') ? '&' : '?'}schema=${schema}`
  }
  const appliedRows = async (schema: string) =>
    (await admin.query(`SELECT "migration_name" FROM "${schema}"."_prisma_migrations" ORDER BY "migration_name"`)).rows.map((row) => row.migration_name as string)

  beforeAll(() => admin.connect())
  afterAll(async () => {
    for (const schema of schemas) await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`)
    await admin.end()
    rmSync(dir, { recursive: true, force: true })
  })

  it('GIVEN an empty database WHEN npm start THEN it migrates, the bot answers health, and `prisma migrate status` agrees', async () => {
    const url = emptyDatabase()
    const bot = await npmStart({ DATABASE_URL: url, SIM_STATE_FILE: join(dir, 'simulator.json') })
    process.kill(bot.botPid(), 'SIGTERM')
    expect(await bot.exited).toBe(0)
    expect(bot.output()).toContain('zhibu: applied migration 20261127000000_init')
    expect(bot.output()).toContain('stopped: queue flushed, database closed')

    const status = await run('node_modules/.bin/prisma', ['migrate', 'status', '--config', 'prisma.config.ts'], {
      env: { ...process.env, DATABASE_URL: url, PRISMA_HIDE_UPDATE_MESSAGE: '1' },
    })
    expect(status.stdout).toContain('Database schema is up to date!')

    // A second start on the same database migrates nothing.
    const again = await run('node', ['scripts/setup-db.mjs', 'migrate'], { env: { ...process.env, DATABASE_URL: url } })
    expect(again.stdout).toContain('PostgreSQL is up to date (nothing to migrate)')
  }, 180_000)

  it('GIVEN an empty database WHEN two processes start at once THEN exactly one of them migrates', async () => {
    const url = emptyDatabase()
    const schema = schemas.at(-1)!
    // Hold the migration lock so that both processes are surely waiting on it at the same moment.
    const holder = new pg.Client({ connectionString: postgres })
    await holder.connect()
    await holder.query('SELECT pg_advisory_lock(72707369)')
    const both = Promise.all([1, 2].map(() => run('node', ['scripts/setup-db.mjs', 'migrate'], { env: { ...process.env, DATABASE_URL: url } })))
    const waiting = async () =>
      Number((await admin.query(`SELECT count(*) AS n FROM pg_locks WHERE locktype = 'advisory' AND objid = 72707369 AND NOT granted`)).rows[0].n)
    const deadline = Date.now() + 30_000
    while ((await waiting()) < 2 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50))
    expect(await waiting()).toBe(2)
    await holder.end()

    const results = await both
    const migrated = results.filter((result) => result.stdout.includes('applied migration'))
    const idle = results.filter((result) => result.stdout.includes('(nothing to migrate)'))
    expect([migrated.length, idle.length]).toEqual([1, 1])
    const committed = (await import('../scripts/migrate-postgres.mjs')).committedMigrations().map((migration) => migration.name)
    expect(await appliedRows(schema)).toEqual(committed)
  }, 60_000)
})
