import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { sayIn } from './support/dues.js'
import { Bench, type Group, type Person } from './support/conversation.js'

/** Amounts and incomes typed in these tests, and any amount in 元: none may appear in a group reply (8800 is the usage example's). */
const MONEY = /\d[\d,]*(?:\.\d+)?\s*元|132|1200|5100|30000|76\.5/

/** 核定党费 amounts that cannot be mistaken: nothing is written until the form is unambiguous. */
describe('核定党费: an income typed as an amount, and a change beyond ×3, are asked about, not saved', () => {
  let bench: Bench
  let secretary: Person, zhang: Person
  let branch: Group
  let groupTexts: string[]

  beforeEach(async () => {
    bench = await Bench.start()
    groupTexts = []
    secretary = bench.person('王书记')
    zhang = bench.person('张三')
    branch = await bench.branch('第一党支部群', '第一党支部', bench.person('管理员'), secretary, [zhang])
  })
  afterEach(async () => {
    for (const text of groupTexts) expect(text, 'a group reply').not.toMatch(MONEY)
    await bench.close()
  })

  const say = (who: Person, text: string) => sayIn(branch, groupTexts, who, text)
  const assessments = () => bench.db.duesAssessment.findMany({ orderBy: { id: 'asc' }, select: { monthlyFen: true, incomeFen: true } })

  it('GIVEN 核定党费 @张三 8800 THEN nothing is written and the bot asks whether it is the income or the monthly dues', async () => {
    const { group, dm } = await say(secretary, '核定党费 @张三 8800')
    expect(group).toEqual([
      ['没有保存：这个数比常见的每月党费大得多，是 张三 的税后月收入，还是每月党费？', '是月收入请发：核定党费 @张三 收入 <月收入>', '确是每月党费请发：核定党费 @张三 党费 <金额>'].join('\n'),
    ])
    expect(dm(zhang)).toEqual([])
    expect(await assessments()).toEqual([])
    expect(await bench.db.job.count()).toBe(0)
    expect(await bench.db.auditLog.count({ where: { action: 'dues.assess' } })).toBe(0)
    // 确认 does not say which of the two it is.
    expect((await say(secretary, '核定党费 @张三 8800 确认')).group[0]).toContain('没有保存')
    expect(await assessments()).toEqual([])
  })

  it('GIVEN 核定党费 @张三 收入 8800 THEN 132.00 a month', async () => {
    const { dm } = await say(secretary, '核定党费 @张三 收入 8800')
    expect(dm(secretary)[0]).toContain('每月 132.00 元')
    expect(await assessments()).toEqual([{ monthlyFen: 13_200, incomeFen: 880_000 }])
  })

  it('GIVEN the explicit form 党费 THEN the number is the monthly dues, even above the ceiling', async () => {
    expect((await say(secretary, '核定党费 @张三 党费 132')).dm(zhang)[0]).toContain('每月 132.00 元')
    expect((await say(secretary, '核定党费 @张三 党费 132 离退休 从 2026-12')).dm(secretary)[0]).toContain('自 2026年12月起每月 132.00 元')
    expect((await say(secretary, '核定党费 @张三 党费 1200 确认')).dm(secretary)[0]).toContain('每月 1200.00 元')
    expect(await assessments()).toEqual([
      { monthlyFen: 13_200, incomeFen: null },
      { monthlyFen: 13_200, incomeFen: null },
      { monthlyFen: 120_000, incomeFen: null },
    ])
  })

  it('GIVEN a new amount more than 3 times the last THEN nothing is written, the officer sees both amounts privately, and 确认 saves it', async () => {
    await say(secretary, '核定党费 @张三 收入 5100')
    const asked = await say(secretary, '核定党费 @张三 收入 30000')
    expect(asked.group).toEqual([expect.stringMatching(/^没有保存：张三 的每月党费与上次核定相差 3 倍以上，请核对，详情已私信\n提示：/)])
    expect(asked.dm(secretary)).toEqual([
      '没有保存：张三 上次核定每月 76.50 元，这次为每月 600.00 元，相差 3 倍以上。\n核对无误请在原命令末尾加「确认」重发，例如：核定党费 @张三 收入 <月收入> 确认',
    ])
    expect(asked.dm(zhang)).toEqual([])
    expect(await assessments()).toHaveLength(1)

    expect((await say(secretary, '核定党费 @张三 党费 20')).group[0]).toContain('相差 3 倍以上') // down, too
    expect((await say(secretary, '核定党费 @张三 收入 30000 确认')).dm(zhang)[0]).toContain('每月 600.00 元')
    expect(await assessments()).toEqual([
      { monthlyFen: 7_650, incomeFen: 510_000 },
      { monthlyFen: 60_000, incomeFen: 3_000_000 },
    ])
  })

  it.each(['核定党费 @张三 收入 8800 党费 132', '核定党费 @张三 收入 8800 在职 离退休', '核定党费 @张三 132 确认 在职'])(
    'GIVEN %j THEN the form, and nothing is written',
    async (command) => {
      expect((await say(secretary, command)).group).toEqual([expect.stringContaining('格式：核定党费')])
      expect(await assessments()).toEqual([])
    },
  )
})
