import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Reply } from '../src/chat/reply.js'
import { groupHears, sayIn } from './support/dues.js'
import { ADMIN_TOKEN, Bench, type Group, type Person } from './support/conversation.js'

/** Any amount of money or the incomes typed in these tests: none may appear in a group. */
const MONEY = /\d[\d,]*(?:\.\d+)?\s*元|5100|3000|76\.5/

/**
 * Party dues in a branch group (clock: Friday 27 November 2026). Amounts and incomes are personal
 * data: the group hears names, months and counts; the details go to private chats.
 */
describe('Party dues: assessment, ledger and private answers', () => {
  let bench: Bench
  let admin: Person, secretary: Person, organiser: Person, publicity: Person, zhang: Person, li: Person, wang: Person, zhao: Person
  let branch: Group
  /** Every group reply any test here received, checked for amounts after each test. */
  let groupTexts: string[]

  beforeEach(async () => {
    bench = await Bench.start()
    groupTexts = []
    admin = bench.person('管理员')
    secretary = bench.person('王书记')
    organiser = bench.person('李组织')
    publicity = bench.person('陈宣传')
    zhang = bench.person('张三')
    li = bench.person('李四')
    wang = bench.person('王五')
    zhao = bench.person('赵六')
    branch = bench.group('第一党支部群', [admin, secretary, organiser, publicity, zhang, li, wang, zhao])
    expect(await bench.dm(admin, `认证 ${ADMIN_TOKEN}`)).toEqual([expect.stringContaining('认证成功')])
    expect(await branch.ask(admin, '绑定 第一党支部')).toContain('本群已绑定到「第一党支部」')
    for (const p of [secretary, organiser, publicity, zhang, li]) expect(await branch.ask(p, `登记 ${p.name} 正式党员 在职`)).toContain('已登记')
    expect(await branch.ask(wang, '登记 王五 预备党员 在职')).toContain('已登记')
    expect(await branch.ask(zhao, '登记 赵六 入党积极分子')).toContain('已登记')
    expect(await branch.ask(admin, '任命 @王书记 书记')).toContain('已任命')
    expect(await branch.ask(secretary, '任命 @李组织 组织委员')).toContain('已任命')
    expect(await branch.ask(secretary, '任命 @陈宣传 宣传委员')).toContain('已任命')
  })
  afterEach(async () => {
    // Whatever a test did, nothing it said in the group carried an amount or an income.
    for (const text of groupTexts) expect(text, 'a group reply').not.toMatch(MONEY)
    await bench.close()
  })

    const say = (who: Person, text: string) => sayIn(branch, groupTexts, who, text)
  const member = (p: Person) => bench.db.member.findFirstOrThrow({ where: { contactId: p.contactId } })
  const paymentsOf = async (p: Person) =>
    bench.db.duesPayment.findMany({
      where: { memberId: (await member(p)).id },
      orderBy: { month: 'asc' },
      select: { month: true, amountFen: true, status: true, toCentre: true },
    })

  describe('党费标准', () => {
    it.each<[string, string]>([
      ['党费标准 5100', '月收入 5100.00 元（在职）：每月 76.50 元（在职 5000元以上至10000元 1.5%）'],
      ['党费标准 4900 在职', '月收入 4900.00 元（在职）：每月 49.00 元（在职 3000元以上至5000元 1%）'],
      ['党费标准 3000.01', '月收入 3000.01 元（在职）：每月 30.00 元（在职 3000元以上至5000元 1%）'],
      ['党费标准 6000 退休', '月收入 6000.00 元（离退休）：每月 60.00 元（离退休 5000元以上 1%）'],
      ['党费标准 学生', '学生：每月 0.20 元（学生 每月0.2元）'],
      ['党费标准 5000 个体', '上季度月均收入 5000.00 元（个体）：每月 50.00 元（个体 上季度月均 3000元以上至5000元 1%）'],
    ])('GIVEN %j in the group THEN anyone, even unregistered, gets the general answer there', async (command, expected) => {
      const stranger = bench.person('路人')
      const replies = await branch.replies(stranger, command)
      expect(replies.map((r) => r.privateTo)).toEqual([undefined])
      expect(replies[0]!.text.split('\n')[0]).toBe(expected)
    })

    it('GIVEN it is asked privately THEN it is answered privately', async () => {
      expect(await bench.dm(zhang, '党费标准 12000')).toEqual([expect.stringContaining('每月 240.00 元（在职 10000元以上 2%）')])
    })

    it.each<[string, string]>([
      ['党费标准 abc', '看不懂收入「abc」'],
      ['党费标准 -5', '看不懂收入「-5」'],
      ['党费标准 五千', '看不懂收入「五千」'],
      ['党费标准 5000 干部', '看不懂类别「干部」'],
      ['党费标准 5000 困难', '困难党员的党费由支部研究'],
      ['党费标准 离退休', '请写上月收入'],
    ])('GIVEN %j THEN a clear message and the form', async (command, expected) => {
      const [reply] = await bench.dm(zhang, command)
      expect(reply).toContain(expected)
    })

    it('GIVEN no income THEN the dispatcher gives the form', async () => {
      expect(await bench.dm(zhang, '党费标准')).toEqual([expect.stringContaining('格式：党费标准 <月收入> [类别]')])
    })
  })

  describe('核定党费', () => {
    it('GIVEN the 组织委员 assesses from an income THEN the group hears no amount, the officer and the member are told privately, and it is audited', async () => {
      const { group, dm } = await say(organiser, '核定党费 @张三 收入 5100')
      expect(group).toEqual([groupHears.assessed('张三')])
      expect(dm(organiser)).toEqual(['已为 张三 核定党费：自 2026年11月起每月 76.50 元。\n依据：月收入 5100.00 元，在职 5000元以上至10000元 1.5%'])
      expect(dm(zhang)).toEqual([expect.stringMatching(/^张三，你的党费已核定：自 2026年11月起每月 76\.50 元（在职 5000元以上至10000元 1\.5%）。\n党费请交到支部党费专户/)])
      expect(dm(zhang)[0]).not.toContain('5100')

      const rows = await bench.db.duesAssessment.findMany({ select: { fromMonth: true, monthlyFen: true, category: true, incomeFen: true, byContactId: true } })
      expect(rows).toEqual([{ fromMonth: '2026-11', monthlyFen: 7650, category: '在职', incomeFen: 510_000, byContactId: organiser.contactId }])
      const audit = await bench.db.auditLog.findMany({ where: { action: 'dues.assess' } })
      expect(audit).toEqual([expect.objectContaining({ actorContactId: organiser.contactId, targetContactId: zhang.contactId })])
      expect(JSON.parse(audit[0]!.detail)).toMatchObject({ fromMonth: '2026-11', monthlyFen: 7650 })
    })

    it('GIVEN the branch is newly assessed THEN its collection-day job is scheduled for 5 December 09:00', async () => {
      await say(organiser, '核定党费 @张三 收入 5100')
      const org = await bench.db.organization.findFirstOrThrow({ where: { name: '第一党支部' } })
      expect(await bench.db.job.findMany({ select: { kind: true, key: true, dueAt: true, state: true } })).toEqual([
        { kind: 'dues.monthly', key: `dues:${org.id}:2026-12`, dueAt: new Date('2026-12-05T09:00:00+08:00'), state: 'pending' },
      ])
    })

    it('GIVEN a fixed amount, a category, and a hardship exemption THEN each is stored with its rule', async () => {
      expect((await say(secretary, '核定党费 @张三 50')).group).toEqual([groupHears.assessed('张三')])
      expect((await say(secretary, '核定党费 @李四 0 困难')).dm(li)[0]).toContain('每月 0.00 元（困难 免交（上级党委批准））')
      expect((await say(secretary, '核定党费 @李组织 收入 6000 离退休')).dm(organiser)[0]).toContain('每月 60.00 元（离退休 5000元以上 1%）')
      const rows = await bench.db.duesAssessment.findMany({ orderBy: { id: 'asc' }, select: { monthlyFen: true, category: true, incomeFen: true, rule: true } })
      expect(rows).toEqual([
        { monthlyFen: 5000, category: '在职', incomeFen: null, rule: '在职 支部核定' },
        { monthlyFen: 0, category: '困难', incomeFen: null, rule: '困难 免交（上级党委批准）' },
        { monthlyFen: 6000, category: '离退休', incomeFen: 600_000, rule: '离退休 5000元以上 1%' },
      ])
    })

    it('GIVEN a probationary member assessed 从 2026-09 THEN dues are owed from September', async () => {
      const { dm } = await say(organiser, '核定党费 @王五 收入 3000 从 2026-09')
      expect(dm(organiser)[0]).toContain('预备党员，自 2026年9月起交纳党费。')
      expect((await member(wang)).duesFrom).toBe('2026-09')
      expect(await bench.db.duesAssessment.findFirstOrThrow({ select: { fromMonth: true, monthlyFen: true } })).toEqual({ fromMonth: '2026-09', monthlyFen: 1500 })
      const mine = await bench.dm(wang, '我的党费')
      expect(mine[0]).toContain('未交：9月至11月，共 45.00 元')
    })

    it('GIVEN an assessment from more than 6 months back THEN 我的党费 separates what can no longer be paid', async () => {
      await say(organiser, '核定党费 @张三 收入 5100 从 2026-04')
      const [mine] = await bench.dm(zhang, '我的党费')
      expect(mine).toContain('未交：5月至11月，共 535.50 元')
      expect(mine).toContain('4月已超过 6 个月补交期限，不能再补交，请联系组织委员说明情况。')
    })

    it('GIVEN a raise applied 从 a later month THEN earlier months keep the old amount', async () => {
      await say(organiser, '核定党费 @张三 收入 5100 从 2026-09')
      await say(organiser, '核定党费 @张三 收入 12000 从 2026-11 确认') // more than ×3: confirmed
      const [mine] = await bench.dm(zhang, '我的党费')
      expect(mine).toContain('核定：自 2026年11月起每月 240.00 元')
      expect(mine).toContain('未交：9月至11月，共 393.00 元') // 76.50 + 76.50 + 240.00
      expect(await bench.db.duesAssessment.count()).toBe(2) // history kept
    })

    it('GIVEN a plain member or the 宣传委员 (an officer, but not for dues) THEN 核定党费 is refused with 无权 and nothing is written', async () => {
      for (const asker of [li, publicity]) {
        expect((await say(asker, '核定党费 @张三 收入 5100')).group).toEqual([expect.stringContaining('无权')])
      }
      expect(await bench.db.duesAssessment.count()).toBe(0)
      expect(await bench.db.job.count()).toBe(0)
    })

    it.each<[string, string]>([
      ['核定党费 @赵六 20', '赵六 是入党积极分子，还不交党费'],
      ['核定党费 @张三 收入 abc', '看不懂收入「abc」'],
      ['核定党费 @张三 七十', '看不懂金额「七十」'],
      ['核定党费 @张三 收入 5100 从 明年', '看不懂月份「明年」'],
      ['核定党费 @张三 收入 5100 从 9-11月', '这里请只写一个月'],
      ['核定党费 @张三 收入 5100 干部', '看不懂类别「干部」'],
      ['核定党费 @张三', '格式：核定党费'],
      ['核定党费 76.50', '请 @ 要操作的人'],
    ])('GIVEN %j THEN %s and nothing is written', async (command, expected) => {
      expect((await say(organiser, command)).group).toEqual([expect.stringContaining(expected)])
      expect(await bench.db.duesAssessment.count()).toBe(0)
    })
  })

  describe('收党费, 交党费, 确认党费', () => {
    beforeEach(async () => {
      await say(organiser, '核定党费 @张三 收入 5100 从 2026-09')
      await say(organiser, '核定党费 @李四 收入 5100')
    })

    it('GIVEN 收党费 THEN confirmed at once, the group hears no amount, both are told privately that the money goes to the account, and it is audited', async () => {
      const { group, dm } = await say(organiser, '收党费 @张三 76.50')
      expect(group).toEqual([groupHears.recorded('张三', '11月')])
      expect(dm(organiser)).toEqual(['已记录 张三 11月党费 76.50 元（已确认）。\n党费请交到支部党费专户，本助手只记账、不经手钱款。'])
      expect(dm(zhang)).toEqual(['李组织 已为你登记 11月党费 76.50 元。'])
      expect(await paymentsOf(zhang)).toEqual([{ month: '2026-11', amountFen: 7650, status: 'confirmed', toCentre: false }])
      const audit = await bench.db.auditLog.findMany({ where: { action: 'dues.collect' } })
      expect(audit).toEqual([expect.objectContaining({ actorContactId: organiser.contactId, targetContactId: zhang.contactId })])
    })

    it('GIVEN a range THEN the amount is split evenly over the months', async () => {
      expect((await say(organiser, '收党费 @张三 229.50 9-11月')).group).toEqual([groupHears.recorded('张三', '9月至11月')])
      expect((await paymentsOf(zhang)).map((p) => [p.month, p.amountFen])).toEqual([
        ['2026-09', 7650],
        ['2026-10', 7650],
        ['2026-11', 7650],
      ])
    })

    it('GIVEN an amount that does not match THEN it is accepted with the difference, in private only', async () => {
      const one = await say(organiser, '收党费 @张三 80 11月')
      expect(one.group).toEqual([groupHears.recorded('张三', '11月')])
      expect(one.dm(organiser)[0]).toContain('与核定金额 76.50 元/月相差 3.50 元（多交）。')
      expect(one.dm(zhang)[0]).toContain('与核定金额 76.50 元/月相差 3.50 元（多交）。')

      const three = await say(secretary, '收党费 @张三 100 9至10月')
      expect(three.group).toEqual([groupHears.recorded('张三', '9月至10月')])
      expect(three.dm(secretary)[0]).toContain('与核定金额 76.50 元/月（2 个月共 153.00 元）相差 53.00 元（少交）。')
      expect((await paymentsOf(zhang)).map((p) => [p.month, p.amountFen])).toEqual([
        ['2026-09', 5000],
        ['2026-10', 5000],
        ['2026-11', 8000],
      ])
      const unassessed = await say(organiser, '收党费 @张三 76.50 2026-08')
      expect(unassessed.dm(organiser)[0]).toContain('8月尚未核定党费，金额无从核对。')
      const ahead = await say(organiser, '收党费 @李四 100 12月')
      expect(ahead.dm(organiser)[0]).toContain('与核定金额 76.50 元/月相差 23.50 元（多交）')
    })

    it('GIVEN a payment more than 6 months back THEN it is refused with the rule and nothing is written', async () => {
      const { group } = await say(organiser, '收党费 @张三 76.50 2026-04')
      expect(group).toEqual(['补交最多 6 个月（中组发〔2008〕3号）：4月 已超过补交期限，现在最早可补交 5月。'])
      expect((await say(organiser, '收党费 @张三 535.50 2026-04至2026-10')).group[0]).toContain('补交最多 6 个月')
      expect((await say(zhang, '交党费 76.50 2026年4月')).group[0]).toContain('补交最多 6 个月')
      expect(await paymentsOf(zhang)).toEqual([])
      expect((await say(organiser, '收党费 @张三 76.50 5月')).group).toEqual([groupHears.recorded('张三', '5月')])
    })

    it('GIVEN 1000 元 or more paid at once THEN it is recorded toCentre and flagged 上缴中央 in private', async () => {
      const { group, dm } = await say(organiser, '收党费 @张三 1000 11月')
      expect(group).toEqual([groupHears.recorded('张三', '11月')])
      expect(dm(organiser)[0]).toContain('上缴中央')
      expect(dm(zhang)[0]).toContain('上缴中央')
      expect(await paymentsOf(zhang)).toEqual([{ month: '2026-11', amountFen: 100_000, status: 'confirmed', toCentre: true }])

      const below = await say(li, '交党费 999.99')
      expect(below.dm(li)[0]).not.toContain('上缴中央')
      expect((await paymentsOf(li))[0]!.toCentre).toBe(false)
    })

    it('GIVEN a month already recorded THEN it is not recorded twice', async () => {
      await say(organiser, '收党费 @张三 76.50 11月')
      expect((await say(organiser, '收党费 @张三 153 10-11月')).group).toEqual(['张三 11月的党费已经记录过了，无需重复登记。'])
      expect(await paymentsOf(zhang)).toHaveLength(1)
    })

    it('GIVEN a member reports their own payment THEN it waits, the 组织委员 is told privately, and 确认党费 confirms it', async () => {
      const reported = await say(zhang, '交党费 153 10-11月')
      expect(reported.group).toEqual([groupHears.reported('张三', '10月至11月')])
      expect(reported.dm(zhang)[0]).toContain('已记录你自报的 10月至11月党费 153.00 元，等待组织委员核对确认。')
      expect(reported.dm(organiser)).toEqual(['张三 自报已交 10月至11月党费 153.00 元。请核对党费专户到账后发：确认党费 @张三 10月至11月'])
      expect(reported.dm(secretary)).toEqual([])
      expect((await paymentsOf(zhang)).map((p) => p.status)).toEqual(['pending', 'pending'])

      expect((await say(zhang, '交党费 76.50 11月')).group).toEqual(['你已自报 11月党费，等待组织委员确认，无需重复。'])
      expect((await say(organiser, '收党费 @张三 76.50 11月')).group).toEqual(['张三 已自报 11月党费，等待确认。请发：确认党费 @张三 11月'])

      const confirmed = await say(organiser, '确认党费 @张三 11月')
      expect(confirmed.group).toEqual(['已确认 张三 11月党费，详情已私信'])
      expect(confirmed.dm(zhang)).toEqual(['你的 11月党费 76.50 元 已由 李组织 确认。'])
      expect((await paymentsOf(zhang)).map((p) => [p.month, p.status])).toEqual([
        ['2026-10', 'pending'],
        ['2026-11', 'confirmed'],
      ])
      expect((await say(organiser, '确认党费 @张三')).group).toEqual(['已确认 张三 10月党费，详情已私信'])
      expect((await say(organiser, '确认党费 @张三')).group).toEqual(['张三 没有待确认的党费。'])
      expect(await bench.db.auditLog.count({ where: { action: 'dues.confirm' } })).toBe(2)
    })

    it('GIVEN the branch has no 组织委员 THEN a member report goes to the 书记', async () => {
      expect(await branch.ask(secretary, '免去 @李组织 组织委员')).toContain('已免去')
      const reported = await say(zhang, '交党费 76.50')
      expect(reported.dm(secretary)).toEqual([expect.stringContaining('张三 自报已交 11月党费 76.50 元')])
      expect(reported.dm(organiser)).toEqual([])
    })

    it('GIVEN a plain member or the 宣传委员 THEN 收党费 and 确认党费 are refused with 无权', async () => {
      expect((await say(li, '收党费 @张三 76.50')).group).toEqual([expect.stringContaining('无权')])
      expect((await say(publicity, '收党费 @张三 76.50')).group).toEqual([expect.stringContaining('无权')])
      expect((await say(li, '确认党费 @张三')).group).toEqual([expect.stringContaining('无权')])
      expect(await bench.db.duesPayment.count()).toBe(0)
    })

    it.each<[string, string]>([
      ['收党费 @张三 abc', '看不懂金额「abc」'],
      ['收党费 @张三 0', '看不懂金额「0」'],
      ['收党费 @张三 76.50 上个月', '看不懂月份「上个月」'],
      ['收党费 @张三 76.50 11-9月', '月份「11-9月」前后颠倒了'],
      ['收党费 @张三 999 2026-01至2027-01', '一次最多登记 12 个月'],
      ['收党费 @张三 76.50 2027-12', '最多预交一年以内'],
      ['收党费 @张三', '格式：收党费'],
    ])('GIVEN %j THEN %s and nothing is written', async (command, expected) => {
      expect((await say(organiser, command)).group).toEqual([expect.stringContaining(expected)])
      expect(await bench.db.duesPayment.count()).toBe(0)
    })
  })

  describe('我的党费 and 党费情况, answered privately', () => {
    beforeEach(async () => {
      await say(organiser, '核定党费 @张三 收入 5100 从 2026-09')
      await say(organiser, '核定党费 @李四 收入 5100')
      await say(organiser, '核定党费 @王五 收入 3000')
      await say(organiser, '收党费 @张三 153 9-10月')
      await say(organiser, '收党费 @李四 76.50')
      await say(wang, '交党费 15')
    })

    it('GIVEN 我的党费 in the group THEN the group hears 已私信你 and the member gets the details privately', async () => {
      const { group, dm } = await say(zhang, '我的党费')
      expect(group).toEqual(['已私信你'])
      expect(dm(zhang)).toEqual([
        [
          '我的党费（第一党支部）',
          '核定：自 2026年9月起每月 76.50 元（在职 5000元以上至10000元 1.5%）',
          '2026年已交：9月至10月，共 153.00 元',
          '未交：11月，共 76.50 元',
          '党费请交到支部党费专户，本助手只记账、不经手钱款。交后发「交党费 <金额> [月份]」登记。',
        ].join('\n'),
      ])
    })

    it('GIVEN 我的党费 in a private chat THEN it is answered there', async () => {
      expect(await bench.dm(li, '我的党费')).toEqual([expect.stringContaining('2026年已交：11月，共 76.50 元\n没有欠交，谢谢！')])
      expect(await bench.dm(wang, '我的党费')).toEqual([expect.stringContaining('待组织委员确认：11月')])
      expect(await bench.dm(zhao, '我的党费')).toEqual([expect.stringContaining('你的党费还没有核定')])
      expect(await bench.dm(bench.person('路人'), '我的党费')).toEqual([expect.stringContaining('你还没有在任何组织登记')])
    })

    it('GIVEN an unregistered person asks 我的党费 in the group THEN they are told to register', async () => {
      const stranger = bench.person('路人')
      expect(await branch.say(stranger, '我的党费')).toEqual([expect.stringContaining('你还没有登记')])
    })

    it('GIVEN the 组织委员 asks 党费情况 in the group THEN the group hears only counts and the names and total come privately', async () => {
      const { group, dm } = await say(organiser, '党费情况')
      expect(group).toEqual(['11月党费：已交 1 人，待确认 1 人，未交 1 人。详情已私信'])
      expect(dm(organiser)).toEqual([
        ['「第一党支部」11月党费', '已交 1 人：李四', '待确认 1 人：王五', '未交 1 人：张三', '未核定 3 人：王书记、李组织、陈宣传', '本月已收（已确认）：76.50 元'].join(
          '\n',
        ),
      ])
    })

    it('GIVEN 党费情况 for another month THEN that month is counted', async () => {
      const { group, dm } = await say(secretary, '党费情况 10月')
      expect(group).toEqual(['10月党费：已交 1 人，未交 0 人。详情已私信'])
      expect(dm(secretary)[0]).toContain('本月已收（已确认）：76.50 元')
    })

    it('GIVEN a plain member asks 党费情况 THEN 无权… and nothing private', async () => {
      const replies = await branch.replies(zhang, '党费情况')
      expect(replies).toEqual([{ text: expect.stringMatching(/^无权/) }])
      groupTexts.push(...replies.map((r) => r.text))
    })
  })
})
