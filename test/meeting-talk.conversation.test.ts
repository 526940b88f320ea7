import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { Bench, type Group, type Person } from './support/conversation.js'

const at = (day: string, hhmm: string) => new Date(`${day}T${hhmm}:00+08:00`)
const idOf = (reply: string) => Number(/已安排 #(\d+)/.exec(reply)?.[1] ?? NaN)

describe('meetings as branches really use them', () => {
  let bench: Bench
  let admin: Person, secretary: Person, deputy: Person, organiser: Person, a: Person, b: Person
  let branch: Group

  beforeEach(async () => {
    bench = await Bench.start()
    admin = bench.person('管理员')
    secretary = bench.person('王书记')
    deputy = bench.person('陈副书记')
    organiser = bench.person('李组织')
    a = bench.person('张三')
    b = bench.person('李四')
    branch = await bench.branch('第一党支部群', '第一党支部', admin, secretary, [deputy, organiser, a, b])
    expect(await branch.ask(secretary, '任命 @陈副书记 副书记')).toContain('已任命')
    expect(await branch.ask(secretary, '任命 @李组织 组织委员')).toContain('已任命')
  })
  afterEach(() => bench.close())

  describe('结束签到: leave reasons are private (issue 12)', () => {
    it('GIVEN a member on sick leave THEN the group sees the name only, and the officer who closed it, the 书记 and the 副书记 get the reason privately', async () => {
      const id = idOf(await branch.ask(organiser, '安排 党员大会 时间 12月3日 19:00'))
      expect(await branch.ask(a, '请假 住院治疗 心脏手术')).toBe(`张三 已请假：#${id}`)
      bench.clock.set(at('2026-12-03', '19:00'))
      await branch.ask(organiser, '开始签到')
      await branch.ask(b, '签到')

      const replies = await branch.replies(organiser, '结束签到')
      const inGroup = replies.filter((r) => !r.privateTo)
      expect(inGroup).toHaveLength(1)
      expect(inGroup[0]!.text).toContain('请假：张三\n')
      for (const r of inGroup) expect(r.text).not.toMatch(/住院|手术/)
      const reason = `#${id} 党员大会 请假原因（仅私信委员）：\n张三：住院治疗 心脏手术`
      expect(replies.filter((r) => r.privateTo)).toEqual([
        { privateTo: organiser.contactId, text: reason },
        { privateTo: secretary.contactId, text: reason },
        { privateTo: deputy.contactId, text: reason },
      ])
      // The full record, with the reason, is still there for the officers (privately).
      expect((await branch.replies(secretary, `会议 #${id}`))[1]).toMatchObject({ privateTo: secretary.contactId, text: expect.stringContaining('张三（住院治疗 心脏手术）') })
    })

    it('GIVEN nobody on leave THEN closing sends nothing privately', async () => {
      idOf(await branch.ask(secretary, '安排 党课 时间 12月3日 19:00'))
      bench.clock.set(at('2026-12-03', '19:00'))
      await branch.ask(secretary, '开始签到')
      expect((await branch.replies(secretary, '结束签到')).filter((r) => r.privateTo)).toEqual([])
    })
  })

  describe('安排 in everyday words (issue 11 point 4)', () => {
    it.each([
      ['支部大会', '党员大会'],
      ['支委会议', '支委会'],
      ['小组会', '党小组会'],
      ['微党课', '党课'],
      ['党日活动', '主题党日'],
      ['组织生活', '组织生活会'],
    ])('GIVEN 安排 %s THEN a %s is scheduled', async (word, type) => {
      const reply = await branch.ask(secretary, `安排 ${word} 时间 12月3日 19:00`)
      expect(reply).toMatch(new RegExp(`^已安排 #\\d+ ${type}`))
      expect((await bench.db.meeting.findUniqueOrThrow({ where: { id: idOf(reply) } })).type).toBe(type)
    })

    it('GIVEN a word not understood THEN the reply names it and lists the accepted types, and nothing is scheduled', async () => {
      expect(await branch.ask(secretary, '安排 座谈会 时间 12月3日 19:00')).toBe('看不懂会议类型「座谈会」。可以写：党员大会、支委会、党小组会、党课、主题党日、组织生活会')
      expect(await branch.ask(secretary, '安排 constructor 时间 12月3日 19:00')).toContain('「constructor」')
      expect(await bench.db.meeting.count()).toBe(0)
    })

    it('GIVEN 民主生活会 THEN the reply explains that a branch holds a 组织生活会', async () => {
      expect(await branch.ask(secretary, '安排 民主生活会 时间 12月3日 19:00')).toBe('民主生活会是领导班子召开的，党支部开的是「组织生活会」。')
      expect(await bench.db.meeting.count()).toBe(0)
    })
  })

  describe('三会一课 for a branch bound today (issue 11 point 11)', () => {
    it('GIVEN a branch bound today THEN nothing is 逾期; a month later what it missed is', async () => {
      const today = await branch.ask(secretary, '三会一课')
      expect(today).not.toContain('逾期')
      expect(today).toContain('· 支委会（每月，2026年11月）：待开（无记录）')
      expect(today).toContain('· 组织生活会（每年，2026年）：待开（无记录）')

      bench.clock.set(at('2027-01-04', '10:00')) // December was the first whole month: its 支委会 was missed
      const later = await branch.ask(secretary, '三会一课')
      expect(later).toContain('· 支委会（每月，2027年1月）：逾期（无记录）')
      expect(later).toContain('· 党员大会（每季度，2027年第1季度）：待开（无记录）')
    })

    it('GIVEN a missed month and a 支委会 already scheduled this month THEN it shows 待开, not 逾期', async () => {
      bench.clock.set(at('2027-01-04', '10:00'))
      await branch.ask(secretary, '安排 支委会 时间 1月8日 19:00')
      expect(await branch.ask(secretary, '三会一课')).toContain('· 支委会（每月，2027年1月）：待开（无记录）')
    })

    it('GIVEN 本年 for a branch bound in November THEN the months before it are not counted', async () => {
      const reply = await branch.ask(secretary, '三会一课 本年')
      expect(reply).toContain('· 支委会（每月）：待开')
      expect(reply).not.toContain('逾期')
    })
  })
})
