import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'

/** `npm start` on a fresh database, as a newcomer runs it: the simulator URL, then health within 20 s. */
describe('npm start with no WeChat puppet configured', () => {
  const dir = mkdtempSync(join(tmpdir(), 'zhibu-start-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('GIVEN no puppet THEN it migrates a new database, prints the simulator URL and the admin token, and answers health', async () => {
    const started = Date.now()
    const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: `file:${join(dir, 'zhibu.db')}`, SIM_STATE_FILE: join(dir, 'simulator.json'), SIM_PORT: '0', LOG_LEVEL: 'warn' }
    delete env.WECHATY_PUPPET
    delete env.ZHIBU_ADMIN_TOKEN
    const child = spawn('npm', ['start'], { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] })
    let output = ''
    child.stdout.on('data', (chunk) => (output += chunk))
    child.stderr.on('data', (chunk) => (output += chunk))
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
    try {
      let url: string | undefined
      while (!url) {
        if (Date.now() - started > 20_000) throw new Error(`no URL within 20 s:\n${output}`)
        url = /模拟器已启动：(http:\/\/\S+)/.exec(output)?.[1]
        await new Promise((resolve) => setTimeout(resolve, 100))
      }
      expect(output).toMatch(/管理员令牌：[0-9a-f]{12}/)
      let health: unknown
      while (Date.now() - started < 20_000) {
        health = await fetch(`${url}/api/health`).then((r) => r.json()).catch(() => null)
        if ((health as { ok?: boolean } | null)?.ok) break
        await new Promise((resolve) => setTimeout(resolve, 100))
      }
      expect(health).toEqual({ ok: true })
      expect(Date.now() - started).toBeLessThan(20_000)
    } finally {
      process.kill(-child.pid!, 'SIGTERM')
      await exited
    }
  })
})
