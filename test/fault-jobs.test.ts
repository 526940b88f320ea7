import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { api } from './support/bot-process.js'
import { LIVE_ADMIN_TOKEN, LiveBot } from './support/live-bot.js'

/**
 * A reminder job left running by a process that died: taken over as soon as that process is known
 * dead (its heartbeat stopped), not after the 10-minute lease, and with the simulator's manual
 * clock never called "missed". A job already done is not re-armed by scheduling it again.
 */
describe('jobs after a crash', () => {
  let live: LiveBot
  let roomId: string
  let zhang: string
  let activityId: number

  beforeAll(async () => {
    live = await LiveBot.start({ SIM_CLOCK: 'manual' })
    const { sim } = live
    const admin = sim.createContact('管理员').id
    zhang = sim.createContact('张三').id
    roomId = sim.createGroup('第一党支部群', [admin, zhang]).id
    await live.askPrivately(admin, `认证 ${LIVE_ADMIN_TOKEN}`)
    await live.ask(roomId, admin, '绑定 第一党支部')
    await live.ask(roomId, zhang, '登记 张三')
    activityId = Number(/#(\d+)/.exec(await live.ask(roomId, admin, '发起活动 学习会 时间 下周六上午9点'))![1])
    await live.ask(roomId, zhang, `报名 #${activityId}`)
  })
  afterAll(() => live.stop())

  it('GIVEN the 24-hour reminder was running in a process that died WHEN the clock moves 7 hours past it THEN the reminder is sent, not skipped', async () => {
    const db = live.zhibu.db
    const job = (await db.job.findMany({ where: { key: { startsWith: `activity:${activityId}:remind` } }, orderBy: { dueAt: 'asc' } }))[0]!
    // The dead process: it claimed the job at its due time, and its heartbeat stopped a minute ago.
    await db.processHeartbeat.create({ data: { instanceId: 'dead-process', startedAt: new Date(Date.now() - 3_600_000), beatAt: new Date(Date.now() - 60_000) } })
    await db.job.update({ where: { id: job.id }, data: { state: 'running', claimedBy: 'dead-process', claimedAt: job.dueAt } })

    const { status } = await api(live.url, 'POST', '/api/clock', { now: new Date(job.dueAt.getTime() + 7 * 3_600_000).toISOString() })
    expect(status).toBe(200)
    const after = await db.job.findUniqueOrThrow({ where: { id: job.id } })
    expect(after.state).toBe('done')
    const reminders = await db.outboxMessage.count({ where: { toId: roomId, text: { contains: '学习会' }, mentionIds: { contains: zhang } } })
    expect(reminders).toBeGreaterThanOrEqual(1)
  })

  it('GIVEN a job is done WHEN start-up schedules it again for the same time THEN it stays done (nothing is sent twice)', async () => {
    // Its own job, run to done here: this test needs nothing from the one above.
    const key = `activity:${activityId}:remind:48`
    const dueAt = live.zhibu.clock.now()
    await live.zhibu.db.job.create({ data: { kind: 'activity.remind', key, dueAt, payload: JSON.stringify({ activityId, hours: 48 }), state: 'pending', createdAt: dueAt } })
    await live.zhibu.scheduler.tick()
    const done = await live.zhibu.db.job.findUniqueOrThrow({ where: { key } })
    expect(done.state).toBe('done')
    expect(await live.zhibu.db.outboxMessage.count({ where: { text: { contains: '48 小时' } } })).toBe(1)
    const outboxBefore = await live.zhibu.db.outboxMessage.count()

    await live.restart()
    const db = live.zhibu.db
    await live.zhibu.scheduler.tick()
    const { createCapabilities } = await import('../src/capabilities/index.js')
    const jobs = createCapabilities(db, { timeZone: 'Asia/Shanghai', adminToken: 'x'.repeat(16) }).services.jobs
    // Start-up with a clock a day earlier re-ensures the same job (as the monthly chains do).
    await jobs.schedule({ kind: done.kind, key: done.key, dueAt: done.dueAt, payload: JSON.parse(done.payload), now: new Date(done.dueAt.getTime() - 86_400_000) })
    await live.zhibu.scheduler.tick()
    expect((await db.job.findUniqueOrThrow({ where: { id: done.id } })).state).toBe('done')
    expect(await db.outboxMessage.count()).toBe(outboxBefore)
  })

  it('GIVEN heartbeat rows of processes dead for days and one dead a minute ago WHEN the scheduler ticks THEN the old ones are deleted and the recent one kept', async () => {
    const db = live.zhibu.db
    const ago = (ms: number) => new Date(Date.now() - ms)
    await db.processHeartbeat.createMany({
      data: [
        { instanceId: 'dead-for-days', startedAt: ago(5 * 86_400_000), beatAt: ago(3 * 86_400_000) },
        { instanceId: 'dead-for-a-day', startedAt: ago(2 * 86_400_000), beatAt: ago(86_400_000 + 60_000) },
        { instanceId: 'dead-a-minute-ago', startedAt: ago(3_600_000), beatAt: ago(60_000) },
      ],
    })
    await live.zhibu.scheduler.tick()
    const left = (await db.processHeartbeat.findMany({ select: { instanceId: true } })).map((r) => r.instanceId)
    expect(left).not.toContain('dead-for-days')
    expect(left).not.toContain('dead-for-a-day')
    // Still needed: its running jobs are taken over because it is known dead.
    expect(left).toContain('dead-a-minute-ago')
    expect(left.length).toBeGreaterThanOrEqual(2) // and this process's own
  })
})
