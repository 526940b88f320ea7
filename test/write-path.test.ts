import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { onPostgres } from '../src/db/client.js'
import { Bench, type Group, type Person } from './support/conversation.js'
import { StatementCounter } from './support/statement-counter.js'

/**
 * The hot commands cost what their rule needs, counted at the driver (every statement, BEGIN and
 * COMMIT): a sign-up decides its place in the statement that inserts it, a check-in is one upsert.
 * Caches (group context, rights, open activities) are warmed by a first message.
 */
describe('round trips of the hot commands', () => {
  const counter = new StatementCounter()
  let bench: Bench
  let group: Group
  let secretary: Person
  let members: Person[]
  let activityId: number

  beforeAll(async () => {
    bench = await Bench.start({ wrap: counter.wrap })
    const admin = bench.person('管理员')
    secretary = bench.person('王书记')
    members = Array.from({ length: 4 }, (_, i) => bench.person(`党员${i + 1}`))
    group = await bench.branch('第一党支部群', '第一党支部', admin, secretary, members)
    activityId = Number(/#(\d+)/.exec(await group.ask(secretary, '发起活动 学习会 时间 下周六上午9点 名额 1'))![1])
    const meetingId = Number(/#(\d+)/.exec(await group.ask(secretary, '安排 党课 时间 下周三19:00 主题 学习党章'))![1])
    await group.ask(secretary, `开始签到 #${meetingId}`)
    await group.ask(secretary, '通知 周三前交材料。')
    // Warm the caches the way a live group does.
    await group.say(secretary, '活动')
  })
  afterAll(() => bench.close())

  const roundTrips = async (who: Person, text: string, expected: string) => {
    let reply = ''
    const { count, statements } = await counter.during(async () => {
      reply = (await group.say(who, text)).join('\n')
    })
    expect(reply).toContain(expected)
    console.log(`${text}: ${count} round trips\n  ${statements.join('\n  ')}`)
    return count
  }

  it('报名 (a place, then the waitlist) and 签到 take at most two round trips each (报名 five on PostgreSQL)', async () => {
    // The asker's registration, then the one deciding statement. PostgreSQL wraps the sign-up in
    // BEGIN, a lock of the activity and COMMIT: READ COMMITTED would let two counts see the same total.
    const signUpBound = onPostgres(bench.db) ? 5 : 2
    expect.soft(await roundTrips(members[0]!, '报名', '报名成功')).toBeLessThanOrEqual(signUpBound)
    expect.soft(await roundTrips(members[1]!, '报名', '候补')).toBeLessThanOrEqual(signUpBound)
    expect.soft(await roundTrips(members[0]!, '签到', '签到成功')).toBeLessThanOrEqual(2)
  })

  it('取消报名 (promoting the first waiting) is one statement (four on PostgreSQL: the lock), 收到 one, 请假 and 学习打卡 at most three', async () => {
    await roundTrips(members[0]!, '报名', '已经报名')
    // The activity is locked first on PostgreSQL (BEGIN, lock, the deciding UPDATE, COMMIT).
    expect.soft(await roundTrips(members[0]!, '取消报名', '取消')).toBeLessThanOrEqual(onPostgres(bench.db) ? 4 : 1)
    expect.soft(await roundTrips(members[2]!, '请假 出差', '已请假')).toBeLessThanOrEqual(3)
    // One insert that chooses the notice and counts who has acknowledged it.
    expect.soft(await roundTrips(members[1]!, '收到', '已确认收到')).toBeLessThanOrEqual(1)
    expect.soft(await roundTrips(members[3]!, '学习打卡 学习党章第一章 2小时', '已记录')).toBeLessThanOrEqual(3)
    expect(await bench.db.signUp.count({ where: { activityId, status: 'confirmed' } })).toBe(1)
  })
})

/** The deciding statements under races, on SQLite and (with POSTGRES_TEST_URL) PostgreSQL. */
describe('the deciding statements under races', () => {
  let bench: Bench
  let group: Group
  let secretary: Person
  let members: Person[]

  beforeAll(async () => {
    bench = await Bench.start()
    const admin = bench.person('管理员')
    secretary = bench.person('王书记')
    members = Array.from({ length: 6 }, (_, i) => bench.person(`党员${i + 1}`))
    group = await bench.branch('第一党支部群', '第一党支部', admin, secretary, members)
  })
  afterAll(() => bench.close())

  const statuses = async (activityId: number) =>
    (await bench.db.signUp.findMany({ where: { activityId }, orderBy: { id: 'asc' }, select: { status: true, member: { select: { name: true } } } })).map((s) => `${s.member.name}:${s.status}`)

  it('GIVEN one place left WHEN two members type 报名 at once THEN one gets it and the other waits first in line', async () => {
    const id = Number(/#(\d+)/.exec(await group.ask(secretary, '发起活动 观影 时间 下周六上午9点 名额 2'))![1])
    expect(await group.ask(members[0]!, `报名 #${id}`)).toContain('报名成功')
    const replies = await Promise.all([group.ask(members[1]!, `报名 #${id}`), group.ask(members[2]!, `报名 #${id}`)])
    expect(replies.filter((r) => r.includes('报名成功'))).toHaveLength(1)
    expect(replies.filter((r) => r.includes('已进入候补第 1 位'))).toHaveLength(1)
    const rows = await statuses(id)
    expect(rows.filter((r) => r.endsWith(':confirmed'))).toHaveLength(2)
    expect(rows.filter((r) => r.endsWith(':waitlisted'))).toHaveLength(1)
  })

  it('GIVEN two places taken and two waiting WHEN both holders type 取消报名 at once THEN both waiting members are promoted and told', async () => {
    const id = Number(/#(\d+)/.exec(await group.ask(secretary, '发起活动 参观 时间 下周日上午9点 名额 2'))![1])
    for (const m of members.slice(0, 4)) await group.ask(m, `报名 #${id}`)
    const replies = await Promise.all([group.say(members[0]!, `取消报名 #${id}`), group.say(members[1]!, `取消报名 #${id}`)])
    const promotions = replies.flatMap((r) => r.filter((line) => line.includes('候补转正')))
    expect(promotions.sort()).toEqual([expect.stringContaining('@党员3'), expect.stringContaining('@党员4')].sort())
    expect(await statuses(id)).toEqual(['党员1:cancelled', '党员2:cancelled', '党员3:confirmed', '党员4:confirmed'])
  })

  it('GIVEN a full activity with one waiting WHEN a holder types 取消报名 twice at once THEN one cancellation, one promotion, never more confirmed than places', async () => {
    const id = Number(/#(\d+)/.exec(await group.ask(secretary, '发起活动 植树 时间 下周六下午2点 名额 2'))![1])
    for (const m of members.slice(0, 4)) await group.ask(m, `报名 #${id}`)
    const replies = await Promise.all([group.say(members[0]!, `取消报名 #${id}`), group.say(members[0]!, `取消报名 #${id}`)])
    const lines = replies.flat()
    expect(lines.filter((line) => line.includes(`党员1 已取消报名 #${id}`))).toHaveLength(1)
    expect(lines.filter((line) => line.includes(`党员1 没有报名 #${id}`))).toHaveLength(1)
    expect(lines.filter((line) => line.includes('候补转正'))).toEqual([expect.stringContaining('@党员3')])
    expect(await statuses(id)).toEqual(['党员1:cancelled', '党员2:confirmed', '党员3:confirmed', '党员4:waitlisted'])
  })

  it('GIVEN an open activity WHEN a member types 报名 twice at once THEN one row, one 报名成功 and one 已经报名', async () => {
    const id = Number(/#(\d+)/.exec(await group.ask(secretary, '发起活动 义诊 时间 下周日下午2点 名额 5'))![1])
    const replies = await Promise.all([group.ask(members[4]!, `报名 #${id}`), group.ask(members[4]!, `报名 #${id}`)])
    expect(replies.filter((r) => r.includes('报名成功'))).toHaveLength(1)
    expect(replies.filter((r) => r.includes('已经报名'))).toHaveLength(1)
    expect(await statuses(id)).toEqual(['党员5:confirmed'])
  })

  it('GIVEN an open check-in WHEN a member types 签到 twice at once THEN one row, one 签到成功 and one 已经签到', async () => {
    const meetingId = Number(/#(\d+)/.exec(await group.ask(secretary, '安排 党课 时间 下周三19:00 主题 学习党章'))![1])
    await group.ask(secretary, `开始签到 #${meetingId}`)
    const replies = await Promise.all([group.ask(members[5]!, '签到'), group.ask(members[5]!, '签到')])
    expect(replies.filter((r) => r.includes('签到成功'))).toHaveLength(1)
    expect(replies.filter((r) => r.includes('已经签到过'))).toHaveLength(1)
    expect(await bench.db.attendance.count({ where: { meetingId } })).toBe(1)
  })

  it('GIVEN an open check-in WHEN a member types 签到 and 请假 at once THEN one row, present: a leave never overwrites a check-in', async () => {
    const meetingId = Number(/#(\d+)/.exec(await group.ask(secretary, '安排 党课 时间 下周四19:00 主题 学习新党章'))![1])
    await group.ask(secretary, `开始签到 #${meetingId}`)
    const [checkIn, leave] = await Promise.all([group.ask(members[1]!, `签到 #${meetingId}`), group.ask(members[1]!, `请假 #${meetingId} 临时出差`)])
    expect(checkIn).toContain('党员2 签到成功')
    // Whichever came first: a leave taken before the check-in (which then turns it into presence), or refused after it.
    expect(leave).toMatch(/党员2 已请假|党员2 已经签到 #\d+，无需请假/)
    const rows = await bench.db.attendance.findMany({ where: { meetingId }, select: { status: true } })
    expect(rows).toEqual([{ status: 'present' }])
  })

  it('GIVEN a meeting ahead WHEN a member types 请假 twice at once THEN one row on leave, and both answers say so', async () => {
    const meetingId = Number(/#(\d+)/.exec(await group.ask(secretary, '安排 党员大会 时间 下周五19:00 主题 年度总结'))![1])
    const replies = await Promise.all([group.ask(members[2]!, `请假 #${meetingId} 值班`), group.ask(members[2]!, `请假 #${meetingId} 值班`)])
    expect(replies).toEqual([expect.stringContaining(`党员3 已请假：#${meetingId}`), expect.stringContaining(`党员3 已请假：#${meetingId}`)])
    const rows = await bench.db.attendance.findMany({ where: { meetingId }, select: { status: true, reason: true } })
    expect(rows).toEqual([{ status: 'leave', reason: '值班' }])
  })

  it('GIVEN a notice WHEN a member types 收到 twice at once THEN one row, one 已确认收到 and one 已确认过', async () => {
    const noticeId = Number(/#(\d+)/.exec(await group.ask(secretary, '通知 周五前交学习笔记。'))![1])
    const replies = await Promise.all([group.ask(members[0]!, '收到'), group.ask(members[0]!, '收到')])
    expect(replies.filter((r) => r.includes(`已确认收到通知 #${noticeId}`))).toHaveLength(1)
    expect(replies.filter((r) => r.includes(`已确认过通知 #${noticeId}`))).toHaveLength(1)
    expect(await bench.db.noticeAck.count({ where: { noticeId } })).toBe(1)
  })
})
