import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Scheduler } from '../src/scheduler/scheduler.js'
import type { Services } from '../src/capabilities/index.js'
import { ADMIN_TOKEN, Bench, FRIDAY_10AM, type Group, type Person } from './support/conversation.js'

/** Shanghai wall-clock instants around the 党课 typed as `12月3日 19:00` on Friday 27 November 2026. */
const at = (day: string, hhmm: string) => new Date(`${day}T${hhmm}:00+08:00`)
const DAY_BEFORE = at('2026-12-02', '19:00')
const HOUR_BEFORE = at('2026-12-03', '18:00')
const START = at('2026-12-03', '19:00')
/** 1 December 2026 is a Tuesday: the first working day of December. 1 January 2027 is a Friday. */
const DECEMBER_DIGEST = at('2026-12-01', '09:00')
const JANUARY_DIGEST = at('2027-01-01', '09:00')

function idOf(reply: string): number {
  const match = /已安排 #(\d+)/.exec(reply)
  if (!match) throw new Error(`not a 安排 reply: ${reply}`)
  return Number(match[1])
}

/** Reminders, the automatic opening and the monthly digest are Job rows; the scheduler turns due ones into OutboxMessage rows. */
describe('meeting jobs: reminders, opening at the start, and the monthly digest', () => {
  let bench: Bench
  let services: Services
  let scheduler: Scheduler
  let admin: Person, secretary: Person, a: Person, b: Person, c: Person, d: Person, e: Person
  let branch: Group

  beforeEach(async () => {
    bench = await Bench.start()
    services = bench.services
    scheduler = bench.scheduler
    admin = bench.person('管理员')
    secretary = bench.person('王书记')
    a = bench.person('张三')
    b = bench.person('李四')
    c = bench.person('王五')
    d = bench.person('赵六')
    e = bench.person('钱七')
    branch = bench.group('第一党支部群', [admin, secretary, a, b, c, d, e])
    // Bound two years before: the digest below counts every period (a new branch is the subject of its own tests).
    bench.clock.set(at('2024-11-27', '10:00'))
    await bench.dm(admin, `认证 ${ADMIN_TOKEN}`)
    await branch.ask(admin, '绑定 第一党支部')
    for (const p of [secretary, a, b, c, d, e]) expect(await branch.ask(p, `登记 ${p.name} 正式党员`)).toContain('已登记')
    await branch.ask(admin, '任命 @王书记 书记')
    bench.clock.set(FRIDAY_10AM)
  })
  afterEach(() => bench.close())

  const outbox = () => bench.db.outboxMessage.findMany({ orderBy: { id: 'asc' } })
  const groupOutbox = async () => (await outbox()).filter((m) => m.toKind === 'group')
  /** Moves the clock and runs every job due by then, as the cron tick would. */
  async function runAt(when: Date): Promise<void> {
    bench.clock.set(when)
    await scheduler.tick()
  }

  describe('a 党课, from 安排 to 结束签到', () => {
    it('GIVEN 安排 党课 THEN the day before the group is reminded @-mentioning the expected, the check-in opens at the start by itself, and the story closes right', async () => {
      const id = idOf(await branch.ask(secretary, '安排 党课 时间 12月3日 19:00 主题 学习党章'))

      await runAt(DAY_BEFORE)
      const [reminder, ...more] = await groupOutbox()
      expect(more).toEqual([])
      expect(reminder).toMatchObject({
        toKind: 'group',
        toId: branch.roomId,
        text: `⏰ 会议提醒：#${id} 党课「学习党章」 将于 12月3日(周四) 19:00 召开（还有 24 小时）。请准时参加；不能参加请回复「请假 #${id} <原因>」。`,
      })
      expect(JSON.parse(reminder!.mentionIds)).toEqual([secretary, a, b, c, d, e].map((p) => p.contactId))

      expect(await branch.ask(c, '请假 出差')).toBe(`王五 已请假：#${id}`)
      await runAt(HOUR_BEFORE)
      const hourBefore = (await groupOutbox())[1]!
      expect(hourBefore.text).toContain('（还有 1 小时）')
      // Someone on leave is not called to the meeting again.
      expect(JSON.parse(hourBefore.mentionIds)).toEqual([secretary, a, b, d, e].map((p) => p.contactId))

      expect(await branch.ask(a, '签到')).toBe('目前没有正在签到的会议。')
      await runAt(START)
      expect((await groupOutbox())[2]).toMatchObject({ toId: branch.roomId, text: `#${id} 党课「学习党章」 签到开始，回复「签到」` })
      expect(await bench.db.meeting.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: 'open', openedAt: START })

      bench.clock.set(at('2026-12-03', '19:01'))
      expect(await branch.ask(a, '签到')).toBe(`张三 签到成功：#${id}`)
      expect(await branch.ask(b, '签到')).toBe(`李四 签到成功：#${id}`)
      bench.clock.set(at('2026-12-03', '19:15'))
      expect(await branch.ask(d, '签到')).toBe(`赵六 签到成功（迟到）：#${id}`)
      expect((await bench.db.attendance.findFirstOrThrow({ where: { meetingId: id, member: { name: '赵六' } } })).status).toBe('late')

      bench.clock.set(at('2026-12-03', '21:00'))
      expect(await branch.say(secretary, `结束签到 #${id}`)).toEqual([
        [
          `#${id} 党课「学习党章」 签到结束。`,
          '应到 6 人，实到 3 人（迟到 1 人），请假 1 人，缺席 2 人',
          '实到：张三、李四、赵六（迟到）',
          '请假：王五',
          '缺席：王书记、钱七',
        ].join('\n'),
        `#${id} 党课「学习党章」 请假原因（仅私信委员）：\n王五：出差`,
      ])
      const jobs = await bench.db.job.findMany({ where: { key: { startsWith: `meeting:${id}:` } }, orderBy: { key: 'asc' }, select: { key: true, state: true } })
      expect(jobs).toEqual([
        { key: `meeting:${id}:open`, state: 'done' },
        { key: `meeting:${id}:remind:1`, state: 'done' },
        { key: `meeting:${id}:remind:24`, state: 'done' },
      ])
    })

    it('GIVEN an exempt member THEN the reminder does not call them', async () => {
      await branch.ask(secretary, '免签 @钱七')
      await branch.ask(secretary, '安排 党课 时间 12月3日 19:00 主题 学习党章')
      await runAt(DAY_BEFORE)
      const [reminder] = await groupOutbox()
      expect(JSON.parse(reminder!.mentionIds)).not.toContain(e.contactId)
      expect(JSON.parse(reminder!.mentionIds)).toHaveLength(5)
    })

    it('GIVEN the check-in opened early by hand THEN the start sends no second opening notice', async () => {
      const id = idOf(await branch.ask(secretary, '安排 党课 时间 12月3日 19:00 主题 学习党章'))
      await runAt(DAY_BEFORE)
      await runAt(HOUR_BEFORE)
      bench.clock.set(at('2026-12-03', '18:45'))
      await branch.ask(secretary, '开始签到')
      await runAt(START)
      expect((await groupOutbox()).filter((m) => m.text.includes('签到开始'))).toEqual([])
      expect((await bench.db.meeting.findUniqueOrThrow({ where: { id } })).openedAt).toEqual(at('2026-12-03', '18:45'))
    })

    it('GIVEN 取消会议 THEN no reminder and no opening go out, and the meeting stays cancelled', async () => {
      const id = idOf(await branch.ask(secretary, '安排 党课 时间 12月3日 19:00 主题 学习党章'))
      await branch.say(secretary, `取消会议 #${id}`)
      await runAt(DAY_BEFORE)
      await runAt(HOUR_BEFORE)
      await runAt(START)
      expect(await groupOutbox()).toEqual([])
      expect((await bench.db.meeting.findUniqueOrThrow({ where: { id } })).status).toBe('cancelled')
    })

    it('GIVEN a meeting less than an hour away THEN no reminder is scheduled in the past, only the opening', async () => {
      bench.clock.set(at('2026-12-03', '18:30'))
      const id = idOf(await branch.ask(secretary, '安排 支委会 时间 12月3日 19:00'))
      const keys = (await bench.db.job.findMany({ where: { key: { startsWith: `meeting:${id}:` } } })).map((j) => j.key)
      expect(keys).toEqual([`meeting:${id}:open`])
    })
  })

  describe('the monthly digest to each 书记', () => {
    it('GIVEN ensureDigestScheduled THEN one digest job is pending for the first working day of next month at 09:00, however often it is called', async () => {
      expect(await services.compliance.ensureDigestScheduled(bench.clock.now())).toEqual(DECEMBER_DIGEST)
      await services.compliance.ensureDigestScheduled(bench.clock.now())
      await branch.ask(secretary, '安排 党课 时间 12月3日 19:00') // 安排 makes sure of it too
      const digests = await bench.db.job.findMany({ where: { kind: 'meeting.compliance-digest' } })
      expect(digests.map((j) => [j.dueAt, j.state])).toEqual([[DECEMBER_DIGEST, 'pending']])
    })

    it('GIVEN the first working day at 09:00 THEN the 书记 hears privately what is due and overdue, and January’s digest is scheduled', async () => {
      // A 支委会 and a 党课 held in November.
      for (const type of ['支委会', '党课']) {
        bench.clock.set(at('2026-11-27', '10:00'))
        const id = idOf(await branch.ask(secretary, `安排 ${type} 时间 明天上午9点`))
        bench.clock.set(at('2026-11-28', '09:00'))
        await branch.ask(secretary, `开始签到 #${id}`)
        await branch.ask(a, '签到')
        await branch.ask(secretary, `结束签到 #${id}`)
      }
      // A branch without a 书记 gets nothing.
      const other = bench.group('第二党支部群', [admin])
      await other.ask(admin, '绑定 第二党支部')

      await runAt(at('2026-11-30', '20:00')) // reminders of nothing; the digest is not due yet
      expect((await outbox()).filter((m) => m.toKind === 'private')).toEqual([])
      await runAt(DECEMBER_DIGEST)
      const privateMessages = (await outbox()).filter((m) => m.toKind === 'private')
      expect(privateMessages).toHaveLength(1)
      expect(privateMessages[0]).toMatchObject({
        toId: secretary.contactId,
        text: [
          '【三会一课提醒】「第一党支部」2026年12月',
          '逾期：党员大会（2026年第4季度）、党小组会（2026年12月）、主题党日（2026年12月）、组织生活会（2026年）',
          '待开：支委会（2026年12月）',
          '在支部群里发送「三会一课」查看详情，发送「安排 <会议类型> 时间 <时间>」安排会议。',
        ].join('\n'),
      })
      const digests = await bench.db.job.findMany({ where: { kind: 'meeting.compliance-digest' }, orderBy: { dueAt: 'asc' } })
      expect(digests.map((j) => [j.dueAt, j.state])).toEqual([
        [DECEMBER_DIGEST, 'done'],
        [JANUARY_DIGEST, 'pending'],
      ])
    })
  })
})
