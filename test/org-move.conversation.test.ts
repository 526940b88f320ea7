import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { Bench, type Group, type Person } from './support/conversation.js'

/** 属地管理 moves organisations: a branch bound before its street committee is put under it later. */
describe('the tree can change', () => {
  let bench: Bench
  let admin: Person
  let branchSecretary: Person
  let streetSecretary: Person
  let branch: Group
  let street: Group
  beforeEach(async () => {
    bench = await Bench.start()
    admin = bench.person('管理员')
    branchSecretary = bench.person('王书记')
    streetSecretary = bench.person('街道书记')
    const member = bench.person('张三')
    // The branch first, then its street committee: the order that used to leave them unconnected.
    branch = await bench.branch('第一支部群', '第一党支部', admin, branchSecretary, [member])
    street = await bench.branch('街道群', '外滩街道综合经济党委', admin, streetSecretary, [])
  })
  afterEach(() => bench.close())

  const parentOf = async (name: string) => {
    const org = await bench.db.organization.findFirst({ where: { name }, select: { parentId: true } })
    return org?.parentId ? (await bench.db.organization.findUnique({ where: { id: org.parentId }, select: { name: true } }))!.name : null
  }

  it('GIVEN the super-admin binds the branch under the street in its own group THEN the street’s 通知下级 reaches it and 统计 lists it', async () => {
    const replies = await branch.replies(admin, '绑定 第一党支部 上级 外滩街道综合经济党委')
    expect(replies[0]!.text).toContain('已把「第一党支部」调整到上级「外滩街道综合经济党委」之下')
    expect(replies.some((r) => r.privateTo === streetSecretary.contactId && r.text.includes('调整为「外滩街道综合经济党委」'))).toBe(true)
    expect(await parentOf('第一党支部')).toBe('外滩街道综合经济党委')
    expect(await bench.db.auditLog.count({ where: { action: 'org.move' } })).toBe(1)

    expect((await street.say(streetSecretary, '通知下级 请各支部报送年度计划')).join()).toContain('1 个')
    expect((await street.say(streetSecretary, '统计')).join()).toContain('第一党支部')
  })

  it('GIVEN a branch secretary without rights over the street THEN 调整上级 is refused and nothing moves', async () => {
    expect(await branch.ask(branchSecretary, '调整上级 外滩街道综合经济党委')).toContain('无权')
    expect(await parentOf('第一党支部')).toBeNull()
  })

  it('GIVEN the street under the branch would make a circle THEN it is refused', async () => {
    await branch.say(admin, '调整上级 外滩街道综合经济党委')
    expect(await street.ask(admin, '调整上级 第一党支部')).toContain('不能把')
    expect(await parentOf('外滩街道综合经济党委')).toBeNull()
  })

  it('GIVEN 调整上级 无 THEN the branch stands alone again and the old parent’s secretary is told', async () => {
    await branch.say(admin, '调整上级 外滩街道综合经济党委')
    const replies = await branch.replies(admin, '调整上级 无')
    expect(await parentOf('第一党支部')).toBeNull()
    expect(replies.some((r) => r.privateTo === streetSecretary.contactId)).toBe(true)
  })
})
