import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ADMIN_TOKEN, Bench, type Group, type Person } from './support/conversation.js'

/** 流动党员: 流入 takes part here without moving dues; the home branch sees the attendance; 流出 records where a member works away. */
describe('flowing members (流入, 流出)', () => {
  let bench: Bench
  let admin: Person, secretaryA: Person, secretaryB: Person, zhang: Person, li: Person, sun: Person, guest: Person
  let branchA: Group, branchB: Group

  const meeting = async (group: Group, startsAt: string, rows: Array<[Person, string]>) => {
    const orgId = (await bench.db.groupBinding.findUniqueOrThrow({ where: { roomId: group.roomId } })).orgId
    const m = await bench.db.meeting.create({
      data: { orgId, type: '主题党日', startsAt: new Date(startsAt), status: 'closed', closedAt: new Date(startsAt), topic: '志愿服务', createdByContactId: 'x', createdAt: new Date(startsAt) },
    })
    for (const [person, status] of rows) {
      const member = await bench.db.member.findFirstOrThrow({ where: { orgId, contactId: person.contactId } })
      await bench.db.attendance.create({ data: { meetingId: m.id, memberId: member.id, status, at: new Date(startsAt), byContactId: 'x' } })
    }
  }

  beforeEach(async () => {
    bench = await Bench.start()
    ;[admin, secretaryA, secretaryB, zhang, li, sun, guest] = ['管理员', '甲书记', '乙书记', '张三', '李四', '孙七', '钱八'].map((n) => bench.person(n)) as [Person, Person, Person, Person, Person, Person, Person]
    branchA = bench.group('第一党支部', [admin, secretaryA, zhang, li])
    branchB = bench.group('第二党支部', [admin, secretaryB, sun, zhang, guest])
    await bench.dm(admin, `认证 ${ADMIN_TOKEN}`)
    await branchA.ask(admin, '绑定 第一党支部')
    await branchB.ask(admin, '绑定 第二党支部')
    for (const p of [secretaryA, zhang, li]) await branchA.ask(p, `登记 ${p.name}`)
    for (const p of [secretaryB, sun]) await branchB.ask(p, `登记 ${p.name}`)
    await branchA.ask(admin, '任命 @甲书记 书记')
    await branchB.ask(admin, '任命 @乙书记 书记')
  })
  afterEach(() => bench.close())

  it('GIVEN 张三 of A registered as 流入 in B THEN he takes part in B, his dues stay at A, and A\'s 考勤 shows his attendance in B', async () => {
    expect(await branchB.ask(secretaryB, '流入 @张三 来自 第一党支部')).toBe(
      '已登记流入：张三（来自 第一党支部）参加「第二党支部」的组织生活（会议、活动、学习），党费仍在原组织交纳。「第一党支部」在「考勤」里能看到 TA 在这里的出勤。',
    )
    expect(await branchB.ask(secretaryB, '成员')).toContain('· 张三（正式党员）（流入，来自 第一党支部）')
    // He is a member in B's group now: he can sign up, check in, study there.
    expect((await branchB.say(zhang, '学时')).join()).toContain('已私信你')

    await meeting(branchB, '2026-11-14T09:00:00+08:00', [[zhang, 'present'], [sun, 'present']])
    await meeting(branchA, '2026-11-20T19:00:00+08:00', [[zhang, 'leave'], [li, 'present']])
    const detail = (await branchA.replies(secretaryA, '考勤 本月')).find((r) => r.privateTo)!.text
    expect(detail.split('\n').slice(-2)).toEqual(['在其他组织流入参加的会议：', '· 张三（流入「第二党支部」）：1/1/0/0，100%'])

    // Dues: only his home branch's ledger; B keeps none for him.
    expect(await branchB.ask(secretaryB, '核定党费 @张三 50')).toBe('张三 是流入党员，党费在其所在党组织交纳，这里不记党费。')
    expect(await bench.db.duesAssessment.count()).toBe(0)
    const [mine] = await bench.dm(zhang, '我的党费')
    expect(mine).toContain('第一党支部')
    expect(mine).not.toContain('第二党支部')
  })

  it('GIVEN someone from outside the tree THEN 流入 takes the name from the group and the 来自 as written', async () => {
    expect(await branchB.ask(secretaryB, '流入 @钱八 来自 江苏某县某村党支部')).toBe(
      '已登记流入：钱八（来自 江苏某县某村党支部）参加「第二党支部」的组织生活（会议、活动、学习），党费仍在原组织交纳。',
    )
    expect(await bench.db.member.findFirstOrThrow({ where: { contactId: guest.contactId } })).toMatchObject({ flow: 'in', flowPlace: '江苏某县某村党支部', stage: '正式党员' })
    expect(await branchB.ask(secretaryB, '转出 @钱八 到 第一党支部')).toBe('未转出：钱八 是流入「第二党支部」的党员，组织关系不在这里，应由其所在党组织办理转出。')
    expect(await branchB.ask(secretaryB, '流出 @钱八 到 上海')).toBe('钱八 是流入党员，流出应由其所在党组织登记。')
  })

  it('GIVEN 流出 @李四 到 深圳 THEN the roster says where he works; he stays A\'s member', async () => {
    expect(await branchA.ask(secretaryA, '流出 @李四 到 深圳市南山区')).toBe(
      '已登记流出：李四 外出至 深圳市南山区，组织关系仍在「第一党支部」，照常交纳党费；当地支部可登记 TA 为流入党员。',
    )
    expect(await branchA.ask(secretaryA, '成员')).toContain('· 李四（正式党员）（流出：深圳市南山区）')
    expect(await bench.db.auditLog.count({ where: { action: 'member.flow-out' } })).toBe(1)
  })

  it('GIVEN wrong rights or a member already there THEN a clear refusal and nothing written', async () => {
    expect(await branchB.ask(sun, '流入 @钱八')).toMatch(/^无权/)
    expect(await branchB.ask(secretaryB, '流入 @孙七')).toBe('孙七 已在「第二党支部」登记，不需要登记流入。')
    expect(await branchB.ask(secretaryB, '流入')).toMatch(/请 @ 要操作的人/)
    expect(await branchA.ask(secretaryA, '流出 @李四')).toMatch(/格式/)
    expect(await bench.db.member.count({ where: { flow: { not: null } } })).toBe(0)
  })
})
