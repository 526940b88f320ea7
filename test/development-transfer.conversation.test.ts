import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { Bench, type Group, type Person } from './support/conversation.js'

/** The development file follows the person: after 转出/接收 the new branch's 发展 lists the steps, its secretary is reminded. */
describe('development steps after a transfer', () => {
  let bench: Bench
  let admin: Person, secretaryA: Person, secretaryB: Person, zhang: Person, sun: Person
  let branchA: Group, branchB: Group

  beforeEach(async () => {
    bench = await Bench.start()
    ;[admin, secretaryA, secretaryB, zhang, sun] = ['管理员', '甲书记', '乙书记', '张三', '孙七'].map((n) => bench.person(n)) as [Person, Person, Person, Person, Person]
    branchA = await bench.branch('第一党支部群', '第一党支部', admin, secretaryA, [zhang])
    branchB = await bench.branch('第二党支部群', '第二党支部', admin, secretaryB, [sun], [zhang])
  })
  afterEach(() => bench.close())

  const outbox = async (person: Person) => (await bench.db.outboxMessage.findMany({ where: { toId: person.contactId }, orderBy: { id: 'asc' } })).map((m) => m.text)

  it('GIVEN a 积极分子 transferred from A to B THEN B\'s 发展 lists the steps, B\'s secretary is reminded, B records the next step', async () => {
    await bench.runJobsAt(new Date('2025-10-15T10:00:00+08:00'))
    expect(await branchA.ask(secretaryA, '发展 @张三 积极分子 2025-11-01')).toContain('已记录')
    const zhangId = (await bench.db.member.findFirstOrThrow({ where: { contactId: zhang.contactId } })).id
    await bench.db.thoughtReport.create({ data: { orgId: 1, memberId: zhangId, on: '2026-01-20', byContactId: 'x', recordedAt: new Date('2026-01-20') } })
    await bench.runJobsAt(new Date('2026-10-20T10:00:00+08:00'))

    expect((await branchA.replies(secretaryA, '转出 @张三 到 第二党支部'))[0]?.text).toContain('已登记转出')
    expect(await branchB.ask(secretaryB, '接收 张三')).toContain('已完成转接')

    expect(await branchB.ask(secretaryB, '发展')).toMatch(/· 张三：入党积极分子（2025-11-01 起）；2026-11-01 起可成为发展对象/)
    expect(await branchA.ask(secretaryA, '发展')).not.toContain('张三')
    const orgB = (await bench.db.organization.findUniqueOrThrow({ where: { name: '第二党支部' } })).id
    expect(await bench.db.developmentStep.findMany({ where: { memberId: zhangId }, select: { orgId: true } })).toEqual([{ orgId: orgB }])
    expect(await bench.db.thoughtReport.findMany({ where: { memberId: zhangId }, select: { orgId: true } })).toEqual([{ orgId: orgB }])

    // The reminder planned at A goes to B's secretary: A's no longer has him.
    await bench.runJobsAt(new Date('2026-11-01T09:00:00+08:00'))
    expect(await outbox(secretaryB)).toContain('【发展党员提醒】「第二党支部」张三 2026-11-01 起可成为发展对象，请按程序准备（发送「发展」查看全部）。')
    expect((await outbox(secretaryA)).join()).not.toContain('发展党员提醒')

    expect(await branchB.ask(secretaryB, '发展 @张三 发展对象 2026-11-01')).toBe('已记录：张三 2026-11-01 成为发展对象。\n下一步：预备党员。')
    expect(await bench.db.developmentStep.count({ where: { memberId: zhangId, orgId: orgB } })).toBe(2)
  })
})
