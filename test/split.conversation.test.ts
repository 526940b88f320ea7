import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ADMIN_TOKEN, Bench, type Group, type Person } from './support/conversation.js'

/** 拆分: a unit a joint branch covers reaches 3 full members → its own branch; members and history move; the past stays at the joint branch. */
describe('splitting a joint branch (拆分)', () => {
  let bench: Bench
  let admin: Person, streetSecretary: Person, streetOrganiser: Person, jointSecretary: Person, zhang: Person, li: Person, wang: Person
  let street: Group, joint: Group

  beforeEach(async () => {
    bench = await Bench.start()
    ;[admin, streetSecretary, streetOrganiser, jointSecretary, zhang, li, wang] = ['管理员', '街道书记', '街道组织委员', '联合书记', '张三', '李四', '王五'].map((n) => bench.person(n)) as [
      Person, Person, Person, Person, Person, Person, Person,
    ]
    street = bench.group('外滩街道党委', [admin, streetSecretary, streetOrganiser])
    joint = bench.group('金融大厦联合党支部', [admin, jointSecretary, zhang, li, wang])
    await bench.dm(admin, `认证 ${ADMIN_TOKEN}`)
    await street.ask(admin, '绑定 外滩街道党委 党委')
    for (const p of [streetSecretary, streetOrganiser]) await street.ask(p, `登记 ${p.name}`)
    await street.ask(admin, '任命 @街道书记 书记')
    await street.ask(admin, '任命 @街道组织委员 组织委员')
    await street.ask(streetSecretary, '单位 登记 星辰科技 类型 企业 楼宇 金融大厦')
    await street.ask(streetSecretary, '单位 登记 云帆咨询 类型 企业 楼宇 金融大厦')
    await joint.ask(admin, '绑定 金融大厦联合党支部 联合党支部 上级 外滩街道党委')
    await joint.ask(jointSecretary, '登记 联合书记 单位 云帆咨询')
    await joint.ask(admin, '任命 @联合书记 书记')
    await joint.ask(zhang, '登记 张三 正式党员 单位 星辰科技有限公司')
    await joint.ask(li, '登记 李四 正式党员 单位 星辰科技')
    await joint.ask(wang, '登记 王五 预备党员 单位 星辰科技')
    expect(await joint.ask(jointSecretary, '覆盖单位 星辰科技 云帆咨询')).toContain('共覆盖 2 家单位')
  })
  afterEach(() => bench.close())

  it('GIVEN a unit with 3 full members in a joint branch THEN 覆盖 suggests splitting; 拆分 sets up its branch, moves members and history; last month stays at the joint branch', async () => {
    const jointId = (await bench.db.organization.findUniqueOrThrow({ where: { name: '金融大厦联合党支部' } })).id
    const zhangRow = await bench.db.member.findFirstOrThrow({ where: { contactId: zhang.contactId } })
    const m = await bench.db.meeting.create({ data: { orgId: jointId, type: '党小组会', startsAt: new Date('2026-10-12T19:00:00+08:00'), status: 'closed', closedAt: new Date('2026-10-12T21:00:00+08:00'), topic: '学习党章', createdByContactId: 'x', createdAt: new Date('2026-10-01') } })
    await bench.db.attendance.create({ data: { meetingId: m.id, memberId: zhangRow.id, status: 'present', at: m.startsAt, byContactId: 'x' } })

    // Two full members and a probationary one: no split yet, the rule named.
    expect((await bench.dm(streetSecretary, '覆盖'))[0]).not.toContain('拆分')
    expect(await joint.ask(jointSecretary, '拆分 星辰科技')).toBe(
      '未拆分：「星辰科技」登记的正式党员只有 2 人。《中国共产党支部工作条例（试行）》第六条：正式党员 3 人以上的单位才应单独成立党支部；不足 3 人留在联合党支部。',
    )
    await joint.ask(wang, '登记 王五 正式党员')

    const [picture] = await bench.dm(streetSecretary, '覆盖')
    expect(picture).toContain('· 其中联合党支部覆盖、正式党员 3 人以上应单独建支部 1 家')
    expect(picture).toContain('· 星辰科技（金融大厦联合党支部）：正式党员已有 3 人 → 应单独成立党支部（支部工作条例第六条），可发送「拆分 星辰科技」')
    expect(picture).toMatch(/^· 云帆咨询（金融大厦联合党支部）$/m)

    expect(await joint.replies(jointSecretary, '拆分 星辰科技')).toEqual([
      {
        text:
          '已拆分：在「外滩街道党委」下成立「星辰科技党支部」，「星辰科技」的 3 名党员连同学时、考勤、党费记录从「金融大厦联合党支部」转入，该单位改由「星辰科技党支部」覆盖。\n' +
          '「星辰科技党支部」还没有群：请上级党委委员在它的群里发送「绑定 星辰科技党支部」。',
      },
      ...[streetSecretary, streetOrganiser].map((p) => ({ text: '【组织调整】联合书记 将「星辰科技」从「金融大厦联合党支部」拆分出来，成立「星辰科技党支部」，3 名党员转入。', privateTo: p.contactId })),
    ])
    const created = await bench.db.organization.findUniqueOrThrow({ where: { name: '星辰科技党支部' }, include: { parentPeriods: true } })
    expect(created).toMatchObject({ type: '党支部', parentId: 1, parentPeriods: [expect.objectContaining({ parentId: 1, until: null })] })
    expect(await bench.db.member.count({ where: { orgId: created.id } })).toBe(3)
    expect(await bench.db.memberTransfer.count({ where: { fromOrgId: jointId, toOrgId: created.id, state: 'accepted' } })).toBe(3)
    expect(await bench.db.unit.findFirstOrThrow({ where: { name: '星辰科技' } })).toMatchObject({ coveredByOrgId: created.id })
    expect(await bench.db.unit.findFirstOrThrow({ where: { name: '云帆咨询' } })).toMatchObject({ coveredByOrgId: jointId })
    expect(await bench.db.auditLog.count({ where: { action: 'org.split' } })).toBe(1)
    expect(await bench.db.attendance.count({ where: { memberId: zhangRow.id } })).toBe(1)

    // Last month's 考勤 still counts 张三 at the joint branch; this month's does not.
    const detail = async (period: string) => (await joint.replies(jointSecretary, `考勤 ${period}`)).find((r) => r.privateTo)?.text ?? ''
    expect(await detail('上月')).toMatch(/张三/)
    expect(await detail('本月')).not.toMatch(/张三/)
    expect(await joint.ask(jointSecretary, '成员')).not.toContain('张三')
    expect((await bench.dm(streetSecretary, '覆盖'))[0]).toContain('· 星辰科技（星辰科技党支部）')

    // Its own group: the street secretary binds the branch that exists, no 上级 needed.
    const own = bench.group('星辰科技党支部群', [streetSecretary, zhang, li, wang])
    expect(await own.ask(streetSecretary, '绑定 星辰科技党支部')).toContain('星辰科技党支部')
    expect(await bench.db.groupBinding.count({ where: { orgId: created.id } })).toBe(1)
    expect(await own.ask(streetSecretary, '成员')).toMatch(/张三[\s\S]*李四[\s\S]*王五/)
  })

  it('GIVEN an unknown unit, a unit not under a joint branch, a taken name or a plain member THEN refused and nothing moves', async () => {
    await joint.ask(wang, '登记 王五 正式党员')
    expect(await joint.ask(jointSecretary, '拆分 不存在公司')).toBe('没有找到由本组织或下级联合党支部覆盖的单位「不存在公司」。发送「覆盖」查看单位名单。')
    expect(await joint.ask(jointSecretary, '拆分 星辰科技 为 外滩街道党委')).toBe('已有名为「外滩街道党委」的组织，请换一个名字：拆分 <单位名称> 为 <新组织名>。')
    expect(await joint.ask(zhang, '拆分 星辰科技')).toMatch(/^无权/)
    const other = bench.group('云帆咨询党支部', [admin])
    await other.ask(admin, '绑定 云帆咨询党支部 上级 外滩街道党委')
    await bench.db.unit.updateMany({ where: { name: '云帆咨询' }, data: { coveredByOrgId: (await bench.db.organization.findUniqueOrThrow({ where: { name: '云帆咨询党支部' } })).id } })
    expect(await bench.dm(streetSecretary, '拆分 云帆咨询')).toEqual(['「云帆咨询」由「云帆咨询党支部」覆盖，它是党支部，不是联合党支部，无需拆分。'])
    expect(await bench.db.memberTransfer.count()).toBe(0)
    expect(await bench.db.organization.count()).toBe(3)

    // The street secretary splits privately, naming the new branch; a roster record of someone working there who has not joined moves too.
    const jointId = (await bench.db.organization.findUniqueOrThrow({ where: { name: '金融大厦联合党支部' } })).id
    const at = new Date('2026-11-01')
    await bench.db.rosterEntry.createMany({
      data: [
        { orgId: jointId, name: '钱八', stage: '正式党员', unit: '星辰科技有限公司', importedAt: at, updatedAt: at },
        { orgId: jointId, name: '周九', stage: '正式党员', unit: '云帆咨询', importedAt: at, updatedAt: at },
      ],
    })
    // A 拆分 cut short after the branch was created: the empty branch is taken up again, not a name taken.
    await bench.db.organization.create({ data: { name: '星辰党支部', type: '党支部', parentId: 1, createdAt: at, parentPeriods: { create: { parentId: 1, from: at } } } })
    expect((await bench.dm(streetSecretary, '拆分 星辰科技 为 星辰党支部'))[0]).toContain('成立「星辰党支部」')
    expect(await bench.db.organization.count()).toBe(4)
    expect(await bench.db.member.count({ where: { org: { name: '星辰党支部' } } })).toBe(3)
    expect((await bench.db.rosterEntry.findMany({ orderBy: { id: 'asc' }, select: { orgId: true } })).map((e) => e.orgId)).toEqual([
      (await bench.db.organization.findUniqueOrThrow({ where: { name: '星辰党支部' } })).id,
      jointId,
    ])
  })
})
