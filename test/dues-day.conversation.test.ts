import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { Bench, type Group, type Person } from './support/conversation.js'

describe('收缴日: each organisation chooses its collection day', () => {
  let bench: Bench
  let admin: Person, secretary: Person, zhang: Person
  let branch: Group
  const monthlyJobs = () => bench.db.job.findMany({ where: { kind: 'dues.monthly' }, orderBy: { key: 'asc' }, select: { key: true, dueAt: true, state: true } })

  beforeEach(async () => {
    bench = await Bench.start()
    admin = bench.person('管理员')
    secretary = bench.person('王书记')
    zhang = bench.person('张三')
    branch = await bench.branch('第一党支部群', '第一党支部', admin, secretary, [zhang])
  })
  afterEach(() => bench.close())

  it('GIVEN 收缴日 10 on 27 November THEN December\'s reminder moves to the 10th at 09:00 and it is audited', async () => {
    expect(await branch.ask(secretary, '收缴日 10')).toContain('党费收缴日设为每月 10 日')
    const org = await bench.db.organization.findFirstOrThrow({ where: { name: '第一党支部' } })
    expect(org.duesDay).toBe(10)
    expect(await monthlyJobs()).toEqual([{ key: `dues:${org.id}:2026-12`, dueAt: new Date('2026-12-10T09:00:00+08:00'), state: 'pending' }])
    expect(await bench.db.auditLog.count({ where: { action: 'dues.collection-day', actorContactId: secretary.contactId } })).toBe(1)

    expect(await branch.ask(secretary, '收缴日 3')).toContain('每月 3 日')
    expect((await monthlyJobs())[0]!.dueAt).toEqual(new Date('2026-12-03T09:00:00+08:00'))
  })

  it('GIVEN a plain member or a day outside 1–28 THEN refused and nothing changes', async () => {
    expect(await branch.ask(zhang, '收缴日 10')).toContain('无权')
    expect(await branch.ask(secretary, '收缴日 31')).toContain('格式')
    expect(await branch.ask(secretary, '收缴日 十')).toContain('格式')
    expect((await bench.db.organization.findFirstOrThrow({ where: { name: '第一党支部' } })).duesDay).toBeNull()
    expect(await monthlyJobs()).toEqual([])
  })
})
