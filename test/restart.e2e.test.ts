import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { openDatabase } from '../src/db/client.js'
import { JobRepository } from '../src/scheduler/job.repository.js'
import { api, startBotProcess } from './support/bot-process.js'
import { migrateSqliteFile } from './support/database.js'

/**
 * The real bot as a child process: 500 reminders fan out, the process is killed with SIGKILL in
 * the middle, and a restart on the same database delivers the rest: none lost, at most one twice.
 */
describe('reminders survive a crash', () => {
  const dir = mkdtempSync(join(tmpdir(), 'zhibu-crash-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))
  const file = join(dir, 'zhibu.db')
  const env = {
    DATABASE_URL: `file:${file}`,
    SIM_STATE_FILE: join(dir, 'simulator.json'),
    SIM_PORT: '0', CONSOLE_PORT: '0',
    SIM_CLOCK: 'manual',
    ZHIBU_ADMIN_TOKEN: 'crash-test-token',
    LOG_LEVEL: 'warn',
    // Slow enough that the kill lands mid-fan-out even on a fast machine (500 × 20 ms = 10 s).
    OUTBOX_CHAT_INTERVAL_MS: '20',
    OUTBOX_LEASE_SECONDS: '1',
    SHUTDOWN_FLUSH_SECONDS: '2',
  }

  it('GIVEN 500 reminders mid-fan-out and a SIGKILL THEN after a restart every reminder is delivered, at most one twice', async () => {
    migrateSqliteFile(file)
    let bot = await startBotProcess(env)
    const { url } = bot
    const secretary = (await api(url, 'POST', '/api/contacts', { name: '王书记' })).json.id as string
    const room = (await api(url, 'POST', '/api/groups', { topic: '第一党支部', memberIds: [secretary] })).json.id as string
    const group = `/api/groups/${encodeURIComponent(room)}/messages`
    const botTexts = async (base: string) => ((await api(base, 'GET', `${group}?after=0`)).json.messages as Array<{ from: string; text: string }>).filter((m) => m.from === 'bot').map((m) => m.text)
    const say = async (text: string) => {
      const before = (await botTexts(url)).length
      await api(url, 'POST', group, { from: secretary, text })
      while ((await botTexts(url)).length === before) await new Promise((resolve) => setTimeout(resolve, 20))
    }
    await api(url, 'POST', `/api/contacts/${encodeURIComponent(secretary)}/messages`, { text: '认证 crash-test-token' })
    await new Promise((resolve) => setTimeout(resolve, 300))
    await say('绑定 第一党支部')
    await say('登记 王书记')
    await say('发起活动 支部大会 时间 2030-01-01 09:00')
    await say('报名')

    // 500 reminders of the activity, each naming a different number of hours, all due now.
    const db = await openDatabase(`file:${file}`)
    const jobs = new JobRepository(db)
    const activity = await db.activity.findFirstOrThrow()
    const health = await api(url, 'POST', '/api/clock', { now: '2029-12-01T10:00:00+08:00' })
    expect(health.status).toBe(200)
    for (let hours = 1; hours <= 500; hours++) {
      await jobs.schedule({ kind: 'activity.remind', key: `crash:${hours}`, dueAt: new Date('2029-12-01T10:00:00+08:00'), payload: { activityId: activity.id, hours }, now: new Date() })
    }
    expect((await api(url, 'POST', '/api/clock', { now: '2029-12-01T10:01:00+08:00' })).status).toBe(200)
    expect(await db.outboxMessage.count({ where: { text: { contains: '活动提醒' } } })).toBe(500)

    const reminders = async (base: string) => (await botTexts(base)).filter((t) => t.includes('活动提醒'))
    while ((await reminders(url)).length < 100) await new Promise((resolve) => setTimeout(resolve, 20))
    process.kill(-bot.child.pid!, 'SIGKILL')
    await bot.exited
    const deliveredBeforeCrash = (await reminders(url).catch(() => null)) ?? null
    expect(deliveredBeforeCrash).toBeNull() // the process is gone
    expect(await db.outboxMessage.count({ where: { state: { not: 'sent' } } })).toBeGreaterThan(0)

    bot = await startBotProcess(env)
    try {
      const deadline = Date.now() + 30_000
      let delivered: string[] = []
      for (;;) {
        delivered = await reminders(bot.url)
        if (new Set(delivered).size === 500 || Date.now() > deadline) break
        await new Promise((resolve) => setTimeout(resolve, 50))
      }
      const hoursSeen = delivered.map((t) => Number(/还有 (\d+) 小时/.exec(t)![1]))
      expect(new Set(hoursSeen).size).toBe(500)
      expect(delivered.length - 500).toBeLessThanOrEqual(1)
      expect(await db.outboxMessage.count({ where: { state: { not: 'sent' } } })).toBe(0)
    } finally {
      await db.$disconnect()
      bot.child.kill('SIGTERM')
      expect(await bot.exited).toBe(0)
    }
  }, 90_000)
})
