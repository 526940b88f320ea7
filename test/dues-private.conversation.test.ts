import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { Bench, type Group, type Person } from './support/conversation.js'

/**
 * Personal data never typed in a group: every dues command has a private form, the member named
 * instead of @-mentioned, the organisation the one where the asker holds the dues office.
 */
describe('dues in private chat: 核定党费 张三 收入 8800, 收党费 张三 76.50 11月, 交党费 88 11月', () => {
  let bench: Bench
  let admin: Person, secretary: Person, organiser: Person, zhang: Person, li: Person
  let branch: Group
  const assessments = () => bench.db.duesAssessment.findMany({ orderBy: { id: 'asc' }, select: { monthlyFen: true, incomeFen: true, byContactId: true } })
  const payments = () => bench.db.duesPayment.findMany({ orderBy: { id: 'asc' }, select: { month: true, amountFen: true, status: true, byContactId: true } })

  beforeEach(async () => {
    bench = await Bench.start()
    admin = bench.person('管理员')
    secretary = bench.person('王书记')
    organiser = bench.person('李组织')
    zhang = bench.person('张三')
    li = bench.person('李四')
    branch = await bench.branch('第一党支部群', '第一党支部', admin, secretary, [organiser, zhang, li])
    expect(await branch.say(secretary, '任命 @李组织 组织委员')).toEqual([expect.stringContaining('已任命')])
  })
  afterEach(() => bench.close())

  it('GIVEN the 组织委员 privately: 核定党费 张三 收入 8800 THEN 132.00, answered in the private chat, 张三 told privately, audited', async () => {
    const replies = await bench.send({ conversation: { kind: 'private', contactId: organiser.contactId }, sender: organiser, text: '核定党费 张三 收入 8800', mentions: [] })
    expect(replies).toEqual([
      { text: '已为 张三 核定党费：自 2026年11月起每月 132.00 元。\n依据：月收入 8800.00 元，在职 5000元以上至10000元 1.5%' },
      { privateTo: zhang.contactId, text: expect.stringContaining('你的党费已核定：自 2026年11月起每月 132.00 元') },
    ])
    expect(await assessments()).toEqual([{ monthlyFen: 13_200, incomeFen: 880_000, byContactId: organiser.contactId }])
    expect(await bench.db.auditLog.count({ where: { action: 'dues.assess', actorContactId: organiser.contactId, targetContactId: zhang.contactId } })).toBe(1)
    // The bare number and the ×3 rule apply privately too, and a habitual @ before the name is fine.
    expect(await bench.dm(organiser, '核定党费 @张三 8800')).toEqual([expect.stringContaining('是月收入请发')])
    expect(await bench.dm(organiser, '核定党费 张三 党费 800')).toEqual([expect.stringContaining('上次核定每月 132.00 元，这次为每月 800.00 元')])
    expect(await assessments()).toHaveLength(1)
  })

  it('GIVEN 收党费 张三 76.50 11月 and 确认党费 privately THEN recorded and confirmed, and the group saw nothing', async () => {
    await bench.dm(organiser, '核定党费 张三 收入 5100')
    expect(await bench.dm(organiser, '收党费 张三 76.50 11月')).toEqual([
      '已记录 张三 11月党费 76.50 元（已确认）。\n党费请交到支部党费专户，本助手只记账、不经手钱款。',
      '李组织 已为你登记 11月党费 76.50 元。',
    ])
    expect(await payments()).toEqual([{ month: '2026-11', amountFen: 7650, status: 'confirmed', byContactId: organiser.contactId }])

    // 张三 reports December privately; the 组织委员 confirms privately.
    const reported = await bench.send({ conversation: { kind: 'private', contactId: zhang.contactId }, sender: zhang, text: '交党费 76.50 12月', mentions: [] })
    expect(reported).toEqual([
      { text: expect.stringContaining('已记录你自报的 12月党费 76.50 元') },
      { privateTo: organiser.contactId, text: '张三 自报已交 12月党费 76.50 元。请核对党费专户到账后发：确认党费 @张三 12月' },
    ])
    expect(await bench.dm(organiser, '确认党费 张三 12月')).toEqual(['已确认 张三 12月党费，共 76.50 元。', '你的 12月党费 76.50 元 已由 李组织 确认。'])
    expect((await payments()).map((p) => [p.month, p.status])).toEqual([
      ['2026-11', 'confirmed'],
      ['2026-12', 'confirmed'],
    ])
    expect(await bench.dm(organiser, '党费情况 12月')).toEqual([expect.stringContaining('已交 1 人：张三')])
    expect(await bench.dm(secretary, '收缴日 10')).toEqual([expect.stringContaining('每月 10 日')])
  })

  it('GIVEN the group form with an amount THEN it still works, the group hears no amount and is told to use the private form next time', async () => {
    const replies = await branch.replies(organiser, '核定党费 @张三 收入 8800')
    const group = replies.filter((r) => !r.privateTo).map((r) => r.text)
    expect(group).toEqual(['已为 张三 核定党费，详情已私信\n提示：群里的人都能看到你输入的金额。下次请私信我：核定党费 张三 收入 <月收入>'])
    expect(group.join()).not.toMatch(/8800|132/)
    const paid = (await branch.replies(zhang, '交党费 132')).filter((r) => !r.privateTo).map((r) => r.text)
    expect(paid).toEqual(['已记录 张三 11月党费（待确认），详情已私信\n提示：群里的人都能看到你输入的金额。下次请私信我：交党费 <金额> [月份]'])
  })

  it('GIVEN two members named 张三 THEN the private form asks which, and 张三2 picks the second', async () => {
    const other = bench.person('张三')
    branch.people.push(other)
    expect(await branch.say(other, '登记 张三 预备党员 学生')).toEqual([expect.stringContaining('已登记')])
    expect(await bench.dm(organiser, '收党费 张三 76.50 11月')).toEqual([
      '有 2 位成员叫「张三」：张三1（正式党员，在职）；张三2（预备党员，学生）。请把名字写成 张三1、张三2 …… 重发。',
    ])
    expect(await payments()).toEqual([])
    expect(await bench.dm(organiser, '核定党费 张三2 党费 0.20')).toEqual([expect.stringContaining('已为 张三 核定党费：自 2026年11月起每月 0.20 元'), expect.any(String)])
    const second = await bench.db.member.findFirstOrThrow({ where: { contactId: other.contactId } })
    expect(await bench.db.duesAssessment.findMany({ select: { memberId: true } })).toEqual([{ memberId: second.id }])
    expect(await bench.dm(organiser, '收党费 钱七 76.50')).toEqual(['「第一党支部」没有名叫「钱七」的已登记成员。'])
  })

  it('GIVEN a plain member, or the name left out THEN refused privately and nothing is written', async () => {
    expect(await bench.dm(li, '收党费 张三 76.50')).toEqual([expect.stringMatching(/^无权/)])
    expect(await bench.dm(li, '核定党费 张三 收入 8800')).toEqual([expect.stringMatching(/^无权/)])
    expect(await bench.dm(organiser, '确认党费')).toEqual([expect.stringContaining('私信里请写上成员的名字')])
    expect(await bench.dm(bench.person('路人'), '交党费 88 11月')).toEqual([expect.stringContaining('你还没有登记')])
    expect(await payments()).toEqual([])
    expect(await assessments()).toEqual([])
  })
})
