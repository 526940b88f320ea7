import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Scheduler } from '../src/scheduler/scheduler.js'
import { Bench, type Group, type Person } from './support/conversation.js'

/** Shanghai wall-clock times around the activity 下周六上午9点 typed on Friday 27 November 2026, 10:00. */
const SATURDAY_9AM = new Date('2026-12-05T09:00:00+08:00')
const FRIDAY_9AM = new Date('2026-12-04T09:00:00+08:00')
const SATURDAY_8AM = new Date('2026-12-05T08:00:00+08:00')
const THURSDAY_8PM = new Date('2026-12-03T20:00:00+08:00')
const SUNDAY_8AM = new Date('2026-12-06T08:00:00+08:00')

function idOf(reply: string): number {
  const match = /已发起活动 #(\d+)/.exec(reply)
  if (!match) throw new Error(`not a publish reply: ${reply}`)
  return Number(match[1])
}

/** Reminders and the deadline notice are Job rows; the scheduler turns due ones into OutboxMessage rows. */
describe('activity reminders, moved and cancelled with the activity', () => {
  let bench: Bench
  let scheduler: Scheduler
  let admin: Person, secretary: Person, a: Person, b: Person, c: Person, d: Person
  let branch: Group

  beforeEach(async () => {
    bench = await Bench.start()
    scheduler = bench.scheduler
    admin = bench.person('管理员')
    secretary = bench.person('王书记')
    a = bench.person('张三')
    b = bench.person('李四')
    c = bench.person('王五')
    d = bench.person('赵六')
    branch = await bench.branch('第一党支部群', '第一党支部', admin, secretary, [a, b, c, d])
  })
  afterEach(() => bench.close())

  const jobsOf = (id: number) =>
    bench.db.job.findMany({ where: { key: { startsWith: `activity:${id}:` } }, orderBy: { key: 'asc' }, select: { key: true, kind: true, dueAt: true, state: true } })
  const outbox = () => bench.db.outboxMessage.findMany({ orderBy: { id: 'asc' } })
  /** Moves the clock and runs every job due by then, as the cron tick would. */
  async function runAt(at: Date): Promise<void> {
    bench.clock.set(at)
    await scheduler.tick()
  }

  describe('the jobs of an activity', () => {
    it('GIVEN 发起活动 for 下周六上午9点 THEN two reminders are pending, at Friday 09:00 and Saturday 08:00', async () => {
      const id = idOf(await branch.ask(secretary, '发起活动 社区志愿服务 时间 下周六上午9点 地点 外滩社区'))
      expect((await bench.db.activity.findUniqueOrThrow({ where: { id } })).startsAt).toEqual(SATURDAY_9AM)
      expect(await jobsOf(id)).toEqual([
        { key: `activity:${id}:remind:1`, kind: 'activity.remind', dueAt: SATURDAY_8AM, state: 'pending' },
        { key: `activity:${id}:remind:24`, kind: 'activity.remind', dueAt: FRIDAY_9AM, state: 'pending' },
      ])
    })

    it('GIVEN 截止 THEN a deadline job is pending at the deadline too', async () => {
      const id = idOf(await branch.ask(secretary, '发起活动 社区志愿服务 时间 下周六上午9点 截止 下周四晚上8点'))
      expect(await jobsOf(id)).toEqual([
        { key: `activity:${id}:deadline`, kind: 'activity.deadline', dueAt: THURSDAY_8PM, state: 'pending' },
        { key: `activity:${id}:remind:1`, kind: 'activity.remind', dueAt: SATURDAY_8AM, state: 'pending' },
        { key: `activity:${id}:remind:24`, kind: 'activity.remind', dueAt: FRIDAY_9AM, state: 'pending' },
      ])
    })

    it('GIVEN 修改活动 时间 THEN the same jobs move to the new time, still pending, and the old time sends nothing', async () => {
      const id = idOf(await branch.ask(secretary, '发起活动 社区志愿服务 时间 下周六上午9点 截止 下周四晚上8点'))
      await branch.ask(a, `报名 #${id}`)
      const edited = await branch.say(secretary, `修改活动 #${id} 时间 下周日上午9点`)
      expect(edited).toEqual([`@张三 活动 #${id}「社区志愿服务」已修改：\n时间：12月6日(周日) 09:00`])
      expect(await jobsOf(id)).toEqual([
        { key: `activity:${id}:deadline`, kind: 'activity.deadline', dueAt: THURSDAY_8PM, state: 'pending' },
        { key: `activity:${id}:remind:1`, kind: 'activity.remind', dueAt: SUNDAY_8AM, state: 'pending' },
        { key: `activity:${id}:remind:24`, kind: 'activity.remind', dueAt: SATURDAY_9AM, state: 'pending' },
      ])
      expect(await bench.db.job.count()).toBe(3)

      // One step at a time: a jump of more than the grace period (6 h) past a job skips it.
      await runAt(THURSDAY_8PM)
      expect(await outbox()).toEqual([expect.objectContaining({ text: expect.stringContaining('报名已截止') })])
      await runAt(FRIDAY_9AM) // the old reminder time
      expect(await outbox()).toHaveLength(1)
      await runAt(SATURDAY_9AM)
      const reminders = (await outbox()).filter((m) => m.text.includes('活动提醒'))
      expect(reminders).toHaveLength(1)
      expect(reminders[0]!.text).toContain('还有 24 小时')
      expect(reminders[0]!.text).toContain('12月6日(周日) 09:00')
    })

    it('GIVEN 取消活动 THEN its pending jobs are cancelled and a tick at the old time queues nothing', async () => {
      const id = idOf(await branch.ask(secretary, '发起活动 社区志愿服务 时间 下周六上午9点 截止 下周四晚上8点'))
      await branch.ask(a, `报名 #${id}`)
      expect(await branch.ask(secretary, `取消活动 #${id}`)).toContain(`活动 #${id}「社区志愿服务」（12月5日(周六) 09:00）已取消`)
      expect((await jobsOf(id)).map((j) => [j.key, j.state])).toEqual([
        [`activity:${id}:deadline`, 'cancelled'],
        [`activity:${id}:remind:1`, 'cancelled'],
        [`activity:${id}:remind:24`, 'cancelled'],
      ])
      await runAt(THURSDAY_8PM)
      await runAt(FRIDAY_9AM)
      await runAt(SATURDAY_8AM)
      expect(await outbox()).toEqual([])
      expect((await jobsOf(id)).every((j) => j.state === 'cancelled')).toBe(true)
    })
  })

  describe('what the group hears when the jobs run', () => {
    let id: number
    beforeEach(async () => {
      id = idOf(await branch.ask(secretary, '发起活动 社区志愿服务 时间 下周六上午9点 地点 外滩社区 名额 2 截止 下周四晚上8点'))
      expect(await branch.ask(a, `报名 #${id}`)).toContain('张三 报名成功')
      expect(await branch.ask(b, `报名 #${id}`)).toContain('李四 报名成功')
      expect(await branch.ask(c, `报名 #${id}`)).toContain('王五 已进入候补第 1 位')
    })

    it('GIVEN Friday 09:00 THEN one group message @-mentions exactly the confirmed sign-ups and names the activity, once', async () => {
      await runAt(FRIDAY_9AM)
      const queued = (await outbox()).filter((m) => m.text.includes('活动提醒'))
      expect(queued).toHaveLength(1)
      const [reminder] = queued
      expect(reminder).toMatchObject({ toKind: 'group', toId: branch.roomId, state: 'queued' })
      expect(JSON.parse(reminder!.mentionIds)).toEqual([a.contactId, b.contactId])
      expect(reminder!.text).toBe(`⏰ 活动提醒：#${id}「社区志愿服务」将于 12月5日(周六) 09:00 开始（还有 24 小时），地点：外滩社区。已报名 2 人，请准时参加。`)
      expect((await bench.db.job.findUniqueOrThrow({ where: { key: `activity:${id}:remind:24` } })).state).toBe('done')

      const count = (await outbox()).length
      await scheduler.tick()
      await runAt(new Date(FRIDAY_9AM.getTime() + 60_000))
      expect(await outbox()).toHaveLength(count)
    })

    it('GIVEN Saturday 08:00 THEN the one-hour reminder goes out too, again to the confirmed only', async () => {
      await runAt(FRIDAY_9AM)
      await runAt(SATURDAY_8AM)
      const reminders = (await outbox()).filter((m) => m.text.includes('活动提醒'))
      expect(reminders.map((m) => m.text.match(/还有 (\d+) 小时/)![1])).toEqual(['24', '1'])
      expect(reminders.map((m) => JSON.parse(m.mentionIds))).toEqual([
        [a.contactId, b.contactId],
        [a.contactId, b.contactId],
      ])
    })

    it('GIVEN the deadline THEN the group hears how many are in and how many wait', async () => {
      await runAt(THURSDAY_8PM)
      const rows = await outbox()
      expect(rows).toHaveLength(1)
      expect(rows[0]).toMatchObject({ toKind: 'group', toId: branch.roomId, text: `#${id}「社区志愿服务」报名已截止，共 2 人报名，候补 1 人。` })
      expect((await bench.db.job.findUniqueOrThrow({ where: { key: `activity:${id}:deadline` } })).state).toBe('done')
      bench.clock.set(new Date(THURSDAY_8PM.getTime() + 60_000))
      expect(await branch.ask(d, `报名 #${id}`)).toBe(`#${id} 报名已截止。`)
      expect(await bench.db.signUp.count({ where: { activityId: id } })).toBe(3)
    })
    it('GIVEN the deadline notice has gone out THEN a 报名 at that same instant is refused', async () => {
      await runAt(THURSDAY_8PM)
      expect((await outbox())[0]!.text).toContain('报名已截止，共 2 人报名')
      expect(await branch.ask(d, `报名 #${id}`)).toBe(`#${id} 报名已截止。`)
    })

    it('GIVEN a member cancels before the reminder THEN the reminder names the promoted member instead', async () => {
      await branch.say(a, `取消报名 #${id}`)
      await runAt(FRIDAY_9AM)
      const [reminder] = (await outbox()).filter((m) => m.text.includes('活动提醒'))
      expect(JSON.parse(reminder!.mentionIds)).toEqual([b.contactId, c.contactId])
    })
  })

  describe('修改活动', () => {
    let id: number
    beforeEach(async () => {
      id = idOf(await branch.ask(secretary, '发起活动 学习会 时间 下周六上午9点 名额 1'))
      await branch.ask(a, `报名 #${id}`)
      expect(await branch.ask(b, `报名 #${id}`)).toContain('候补第 1 位')
      expect(await branch.ask(c, `报名 #${id}`)).toContain('候补第 2 位')
      expect(await branch.ask(d, `报名 #${id}`)).toContain('候补第 3 位')
    })

    it('GIVEN a larger 名额 THEN the waitlist is promoted in order and each promoted member is @-mentioned', async () => {
      expect(await branch.say(secretary, `修改活动 #${id} 名额 3`)).toEqual([
        `@张三 @李四 @王五 @赵六 活动 #${id}「学习会」已修改：\n名额：3 人`,
        `@李四 候补转正，报名成功：#${id}「学习会」。`,
        `@王五 候补转正，报名成功：#${id}「学习会」。`,
      ])
      const rows = await bench.db.signUp.findMany({ where: { activityId: id }, orderBy: { id: 'asc' }, include: { member: true } })
      expect(rows.map((r) => [r.member.name, r.status, r.promotedAt !== null])).toEqual([
        ['张三', 'confirmed', false],
        ['李四', 'confirmed', true],
        ['王五', 'confirmed', true],
        ['赵六', 'waitlisted', false],
      ])
      expect(await branch.ask(d, `活动 #${id}`)).toContain('已报名 3/3 人：张三、李四、王五\n候补 1 人：赵六')
    })

    it('GIVEN nothing to change THEN a clear message and nothing moves', async () => {
      const before = await jobsOf(id)
      expect(await branch.ask(secretary, `修改活动 #${id}`)).toBe('请写明要修改的内容，例如：修改活动 #3 时间 下周日上午9点')
      expect(await jobsOf(id)).toEqual(before)
      expect(await bench.db.auditLog.count({ where: { action: 'activity.edit' } })).toBe(0)
    })

    it('GIVEN a cancelled activity THEN 修改活动 is refused and no job comes back', async () => {
      await branch.say(secretary, `取消活动 #${id}`)
      expect(await branch.ask(secretary, `修改活动 #${id} 时间 下周日上午9点`)).toBe(`#${id} 已取消。`)
      expect((await jobsOf(id)).map((j) => j.state)).toEqual(['cancelled', 'cancelled'])
      expect((await bench.db.activity.findUniqueOrThrow({ where: { id } })).startsAt).toEqual(SATURDAY_9AM)
    })

    it('GIVEN a plain member THEN 修改活动 is refused with 无权 and nothing changes', async () => {
      const before = await jobsOf(id)
      expect(await branch.ask(a, `修改活动 #${id} 时间 下周日上午9点 名额 5`)).toContain('无权')
      expect(await jobsOf(id)).toEqual(before)
      expect(await bench.db.activity.findUniqueOrThrow({ where: { id } })).toMatchObject({ startsAt: SATURDAY_9AM, capacity: 1 })
      expect(await bench.db.signUp.count({ where: { activityId: id, status: 'waitlisted' } })).toBe(3)
    })
  })
})
