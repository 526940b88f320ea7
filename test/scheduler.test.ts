import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ManualClock } from '../src/clock.js'
import { silentLogger } from '../src/logger.js'
import type { QueuedMessage } from '../src/outbox/outbox.js'
import { JobRepository } from '../src/scheduler/job.repository.js'
import { DEFAULT_SCHEDULER_OPTIONS, Scheduler, type JobHandler } from '../src/scheduler/scheduler.js'
import { createTestDatabase, type TestDatabase } from './support/database.js'

const NINE = new Date('2026-12-04T09:00:00+08:00')
const minutes = (n: number) => n * 60_000

/** A handler that says one line to a group per run, and counts its runs by key. */
function sayingHandler(runs: string[]): JobHandler {
  return async (payload) => {
    const { text } = payload as { text: string }
    runs.push(text)
    return [{ to: { kind: 'group', roomId: 'room@chatroom' }, text } satisfies QueuedMessage]
  }
}

describe('the scheduler: jobs in the database', () => {
  let database: TestDatabase
  let jobs: JobRepository
  let clock: ManualClock
  let runs: string[]
  const schedulers: Scheduler[] = []

  const scheduler = (id: string, handlers: Record<string, JobHandler> = { say: sayingHandler(runs) }) => {
    const s = new Scheduler({ jobs, handlers, clock, logger: silentLogger, instanceId: id, options: { ...DEFAULT_SCHEDULER_OPTIONS, timeZone: 'Asia/Shanghai' } })
    schedulers.push(s)
    return s
  }
  const queuedTexts = async () => (await database.db.outboxMessage.findMany({ orderBy: { id: 'asc' } })).map((m) => m.text)
  const stateOf = async (key: string) => (await database.db.job.findUniqueOrThrow({ where: { key } })).state

  beforeEach(async () => {
    database = await createTestDatabase()
    jobs = new JobRepository(database.db)
    clock = new ManualClock(new Date(NINE.getTime() - minutes(60)))
    runs = []
  })
  afterEach(async () => {
    await Promise.all(schedulers.splice(0).map((s) => s.stop()))
    await database.close()
  })

  it('GIVEN a reminder for 09:00 THEN it fires at 09:00, exactly once, and its message is queued', async () => {
    await jobs.schedule({ kind: 'say', key: 'r1', dueAt: NINE, payload: { text: '九点提醒' }, now: clock.now() })
    const s = scheduler('a')
    clock.set(new Date(NINE.getTime() - 1000))
    await s.tick()
    expect(runs).toEqual([])
    clock.set(NINE)
    await s.tick()
    await s.tick()
    clock.advance(minutes(5))
    await s.tick()
    expect(runs).toEqual(['九点提醒'])
    expect(await queuedTexts()).toEqual(['九点提醒'])
    expect(await stateOf('r1')).toBe('done')
  })

  it('GIVEN a restart on the same database THEN a pending reminder still fires', async () => {
    await jobs.schedule({ kind: 'say', key: 'r1', dueAt: NINE, payload: { text: '重启后也要提醒' }, now: clock.now() })
    const before = scheduler('before-restart')
    await before.tick()
    await before.stop()
    clock.set(new Date(NINE.getTime() + minutes(3)))
    await scheduler('after-restart').start()
    expect(runs).toEqual(['重启后也要提醒'])
  })

  it('GIVEN the bot was down THEN a job missed by less than the grace runs on start and one missed by more is skipped', async () => {
    await jobs.schedule({ kind: 'say', key: 'recent', dueAt: NINE, payload: { text: '五小时前' }, now: clock.now() })
    await jobs.schedule({ kind: 'say', key: 'old', dueAt: new Date(NINE.getTime() - minutes(120)), payload: { text: '七小时前' }, now: clock.now() })
    clock.set(new Date(NINE.getTime() + minutes(5 * 60)))
    await scheduler('a').start()
    expect(runs).toEqual(['五小时前'])
    expect(await stateOf('recent')).toBe('done')
    expect(await stateOf('old')).toBe('skipped')
    expect((await database.db.job.findUniqueOrThrow({ where: { key: 'old' } })).lastError).toMatch(/missed by 420 min/)
  })

  it('GIVEN two schedulers ticking together on one database THEN no job runs twice', async () => {
    for (let i = 0; i < 60; i++) await jobs.schedule({ kind: 'say', key: `j${i}`, dueAt: NINE, payload: { text: `job ${i}` }, now: clock.now() })
    clock.set(NINE)
    const [a, b] = [scheduler('a'), scheduler('b')]
    await Promise.all([a.tick(), b.tick(), a.tick(), b.tick()])
    expect(runs).toHaveLength(60)
    expect(new Set(runs).size).toBe(60)
    expect(await queuedTexts()).toHaveLength(60)
    const claimers = await database.db.job.groupBy({ by: ['claimedBy'], _count: true })
    expect(claimers.reduce((sum, c) => sum + c._count, 0)).toBe(60)
  })

  it('GIVEN a job that keeps failing THEN it is retried with backoff, then parked with its error', async () => {
    let calls = 0
    const failing: JobHandler = async () => {
      calls += 1
      throw new Error('机器人不在群里')
    }
    await jobs.schedule({ kind: 'broken', key: 'b1', dueAt: NINE, payload: {}, now: clock.now() })
    const s = scheduler('a', { broken: failing })
    clock.set(NINE)
    for (let i = 0; i < 10; i++) {
      await s.tick()
      const job = await database.db.job.findUniqueOrThrow({ where: { key: 'b1' } })
      if (job.state !== 'pending') break
      clock.set(job.dueAt)
    }
    const job = await database.db.job.findUniqueOrThrow({ where: { key: 'b1' } })
    expect(calls).toBe(DEFAULT_SCHEDULER_OPTIONS.maxAttempts)
    expect(job).toMatchObject({ state: 'parked', attempts: DEFAULT_SCHEDULER_OPTIONS.maxAttempts, lastError: '机器人不在群里' })
    expect(await jobs.parked()).toEqual([expect.objectContaining({ key: 'b1', lastError: '机器人不在群里' })])
    expect(await queuedTexts()).toEqual([])
  })

  it('GIVEN a job left running by a scheduler that died THEN it runs again once the lease has passed', async () => {
    await jobs.schedule({ kind: 'say', key: 'r1', dueAt: NINE, payload: { text: '接着做' }, now: clock.now() })
    clock.set(NINE)
    expect(await jobs.claim((await jobs.due(NINE, 1))[0]!.id, 'dead-process', NINE)).toBe(true)
    const s = scheduler('a')
    await s.tick()
    expect(runs).toEqual([])
    clock.advance(DEFAULT_SCHEDULER_OPTIONS.leaseMs + 1000)
    await s.tick()
    expect(runs).toEqual(['接着做'])
  })

  it('GIVEN a job scheduled again with the same key THEN it moves instead of doubling', async () => {
    await jobs.schedule({ kind: 'say', key: 'r1', dueAt: NINE, payload: { text: '旧时间' }, now: clock.now() })
    await jobs.schedule({ kind: 'say', key: 'r1', dueAt: new Date(NINE.getTime() + minutes(60)), payload: { text: '新时间' }, now: clock.now() })
    const s = scheduler('a')
    clock.set(NINE)
    await s.tick()
    expect(runs).toEqual([])
    clock.advance(minutes(60))
    await s.tick()
    expect(runs).toEqual(['新时间'])
    expect(await database.db.job.count()).toBe(1)
  })
})
