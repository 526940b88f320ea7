import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { Bench, type Group, type Person } from './support/conversation.js'

describe('a branch publishes an activity and members sign up', () => {
  let bench: Bench
  let admin: Person, secretary: Person, a: Person, b: Person, c: Person, d: Person
  let branch: Group

  beforeEach(async () => {
    bench = await Bench.start()
    admin = bench.person('管理员')
    secretary = bench.person('王书记')
    a = bench.person('张三')
    b = bench.person('李四')
    c = bench.person('王五')
    d = bench.person('赵六')
    branch = await bench.branch('第一党支部群', '第一党支部', admin, secretary, [a, b, c, d])
  })
  afterEach(() => bench.close())

  it('GIVEN two places THEN two sign up, the third waits, and a cancellation promotes and names the waiting member', async () => {
    const created = await branch.ask(secretary, '发起活动 社区志愿服务 时间 下周六上午9点 地点 外滩社区 名额 2')
    expect(created).toMatch(/已发起活动 #(\d+)「社区志愿服务」/)
    expect(created).toContain('12月5日(周六) 09:00')
    const id = Number(/#(\d+)/.exec(created)![1])

    expect(await branch.ask(a, '报名')).toContain('张三 报名成功')
    expect(await branch.ask(b, `报名 #${id}`)).toContain('李四 报名成功')
    expect(await branch.ask(c, `报名 #${id}`)).toContain('候补第 1 位')

    expect(await branch.say(a, `取消报名 #${id}`)).toEqual([
      expect.stringContaining('张三 已取消报名'),
      expect.stringMatching(/^@王五 候补转正，报名成功/),
    ])
    const detail = await branch.ask(d, `活动 #${id}`)
    expect(detail).toContain('已报名 2/2 人：李四、王五')
    expect(detail).not.toContain('候补')

    const rows = await bench.db.signUp.findMany({ where: { activityId: id }, orderBy: { id: 'asc' }, include: { member: true } })
    expect(rows.map((r) => [r.member.name, r.status])).toEqual([
      ['张三', 'cancelled'],
      ['李四', 'confirmed'],
      ['王五', 'confirmed'],
    ])
    expect(rows[2]!.promotedAt).not.toBeNull()
  })

  it('GIVEN a member signed up THEN signing up again keeps one place and says so', async () => {
    await branch.ask(secretary, '发起活动 学习会 时间 明天下午3点')
    await branch.ask(a, '报名')
    expect(await branch.ask(a, '报名')).toContain('已经报名')
    expect(await bench.db.signUp.count()).toBe(1)
  })

  it('GIVEN a plain member THEN 发起活动, 任命 and 取消活动 are refused with 无权 and nothing changes', async () => {
    await branch.ask(secretary, '发起活动 学习会 时间 明天下午3点')
    expect(await branch.ask(a, '发起活动 私人聚会 时间 明天下午3点')).toContain('无权')
    expect(await branch.ask(a, '任命 @李四 组织委员')).toContain('无权')
    expect(await branch.ask(a, '取消活动 #1')).toContain('无权')
    expect(await bench.db.activity.count()).toBe(1)
    expect(await bench.db.roleAssignment.count()).toBe(1)
    expect((await bench.db.activity.findFirstOrThrow()).status).toBe('open')
  })
})
