import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { Bench, type Group, type Person } from './support/conversation.js'

/** 思想汇报 recorded by an officer, the quarterly reminder to the person, and the person reminded before each due step. */
describe('思想汇报 and reminders to the person', () => {
  let bench: Bench
  let admin: Person, secretary: Person, zhang: Person, li: Person
  let branch: Group

  beforeEach(async () => {
    bench = await Bench.start()
    admin = bench.person('管理员')
    secretary = bench.person('王书记')
    zhang = bench.person('张三')
    li = bench.person('李四')
    branch = await bench.branch('第一党支部群', '第一党支部', admin, secretary, [zhang, li])
  })
  afterEach(() => bench.close())

  const privately = async (who: Person) => (await bench.db.outboxMessage.findMany({ where: { toId: who.contactId }, orderBy: { id: 'asc' } })).map((m) => m.text)

  it('GIVEN a 积极分子 THEN a week before each quarterly 思想汇报 they are reminded privately unless it is recorded', async () => {
    await bench.runJobsAt(new Date('2026-02-20T10:00:00+08:00'))
    await branch.ask(secretary, '发展 @张三 积极分子 2026-03-01')

    await bench.runJobsAt(new Date('2026-05-24T23:00:00+08:00'))
    expect(await privately(zhang)).toEqual([])
    await bench.runJobsAt(new Date('2026-05-25T09:00:00+08:00'))
    expect(await privately(zhang)).toEqual(['【思想汇报提醒】「第一党支部」：作为入党积极分子，你的第 1 份思想汇报（每季度一份）请于 2026-06-01 前交给党支部。已经交了的，请告诉支部委员记录。'])
    expect(await privately(secretary)).toEqual([])

    bench.clock.set(new Date('2026-05-28T10:00:00+08:00'))
    expect(await branch.ask(secretary, '思想汇报 @张三 2026-05-28')).toBe('已记录：张三 2026-05-28 交来思想汇报。成为入党积极分子以来已交 1 份，应交 0 份；下一份 2026-09-01 前交。')
    expect(await branch.ask(secretary, '思想汇报 @张三 2026-05-28')).toBe('张三 2026-05-28 的思想汇报已记录过。')

    // The second is handed in early (recorded privately, by name): no reminder before 2026-09-01.
    bench.clock.set(new Date('2026-08-20T10:00:00+08:00'))
    expect(await bench.dm(secretary, '思想汇报 张三')).toEqual(['已记录：张三 2026-08-20 交来思想汇报。成为入党积极分子以来已交 2 份，应交 1 份；下一份 2026-12-01 前交。'])
    await bench.runJobsAt(new Date('2026-08-25T09:00:00+08:00'))
    expect(await privately(zhang)).toHaveLength(1)

    // The third is not in: reminded.
    await bench.runJobsAt(new Date('2026-11-24T09:00:00+08:00'))
    expect((await privately(zhang))[1]).toContain('你的第 3 份思想汇报（每季度一份）请于 2026-12-01 前交给党支部')
    bench.clock.set(new Date('2026-11-27T10:00:00+08:00'))
    expect(await branch.ask(secretary, '发展')).toContain('· 张三：入党积极分子（2026-03-01 起）；2027-03-01 起可成为发展对象；应交思想汇报 2 份，已交 2 份')
  })

  it('GIVEN words not understood or a person not writing reports THEN a clear refusal and nothing written', async () => {
    bench.clock.set(new Date('2026-11-27T10:00:00+08:00'))
    expect(await branch.ask(secretary, '思想汇报 @张三 2026-03-01')).toBe('未记录：思想汇报由入党积极分子和预备党员按季度交，张三 还没有记录发展步骤（发展 @某人 积极分子 <日期>）。')
    await branch.ask(secretary, '发展 @张三 发展对象 2026-10-01')
    expect(await branch.ask(secretary, '思想汇报 @张三 2026-11-01')).toBe('未记录：思想汇报由入党积极分子和预备党员按季度交，张三 目前是发展对象。')
    await branch.ask(secretary, '发展 @李四 预备 2026-11-01')
    expect(await branch.ask(secretary, '思想汇报 @李四 2026-12-01')).toBe('未记录：2026-12-01 还没到。')
    expect(await branch.ask(secretary, '思想汇报 @李四 上周')).toBe('日期「上周」无法识别，请写成 2026-03-01。')
    expect(await branch.ask(li, '思想汇报 @李四 2026-11-20')).toMatch(/^无权/)
    expect(await bench.db.thoughtReport.count()).toBe(0)
  })

  it('GIVEN a 预备党员 THEN a month before 预备期满 the person hears it privately too, and the secretary as before', async () => {
    await bench.runJobsAt(new Date('2026-01-05T10:00:00+08:00'))
    await branch.ask(secretary, '发展 @李四 预备 2026-01-10')
    await bench.runJobsAt(new Date('2026-12-10T09:00:00+08:00'))
    expect(await privately(li)).toContain('【发展党员提醒】「第一党支部」：你的预备期 2027-01-10 期满，请在期满前向党支部提出书面转正申请。')
    expect(await privately(secretary)).toEqual(['【发展党员提醒】「第一党支部」李四 2027-01-10 起可成为正式党员，请按程序准备（发送「发展」查看全部）。'])
  })

  it('GIVEN a 积极分子 recorded 2025-11-01 THEN the person hears privately when 发展对象 becomes possible', async () => {
    await bench.runJobsAt(new Date('2025-10-15T10:00:00+08:00'))
    await branch.ask(secretary, '发展 @张三 积极分子 2025-11-01')
    await bench.runJobsAt(new Date('2026-11-01T09:00:00+08:00'))
    expect(await privately(zhang)).toContain('【发展党员提醒】「第一党支部」：你 2026-11-01 起可成为发展对象，请与支部书记联系，按程序准备。')
  })
})
