import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ADMIN_TOKEN, Bench, type Group, type Person } from './support/conversation.js'

/** 组织关系转接: 转出 by the old branch, 接收 by the new one; history stays with the person; reports count them where they were. */
describe('member transfers (组织关系转接)', () => {
  let bench: Bench
  let admin: Person, streetSecretary: Person, secretaryA: Person, secretaryB: Person, zhang: Person, li: Person, sun: Person
  let street: Group, branchA: Group, branchB: Group

  /** A closed meeting with one attendance row per [person, status]. */
  const meeting = async (group: Group, startsAt: string, rows: Array<[Person, string]>) => {
    const orgId = (await bench.db.groupBinding.findUniqueOrThrow({ where: { roomId: group.roomId } })).orgId
    const m = await bench.db.meeting.create({
      data: { orgId, type: '党小组会', startsAt: new Date(startsAt), status: 'closed', closedAt: new Date(startsAt), topic: '学习党章', createdByContactId: 'x', createdAt: new Date(startsAt) },
    })
    for (const [person, status] of rows) {
      const member = await bench.db.member.findFirstOrThrow({ where: { orgId, contactId: person.contactId } })
      await bench.db.attendance.create({ data: { meetingId: m.id, memberId: member.id, status, at: new Date(startsAt), byContactId: 'x' } })
    }
  }
  const outbox = async (person: Person) => (await bench.db.outboxMessage.findMany({ where: { toId: person.contactId }, orderBy: { id: 'asc' } })).map((m) => m.text)

  beforeEach(async () => {
    bench = await Bench.start()
    ;[admin, streetSecretary, secretaryA, secretaryB, zhang, li, sun] = ['管理员', '街道书记', '甲书记', '乙书记', '张三', '李四', '孙七'].map((n) => bench.person(n)) as [Person, Person, Person, Person, Person, Person, Person]
    street = bench.group('外滩街道党委', [admin, streetSecretary])
    branchA = bench.group('第一党支部', [admin, streetSecretary, secretaryA, zhang, li])
    branchB = bench.group('第二党支部', [admin, streetSecretary, secretaryB, sun, zhang])
    await bench.dm(admin, `认证 ${ADMIN_TOKEN}`)
    await street.ask(admin, '绑定 外滩街道党委 党委')
    await street.ask(streetSecretary, '登记 街道书记')
    await street.ask(admin, '任命 @街道书记 书记')
    await branchA.ask(admin, '绑定 第一党支部 上级 外滩街道党委')
    await branchB.ask(admin, '绑定 第二党支部 上级 外滩街道党委')
    for (const p of [secretaryA, zhang, li]) await branchA.ask(p, `登记 ${p.name}`)
    for (const p of [secretaryB, sun]) await branchB.ask(p, `登记 ${p.name}`)
    await branchA.ask(admin, '任命 @甲书记 书记')
    await branchB.ask(admin, '任命 @乙书记 书记')
  })
  afterEach(() => bench.close())

  it('GIVEN 张三 transferred from A to B THEN his study hours and dues paid-up month stay; A\'s 考勤 for last month still shows him, this month\'s does not', async () => {
    await meeting(branchA, '2026-10-12T19:00:00+08:00', [[zhang, 'present'], [li, 'absent']])
    await meeting(branchA, '2026-11-10T19:00:00+08:00', [[zhang, 'present'], [li, 'present']])
    expect(await branchA.ask(zhang, '学习打卡 学习党章 2小时')).toContain('已记录')
    await bench.dm(secretaryA, '核定党费 张三 50 从 2026-09')
    expect((await branchA.say(secretaryA, '收党费 @张三 150 9-11月')).join()).toContain('张三')
    const hoursBefore = await bench.dm(zhang, '学时')
    const duesBefore = await bench.dm(zhang, '我的党费')
    expect(duesBefore.join()).toContain('2026年已交：9月至11月，共 150.00 元')

    const [pending, ...told] = await branchA.replies(secretaryA, '转出 @张三 到 第二党支部')
    expect(pending!.text).toBe('已登记转出（转接 #1）：张三 由「第一党支部」转往「第二党支部」，等「第二党支部」的委员发送「接收 张三」后完成。已私信通知对方书记；30 天未接收会提醒双方。')
    expect(told).toEqual([{ text: '【组织关系转接】「第一党支部」将 张三 的组织关系转往「第二党支部」（转接 #1）。核对介绍信后，请在「第二党支部」群里发送：接收 张三', privateTo: secretaryB.contactId }])
    // Until 接收 he is still A's member.
    expect(await branchA.ask(secretaryA, '成员')).toContain('张三')
    expect(await branchB.ask(secretaryB, '接收')).toBe('「第二党支部」待接收的组织关系转接 1 个（发送「接收 <姓名>」完成）：\n· #1 张三，来自「第一党支部」，2026-11-27 转出')
    expect(await branchB.ask(secretaryB, '接收 张三')).toBe(
      '已完成转接：张三 的组织关系由「第一党支部」转入「第二党支部」。TA 的学时、党费记录（交至哪个月）和以往考勤都随本人保留；以往的考勤仍算在「第一党支部」。',
    )

    expect(await bench.dm(zhang, '学时')).toEqual(hoursBefore)
    const duesAfter = await bench.dm(zhang, '我的党费')
    expect(duesAfter.join()).toContain('我的党费（第二党支部）')
    expect(duesAfter.join().replace('第二党支部', '')).toBe(duesBefore.join().replace('第一党支部', ''))

    const detail = async (group: Group, who: Person, period: string) => (await group.replies(who, `考勤 ${period}`)).find((r) => r.privateTo)!.text
    expect(await detail(branchA, secretaryA, '上月')).toMatch(/张三/)
    expect(await detail(branchA, secretaryA, '本月')).not.toMatch(/张三/)
    expect(await detail(branchA, secretaryA, '本月')).toMatch(/李四/)
    expect(await detail(branchB, secretaryB, '本月')).toMatch(/张三/)
    expect(await branchA.ask(secretaryA, '成员')).not.toContain('张三')
    expect(await branchB.ask(secretaryB, '成员')).toContain('张三')
    // 统计: last month's dues and members at A (he paid October there), this month's at B.
    expect(await branchA.ask(secretaryA, '统计 上月')).toMatch(/· 第一党支部（3人）：会议 1｜逾期 \d+｜出勤 50%｜党费 100%｜/)
    expect(await branchB.ask(secretaryB, '统计 上月')).toMatch(/· 第二党支部（2人）：会议 0｜逾期 \d+｜出勤 —｜党费 —｜/)
    expect(await branchB.ask(secretaryB, '统计 本月')).toMatch(/· 第二党支部（3人）：会议 0｜逾期 \d+｜出勤 —｜党费 100%｜/)
    // In B's group he is a member now; in A's he is not.
    expect((await branchB.say(zhang, '学时')).join()).toContain('已私信你')
    expect(await branchA.ask(zhang, '学习打卡 读书 1小时')).toMatch(/登记/)
  })

  it('GIVEN a transfer waiting for 接收 THEN both secretaries hear of it privately after 30 days, once, and not after it is accepted', async () => {
    await branchA.replies(secretaryA, '转出 @张三 到 第二党支部')
    await bench.runJobsAt(new Date('2026-12-26T10:00:00+08:00'))
    expect(await outbox(secretaryA)).toEqual([])
    await bench.runJobsAt(new Date('2026-12-27T10:00:00+08:00'))
    await bench.runJobsAt(new Date('2026-12-27T10:05:00+08:00'))
    const reminder = '【组织关系转接提醒】张三 由「第一党支部」转往「第二党支部」（转接 #1）已等待 30 天，还没有接收。请双方核对介绍信是否送达；「第二党支部」接收后发送「接收 张三」。'
    expect(await outbox(secretaryA)).toEqual([reminder])
    expect(await outbox(secretaryB)).toEqual([reminder])

    expect(await branchB.ask(secretaryB, '接收 #1')).toContain('已完成转接')
    await bench.runJobsAt(new Date('2027-02-01T10:00:00+08:00'))
    expect(await outbox(secretaryA)).toEqual([reminder])
  })

  it('GIVEN the street secretary, over both branches THEN 转出 completes in one step', async () => {
    expect(await branchA.ask(streetSecretary, '转出 @张三 到 第二党支部')).toContain('已完成转接：张三 的组织关系由「第一党支部」转入「第二党支部」')
    expect(await bench.db.memberTransfer.findFirstOrThrow()).toMatchObject({ state: 'accepted', acceptedByContactId: streetSecretary.contactId })
    expect(await branchB.ask(secretaryB, '接收')).toBe('「第二党支部」没有待接收的组织关系转接。')
  })

  it('GIVEN a destination outside the tree THEN 转出 records where to and ends the membership; the history stays, and 登记 again brings it back', async () => {
    await meeting(branchA, '2026-11-10T19:00:00+08:00', [[li, 'present']])
    await branchA.ask(secretaryA, '任命 @李四 组织委员')
    expect(await branchA.ask(secretaryA, '转出 @李四 到 浦东某科技公司党支部')).toBe(
      '已转出：李四 的组织关系转往「浦东某科技公司党支部」（不在本系统中），即日起不再是「第一党支部」的党员。TA 的学时、考勤和党费记录都保留。',
    )
    expect(await bench.db.memberTransfer.findFirstOrThrow()).toMatchObject({ state: 'out', toOrgId: null, toName: '浦东某科技公司党支部' })
    expect(await branchA.ask(secretaryA, '成员')).not.toContain('李四')
    expect(await bench.db.roleAssignment.count({ where: { title: '组织委员', revokedAt: null } })).toBe(0)
    expect(await bench.db.attendance.count()).toBe(1)
    expect(await branchA.ask(li, '学习打卡 读书 1小时')).toMatch(/登记/)

    expect(await branchA.ask(li, '登记 李四')).toContain('已登记')
    expect(await bench.db.member.count({ where: { contactId: li.contactId } })).toBe(1)
    expect(await branchA.ask(secretaryA, '成员')).toContain('李四')
  })

  it('GIVEN wrong rights, names or states THEN a clear refusal and nothing written', async () => {
    expect(await branchA.ask(zhang, '转出 @李四 到 第二党支部')).toMatch(/^无权/)
    expect(await branchA.ask(secretaryA, '转出 @张三 到 第一党支部')).toBe('未转出：张三 已在「第一党支部」，请写要转往的组织名。')
    expect(await branchA.ask(secretaryA, '转出 @张三')).toMatch(/格式/)
    expect(await branchA.ask(secretaryA, '转出 @孙七 到 第二党支部')).toMatch(/孙七/)
    expect(await bench.db.memberTransfer.count()).toBe(0)

    await branchA.replies(secretaryA, '转出 @张三 到 第二党支部')
    expect(await branchA.ask(secretaryA, '转出 @张三 到 外地党支部')).toBe('未转出：张三 已有一个转往「第二党支部」的转接在等待接收。')
    expect(await branchB.ask(secretaryB, '接收 王五')).toBe('没有「王五」转往「第二党支部」的待接收转接。待接收：张三（#1）')
    expect(await branchA.ask(secretaryA, '接收 张三')).toBe('没有「张三」转往「第一党支部」的待接收转接。目前没有待接收的转接。')
    expect(await branchB.ask(sun, '接收 张三')).toMatch(/^无权/)
    expect(await branchA.ask(secretaryA, '撤销转出 @李四')).toBe('李四 没有从本组织转出、等待接收的转接。')
    expect(await bench.db.memberTransfer.count()).toBe(1)
    expect(await bench.db.memberMembership.count({ where: { until: { not: null } } })).toBe(0)

    // A 转出 written to the wrong place is taken back; the reminder goes with it; B can no longer accept it.
    expect(await branchA.ask(secretaryA, '撤销转出 @张三')).toBe('已撤销转接 #1：张三 不再转往「第二党支部」，仍是本组织党员。')
    expect(await branchB.ask(secretaryB, '接收 张三')).toBe('没有「张三」转往「第二党支部」的待接收转接。目前没有待接收的转接。')
    await bench.runJobsAt(new Date('2027-01-01T10:00:00+08:00'))
    expect(await outbox(secretaryA)).toEqual([])
    expect(await branchA.ask(secretaryA, '转出 @张三 到 外地党支部')).toContain('已转出')
  })
})
