import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createCapabilities } from '../src/capabilities/index.js'
import type { Scheduler } from '../src/scheduler/scheduler.js'
import { ADMIN_TOKEN, Bench, type Group, type Person } from './support/conversation.js'
import { schedulerFailingFirstFinish } from './support/failing-finish.js'

const MINUTE = 60_000
/** Around the activity 下周六上午9点 typed on Friday 27 November 2026, 10:00 (Shanghai). */
const THURSDAY_8PM = new Date('2026-12-03T20:00:00+08:00')
const FRIDAY_9AM = new Date('2026-12-04T09:00:00+08:00')
const SATURDAY_8AM = new Date('2026-12-05T08:00:00+08:00')
const later = (at: Date, minutes: number) => new Date(at.getTime() + minutes * MINUTE)

/**
 * D1: the commit that queues a job's messages fails once for every job. The retry a minute later
 * queues every message of the activity's jobs, each exactly once.
 */
describe('activity jobs when the commit of their messages fails once', () => {
  let bench: Bench
  let scheduler: Scheduler
  let failedJobs: Set<number>
  let secretary: Person, zhang: Person, li: Person
  let branch: Group
  let id: number

  beforeEach(async () => {
    bench = await Bench.start()
    ;({ scheduler, failedJobs } = schedulerFailingFirstFinish(bench))
    const admin = bench.person('管理员')
    secretary = bench.person('王书记')
    zhang = bench.person('张三')
    li = bench.person('李四')
    branch = await bench.branch('第一党支部群', '第一党支部', admin, secretary, [zhang, li])
    const published = await branch.ask(secretary, '发起活动 社区志愿服务 时间 下周六上午9点 地点 外滩社区 截止 下周四晚上8点')
    id = Number(/已发起活动 #(\d+)/.exec(published)![1])
    expect(await branch.ask(zhang, '报名')).toContain('报名成功')
    expect(await branch.ask(li, '报名')).toContain('报名成功')
  })
  afterEach(() => bench.close())

  const outbox = () => bench.db.outboxMessage.findMany({ orderBy: { id: 'asc' } })
  async function runAt(at: Date): Promise<void> {
    bench.clock.set(at)
    await scheduler.tick()
  }

  it('GIVEN the deadline and both reminders fail once THEN each is queued exactly once after its retry, @-mentioning those signed up', async () => {
    await runAt(THURSDAY_8PM)
    expect(failedJobs.size).toBe(1)
    expect(await outbox()).toEqual([])
    await runAt(later(THURSDAY_8PM, 1))
    expect((await outbox()).map((m) => m.text)).toEqual([`#${id}「社区志愿服务」报名已截止，共 2 人报名。`])

    await runAt(FRIDAY_9AM)
    await runAt(later(FRIDAY_9AM, 1))
    await runAt(SATURDAY_8AM)
    await runAt(later(SATURDAY_8AM, 1))
    await runAt(later(SATURDAY_8AM, 30))
    expect(failedJobs.size).toBe(3)
    const reminders = (await outbox()).filter((m) => m.text.startsWith('⏰ 活动提醒'))
    expect(reminders.map((m) => m.text)).toEqual([expect.stringContaining('还有 24 小时'), expect.stringContaining('还有 1 小时')])
    for (const reminder of reminders) {
      expect(reminder.toId).toBe(branch.roomId)
      expect(JSON.parse(reminder.mentionIds)).toEqual([zhang.contactId, li.contactId])
    }
    expect(await outbox()).toHaveLength(3)
    expect(await bench.db.job.findMany({ where: { key: { startsWith: `activity:${id}:` } }, select: { state: true, attempts: true } })).toEqual([
      { state: 'done', attempts: 1 },
      { state: 'done', attempts: 1 },
      { state: 'done', attempts: 1 },
    ])
  })

  it('GIVEN a job run twice THEN its message carries the same idempotency key, naming the activity and the time it is about', async () => {
    const { jobs } = createCapabilities(bench.db, { timeZone: 'Asia/Shanghai', adminToken: ADMIN_TOKEN })
    const keys = async () => [
      ...(await jobs['activity.remind']!({ activityId: id, hours: 24 }, FRIDAY_9AM)),
      ...(await jobs['activity.deadline']!({ activityId: id }, THURSDAY_8PM)),
    ].map((m) => m.idempotencyKey)
    const first = await keys()
    expect(first).toEqual([`activity:${id}:remind:24:2026-12-05T01:00:00.000Z`, `activity:${id}:deadline:2026-12-03T12:00:00.000Z`])
    expect(await keys()).toEqual(first)
    // A moved activity is reminded again: a new start, a new key.
    await branch.ask(secretary, `修改活动 #${id} 时间 下周日上午9点`)
    expect((await jobs['activity.remind']!({ activityId: id, hours: 24 }, FRIDAY_9AM))[0]!.idempotencyKey).toBe(`activity:${id}:remind:24:2026-12-06T01:00:00.000Z`)
  })

  it('GIVEN a payload of the wrong shape THEN the job is refused loudly instead of run on it', async () => {
    const { jobs } = createCapabilities(bench.db, { timeZone: 'Asia/Shanghai', adminToken: ADMIN_TOKEN })
    await expect(jobs['activity.remind']!({ activityId: String(id), hours: 24 }, FRIDAY_9AM)).rejects.toThrow()
    await expect(jobs['activity.deadline']!({}, FRIDAY_9AM)).rejects.toThrow()
  })
})
