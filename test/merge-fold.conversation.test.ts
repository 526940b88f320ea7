import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ADMIN_TOKEN, Bench, type Group, type Person } from './support/conversation.js'

/** 合并 of a branch one of whose members is registered in the other branch too: the two registrations fold, as at 接收. */
describe('merging branches where a member is registered in both (合并)', () => {
  let bench: Bench
  let admin: Person, streetSecretary: Person, secretaryA: Person, secretaryB: Person, zhang: Person, sun: Person
  let street: Group, branchA: Group, branchB: Group

  beforeEach(async () => {
    bench = await Bench.start()
    ;[admin, streetSecretary, secretaryA, secretaryB, zhang, sun] = ['管理员', '街道书记', '甲书记', '乙书记', '张三', '孙七'].map((n) => bench.person(n)) as [Person, Person, Person, Person, Person, Person]
    street = bench.group('外滩街道党委', [admin, streetSecretary])
    branchA = bench.group('第一党支部', [admin, secretaryA, zhang])
    branchB = bench.group('第二党支部', [admin, secretaryB, zhang, sun])
    await bench.dm(admin, `认证 ${ADMIN_TOKEN}`)
    await street.ask(admin, '绑定 外滩街道党委 党委')
    await street.ask(streetSecretary, '登记 街道书记')
    await street.ask(admin, '任命 @街道书记 书记')
    await branchA.ask(admin, '绑定 第一党支部 上级 外滩街道党委')
    await branchB.ask(admin, '绑定 第二党支部 上级 外滩街道党委')
    for (const p of [secretaryA, zhang]) await branchA.ask(p, `登记 ${p.name}`)
    for (const p of [secretaryB, zhang, sun]) await branchB.ask(p, `登记 ${p.name}`)
  })
  afterEach(() => bench.close())

  const rowsOf = (person: Person) => bench.db.member.findMany({ where: { contactId: person.contactId }, select: { id: true, orgId: true } })

  it('GIVEN 张三 registered in A and in B, with study and attendance in each THEN 合并 B 到 A leaves him one record in A holding both histories', async () => {
    expect(await rowsOf(zhang)).toHaveLength(2)
    expect(await branchA.ask(zhang, '学习打卡 学习党章 2小时')).toContain('已记录')
    expect(await branchB.ask(zhang, '学习打卡 读原著 1小时')).toContain('已记录')
    const orgA = (await bench.db.organization.findUniqueOrThrow({ where: { name: '第一党支部' } })).id
    const orgB = (await bench.db.organization.findUniqueOrThrow({ where: { name: '第二党支部' } })).id
    for (const orgId of [orgA, orgB]) {
      const m = await bench.db.meeting.create({ data: { orgId, type: '党课', startsAt: new Date('2026-10-10T19:00:00+08:00'), status: 'closed', closedAt: new Date('2026-10-10T21:00:00+08:00'), createdByContactId: 'x', createdAt: new Date('2026-10-01') } })
      const row = await bench.db.member.findFirstOrThrow({ where: { contactId: zhang.contactId, orgId } })
      await bench.db.attendance.create({ data: { meetingId: m.id, memberId: row.id, status: 'present', at: m.startsAt, byContactId: 'x' } })
    }
    const mover = await bench.db.member.findFirstOrThrow({ where: { contactId: zhang.contactId, orgId: orgB } })

    expect(await bench.dm(streetSecretary, '合并 第二党支部 到 第一党支部')).toEqual([
      '已合并：「第二党支部」并入「第一党支部」，3 名党员连同学时、考勤、党费记录转入「第一党支部」。原「第二党支部」群现在绑定到「第一党支部」。\n' +
        '其中 1 人此前已在「第一党支部」登记过：两处登记已合为一条，以往记录都在。',
    ])
    expect(await rowsOf(zhang)).toEqual([{ id: mover.id, orgId: orgA }])
    expect(await bench.db.studyLog.count({ where: { memberId: mover.id } })).toBe(2)
    expect(await bench.db.attendance.count({ where: { memberId: mover.id } })).toBe(2)
    expect((await bench.dm(zhang, '学时')).join()).toMatch(/年的学时：3 学时（学习打卡 3/)
    expect((await branchA.ask(admin, '成员')).match(/张三/g)).toHaveLength(1)
    expect(await bench.db.auditLog.findFirstOrThrow({ where: { action: 'org.merge' } })).toMatchObject({ detail: expect.stringContaining('"folded":1') })
  })
})
