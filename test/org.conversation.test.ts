import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ADMIN_TOKEN, Bench, type Group, type Person } from './support/conversation.js'

/** How many rows each organisation table holds: "nothing was written" is these numbers unchanged. */
async function orgCounts(bench: Bench) {
  const db = bench.db
  return {
    organizations: await db.organization.count(),
    bindings: await db.groupBinding.count(),
    members: await db.member.count(),
    roles: await db.roleAssignment.count(),
    superAdmins: await db.superAdmin.count(),
    activities: await db.activity.count(),
    signUps: await db.signUp.count(),
    audit: await db.auditLog.count(),
  }
}

describe('认证: becoming super-admin in private chat', () => {
  let bench: Bench
  let admin: Person, stranger: Person
  beforeEach(async () => {
    bench = await Bench.start()
    admin = bench.person('管理员')
    stranger = bench.person('路人')
  })
  afterEach(() => bench.close())

  it('GIVEN the right token THEN the sender becomes super-admin, and a second 认证 says so without a second row', async () => {
    expect(await bench.dm(admin, `认证 ${ADMIN_TOKEN}`)).toEqual(['认证成功，你已是超级管理员。可在群里发送「绑定 <组织名>」把群绑定到组织。'])
    const rows = await bench.db.superAdmin.findMany()
    expect(rows.map((r) => r.contactId)).toEqual([admin.contactId])
    expect(rows[0]!.since).toEqual(bench.clock.now())

    expect(await bench.dm(admin, `认证 ${ADMIN_TOKEN}`)).toEqual(['你已经是超级管理员。'])
    expect(await bench.db.superAdmin.count()).toBe(1)
  })

  it('GIVEN a wrong token THEN 令牌不正确 and no super-admin row', async () => {
    expect(await bench.dm(stranger, '认证 guess-123')).toEqual(['令牌不正确。'])
    expect(await bench.dm(stranger, `认证 ${ADMIN_TOKEN}x`)).toEqual(['令牌不正确。'])
    expect(await bench.db.superAdmin.count()).toBe(0)
  })

  it('GIVEN 认证 without a token THEN the form is shown and nothing is written', async () => {
    expect(await bench.dm(stranger, '认证')).toEqual(['格式：认证 <令牌>\n例如：认证 Xq3v9Lm2Tz8Rb1Kc7Wd5Hn0J'])
    expect(await bench.db.superAdmin.count()).toBe(0)
  })

  it('GIVEN 认证 typed in a group (bound or not) THEN the sender is not promoted: a wrong token is told to use private chat, the real one is burned', async () => {
    const unbound = bench.group('新群', [admin, stranger])
    expect(await unbound.ask(stranger, '认证 some-wrong-token-000000')).toContain('请私聊我')
    expect(await bench.db.superAdmin.count()).toBe(0)

    await bench.dm(admin, `认证 ${ADMIN_TOKEN}`)
    await unbound.ask(admin, '绑定 第一党支部')
    expect(await unbound.ask(stranger, `认证 ${ADMIN_TOKEN}`)).toContain('作废')
    expect((await bench.db.superAdmin.findMany()).map((r) => r.contactId)).toEqual([admin.contactId])
  })

  it('GIVEN an unknown word in private chat THEN a hint to send 帮助', async () => {
    expect(await bench.dm(stranger, '你好')).toEqual(['没有听懂。发送「帮助」查看可用的命令。'])
  })
})

