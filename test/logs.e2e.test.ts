import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { api, startBotProcess } from './support/bot-process.js'
import { migrateSqliteFile } from './support/database.js'

/** Runs test/support/log-then-kill.ts; resolves with its stdout once it died. */
function logThenKill(env: Record<string, string>): Promise<{ stdout: string; killed: boolean }> {
  const child = spawn('node_modules/.bin/tsx', ['test/support/log-then-kill.ts'], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] })
  let stdout = ''
  child.stdout.on('data', (chunk) => (stdout += chunk))
  return new Promise((resolve) => child.once('close', (code, signal) => resolve({ stdout, killed: signal === 'SIGKILL' || code === 137 })))
}

/**
 * D13: the last seconds of logs were lost on SIGKILL (pino wrote through an asynchronous buffer).
 * Every line logged before the kill must be on stdout, JSON or pretty.
 */
describe('logs survive SIGKILL', () => {
  it('GIVEN 2,000 JSON lines logged in a burst WHEN the process is SIGKILLed right after THEN the last line is on stdout', async () => {
    const { stdout, killed } = await logThenKill({ LINES: '2000' })
    expect(killed).toBe(true)
    const lines = stdout.split('\n').filter(Boolean).map((l) => JSON.parse(l) as { msg: string })
    console.log(`[fault] SIGKILL right after 2000 log lines: ${2000 - lines.length} lost`)
    expect(lines).toHaveLength(2000)
    expect(lines.at(-1)?.msg).toBe('line 2000')
  }, 60_000)

  it('GIVEN pretty lines in a terminal WHEN the process is SIGKILLed right after THEN the last line is there too', async () => {
    const { stdout } = await logThenKill({ LINES: '200', PRETTY: '1' })
    expect(stdout).toContain('line 200\n')
  }, 60_000)
})

/**
 * D13: every clean stop logged "logged out of WeChat" at error level (stopping logs the bot out on
 * purpose). A SIGTERM after some work: exit 0, no line at error level or above, no logout above
 * info, and the last line (stopped) is there.
 */
describe('a clean stop logs no error', () => {
  it('GIVEN a bot that answered a message WHEN it gets SIGTERM THEN it exits 0 and logs nothing at error level', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'zhibu-logs-'))
    try {
      const file = join(dir, 'zhibu.db')
      migrateSqliteFile(file)
      const bot = await startBotProcess(
        { DATABASE_URL: `file:${file}`, SIM_STATE_FILE: join(dir, 'simulator.json'), SIM_PORT: '0', CONSOLE_PORT: '0', LOG_LEVEL: 'info', ZHIBU_ADMIN_TOKEN: 'clean-stop-admin-token-0001', SHUTDOWN_FLUSH_SECONDS: '2' },
        90_000,
      )
      const contact = (await api(bot.url, 'POST', '/api/contacts', { name: '王书记' })).json.id as string
      await api(bot.url, 'POST', `/api/contacts/${encodeURIComponent(contact)}/messages`, { text: '帮助' })
      const deadline = Date.now() + 30_000
      while (!((await api(bot.url, 'GET', `/api/contacts/${encodeURIComponent(contact)}/messages?after=0`)).json.messages as Array<{ from: string }>).some((m) => m.from === 'bot')) {
        if (Date.now() > deadline) throw new Error(`no answer:\n${bot.output()}`)
        await new Promise((resolve) => setTimeout(resolve, 50))
      }
      bot.child.kill('SIGTERM')
      expect(await bot.exited).toBe(0)
      const lines = bot.output().split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as { level: number; msg: string })
      const loud = lines.filter((l) => l.level >= 50 || (l.level >= 40 && /logged out|logout/i.test(l.msg)))
      expect(loud).toEqual([])
      expect(lines.at(-1)?.msg).toMatch(/^stopped/)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  }, 120_000)
})
