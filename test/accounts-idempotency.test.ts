import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ManualClock } from '../src/clock.js'
import { silentLogger } from '../src/logger.js'
import type { QueuedMessage } from '../src/outbox/outbox.js'
import { JobRepository } from '../src/scheduler/job.repository.js'
import { DEFAULT_SCHEDULER_OPTIONS, Scheduler, type JobHandler } from '../src/scheduler/scheduler.js'
import { createTestDatabase, type TestDatabase } from './support/database.js'

const NINE = new Date('2026-12-04T09:00:00+08:00')
const LATER = new Date(NINE.getTime() + 60 * 60_000)

/** A reminder job: one message per member of the payload, each keyed by the reminder and the member. */
const remind: JobHandler = async (payload) => {
  const { reminder, members } = payload as { reminder: string; members: string[] }
  return members.map((contactId): QueuedMessage => ({ to: { kind: 'private', contactId }, text: `提醒 ${reminder}`, idempotencyKey: `${reminder}:${contactId}` }))
}

describe('idempotency keys: a key the outbox holds is never queued again', () => {
  let database: TestDatabase
  let clock: ManualClock
  beforeEach(async () => {
    database = await createTestDatabase()
    clock = new ManualClock(NINE)
  })
  afterEach(() => database.close())

  const scheduler = (jobs: JobRepository) =>
    new Scheduler({ jobs, handlers: { remind }, clock, logger: silentLogger, instanceId: 's', options: { ...DEFAULT_SCHEDULER_OPTIONS, timeZone: 'Asia/Shanghai' } })
  const queued = async () => (await database.db.outboxMessage.findMany({ orderBy: { id: 'asc' }, select: { toId: true, idempotencyKey: true } })).map((m) => `${m.toId} ${m.idempotencyKey}`)

  it('GIVEN the finish commits but its answer is lost (the job is retried) THEN each member is reminded once', async () => {
    const jobs = new JobRepository(database.db)
    const lostAnswer: JobRepository = Object.create(jobs)
    let failures = 0
    lostAnswer.finish = async (id, now, messages) => {
      await jobs.finish(id, now, messages)
      if (failures++ === 0) throw new Error('injected: connection dropped after COMMIT')
    }
    await jobs.schedule({ kind: 'remind', key: 'dues:1', dueAt: NINE, payload: { reminder: 'dues:1:2026-12', members: ['wxid_a', 'wxid_b'] }, now: NINE })
    const s = scheduler(lostAnswer)
    await s.tick()
    expect((await database.db.job.findUniqueOrThrow({ where: { key: 'dues:1' } })).state).toBe('pending')
    clock.set(LATER)
    await s.tick()
    expect((await database.db.job.findUniqueOrThrow({ where: { key: 'dues:1' } })).state).toBe('done')
    expect(await queued()).toEqual(['wxid_a dues:1:2026-12:wxid_a', 'wxid_b dues:1:2026-12:wxid_b'])
  })

  it('GIVEN two different jobs queue the same key (and one repeats it) THEN the outbox holds one row for it', async () => {
    const jobs = new JobRepository(database.db)
    await jobs.schedule({ kind: 'remind', key: 'first', dueAt: NINE, payload: { reminder: 'meeting:7', members: ['wxid_a', 'wxid_a'] }, now: NINE })
    await jobs.schedule({ kind: 'remind', key: 'second', dueAt: NINE, payload: { reminder: 'meeting:7', members: ['wxid_a', 'wxid_b'] }, now: NINE })
    await scheduler(jobs).tick()
    expect(await queued()).toEqual(['wxid_a meeting:7:wxid_a', 'wxid_b meeting:7:wxid_b'])
  })

  it('GIVEN two schedulers race to queue the same keys THEN each key is queued once and both jobs are done', async () => {
    const jobs = new JobRepository(database.db)
    const members = Array.from({ length: 30 }, (_, i) => `wxid_${i}`)
    for (const key of ['x', 'y', 'z', 'w']) await jobs.schedule({ kind: 'remind', key, dueAt: NINE, payload: { reminder: 'notice:3', members }, now: NINE })
    await Promise.all([scheduler(jobs).tick(), scheduler(jobs).tick()])
    expect(await database.db.outboxMessage.count()).toBe(30)
    expect(await database.db.job.count({ where: { state: 'done' } })).toBe(4)
  })
})
