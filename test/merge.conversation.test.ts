import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ADMIN_TOKEN, Bench, type Group, type Person } from './support/conversation.js'

/** 合并: one branch merged into another; members and their history move; the old group is bound to the merged branch. */
describe('merging branches (合并)', () => {
  let bench: Bench
  let admin: Person, streetSecretary: Person, streetOrganiser: Person, secretaryA: Person, secretaryB: Person, zhang: Person, sun: Person
  let street: Group, branchA: Group, branchB: Group

  beforeEach(async () => {
    bench = await Bench.start()
    ;[admin, streetSecretary, streetOrganiser, secretaryA, secretaryB, zhang, sun] = ['管理员', '街道书记', '街道组织委员', '甲书记', '乙书记', '张三', '孙七'].map((n) => bench.person(n)) as [Person, Person, Person, Person, Person, Person, Person]
    street = bench.group('外滩街道党委', [admin, streetSecretary, streetOrganiser])
    branchA = bench.group('第一党支部', [admin, secretaryA, zhang])
    branchB = bench.group('第二党支部', [admin, secretaryB, sun])
    await bench.dm(admin, `认证 ${ADMIN_TOKEN}`)
    await street.ask(admin, '绑定 外滩街道党委 党委')
    for (const p of [streetSecretary, streetOrganiser]) await street.ask(p, `登记 ${p.name}`)
    await street.ask(admin, '任命 @街道书记 书记')
    await street.ask(admin, '任命 @街道组织委员 组织委员')
    await branchA.ask(admin, '绑定 第一党支部 上级 外滩街道党委')
    await branchB.ask(admin, '绑定 第二党支部 上级 外滩街道党委')
    for (const p of [secretaryA, zhang]) await branchA.ask(p, `登记 ${p.name}`)
    for (const p of [secretaryB, sun]) await branchB.ask(p, `登记 ${p.name}`)
    await branchA.ask(admin, '任命 @甲书记 书记')
    await branchB.ask(admin, '任命 @乙书记 书记')
  })
  afterEach(() => bench.close())

  it('GIVEN the street secretary merges B into A THEN B\'s members and history move, B\'s group speaks for A, the street officers hear of it', async () => {
    const m = await bench.db.meeting.create({ data: { orgId: 3, type: '党课', startsAt: new Date('2026-10-10T19:00:00+08:00'), status: 'closed', closedAt: new Date('2026-10-10T21:00:00+08:00'), createdByContactId: 'x', createdAt: new Date('2026-10-01') } })
    const sunRow = await bench.db.member.findFirstOrThrow({ where: { contactId: sun.contactId } })
    await bench.db.attendance.create({ data: { meetingId: m.id, memberId: sunRow.id, status: 'present', at: m.startsAt, byContactId: 'x' } })

    const replies = await bench.send({ conversation: { kind: 'private', contactId: streetSecretary.contactId }, sender: streetSecretary, text: '合并 第二党支部 到 第一党支部', mentions: [] })
    expect(replies).toEqual([
      { text: '已合并：「第二党支部」并入「第一党支部」，2 名党员连同学时、考勤、党费记录转入「第一党支部」。原「第二党支部」群现在绑定到「第一党支部」。' },
      { text: '【组织调整】街道书记 将「第二党支部」并入「第一党支部」，2 名党员转入「第一党支部」。', privateTo: streetOrganiser.contactId },
    ])
    expect(await branchA.ask(secretaryA, '成员')).toMatch(/甲书记[\s\S]*张三[\s\S]*乙书记[\s\S]*孙七/)
    expect(await branchB.ask(secretaryA, '成员')).toContain('「第一党支部」')
    // B's secretary holds no office now (her branch is gone); she is a member of A.
    expect(await branchA.ask(secretaryB, '成员')).toMatch(/^无权/)
    expect(await bench.db.attendance.count({ where: { memberId: sunRow.id } })).toBe(1)
    expect(await bench.db.auditLog.count({ where: { action: 'org.merge' } })).toBe(1)
    expect(await bench.db.memberTransfer.count({ where: { fromOrgId: 3, toOrgId: 2, state: 'accepted' } })).toBe(2)
  })

  it('GIVEN an officer of one branch only, or a name unknown THEN refused and nothing moves', async () => {
    expect(await bench.dm(secretaryB, '合并 第二党支部 到 第一党支部')).toEqual(['无权：合并需要是「第二党支部」和「第一党支部」共同的委员或上级党委的委员（在该组织的群里发，或私聊时写「组织 <名>」）。'])
    expect(await bench.dm(streetSecretary, '合并 第九党支部 到 第一党支部')).toEqual(['没有名为「第九党支部」的组织。'])
    expect(await bench.dm(streetSecretary, '合并 第一党支部 到 第一党支部')).toEqual(['不能把「第一党支部」合并到它自己。'])
    expect(await bench.dm(streetSecretary, '合并 外滩街道党委 到 第一党支部')).toEqual(['「外滩街道党委」下面还有组织，请先用「调整上级」把它们移走再合并。'])
    expect(await bench.dm(zhang, '合并 第二党支部 到 第一党支部')).toEqual([expect.stringMatching(/^无权/)])
    expect(await bench.db.memberTransfer.count()).toBe(0)
    expect(await bench.db.groupBinding.count({ where: { orgId: 3 } })).toBe(1)
  })
})
