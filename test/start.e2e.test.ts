import { mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { npmStart } from './support/npm-start.js'

/**
 * `npm start` as a newcomer runs it and as an operator stops it. The first start migrates a new
 * SQLite file; the later ones find it up to date. However the bot is stopped — Ctrl-C in the
 * terminal (the whole process group), a SIGTERM to npm, or a process manager signalling the bot's
 * own pid — it stops taking messages, flushes its queue, closes the database and exits 0.
 */
describe('npm start with no WeChat puppet configured', () => {
  const dir = mkdtempSync(join(tmpdir(), 'zhibu-start-'))
  const env = { DATABASE_URL: `file:${join(dir, 'data', 'zhibu.db')}`, SIM_STATE_FILE: join(dir, 'simulator.json') }
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('GIVEN a new database THEN it migrates it, prints the simulator URL and the admin token, runs compiled JavaScript, and answers health', async () => {
    const bot = await npmStart(env)
    try {
      expect(bot.output()).toMatch(/管理员令牌：[A-Za-z0-9_-]{24}/) // a generated token: 24 characters
      expect(bot.output()).toContain('zhibu: applied migration 20261127000000_init')
      expect(bot.output()).toContain('> exec node --optimize-for-size scripts/start.mjs')
      // Members' incomes and dues live in this file: only the bot's own user may read it.
      expect(statSync(join(dir, 'data', 'zhibu.db')).mode & 0o777).toBe(0o600)
      expect(statSync(join(dir, 'data')).mode & 0o077).toBe(0)
    } finally {
      process.kill(bot.botPid(), 'SIGTERM')
      expect(await bot.exited).toBe(0)
    }
  }, 120_000)

  it('WHEN npm itself gets SIGTERM THEN npm passes it on, the bot drains and everything exits 0', async () => {
    const bot = await npmStart(env)
    process.kill(bot.child.pid!, 'SIGTERM')
    expect(await bot.exited).toBe(0)
    expect(bot.output()).toContain('stopped: queue flushed, database closed')
    expect(() => process.kill(bot.botPid(), 0)).toThrow() // no orphaned bot left behind
  }, 120_000)

  it('WHEN the terminal sends Ctrl-C (SIGINT to the process group) THEN the bot drains and exits 0', async () => {
    const bot = await npmStart(env)
    process.kill(-bot.child.pid!, 'SIGINT')
    expect(await bot.exited).toBe(0)
    expect(bot.output()).toContain('"signal":"SIGINT"')
    expect(bot.output()).toContain('stopped: queue flushed, database closed')
  }, 120_000)

  it('WHEN a process manager sends SIGTERM to the bot process only THEN it drains and npm exits 0', async () => {
    const bot = await npmStart(env)
    expect(bot.output()).toContain('(nothing to migrate)')
    expect(bot.output()).not.toContain('applied migration')
    process.kill(bot.botPid(), 'SIGTERM')
    expect(await bot.exited).toBe(0)
    expect(bot.output()).toContain('"signal":"SIGTERM"')
    expect(bot.output()).toContain('stopped: queue flushed, database closed')
  }, 120_000)
})