describe('an unbound group', () => {
  let bench: Bench
  let admin: Person, a: Person
  let room: Group
  beforeEach(async () => {
    bench = await Bench.start()
    admin = bench.person('管理员')
    a = bench.person('张三')
    room = bench.group('还没绑定的群', [admin, a])
    await bench.dm(admin, `认证 ${ADMIN_TOKEN}`)
  })
  afterEach(() => bench.close())

  it.each([
    '登记 张三',
    '报名',
    '报名 #1',
    '取消报名',
    '发起活动 学习会 时间 明天下午3点',
    '活动',
    '成员',
    '任命 @张三 书记',
    '/报名',
  ])('GIVEN "%s" THEN no reply at all and nothing is written', async (text) => {
    const before = await orgCounts(bench)
    expect(await room.say(a, text)).toEqual([])
    expect(await room.say(admin, text)).toEqual([])
    expect(await orgCounts(bench)).toEqual(before)
  })

  it('GIVEN ordinary chat THEN no reply', async () => {
    expect(await room.say(a, '大家好，今天天气不错')).toEqual([])
    expect(await room.say(a, '报名的事情明天再说')).toEqual([])
  })
  it('GIVEN a very long message starting with a command word THEN still no reply', async () => {
    expect(await room.say(a, `报名 ${'😀'.repeat(5000)}`)).toEqual([])
  })

  it('GIVEN a non-admin types 绑定 THEN 无权 and no organisation or binding is created', async () => {
    const before = await orgCounts(bench)
    const reply = await room.ask(a, '绑定 第一党支部')
    expect(reply).toContain('无权')
    expect(reply).toBe('无权绑定：需要超级管理员，或上级组织的书记、副书记、组织委员。')
    expect(await orgCounts(bench)).toEqual(before)
    // and the group is still unbound: 登记 is still ignored
    expect(await room.say(a, '登记 张三')).toEqual([])
  })

  it('GIVEN 绑定 in the wrong form THEN 格式 and nothing is created', async () => {
    expect(await room.ask(admin, '绑定')).toContain('格式：绑定 <组织名>')
    expect(await room.ask(admin, '绑定 第一党支部 俱乐部')).toContain('格式')
    expect(await bench.db.organization.count()).toBe(0)
  })

  it('GIVEN a super-admin binds it THEN the organisation and binding exist, and a second 绑定 is refused', async () => {
    expect(await room.ask(admin, '绑定 第一党支部')).toBe(
      '本群已绑定到「第一党支部」（党支部），组织已新建。\n成员请发送：登记 <姓名> [正式党员|预备党员]',
    )
    const org = await bench.db.organization.findUniqueOrThrow({ where: { name: '第一党支部' } })
    expect(org).toMatchObject({ type: '党支部', parentId: null })
    expect(await bench.db.groupBinding.findUniqueOrThrow({ where: { roomId: room.roomId } })).toMatchObject({
      orgId: org.id,
      topic: '还没绑定的群',
      boundByContactId: admin.contactId,
    })
    expect(await room.ask(admin, '绑定 第二党支部')).toBe('本群已绑定到「第一党支部」，不能重复绑定。')
    expect(await bench.db.organization.count()).toBe(1)
  })
})

