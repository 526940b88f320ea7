import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'

describe('start-up on a broken database', () => {
  const dir = mkdtempSync(join(tmpdir(), 'zhibu-broken-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  function startWith(databaseUrl: string) {
    return spawnSync('node_modules/.bin/tsx', ['src/main.ts'], {
      env: { ...process.env, DATABASE_URL: databaseUrl, SIM_PORT: '0', SIM_STATE_FILE: join(dir, 'sim.json'), LOG_LEVEL: 'silent', ZHIBU_ADMIN_TOKEN: 'broken-database-token-01' },
      encoding: 'utf8',
      timeout: 20_000,
    })
  }

  it.each([
    ['a file that is not a database', () => (writeFileSync(join(dir, 'garbage.db'), 'x'.repeat(4096)), `file:${join(dir, 'garbage.db')}`)],
    ['a folder that does not exist', () => `file:${join(dir, 'missing', 'zhibu.db')}`],
  ])('GIVEN %s THEN the bot exits 1 with one sentence and no stack trace', (_, url) => {
    const run = startWith(url())
    expect(run.status).toBe(1)
    const lines = run.stderr.trim().split('\n')
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatch(/^Zhibu cannot start: the database file:.* cannot be used \(.+\); fix it or DATABASE_URL and start again\.$/)
    expect(run.stderr).not.toMatch(/\n\s+at /)
  })
})
