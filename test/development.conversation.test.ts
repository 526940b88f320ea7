import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { schedulerFailingFirstFinish } from './support/failing-finish.js'
import { Bench, type Group, type Person } from './support/conversation.js'

/** 发展党员: 发展 @某人 <阶段> <日期>, the 细则's waiting times refused by name, the 发展 overview, the secretary reminded. */
describe('the development pipeline', () => {
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

  const toSecretary = async () => (await bench.db.outboxMessage.findMany({ where: { toId: secretary.contactId }, orderBy: { id: 'asc' } })).map((m) => m.text)

  it('GIVEN a 积极分子 recorded 2025-11-01 THEN 发展对象 earlier than a year is refused with 第十三条, the secretary is reminded when it becomes possible, and it is then recorded', async () => {
    // The clock stands at 2025-10-15: the year runs out in the future.
    await bench.runJobsAt(new Date('2025-10-15T10:00:00+08:00'))
    expect(await branch.ask(secretary, '发展 @张三 积极分子 2025-11-01')).toBe('已记录：张三 2025-11-01 成为入党积极分子。\n下一步「发展对象」最早 2026-11-01，届时会提醒书记。')
    expect(await branch.ask(secretary, '发展 @张三 发展对象 2026-10-31')).toBe(
      '未记录：张三 最早 2026-11-01 才能成为发展对象。依据：《中国共产党发展党员工作细则》第十三条：入党积极分子经过一年以上培养教育和考察，方可列为发展对象。',
    )
    expect(await bench.db.developmentStep.count()).toBe(1)

    await bench.runJobsAt(new Date('2026-10-31T23:00:00+08:00'))
    expect(await toSecretary()).toEqual([])
    await bench.runJobsAt(new Date('2026-11-01T09:00:00+08:00'))
    expect(await toSecretary()).toEqual(['【发展党员提醒】「第一党支部」张三 2026-11-01 起可成为发展对象，请按程序准备（发送「发展」查看全部）。'])

    expect(await branch.ask(secretary, '发展 @张三 发展对象 2026-11-01')).toBe('已记录：张三 2026-11-01 成为发展对象。\n下一步：预备党员。')
    expect(await bench.db.member.findFirstOrThrow({ where: { name: '张三' } })).toMatchObject({ stage: '发展对象' })
  })

  it('GIVEN a 预备党员 THEN the secretary hears a month before 预备期满; 转正 before the year is refused with 第二十五条; a retried job sends once', async () => {
    await bench.runJobsAt(new Date('2026-01-05T10:00:00+08:00'))
    expect(await branch.ask(secretary, '发展 @李四 预备 2026-01-10')).toContain('下一步「正式党员」最早 2027-01-10')
    expect(await branch.ask(secretary, '发展 @李四 转正 2027-01-09')).toContain('依据：《中国共产党发展党员工作细则》第二十五条')

    const { scheduler, failedJobs } = schedulerFailingFirstFinish(bench)
    bench.clock.set(new Date('2026-12-10T09:00:00+08:00'))
    await scheduler.tick().catch(() => undefined)
    expect(failedJobs.size).toBe(1)
    expect(await toSecretary()).toEqual([])
    bench.clock.set(new Date('2026-12-10T09:10:00+08:00'))
    await scheduler.tick()
    await bench.runJobsAt(new Date('2026-12-11T09:00:00+08:00'))
    expect(await toSecretary()).toEqual(['【发展党员提醒】「第一党支部」李四 2027-01-10 起可成为正式党员，请按程序准备（发送「发展」查看全部）。'])
  })

  it('GIVEN steps out of order or words not understood THEN a clear refusal and nothing written; 发展 gives the overview', async () => {
    expect(await branch.ask(secretary, '发展 @张三 积极分子 2026-03-01')).toContain('已记录')
    expect(await branch.ask(secretary, '发展 @张三 申请人 2026-04-01')).toBe('未记录：张三 已是入党积极分子，不能再记为入党申请人。')
    expect(await branch.ask(secretary, '发展 @张三 发展对象 2026-02-01')).toBe('未记录：张三 2026-03-01 才成为入党积极分子，发展对象的日期不能更早。')
    expect(await branch.ask(secretary, '发展 @张三 积极份子 2026-03-01')).toMatch(/^看不懂「积极份子」。发展阶段可写：/)
    expect(await branch.ask(secretary, '发展 @张三 发展对象 明年')).toBe('日期「明年」无法识别，请写成 2026-03-01。')
    expect(await branch.ask(li, '发展 @张三 发展对象 2027-03-01')).toMatch(/^无权/)
    expect(await branch.ask(secretary, '发展 @李四 申请人 2026-11-20')).toContain('下一步：入党积极分子。')
    expect(await bench.db.developmentStep.count()).toBe(2)

    expect(await branch.ask(secretary, '发展')).toBe(
      [
        '「第一党支部」发展党员情况（入党申请人 1 人，入党积极分子 1 人）',
        '· 张三：入党积极分子（2026-03-01 起）；2027-03-01 起可成为发展对象；应交思想汇报 2 份',
        '· 李四：入党申请人（2026-11-20 起）；下一步：入党积极分子',
      ].join('\n'),
    )
    expect(await bench.dm(secretary, '发展')).toEqual([expect.stringContaining('「第一党支部」发展党员情况')])
  })
})
