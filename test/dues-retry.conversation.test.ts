import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { NewOutboxMessage } from '../src/outbox/outbox.repository.js'
import { Bench, type Group, type Person } from './support/conversation.js'

const DEC_5_9AM = new Date('2026-12-05T09:00:00+08:00')
/** The scheduler's first retry comes one minute after a failure. */
const RETRY_AT = new Date(DEC_5_9AM.getTime() + 61_000)

/**
 * D1: a fault between the job's "already ran" audit marker and the commit of its messages must
 * not lose them. The bench's JobRepository fails its `finish` once, as a full disk would.
 */
describe('dues: the collection-day job survives a failed commit', () => {
  let bench: Bench
  let secretary: Person, organiser: Person, zhang: Person, li: Person, wang: Person, zhao: Person
  let branch: Group
  let orgId: number

  beforeEach(async () => {
    bench = await Bench.start()
    const admin = bench.person('管理员')
    secretary = bench.person('王书记')
    organiser = bench.person('李组织')
    zhang = bench.person('张三')
    li = bench.person('李四')
    wang = bench.person('王五')
    zhao = bench.person('赵六')
    branch = await bench.branch('第一党支部群', '第一党支部', admin, secretary, [organiser, zhang, li, wang, zhao])
    await branch.say(secretary, '任命 @李组织 组织委员')
    await branch.say(organiser, '核定党费 @张三 收入 5100 从 2026-09') // owes Sep–Dec: reminder and an arrears warning
    await branch.say(organiser, '核定党费 @王五 收入 5100 从 2026-08') // owes Aug–Dec: reminder and an arrears warning
    await branch.say(organiser, '核定党费 @李四 收入 5100') // owes Nov–Dec: reminder only
    await branch.say(organiser, '核定党费 @赵六 收入 5100')
    await branch.say(organiser, '收党费 @赵六 153 11-12月') // paid: nothing
    orgId = (await bench.db.organization.findFirstOrThrow({ where: { name: '第一党支部' } })).id
  })
  afterEach(() => bench.close())

  const outbox = () => bench.db.outboxMessage.findMany({ orderBy: { id: 'asc' }, select: { toId: true, text: true } })
  const markers = () => bench.db.auditLog.count({ where: { action: 'dues.monthly-run', orgId } })
  const job = () => bench.db.job.findUniqueOrThrow({ where: { key: `dues:${orgId}:2026-12` }, select: { state: true, attempts: true } })

  /** Makes the next `finish` throw after the job has run (its marker written); returns what it was asked to queue. */
  function failNextFinish(): NewOutboxMessage[] {
    const jobs = bench.services.jobs
    const finish = jobs.finish.bind(jobs)
    const lost: NewOutboxMessage[] = []
    jobs.finish = async (id, now, messages) => {
      jobs.finish = finish
      lost.push(...messages)
      throw new Error('SQLITE_FULL: database or disk is full')
    }
    return lost
  }

  it('GIVEN the commit fails after the marker THEN the retry queues every reminder, arrears warning and summary exactly once', async () => {
    const lost = failNextFinish()
    await bench.runJobsAt(DEC_5_9AM)
    expect(await markers()).toBe(1) // the marker was written before the fault
    expect(await outbox()).toEqual([]) // and nothing reached the outbox
    expect(await job()).toEqual({ state: 'pending', attempts: 1 })
    expect(lost).toHaveLength(6)

    await bench.runJobsAt(RETRY_AT)
    const queued = await outbox()
    const to = (p: Person) => queued.filter((m) => m.toId === p.contactId).map((m) => m.text)
    expect(to(zhang)).toEqual([expect.stringContaining('尚未交纳：9月至12月')])
    expect(to(wang)).toEqual([expect.stringContaining('尚未交纳：8月至12月')])
    expect(to(li)).toEqual([expect.stringContaining('尚未交纳：11月至12月')])
    expect(to(zhao)).toEqual([])
    expect(to(organiser)).toEqual([expect.stringContaining('已交 1 人，待确认 0 人，未交 3 人')])
    expect(to(secretary)).toEqual([expect.stringContaining('张三 已连续 3 个月'), expect.stringContaining('王五 已连续 4 个月')])
    // Exactly what the failed attempt meant to send, each once.
    expect(queued.map((m) => [m.toId, m.text])).toEqual(lost.map((m) => [m.toId, m.text]))
    expect(await markers()).toBe(1)
    expect(await job()).toEqual({ state: 'done', attempts: 1 })

    // Done now: ticking on and running the handler again add nothing.
    await bench.runJobsAt(new Date(RETRY_AT.getTime() + 3_600_000))
    expect(await bench.services.duesReminders.monthlyJob({ orgId, month: '2026-12' }, bench.clock.now())).toEqual([])
    expect(await outbox()).toHaveLength(6)
  })

  it('GIVEN the job runs twice before it is done THEN both runs carry the same idempotency key per recipient, so the outbox keeps one of each', async () => {
    bench.clock.set(DEC_5_9AM)
    const first = await bench.services.duesReminders.monthlyJob({ orgId, month: '2026-12' }, bench.clock.now())
    const second = await bench.services.duesReminders.monthlyJob({ orgId, month: '2026-12' }, bench.clock.now())
    const keys = first.map((m) => m.idempotencyKey)
    expect(second.map((m) => m.idempotencyKey)).toEqual(keys)
    expect(new Set(keys).size).toBe(first.length)
    const key = `dues:${orgId}:2026-12`
    expect([...keys].sort()).toEqual(
      [
        `${key}:remind:${zhang.contactId}`,
        `${key}:remind:${li.contactId}`,
        `${key}:remind:${wang.contactId}`,
        `${key}:summary:${organiser.contactId}`,
        `${key}:arrears:${zhang.contactId}:${secretary.contactId}`,
        `${key}:arrears:${wang.contactId}:${secretary.contactId}`,
      ].sort(),
    )
    expect(await markers()).toBe(1)
  })

  it('GIVEN the month has run THEN moving the collection day later does not set it running again', async () => {
    await bench.runJobsAt(DEC_5_9AM)
    expect(await outbox()).toHaveLength(6)
    bench.clock.set(new Date('2026-12-06T10:00:00+08:00'))
    expect(await branch.ask(secretary, '收缴日 10')).toContain('每月 10 日')
    await bench.runJobsAt(new Date('2026-12-10T09:00:00+08:00'))
    expect(await outbox()).toHaveLength(6)
    expect(await job()).toMatchObject({ state: 'done' })
  })
})
