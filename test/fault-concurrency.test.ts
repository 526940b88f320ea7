import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Bench, type Group, type Person } from './support/conversation.js'

/**
 * Races the database must settle, not the code's check-then-insert: on SQLite and (with
 * POSTGRES_TEST_URL) on PostgreSQL, where READ COMMITTED let two transactions see the same count.
 */
describe('concurrent sign-ups and appointments', () => {
  let bench: Bench
  let group: Group
  let admin: Person, secretary: Person
  let members: Person[]

  beforeAll(async () => {
    bench = await Bench.start()
    admin = bench.person('管理员')
    secretary = bench.person('王书记')
    members = Array.from({ length: 26 }, (_, i) => bench.person(`党员${i + 1}`))
    group = await bench.branch('第一党支部群', '第一党支部', admin, secretary, members)
  })
  afterAll(() => bench.close())

  const confirmed = (activityId: number) => bench.db.signUp.count({ where: { activityId, status: 'confirmed' } })

  it('GIVEN 5 places left WHEN 20 members type 报名 at once THEN exactly 5 get a place and 15 wait, in replies and in the database', async () => {
    const published = await group.ask(secretary, '发起活动 学习会 时间 下周六上午9点 名额 10')
    const id = Number(/#(\d+)/.exec(published)![1])
    for (const m of members.slice(0, 5)) expect(await group.ask(m, `报名 #${id}`)).toContain('报名成功')

    const racers = members.slice(5, 25)
    const replies = await Promise.all(racers.map((m) => group.ask(m, `报名 #${id}`)))
    expect(replies.filter((r) => r.includes('报名成功'))).toHaveLength(5)
    expect(replies.filter((r) => r.includes('候补'))).toHaveLength(15)
    expect(await confirmed(id)).toBe(10)
    expect(await bench.db.signUp.count({ where: { activityId: id, status: 'waitlisted' } })).toBe(15)
  })

  it('GIVEN one member WHEN they type 报名 twice at once THEN one row, one 报名成功 and one 已经报名', async () => {
    const published = await group.ask(secretary, '发起活动 读书会 时间 下周日上午9点')
    const id = Number(/#(\d+)/.exec(published)![1])
    const zhang = members[25]!
    for (let round = 0; round < 5; round++) {
      if (round > 0) expect(await group.ask(zhang, `取消报名 #${id}`)).toContain('取消')
      const replies = await Promise.all([group.ask(zhang, `报名 #${id}`), group.ask(zhang, `报名 #${id}`)])
      expect(replies.filter((r) => r.includes('报名成功'))).toHaveLength(1)
      expect(replies.filter((r) => r.includes('已经报名'))).toHaveLength(1)
      expect(await bench.db.signUp.count({ where: { activityId: id, status: { not: 'cancelled' } } })).toBe(1)
    }
  })

  it('WHEN the secretary sends 任命 @党员1 纪检委员 ten times at once THEN one office, one 已任命 and nine 已经是纪检委员', async () => {
    const replies = await Promise.all(Array.from({ length: 10 }, () => group.ask(secretary, `任命 @党员1 纪检委员`)))
    expect(replies.filter((r) => r.includes('已任命'))).toHaveLength(1)
    expect(replies.filter((r) => r.includes('党员1 已经是纪检委员'))).toHaveLength(9)
    expect(await bench.db.roleAssignment.count({ where: { title: '纪检委员', revokedAt: null, member: { name: '党员1' } } })).toBe(1)
  })
})
