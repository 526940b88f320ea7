import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Scheduler } from '../src/scheduler/scheduler.js'
import type { Services } from '../src/capabilities/index.js'
import { groupHears } from './support/dues.js'
import { ADMIN_TOKEN, Bench, type Group, type Person } from './support/conversation.js'

/** Collection days at 09:00 Shanghai after Friday 27 November 2026 (the bench's clock). */
const DEC_5_9AM = new Date('2026-12-05T09:00:00+08:00')
const JAN_5_9AM = new Date('2027-01-05T09:00:00+08:00')
const MONEY = /\d[\d,]*(?:\.\d+)?\s*元|5100|76\.5/

/** The collection-day job: private reminders, the officer's summary, the secretary's arrears warnings. */
describe('dues: the monthly collection-day job', () => {
  let bench: Bench
  let services: Services
  let scheduler: Scheduler
  let admin: Person, secretary: Person, organiser: Person, zhang: Person, li: Person, wang: Person
  let branch: Group
  let orgId: number

  beforeEach(async () => {
    bench = await Bench.start()
    services = bench.services
    scheduler = bench.scheduler
    admin = bench.person('管理员')
    secretary = bench.person('王书记')
    organiser = bench.person('李组织')
    zhang = bench.person('张三')
    li = bench.person('李四')
    wang = bench.person('王五')
    branch = bench.group('第一党支部群', [admin, secretary, organiser, zhang, li, wang])
    expect(await bench.dm(admin, `认证 ${ADMIN_TOKEN}`)).toEqual([expect.stringContaining('认证成功')])
    expect(await branch.ask(admin, '绑定 第一党支部')).toContain('本群已绑定到「第一党支部」')
    for (const p of [secretary, organiser, zhang, li, wang]) expect(await branch.ask(p, `登记 ${p.name} 正式党员 在职`)).toContain('已登记')
    expect(await branch.ask(admin, '任命 @王书记 书记')).toContain('已任命')
    expect(await branch.ask(secretary, '任命 @李组织 组织委员')).toContain('已任命')
    orgId = (await bench.db.organization.findFirstOrThrow({ where: { name: '第一党支部' } })).id
  })
  afterEach(async () => {
    // The job speaks to no group, and no group message of any kind carries an amount.
    for (const row of await bench.db.outboxMessage.findMany({ where: { toKind: 'group' } })) expect(row.text).not.toMatch(MONEY)
    await bench.close()
  })

  /** Says `text` in the group and returns the group's part, asserting it carries no amount. */
  async function groupSays(who: Person, text: string): Promise<string[]> {
    const group = (await branch.replies(who, text)).filter((r) => !r.privateTo).map((r) => r.text)
    for (const line of group) expect(line).not.toMatch(MONEY)
    return group
  }
  const outbox = () => bench.db.outboxMessage.findMany({ orderBy: { id: 'asc' }, select: { toKind: true, toId: true, text: true, mentionIds: true } })
  const privateTo = async (p: Person) => (await outbox()).filter((m) => m.toKind === 'private' && m.toId === p.contactId).map((m) => m.text)
  const warnings = async () => (await privateTo(secretary)).filter((t) => t.includes('党费欠交提醒'))
  async function runAt(at: Date): Promise<void> {
    bench.clock.set(at)
    await scheduler.tick()
  }

  it('GIVEN 核定党费 @张三 收入 5100 THEN on 5 December at 09:00 张三 alone gets one private reminder with 76.50 元, and whoever paid gets none', async () => {
    expect(await groupSays(organiser, '核定党费 @张三 收入 5100')).toEqual([groupHears.assessed('张三')])
    expect(await groupSays(organiser, '核定党费 @李四 收入 5100')).toEqual([groupHears.assessed('李四')])
    expect(await groupSays(organiser, '收党费 @李四 153 11-12月')).toEqual([groupHears.recorded('李四', '11月至12月')])

    await runAt(new Date(DEC_5_9AM.getTime() - 60_000))
    expect(await outbox()).toEqual([])
    await runAt(DEC_5_9AM)

    expect(await privateTo(zhang)).toEqual([
      ['张三，今天是党费收缴日。', '12月党费：76.50 元。', '尚未交纳：11月至12月，共 153.00 元。', '党费请交到支部党费专户，本助手只记账、不经手钱款。交后发「交党费 <金额> [月份]」登记。'].join('\n'),
    ])
    expect(await privateTo(li)).toEqual([])
    expect(await privateTo(wang)).toEqual([]) // never assessed: nothing is owed
    expect(await privateTo(organiser)).toEqual([
      '「第一党支部」12月党费收缴日：已交 1 人，待确认 0 人，未交 1 人：张三。\n未交的成员已各自收到私信提醒。发「党费情况」查看明细。',
    ])
    expect(await privateTo(secretary)).toEqual([]) // two months owed is not yet arrears worth a warning
    expect((await outbox()).filter((m) => m.toKind === 'group')).toEqual([])

    expect(await bench.db.job.findMany({ orderBy: { dueAt: 'asc' }, select: { key: true, state: true, dueAt: true } })).toEqual([
      { key: `dues:${orgId}:2026-12`, state: 'done', dueAt: DEC_5_9AM },
      { key: `dues:${orgId}:2027-01`, state: 'pending', dueAt: JAN_5_9AM },
    ])
  })

  it('GIVEN the job has run THEN ticking again, 核定党费 and ensureMonthlyJobs the same month send nothing more', async () => {
    await groupSays(organiser, '核定党费 @张三 收入 5100')
    await runAt(DEC_5_9AM)
    const sent = (await outbox()).length
    await runAt(new Date(DEC_5_9AM.getTime() + 3_600_000))
    await groupSays(organiser, '核定党费 @李四 收入 5100')
    expect(await services.duesReminders.ensureMonthlyJobs(bench.clock.now())).toBe(1) // January only
    await runAt(new Date(DEC_5_9AM.getTime() + 2 * 3_600_000))
    expect(await outbox()).toHaveLength(sent)
    expect(await privateTo(zhang)).toHaveLength(1)
  })

  it('GIVEN a member owing 3 months THEN the secretary is warned privately once a month, with the day the 6-month rule would apply', async () => {
    await groupSays(organiser, '核定党费 @张三 收入 5100 从 2026-09')
    await groupSays(organiser, '核定党费 @李四 收入 5100 从 2026-10') // two months late on 5 December: no warning

    await runAt(DEC_5_9AM)
    expect(await warnings()).toEqual([
      [
        '⚠️ 党费欠交提醒：张三 已连续 3 个月未交党费（9月至11月）。',
        '党章第九条规定：没有正当理由连续六个月不交纳党费的，视为自行脱党（另见中组发〔2008〕3号）。若一直不交，到 2027年3月1日将满 6 个月。请及时谈心谈话、督促补交。',
      ].join('\n'),
    ])
    expect(await privateTo(zhang)).toEqual([expect.stringContaining('尚未交纳：9月至12月，共 306.00 元。')])

    // The same month again, by the scheduler and by the handler itself: no second warning.
    await runAt(new Date(DEC_5_9AM.getTime() + 60_000))
    expect(await services.duesReminders.monthlyJob({ orgId, month: '2026-12' }, bench.clock.now())).toEqual([])
    expect(await warnings()).toHaveLength(1)

    // Next month: warned again, now 4 months, same day for the 6-month rule; 李四 reaches 3.
    await runAt(JAN_5_9AM)
    const january = (await warnings()).slice(1)
    expect(january).toHaveLength(2)
    expect(january[0]).toContain('张三 已连续 4 个月未交党费（2026年9月至12月）')
    expect(january[0]).toContain('到 2027年3月1日将满 6 个月')
    expect(january[1]).toContain('李四 已连续 3 个月未交党费（2026年10月至12月）')
    expect(await privateTo(zhang)).toHaveLength(2)
  })

  it('GIVEN a payment breaks the run THEN no warning that month', async () => {
    await groupSays(organiser, '核定党费 @张三 收入 5100 从 2026-09')
    await groupSays(organiser, '收党费 @张三 76.50 11月')
    await runAt(DEC_5_9AM)
    expect(await warnings()).toEqual([])
    expect(await privateTo(zhang)).toEqual([expect.stringContaining('尚未交纳：9月至10月、12月，共 229.50 元。')])
  })

  it('GIVEN six months unpaid THEN the warning says the rule now applies', async () => {
    await groupSays(organiser, '核定党费 @张三 收入 5100 从 2026-06')
    await runAt(DEC_5_9AM)
    const [warning] = await warnings()
    expect(warning).toContain('张三 已连续 6 个月未交党费（6月至11月）')
    expect(warning).toContain('已满连续 6 个月，自 2026年12月1日起符合「连续六个月不交纳党费」的情形')
  })

  it('GIVEN months past the 6-month back-payment limit THEN the reminder asks only for what can still be paid and names the rest apart', async () => {
    await groupSays(organiser, '核定党费 @张三 收入 5100 从 2026-04')
    await runAt(DEC_5_9AM)
    expect(await privateTo(zhang)).toEqual([
      expect.stringContaining('尚未交纳：6月至12月，共 535.50 元。'),
    ])
    expect((await privateTo(zhang))[0]).toContain('4月至5月已超过 6 个月补交期限，不能再补交，请联系组织委员说明情况。')
    expect(await warnings()).toEqual([expect.stringContaining('张三 已连续 8 个月未交党费（4月至11月）')])
  })

  it('GIVEN a member reported a payment still waiting for confirmation THEN no reminder for that month, and the summary counts it as 待确认', async () => {
    await groupSays(organiser, '核定党费 @张三 收入 5100 从 2026-12')
    bench.clock.set(new Date('2026-12-01T10:00:00+08:00'))
    expect(await groupSays(zhang, '交党费 76.50')).toEqual([groupHears.reported('张三', '12月')])
    await runAt(DEC_5_9AM)
    expect(await privateTo(zhang)).toEqual([])
    expect(await privateTo(organiser)).toEqual([expect.stringContaining('已交 0 人，待确认 1 人，未交 0 人。')])
  })

  it('GIVEN no 组织委员 THEN the summary goes to the 书记', async () => {
    await groupSays(organiser, '核定党费 @张三 收入 5100')
    expect(await branch.ask(secretary, '免去 @李组织 组织委员')).toContain('已免去')
    await runAt(DEC_5_9AM)
    expect(await privateTo(secretary)).toEqual([expect.stringContaining('「第一党支部」12月党费收缴日')])
    expect(await privateTo(organiser)).toEqual([])
  })

  it("GIVEN the organisation's own collection day THEN the job runs that day at 09:00", async () => {
    await bench.db.organization.update({ where: { id: orgId }, data: { duesDay: 15 } })
    await groupSays(organiser, '核定党费 @张三 收入 5100')
    expect((await bench.db.job.findMany({ select: { key: true, dueAt: true } })).map((j) => [j.key, j.dueAt])).toEqual([
      [`dues:${orgId}:2026-12`, new Date('2026-12-15T09:00:00+08:00')],
    ])
    await runAt(DEC_5_9AM)
    expect(await outbox()).toEqual([])
    await runAt(new Date('2026-12-15T09:00:00+08:00'))
    expect(await privateTo(zhang)).toHaveLength(1)
  })

  it('GIVEN start-up THEN ensureMonthlyJobs schedules this month (while ahead) and next month for each organisation with members, and is idempotent', async () => {
    const other = bench.group('第二党支部群', [admin, wang])
    await other.ask(admin, '绑定 第二党支部')
    await other.ask(wang, '登记 王五 正式党员')
    const otherId = (await bench.db.organization.findFirstOrThrow({ where: { name: '第二党支部' } })).id
    bench.clock.set(new Date('2026-12-01T08:00:00+08:00'))
    expect(await services.duesReminders.ensureMonthlyJobs(bench.clock.now())).toBe(4)
    expect(await services.duesReminders.ensureMonthlyJobs(bench.clock.now())).toBe(4)
    const jobs = await bench.db.job.findMany({ orderBy: { key: 'asc' }, select: { key: true, kind: true, state: true } })
    expect(jobs).toEqual(
      [`dues:${orgId}:2026-12`, `dues:${orgId}:2027-01`, `dues:${otherId}:2026-12`, `dues:${otherId}:2027-01`]
        .sort()
        .map((key) => ({ key, kind: 'dues.monthly', state: 'pending' })),
    )
  })
})
