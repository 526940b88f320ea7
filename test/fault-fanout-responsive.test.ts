import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { silentLogger } from '../src/logger.js'
import type { QueuedMessage } from '../src/outbox/outbox.js'
import { JobRepository } from '../src/scheduler/job.repository.js'
import { DEFAULT_SCHEDULER_OPTIONS, Scheduler, type JobHandler } from '../src/scheduler/scheduler.js'
import { api } from './support/bot-process.js'
import { LIVE_ADMIN_TOKEN, LiveBot } from './support/live-bot.js'

const FAN_OUT = 2000

/**
 * D13: a 1,211-message fan-out blocked the simulator's API for 3.4 s (SQLite answers
 * synchronously, so writing the rows back to back never yielded to the event loop). While one
 * job queues 2,000 messages, the API in the same process keeps answering within 500 ms.
 */
describe('the simulator stays responsive during a large fan-out', () => {
  let live: LiveBot
  let roomId: string

  beforeAll(async () => {
    live = await LiveBot.start({ SIM_CLOCK: 'manual' })
    const admin = live.sim.createContact('管理员').id
    roomId = live.sim.createGroup('第一党支部群', [admin]).id
    await live.askPrivately(admin, `认证 ${LIVE_ADMIN_TOKEN}`)
    await live.ask(roomId, admin, '绑定 第一党支部')
  })
  afterAll(() => live?.stop())

  it('GIVEN a job fanning out 2,000 messages WHEN it runs and queues them THEN the API answers within 500 ms all along', async () => {
    const db = live.zhibu.db
    const jobs = new JobRepository(db)
    // A job like the collection day's, one message per member, here 2,000 of them into the group.
    const fanOut: JobHandler = async () =>
      Array.from({ length: FAN_OUT }, (_, i): QueuedMessage => ({ to: { kind: 'group', roomId }, text: `第 ${i + 1} 条提醒`, idempotencyKey: `load:${i + 1}` }))
    const scheduler = new Scheduler({ jobs, handlers: { 'load.fan-out': fanOut }, clock: live.clock, logger: silentLogger, instanceId: 'load-test', options: { ...DEFAULT_SCHEDULER_OPTIONS, timeZone: 'Asia/Shanghai' } })
    await jobs.schedule({ kind: 'load.fan-out', key: 'load:fan-out', dueAt: live.clock.now(), payload: {}, now: live.clock.now() })

    // Warm: the first request of the process also loads and connects the HTTP client.
    expect((await api(live.url, 'GET', '/api/health')).status).toBe(200)
    const started = Date.now()
    let queued = false
    const running = scheduler.tick().finally(() => (queued = true))
    const latencies: number[] = []
    while (!queued) {
      const asked = Date.now()
      expect((await api(live.url, 'GET', '/api/health')).status).toBe(200)
      latencies.push(Date.now() - asked)
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
    await running
    const queuedMs = Date.now() - started
    expect(await db.outboxMessage.count({ where: { idempotencyKey: { startsWith: 'load:' } } })).toBe(FAN_OUT)
    const worst = Math.max(...latencies)
    console.log(`[fault] ${FAN_OUT}-message fan-out queued by one job in ${queuedMs} ms; API asked ${latencies.length} times meanwhile, slowest answer ${worst} ms`)
    expect(latencies.length).toBeGreaterThan(1)
    expect(worst).toBeLessThan(500)
  }, 120_000)
})
