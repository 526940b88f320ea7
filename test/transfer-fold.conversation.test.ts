import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { Bench, type Group, type Person } from './support/conversation.js'

/** 接收 of someone who already typed 登记 at the destination: the two registrations become one, history kept. */
describe('a transfer onto a registration already at the destination', () => {
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

  const rowsOf = (person: Person) => bench.db.member.findMany({ where: { contactId: person.contactId }, select: { id: true, orgId: true, unit: true } })

  it('GIVEN 张三 transferred out of A who then typed 登记 in B THEN 接收 folds the two into his one record: A\'s history and B\'s study both his', async () => {
    const [original] = await rowsOf(zhang)
    expect(await branchA.ask(zhang, '学习打卡 学习党章 2小时')).toContain('已记录')
    expect((await branchA.replies(secretaryA, '转出 @张三 到 第二党支部'))[0]?.text).toContain('已登记转出')
    expect(await branchB.ask(zhang, '登记 张三 单位 星辰科技')).toContain('已登记')
    expect(await branchB.ask(zhang, '学习打卡 读原著 1小时')).toContain('已记录')
    expect(await rowsOf(zhang)).toHaveLength(2)

    expect(await branchB.ask(secretaryB, '接收 张三')).toBe(
      '已完成转接：张三 的组织关系由「第一党支部」转入「第二党支部」。TA 的学时、党费记录（交至哪个月）和以往考勤都随本人保留；以往的考勤仍算在「第一党支部」。\n' +
        '张三 此前已在「第二党支部」登记过：两处登记已合为一条，以往记录都在。',
    )
    const orgB = (await bench.db.organization.findUniqueOrThrow({ where: { name: '第二党支部' } })).id
    expect(await rowsOf(zhang)).toEqual([{ id: original?.id, orgId: orgB, unit: '星辰科技' }])
    expect(await bench.db.studyLog.count({ where: { memberId: original?.id } })).toBe(2)
    expect(await bench.db.memberMembership.findMany({ where: { memberId: original?.id }, orderBy: { id: 'asc' }, select: { orgId: true, until: true } })).toEqual([
      { orgId: 1, until: expect.any(Date) },
      { orgId: orgB, until: null },
    ])
    expect((await bench.dm(zhang, '学时')).join()).toMatch(/年的学时：3 学时（学习打卡 3/)
    expect((await branchB.ask(secretaryB, '成员')).match(/张三/g)).toHaveLength(1)
    expect(await bench.db.memberTransfer.findFirstOrThrow()).toMatchObject({ state: 'accepted' })
  })

  it('GIVEN 张三 registered in B before an officer over both transfers him THEN 转出 is not refused and the registrations fold at once', async () => {
    expect(await branchB.ask(zhang, '登记 张三')).toContain('已登记')
    expect(await branchA.ask(admin, '转出 @张三 到 第二党支部')).toContain('已完成转接')
    expect(await rowsOf(zhang)).toHaveLength(1)
    expect((await branchB.ask(secretaryB, '成员')).match(/张三/g)).toHaveLength(1)
  })
})
