import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createCapabilities } from '../src/capabilities/index.js'
import { silentLogger } from '../src/logger.js'
import type { QueuedMessage } from '../src/outbox/outbox.js'
import type { JobRepository } from '../src/scheduler/job.repository.js'
import { DEFAULT_SCHEDULER_OPTIONS, Scheduler, type JobHandler } from '../src/scheduler/scheduler.js'
import { ADMIN_TOKEN, Bench, FRIDAY_10AM, type Group, type Person } from './support/conversation.js'

const at = (day: string, hhmm: string) => new Date(`${day}T${hhmm}:00+08:00`)
const DAY_BEFORE = at('2026-12-02', '19:00')
const START = at('2026-12-03', '19:00')
/** 1 December 2026, a Tuesday: the first working day of December. */
const DECEMBER_DIGEST = at('2026-12-01', '09:00')
/** The scheduler's first retry comes a minute after a failure. */
const AFTER_RETRY = (failedAt: Date) => new Date(failedAt.getTime() + DEFAULT_SCHEDULER_OPTIONS.retryBaseMs + 1000)

/**
 * The scheduler's commit of a job's messages fails once (a full disk, a dropped connection): the
 * job has already done its own change (the meeting is open, next month's digest is scheduled).
 */
function failingFinishOnce(jobs: JobRepository): { jobs: JobRepository; failures: () => number } {
  let failures = 0
  const wrapped: JobRepository = Object.create(jobs)
  wrapped.finish = async (...args) => {
    if (failures === 0) {
      failures++
      throw new Error('injected: the commit after the job ran failed')
    }
    return jobs.finish(...args)
  }
  return { jobs: wrapped, failures: () => failures }
}

