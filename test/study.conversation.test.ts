import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ADMIN_TOKEN, Bench, type Group, type Person } from './support/conversation.js'

const LECTURE_START = new Date('2026-12-03T19:00:00+08:00')

describe('学时: study logs, attended 党课, and the private yearly total', () => {
  let bench: Bench
  let admin: Person, secretary: Person, a: Person, b: Person
  let branch: Group

  beforeEach(async () => {
    bench = await Bench.start()
    admin = bench.person('管理员')
    secretary = bench.person('王书记')
    a = bench.person('张三')
    b = bench.person('李四')
    branch = bench.group('第一党支部群', [admin, secretary, a, b])
    await bench.dm(admin, `认证 ${ADMIN_TOKEN}`)
    await branch.ask(admin, '绑定 第一党支部')
    for (const p of [secretary, a, b]) expect(await branch.ask(p, `登记 ${p.name} 正式党员`)).toContain('已登记')
    await branch.ask(admin, '任命 @王书记 书记')
  })
  afterEach(() => bench.close())

  const logs = (name: string) =>
    bench.db.studyLog
      .findMany({ where: { member: { name } }, orderBy: { id: 'asc' } })
      .then((rows) => rows.map((r) => [r.content, r.minutes, r.source, r.meetingId]))

  /** A 党课 張三 attends and 李四 misses. */
  async function lectureAttendedByZhangSan(): Promise<number> {
    const reply = await branch.ask(secretary, '安排 党课 时间 12月3日 19:00 主题 学习党章')
    const id = Number(/#(\d+)/.exec(reply)![1])
    bench.clock.set(LECTURE_START)
    await branch.ask(secretary, `开始签到 #${id}`)
    expect(await branch.ask(a, '签到')).toContain('签到成功')
    await branch.ask(secretary, `结束签到 #${id}`)
    return id
  }

  it('GIVEN two 学习打卡 and one attended 党课 THEN 学时 answers the total privately and the group only hears 已私信你', async () => {
    expect(await branch.ask(a, '学习打卡 学习党章第一章 2小时')).toBe('已记录 张三 的学习打卡：学习党章第一章，2 学时。发送「学时」查看本年累计（私信）。')
    expect(await branch.ask(a, '学习打卡 观看专题片 30分钟')).toBe('已记录 张三 的学习打卡：观看专题片，0.5 学时。发送「学时」查看本年累计（私信）。')
    const id = await lectureAttendedByZhangSan()

    const replies = await branch.replies(a, '学时')
    expect(replies).toEqual([
      { text: '已私信你。', mentionIds: [a.contactId] },
      { privateTo: a.contactId, text: '张三，你 2026 年的学时：4.5 学时（学习打卡 2.5，党课 2），年度目标 32 学时，还差 27.5 学时。' },
    ])
    // Nothing with a number of hours is said in the group.
    for (const r of replies.filter((r) => !r.privateTo)) expect(r.text).not.toMatch(/\d/)
    expect(await logs('张三')).toEqual([
      ['学习党章第一章', 120, 'self', null],
      ['观看专题片', 30, 'self', null],
      [`党课「学习党章」 #${id}`, 120, 'meeting', id],
    ])
  })

  it('GIVEN a member absent from the 党课 THEN it gives them no hours', async () => {
    await lectureAttendedByZhangSan()
    expect(await logs('李四')).toEqual([])
    const [, privately] = await branch.replies(b, '学时')
    expect(privately).toEqual({ privateTo: b.contactId, text: '李四，你 2026 年的学时：0 学时（学习打卡 0，党课 0），年度目标 32 学时，还差 32 学时。' })
  })

  it('GIVEN an officer THEN the target is 56 学时', async () => {
    const [, privately] = await branch.replies(secretary, '学时')
    expect(privately!.text).toContain('年度目标 56 学时，还差 56 学时')
  })

  it.each([
    ['学习打卡 读党史', '读党史', 60],
    ['学习打卡 读党史 1.5小时', '读党史', 90],
    ['学习打卡 读党史 两个小时', '读党史', 120],
    ['学习打卡 读党史半小时', '读党史', 30],
    ['学习打卡 专题培训 8小时', '专题培训', 480],
    ['学习打卡 学习 二十大 报告 45分钟', '学习 二十大 报告', 45],
  ])('GIVEN %j THEN the entry is %j for %i minutes', async (typed, content, minutes) => {
    expect(await branch.ask(a, typed)).toContain(`已记录 张三 的学习打卡：${content}`)
    expect(await logs('张三')).toEqual([[content, minutes, 'self', null]])
  })

  it('GIVEN more than 8 hours, no content, or only a duration THEN a clear refusal and nothing is logged', async () => {
    expect(await branch.ask(a, '学习打卡 专题培训 9小时')).toBe('单次打卡最多 8 小时（一天的集中培训），请分次记录。')
    expect(await branch.ask(a, '学习打卡')).toBe('格式：学习打卡 <内容> [<n>小时|<n>分钟]\n例如：学习打卡 学习党章第一章 2小时')
    expect(await branch.ask(a, '学习打卡 2小时')).toMatch(/^格式：学习打卡/)
    expect(await branch.ask(a, '学习打卡 读书 0分钟')).toMatch(/^格式：学习打卡/)
    expect(await bench.db.studyLog.count()).toBe(0)
  })

  it('GIVEN study at 23:30 on New Year’s Eve in Beijing THEN it belongs to that year, and 00:10 on 1 January to the new one', async () => {
    bench.clock.set(new Date('2025-12-31T23:30:00+08:00'))
    await branch.ask(a, '学习打卡 跨年学习 3小时')
    bench.clock.set(new Date('2026-01-01T00:10:00+08:00'))
    await branch.ask(a, '学习打卡 新年学习 1小时')
    bench.clock.set(new Date('2026-11-27T10:00:00+08:00'))
    const [, privately] = await branch.replies(a, '学时')
    expect(privately!.text).toContain('2026 年的学时：1 学时（学习打卡 1，党课 0）')
  })

  it('GIVEN a private chat THEN 学习打卡 and 学时 work there too, and hours from every registration count', async () => {
    const second = bench.group('第二党支部群', [admin, a])
    await second.ask(admin, '绑定 第二党支部')
    await second.ask(a, '登记 张三 正式党员') // a 流动党员 taking part in a second branch
    await second.ask(a, '学习打卡 流动党员学习 2小时')
    expect(await bench.dm(a, '学习打卡 自学 1小时')).toEqual(['已记录 张三 的学习打卡：自学，1 学时。发送「学时」查看本年累计（私信）。'])
    expect(await bench.dm(a, '学时')).toEqual(['张三，你 2026 年的学时：3 学时（学习打卡 3，党课 0），年度目标 32 学时，还差 29 学时。'])
  })

  it('GIVEN someone not registered THEN 学习打卡 and 学时 ask them to register first', async () => {
    const stranger = bench.person('路人')
    expect(await branch.ask(stranger, '学习打卡 读书 1小时')).toContain('你还没有登记')
    expect(await bench.dm(stranger, '学时')).toEqual([expect.stringContaining('你还没有登记')])
    expect(await bench.db.studyLog.count()).toBe(0)
  })

  it('GIVEN the target reached THEN 学时 says it is done', async () => {
    for (let day = 1; day <= 4; day++) {
      bench.clock.set(new Date(`2026-11-0${day}T10:00:00+08:00`))
      await branch.ask(a, '学习打卡 集中培训 8小时')
    }
    const [, privately] = await branch.replies(a, '学时')
    expect(privately!.text).toBe('张三，你 2026 年的学时：32 学时（学习打卡 32，党课 0），年度目标 32 学时，已完成。')
  })
})