describe('the territorial tree: a street committee and its branches', () => {
  let bench: Bench
  let admin: Person, streetSec: Person, streetOrg: Person, sec1: Person, sec2: Person, m1: Person, m2: Person, m3: Person
  let street: Group, branch1: Group, branch2: Group

  beforeEach(async () => {
    bench = await Bench.start()
    admin = bench.person('管理员')
    streetSec = bench.person('街道陈书记')
    streetOrg = bench.person('街道周委员')
    sec1 = bench.person('一支部王书记')
    sec2 = bench.person('二支部李书记')
    m1 = bench.person('张三')
    m2 = bench.person('李四')
    m3 = bench.person('王五')
    street = bench.group('外滩街道党委群', [admin, streetSec, streetOrg, sec1])
    branch1 = bench.group('第一党支部群', [admin, streetSec, streetOrg, sec1, m1, m2])
    branch2 = bench.group('第二党支部群', [admin, streetSec, sec1, sec2, m3])
    await bench.dm(admin, `认证 ${ADMIN_TOKEN}`)

    expect(await street.ask(admin, '绑定 外滩街道党委 党委')).toContain('本群已绑定到「外滩街道党委」（党委），组织已新建')
    expect(await branch1.ask(admin, '绑定 第一党支部 上级 外滩街道党委')).toContain('本群已绑定到「第一党支部」（党支部，上级：外滩街道党委）')
    expect(await branch2.ask(admin, '绑定 第二党支部 上级 外滩街道党委')).toContain('本群已绑定到「第二党支部」（党支部，上级：外滩街道党委）')

    for (const p of [streetSec, streetOrg, sec1]) expect(await street.ask(p, `登记 ${p.name}`)).toContain('已登记到「外滩街道党委」')
    for (const p of [sec1, m1, m2]) expect(await branch1.ask(p, `登记 ${p.name}`)).toContain('已登记到「第一党支部」')
    for (const p of [sec2, m3]) expect(await branch2.ask(p, `登记 ${p.name}`)).toContain('已登记到「第二党支部」')

    expect(await street.ask(admin, '任命 @街道陈书记 书记')).toBe('已任命 街道陈书记 为「外滩街道党委」书记。')
    expect(await street.ask(streetSec, '任命 @街道周委员 组织委员')).toBe('已任命 街道周委员 为「外滩街道党委」组织委员。')
  })
  afterEach(() => bench.close())

  it('GIVEN the tree THEN the database holds the parent links', async () => {
    const orgs = await bench.db.organization.findMany({ orderBy: { id: 'asc' }, include: { parent: true } })
    expect(orgs.map((o) => [o.name, o.type, o.parent?.name ?? null])).toEqual([
      ['外滩街道党委', '党委', null],
      ['第一党支部', '党支部', '外滩街道党委'],
      ['第二党支部', '党支部', '外滩街道党委'],
    ])
  })

  it('GIVEN the street 书记 THEN she appoints in both branches and publishes an activity in a branch', async () => {
    expect(await branch1.ask(streetSec, '任命 @一支部王书记 书记')).toBe('已任命 一支部王书记 为「第一党支部」书记。')
    expect(await branch2.ask(streetSec, '任命 @二支部李书记 书记')).toBe('已任命 二支部李书记 为「第二党支部」书记。')
    const roles = await bench.db.roleAssignment.findMany({ where: { title: '书记' }, include: { org: true, member: true }, orderBy: { id: 'asc' } })
    expect(roles.map((r) => [r.org.name, r.member.name, r.assignedByContactId])).toEqual([
      ['外滩街道党委', '街道陈书记', admin.contactId],
      ['第一党支部', '一支部王书记', streetSec.contactId],
      ['第二党支部', '二支部李书记', streetSec.contactId],
    ])

    expect(await branch1.ask(streetSec, '发起活动 党史学习 时间 明天下午3点')).toMatch(/^已发起活动 #\d+「党史学习」/)
    const activity = await bench.db.activity.findFirstOrThrow({ include: { org: true } })
    expect(activity.org.name).toBe('第一党支部')
    expect(activity.createdByContactId).toBe(streetSec.contactId)
  })

  it('GIVEN a branch 书记 THEN she is refused (无权) in a sibling branch and in the street group, and nothing changes', async () => {
    await branch1.ask(streetSec, '任命 @一支部王书记 书记')
    expect(await branch1.ask(sec1, '任命 @张三 组织委员')).toBe('已任命 张三 为「第一党支部」组织委员。')
    const before = await orgCounts(bench)

    expect(await branch2.ask(sec1, '任命 @王五 组织委员')).toContain('无权')
    expect(await branch2.ask(sec1, '发起活动 联谊 时间 明天下午3点')).toContain('无权')
    expect(await branch2.ask(sec1, '成员')).toContain('无权')
    expect(await street.ask(sec1, '任命 @街道周委员 宣传委员')).toContain('无权')
    expect(await street.ask(sec1, '免去 @街道陈书记 书记')).toContain('无权')
    expect(await street.ask(sec1, '发起活动 全街道大会 时间 明天下午3点')).toContain('无权')

    expect(await orgCounts(bench)).toEqual(before)
  })

  it('GIVEN a street 组织委员 (not super-admin) THEN he binds a new branch below the street', async () => {
    const branch3 = bench.group('第三党支部群', [streetOrg, m3])
    expect(await branch3.ask(streetOrg, '绑定 第三党支部 上级 外滩街道党委')).toContain('本群已绑定到「第三党支部」（党支部，上级：外滩街道党委），组织已新建')
    const org = await bench.db.organization.findUniqueOrThrow({ where: { name: '第三党支部' }, include: { parent: true } })
    expect(org.parent?.name).toBe('外滩街道党委')
    expect(await bench.db.superAdmin.count()).toBe(1)
    const audit = await bench.db.auditLog.findFirstOrThrow({ where: { action: 'group.bind', orgId: org.id } })
    expect(audit.actorContactId).toBe(streetOrg.contactId)
  })

  it('GIVEN a street 组织委员 without 上级, or a branch 书记 binding below the street THEN 无权 and nothing is created', async () => {
    await branch1.ask(streetSec, '任命 @一支部王书记 书记')
    const before = await orgCounts(bench)
    const room = bench.group('另一个群', [streetOrg, sec1])
    expect(await room.ask(streetOrg, '绑定 第三党支部')).toContain('无权')
    expect(await room.ask(sec1, '绑定 第三党支部 上级 外滩街道党委')).toContain('无权')
    expect(await orgCounts(bench)).toEqual(before)
  })

  it('GIVEN 上级 that does not exist THEN a clear message and nothing is created', async () => {
    const before = await orgCounts(bench)
    const room = bench.group('新群', [admin, streetOrg])
    expect(await room.ask(admin, '绑定 第三党支部 上级 浦东街道党委')).toBe('找不到上级组织「浦东街道党委」。请先在上级的群里绑定它。')
    expect(await room.ask(streetOrg, '绑定 第三党支部 上级 浦东街道党委')).toContain('找不到上级组织「浦东街道党委」')
    expect(await orgCounts(bench)).toEqual(before)
    expect(await bench.db.organization.findUnique({ where: { name: '第三党支部' } })).toBeNull()
  })

  it('GIVEN an organisation already bound to another group THEN binding a second group to it is refused', async () => {
    const room = bench.group('第一党支部二群', [admin])
    expect(await room.ask(admin, '绑定 第一党支部 上级 外滩街道党委')).toBe('组织「第一党支部」已绑定了另一个群。')
    expect(await bench.db.groupBinding.count()).toBe(3)
  })
})

describe('登记, 任命, 免去, 成员 and 帮助 inside one branch', () => {
  let bench: Bench
  let admin: Person, secretary: Person, a: Person, b: Person, outsider: Person, unregistered: Person
  let branch: Group

  beforeEach(async () => {
    bench = await Bench.start()
    admin = bench.person('管理员')
    secretary = bench.person('王书记')
    a = bench.person('张三')
    b = bench.person('李四')
    outsider = bench.person('外人') // never in the group
    unregistered = bench.person('赵六') // in the group, never registered
    branch = bench.group('第一党支部群', [admin, secretary, a, b, unregistered])
    await bench.dm(admin, `认证 ${ADMIN_TOKEN}`)
    await branch.ask(admin, '绑定 第一党支部')
  })
  afterEach(() => bench.close())

  async function registerAndAppointSecretary() {
    await branch.ask(secretary, '登记 王书记')
    expect(await branch.ask(admin, '任命 @王书记 书记')).toBe('已任命 王书记 为「第一党支部」书记。')
  }

  describe('登记', () => {
    it('GIVEN only a name THEN 正式党员 and 在职 are the defaults', async () => {
      expect(await branch.ask(a, '登记 张三')).toBe('张三 已登记到「第一党支部」：正式党员，在职。')
      const row = await bench.db.member.findFirstOrThrow({ include: { org: true } })
      expect(row).toMatchObject({ contactId: a.contactId, name: '张三', stage: '正式党员', category: '在职' })
      expect(row.org.name).toBe('第一党支部')
      expect(row.registeredAt).toEqual(bench.clock.now())
    })

    it('GIVEN a stage and a category (either order) THEN both are stored', async () => {
      expect(await branch.ask(a, '登记 张三 预备党员 学生')).toBe('张三 已登记到「第一党支部」：预备党员，学生。')
      expect(await branch.ask(b, '登记 李四 离退休 入党积极分子')).toBe('李四 已登记到「第一党支部」：入党积极分子，离退休。')
      const rows = await bench.db.member.findMany({ orderBy: { id: 'asc' } })
      expect(rows.map((r) => [r.name, r.stage, r.category])).toEqual([
        ['张三', '预备党员', '学生'],
        ['李四', '入党积极分子', '离退休'],
      ])
    })

    it('GIVEN a second 登记 by the same person THEN the row is updated, not duplicated', async () => {
      await branch.ask(a, '登记 张三 预备党员')
      expect(await branch.ask(a, '登记 张老三 正式党员 离退休')).toBe('已更新 张老三 的登记信息：正式党员，离退休。')
      const rows = await bench.db.member.findMany()
      expect(rows).toHaveLength(1)
      expect(rows[0]).toMatchObject({ contactId: a.contactId, name: '张老三', stage: '正式党员', category: '离退休' })
    })

    it.each(['登记', '登记 @张三', '登记 #3'])(
      'GIVEN "%s" THEN the reply shows the 格式 and no member is written',
      async (text) => {
        const reply = await branch.ask(a, text)
        expect(reply).toContain('格式：登记 <姓名>')
        expect(reply).toContain('例如：登记 张三 正式党员 在职')
        expect(await bench.db.member.count()).toBe(0)
      },
    )
    // Everyday words are understood (党员 → 正式党员, issue 11); a word that is not is named, with the accepted ones.
    it('GIVEN a word it does not know ("登记 张三 正式党员 在职 外滩") THEN the reply names it and lists the accepted words, and no member is written', async () => {
      const reply = await branch.ask(a, '登记 张三 正式党员 在职 外滩')
      expect(reply).toContain('看不懂「外滩」')
      expect(reply).toContain('例如「登记 张三 党员 退休」')
      expect(await bench.db.member.count()).toBe(0)
    })
    it('GIVEN two categories ("登记 张三 正式党员 在职 学生") THEN it asks for one, and no member is written', async () => {
      const reply = await branch.ask(a, '登记 张三 正式党员 在职 学生')
      expect(await bench.db.member.count()).toBe(0)
      expect(reply).toContain('不一致')
    })
  })

  describe('任命 and 免去', () => {
    beforeEach(async () => {
      await registerAndAppointSecretary()
      await branch.ask(a, '登记 张三')
      await branch.ask(b, '登记 李四')
    })

    it('GIVEN an appointment THEN a role row and an audit row (actor, action, target)', async () => {
      expect(await branch.ask(secretary, '任命 @张三 组织委员')).toBe('已任命 张三 为「第一党支部」组织委员。')
      const role = await bench.db.roleAssignment.findFirstOrThrow({ where: { title: '组织委员' }, include: { member: true, org: true } })
      expect(role).toMatchObject({ assignedByContactId: secretary.contactId, revokedAt: null, revokedByContactId: null })
      expect(role.member.contactId).toBe(a.contactId)
      expect(role.org.name).toBe('第一党支部')

      const audit = await bench.db.auditLog.findMany({ where: { action: 'role.appoint' }, orderBy: { id: 'asc' } })
      expect(audit.map((r) => [r.actorContactId, r.action, r.targetContactId])).toEqual([
        [admin.contactId, 'role.appoint', secretary.contactId],
        [secretary.contactId, 'role.appoint', a.contactId],
      ])
      expect(JSON.parse(audit[1]!.detail)).toEqual({ title: '组织委员' })
      expect(audit[1]!.orgId).toBe(role.orgId)
    })

    it('GIVEN someone already holds the title THEN a clear message and no second row', async () => {
      await branch.ask(secretary, '任命 @张三 组织委员')
      const audits = await bench.db.auditLog.count()
      expect(await branch.ask(secretary, '任命 @张三 组织委员')).toBe('张三 已经是组织委员。')
      expect(await bench.db.roleAssignment.count({ where: { title: '组织委员' } })).toBe(1)
      expect(await bench.db.auditLog.count()).toBe(audits)
    })

    it('GIVEN a dismissal THEN revokedAt is set, the row is kept, an audit row is written and the rights are gone', async () => {
      await branch.ask(secretary, '任命 @张三 组织委员')
      expect(await branch.ask(a, '发起活动 学习会 时间 明天下午3点')).toContain('已发起活动')
      bench.clock.advance(60_000)
      expect(await branch.ask(secretary, '免去 @张三 组织委员')).toBe('已免去 张三 的组织委员职务。')

      const roles = await bench.db.roleAssignment.findMany({ where: { title: '组织委员' } })
      expect(roles).toHaveLength(1)
      expect(roles[0]!.revokedAt).toEqual(bench.clock.now())
      expect(roles[0]!.revokedByContactId).toBe(secretary.contactId)

      const audit = await bench.db.auditLog.findFirstOrThrow({ where: { action: 'role.dismiss' } })
      expect([audit.actorContactId, audit.action, audit.targetContactId]).toEqual([secretary.contactId, 'role.dismiss', a.contactId])

      expect(await branch.ask(a, '发起活动 学习会 时间 明天下午4点')).toContain('无权')
      expect(await branch.ask(secretary, '免去 @张三 组织委员')).toBe('张三 并未担任组织委员。')
      expect(await bench.db.auditLog.count({ where: { action: 'role.dismiss' } })).toBe(1)

      // appointed again: a new row, the old one stays as history
      expect(await branch.ask(secretary, '任命 @张三 组织委员')).toBe('已任命 张三 为「第一党支部」组织委员。')
      expect(await bench.db.roleAssignment.count({ where: { title: '组织委员' } })).toBe(2)
    })

    it('GIVEN a mention of someone in the group who never registered THEN a clear message and nothing written', async () => {
      const before = await orgCounts(bench)
      expect(await branch.ask(secretary, '任命 @赵六 组织委员')).toBe('赵六 还没有在本组织登记。')
      expect(await branch.ask(secretary, '免去 @赵六 组织委员')).toBe('赵六 还没有在本组织登记。')
      expect(await orgCounts(bench)).toEqual(before)
    })

    it('GIVEN a mention of a name not in the group THEN a clear message and nothing written', async () => {
      const before = await orgCounts(bench)
      expect(await branch.ask(secretary, `任命 @${outsider.name} 组织委员`)).toBe('群里找不到「外人」，请从成员列表里 @ 他。')
      expect(await orgCounts(bench)).toEqual(before)
    })

    it('GIVEN no mention, two mentions, or an unknown title THEN a message naming the form', async () => {
      const before = await orgCounts(bench)
      expect(await branch.ask(secretary, '任命 组织委员')).toBe('请 @ 要操作的人。格式：任命 @某人 <书记|副书记|组织委员|宣传委员|纪检委员|党小组长>')
      expect(await branch.ask(secretary, '免去 组织委员')).toContain('格式：免去 @某人')
      expect(await branch.ask(secretary, '任命 @张三 @李四 组织委员')).toContain('格式：任命 @某人')
      expect(await branch.ask(secretary, '任命 @张三 主任')).toContain('格式：任命 @某人')
      expect(await branch.ask(secretary, '任命 @张三')).toContain('格式：任命 @某人')
      expect(await orgCounts(bench)).toEqual(before)
    })

    it('GIVEN a 组织委员 (not 书记) THEN 任命 is refused with 无权', async () => {
      await branch.ask(secretary, '任命 @张三 组织委员')
      const before = await orgCounts(bench)
      expect(await branch.ask(a, '任命 @李四 宣传委员')).toContain('无权')
      expect(await orgCounts(bench)).toEqual(before)
    })
  })

  describe('成员', () => {
    it('GIVEN registered members and officers THEN an officer sees names with titles; a plain member gets 无权', async () => {
      await registerAndAppointSecretary()
      await branch.ask(a, '登记 张三 预备党员')
      await branch.ask(b, '登记 李四')
      await branch.ask(secretary, '任命 @张三 组织委员')
      await branch.ask(secretary, '任命 @张三 宣传委员')

      expect(await branch.ask(secretary, '成员')).toBe(
        ['「第一党支部」已登记 3 人：', '· 王书记（正式党员） 书记', '· 张三（预备党员） 组织委员、宣传委员', '· 李四（正式党员）'].join('\n'),
      )
      expect(await branch.ask(a, '成员')).toContain('张三（预备党员）')
      expect(await branch.ask(b, '成员')).toContain('无权')
      expect(await branch.ask(unregistered, '成员')).toContain('无权')

      await branch.ask(secretary, '免去 @张三 宣传委员')
      expect(await branch.ask(secretary, '成员')).toContain('· 张三（预备党员） 组织委员\n')
    })

    it('GIVEN nobody registered THEN the super-admin is told so', async () => {
      expect(await branch.ask(admin, '成员')).toBe('「第一党支部」还没有人登记。')
    })
  })

  describe('帮助', () => {
    it('GIVEN a plain member THEN the list has 报名 but not 发起活动 or 任命', async () => {
      await branch.ask(a, '登记 张三')
      const reply = await branch.ask(a, '帮助')
      expect(reply.startsWith('你可以使用的命令：')).toBe(true)
      expect(reply).toContain('· 报名 [#活动编号] [备注]')
      expect(reply).toContain('· 登记 <姓名>')
      expect(reply).not.toContain('发起活动')
      expect(reply).not.toContain('任命')
      expect(reply).not.toContain('认证')
      expect(reply).toContain('发送「帮助 <命令>」查看格式和例子。')
    })

    it('GIVEN a 书记 in the group THEN at most 12 lines there, naming her, and the full list by section privately, with 发起活动 and 任命', async () => {
      await registerAndAppointSecretary()
      const replies = await branch.replies(secretary, '帮助')
      const inGroup = replies.filter((r) => !r.privateTo)
      const privately = replies.filter((r) => r.privateTo === secretary.contactId)
      expect(inGroup).toHaveLength(1)
      expect(inGroup[0]!.text.split('\n').length).toBeLessThanOrEqual(12)
      expect(inGroup[0]!.mentionIds).toEqual([secretary.contactId])
      expect(inGroup[0]!.text).toContain('私信你')
      expect(inGroup[0]!.text).not.toContain('任命')
      expect(privately).toHaveLength(1)
      for (const usage of ['· 发起活动 <标题> 时间 <时间>', '· 任命 @某人', '· 免去 @某人', '· 成员', '· 取消活动 #活动编号', '· 报名', '【活动】', '【成员】']) {
        expect(privately[0]!.text).toContain(usage)
      }
    })

    it('GIVEN a member THEN 帮助 lists only what they may run: no 绑定, no 任命', async () => {
      await branch.ask(a, '登记 张三')
      const reply = await branch.ask(a, '帮助')
      expect(reply).not.toContain('绑定')
      expect(reply).not.toContain('任命')
    })

    it('GIVEN 帮助 with a near miss (帮助 报明) THEN the command meant is suggested', async () => {
      expect(await branch.ask(a, '帮助 报明')).toContain('你是想查「报名」吗？')
    })

    it('GIVEN 帮助 报名 (or an alias, or a #-prefixed word) THEN the form and an example', async () => {
      const expected = '报名参加活动（满员进入候补）\n格式：报名 [#活动编号] [备注]\n例如：报名 #3 带两瓶水\n也可以说：参加'
      expect(await branch.ask(a, '帮助 报名')).toBe(expected)
      expect(await branch.ask(a, '帮助 参加')).toBe(expected)
      expect(await branch.ask(a, 'help 报名')).toBe(expected)
      expect(await branch.ask(a, '帮助 发起活动')).toContain('例如：发起活动 社区志愿服务 时间 下周六上午9点')
      expect(await branch.ask(a, '帮助 吃饭')).toBe('没有「吃饭」这个命令。发送「帮助」查看全部。')
    })

    it('GIVEN an unbound group THEN 帮助 lists 绑定 to the super-admin, and to nobody else; never 报名', async () => {
      const room = bench.group('没绑定的群', [a, admin])
      await bench.dm(admin, `认证 ${ADMIN_TOKEN}`)
      const forAdmin = await room.ask(admin, '帮助')
      expect(forAdmin).toContain('· 绑定 <组织名>')
      expect(forAdmin).not.toContain('报名')
      const forA = await room.ask(a, '帮助')
      expect(forA).not.toContain('绑定')
      expect(forA).not.toContain('登记')
      expect(await room.ask(a, '帮助 报名')).toContain('格式：报名 [#活动编号] [备注]')
    })

    it('GIVEN private chat THEN 帮助 lists 认证 and points to the group for the rest', async () => {
      const [reply, ...more] = await bench.dm(a, '帮助')
      expect(more).toEqual([])
      expect(reply).toContain('· 认证 <令牌>')
      expect(reply).not.toContain('· 报名')
      expect(reply).toContain('群里的命令（报名、签到等）请在群里发送「帮助」查看。')
    })
  })
})