/** D1: a fault after a meeting job's own change does not lose its messages; after the retry each is queued exactly once. */
describe('meeting jobs under a failed commit', () => {
  let bench: Bench
  let handlers: Record<string, JobHandler>
  let scheduler: Scheduler
  let failures: () => number
  let admin: Person, secretary: Person, a: Person, b: Person
  let branch: Group

  beforeEach(async () => {
    bench = await Bench.start()
    admin = bench.person('管理员')
    secretary = bench.person('王书记')
    a = bench.person('张三')
    b = bench.person('李四')
    // Bound long before December, so the digest has something to say.
    bench.clock.set(at('2024-11-27', '10:00'))
    branch = await bench.branch('第一党支部群', '第一党支部', admin, secretary, [a, b])
    bench.clock.set(FRIDAY_10AM)
    handlers = createCapabilities(bench.db, { timeZone: 'Asia/Shanghai', adminToken: ADMIN_TOKEN }).jobs
    const failing = failingFinishOnce(bench.services.jobs)
    failures = failing.failures
    scheduler = new Scheduler({
      jobs: failing.jobs,
      handlers,
      clock: bench.clock,
      logger: silentLogger,
      instanceId: 'failing-scheduler',
      options: { ...DEFAULT_SCHEDULER_OPTIONS, timeZone: 'Asia/Shanghai' },
    })
  })
  afterEach(() => bench.close())

  async function runAt(when: Date): Promise<void> {
    bench.clock.set(when)
    await scheduler.tick()
  }
  const outbox = (where: { toKind?: string; text?: { contains: string } }) => bench.db.outboxMessage.findMany({ where, orderBy: { id: 'asc' } })
  const jobState = (key: string) => bench.db.job.findUniqueOrThrow({ where: { key }, select: { state: true, attempts: true } })
  /** Runs a job kind's handler again as a later try would: the same messages, under the same keys. */
  /** Leaves only jobs of this kind pending, so the one injected failure hits it. */
  const onlyJobsOf = (kind: string) => bench.db.job.updateMany({ where: { kind: { not: kind }, state: 'pending' }, data: { state: 'cancelled' } })
  const rerun = (kind: string, payload: unknown, now: Date): Promise<QueuedMessage[]> => handlers[kind]!(payload, now)

  it('GIVEN the reminder fails to commit THEN the retry queues it once, with its meeting key', async () => {
    const id = Number(/#(\d+)/.exec(await branch.ask(secretary, '安排 党课 时间 12月3日 19:00 主题 学习党章'))![1])
    await onlyJobsOf('meeting.remind')
    await runAt(DAY_BEFORE)
    expect(failures()).toBe(1)
    expect(await outbox({ toKind: 'group' })).toEqual([])
    expect(await jobState(`meeting:${id}:remind:24`)).toEqual({ state: 'pending', attempts: 1 })

    await runAt(AFTER_RETRY(DAY_BEFORE))
    const reminders = await outbox({ text: { contains: '会议提醒' } })
    expect(reminders.map((m) => [m.toId, m.text.includes('还有 24 小时')])).toEqual([[branch.roomId, true]])
    expect(await jobState(`meeting:${id}:remind:24`)).toMatchObject({ state: 'done' })
    const again = await rerun('meeting.remind', { meetingId: id, hours: 24 }, AFTER_RETRY(DAY_BEFORE))
    expect(again.map((m) => m.idempotencyKey)).toEqual([`meeting:${id}:remind:24`])
  })

  it('GIVEN the check-in opened by the job but its notice failed to commit THEN the retry still announces it, once', async () => {
    const id = Number(/#(\d+)/.exec(await branch.ask(secretary, '安排 党课 时间 12月3日 19:00 主题 学习党章'))![1])
    await onlyJobsOf('meeting.open')
    await runAt(START)
    expect(failures()).toBe(1)
    // The job's own change stayed: the meeting is open. Before the fix, this marker silenced the retry.
    expect(await bench.db.meeting.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: 'open', openedAt: START })
    expect(await outbox({ text: { contains: '签到开始' } })).toEqual([])

    await runAt(AFTER_RETRY(START))
    const notices = await outbox({ text: { contains: '签到开始' } })
    expect(notices.map((m) => [m.toId, m.text])).toEqual([[branch.roomId, `#${id} 党课「学习党章」 签到开始，回复「签到」`]])
    expect(await jobState(`meeting:${id}:open`)).toMatchObject({ state: 'done' })
    const again = await rerun('meeting.open', { meetingId: id }, AFTER_RETRY(START))
    expect(again.map((m) => m.idempotencyKey)).toEqual([`meeting:${id}:open`])
    expect(await branch.ask(a, '签到')).toBe(`张三 签到成功：#${id}`)
  })

  it('GIVEN the check-in opened by hand before the start THEN a late run of the opening job says nothing', async () => {
    const id = Number(/#(\d+)/.exec(await branch.ask(secretary, '安排 党课 时间 12月3日 19:00'))![1])
    bench.clock.set(at('2026-12-03', '18:45'))
    await branch.ask(secretary, `开始签到 #${id}`)
    expect(await rerun('meeting.open', { meetingId: id }, START)).toEqual([])
  })

  it('GIVEN the monthly digest fails to commit after scheduling next month THEN the retry sends each 书记 one digest, and January is scheduled once', async () => {
    // Start-up schedules the digest.
    await bench.services.compliance.ensureDigestScheduled(bench.clock.now())
    await runAt(DECEMBER_DIGEST)
    expect(failures()).toBe(1)
    expect(await outbox({ toKind: 'private', text: { contains: '三会一课提醒' } })).toEqual([])
    const digestKey = (due: Date) => `meeting:compliance-digest:${due.toISOString()}`
    const keys = async () => (await bench.db.job.findMany({ where: { kind: 'meeting.compliance-digest' }, orderBy: { key: 'asc' } })).map((j) => [j.key, j.state])
    expect(await keys()).toEqual([
      [digestKey(DECEMBER_DIGEST), 'pending'],
      [digestKey(at('2027-01-01', '09:00')), 'pending'],
    ])

    await runAt(AFTER_RETRY(DECEMBER_DIGEST))
    const digests = await outbox({ toKind: 'private', text: { contains: '三会一课提醒' } })
    expect(digests.map((m) => m.toId)).toEqual([secretary.contactId])
    expect(await keys()).toEqual([
      [digestKey(DECEMBER_DIGEST), 'done'],
      [digestKey(at('2027-01-01', '09:00')), 'pending'],
    ])
    const orgId = (await bench.db.organization.findFirstOrThrow({ where: { name: '第一党支部' } })).id
    const again = await rerun('meeting.compliance-digest', {}, AFTER_RETRY(DECEMBER_DIGEST))
    expect(again.map((m) => m.idempotencyKey)).toEqual([`meeting:compliance-digest:${at('2026-12-01', '00:00').toISOString()}:${orgId}:${secretary.contactId}`])
  })

  it('GIVEN a payload of the wrong shape THEN the job fails loudly instead of running on it', async () => {
    await expect(rerun('meeting.remind', { meetingId: 'one' }, START)).rejects.toThrow()
    await expect(rerun('meeting.open', {}, START)).rejects.toThrow()
  })
})
