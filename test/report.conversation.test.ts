import ExcelJS from 'exceljs'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Reply } from '../src/chat/reply.js'
import { ADMIN_TOKEN, Bench, type Group, type Person } from './support/conversation.js'

/** Reads an exported workbook back: sheet name → rows of cell values. */
async function readBook(reply: Reply): Promise<Record<string, unknown[][]>> {
  const book = new ExcelJS.Workbook()
  await book.xlsx.load(Buffer.from(reply.file!.base64, 'base64') as never)
  return Object.fromEntries(book.worksheets.map((sheet) => [sheet.name, sheet.getSheetValues().slice(1).map((row) => (row as unknown[]).slice(1))]))
}

describe('考勤, 统计 and 导出 over a street committee and its branches', () => {
  let bench: Bench
  let admin: Person, streetSecretary: Person, secretaryA: Person, zhang: Person, li: Person, wang: Person, zhao: Person, sun: Person, zhou: Person
  let street: Group, branchA: Group, branchB: Group

  /** A closed meeting with one attendance row per [person, status, reason?]. */
  const meeting = async (group: Group, type: string, startsAt: string, rows: Array<[Person, string, string?]>) => {
    const org = (await bench.db.groupBinding.findUniqueOrThrow({ where: { roomId: group.roomId } })).orgId
    const m = await bench.db.meeting.create({
      data: { orgId: org, type, startsAt: new Date(startsAt), status: 'closed', closedAt: new Date(startsAt), topic: '学习党章', createdByContactId: 'x', createdAt: new Date(startsAt) },
    })
    for (const [person, status, reason] of rows) {
      const member = await bench.db.member.findFirstOrThrow({ where: { orgId: org, contactId: person.contactId } })
      await bench.db.attendance.create({ data: { meetingId: m.id, memberId: member.id, status, reason: reason ?? null, at: new Date(startsAt), byContactId: 'x' } })
    }
    return m.id
  }
  const memberId = async (person: Person) => (await bench.db.member.findFirstOrThrow({ where: { contactId: person.contactId } })).id

  beforeEach(async () => {
    bench = await Bench.start()
    ;[admin, streetSecretary, secretaryA, zhang, li, wang, zhao, sun, zhou] = ['管理员', '街道书记', '甲书记', '张三', '李四', '王五', '赵六', '孙七', '周八'].map((n) => bench.person(n)) as Person[] as [Person, Person, Person, Person, Person, Person, Person, Person, Person]
    street = bench.group('外滩街道党委', [admin, streetSecretary])
    branchA = bench.group('第一党支部', [admin, secretaryA, zhang, li, wang, zhao])
    branchB = bench.group('第二党支部', [admin, sun, zhou])
    await bench.dm(admin, `认证 ${ADMIN_TOKEN}`)
    await street.ask(admin, '绑定 外滩街道党委 党委')
    await street.ask(streetSecretary, '登记 街道书记')
    await street.ask(admin, '任命 @街道书记 书记')
    await branchA.ask(admin, '绑定 第一党支部 上级 外滩街道党委')
    await branchB.ask(admin, '绑定 第二党支部 上级 外滩街道党委')
    for (const p of [secretaryA, zhang, li, wang, zhao]) await branchA.ask(p, `登记 ${p.name}`)
    for (const p of [sun, zhou]) await branchB.ask(p, `登记 ${p.name}`)
    await branchA.ask(admin, '任命 @甲书记 书记')
    await meeting(branchA, '党课', '2026-11-10T19:00:00+08:00', [[zhang, 'present'], [li, 'late'], [wang, 'leave', '出差'], [zhao, 'absent']])
    await meeting(branchA, '支委会', '2026-11-20T19:00:00+08:00', [[zhang, 'present'], [li, 'present'], [wang, 'absent'], [zhao, 'present']])
    await meeting(branchA, '党课', '2026-10-10T19:00:00+08:00', [[zhang, 'absent']]) // last month: not in 本月
    await meeting(branchB, '主题党日', '2026-11-15T09:00:00+08:00', [[sun, 'present'], [zhou, 'absent']])
  })
  afterEach(() => bench.close())

  it('GIVEN a branch secretary asks 考勤 本月 THEN the group sees totals only and each member line comes privately', async () => {
    const replies = await branchA.replies(secretaryA, '考勤 本月')
    expect(replies).toHaveLength(2)
    expect(replies[0]!.privateTo).toBeUndefined()
    expect(replies[0]!.text).toContain('「第一党支部」2026年11月考勤：会议 2 次，应到 8 人次，实到 5（迟到 1），请假 1，缺席 2，出勤率 63%')
    expect(replies[0]!.text).not.toMatch(/张三|李四|王五|赵六/)
    expect(replies[1]!.privateTo).toBe(secretaryA.contactId)
    expect(replies[1]!.text).toContain('· 张三：2/2/0/0，100%')
    expect(replies[1]!.text).toContain('· 王五：2/0/1/1，0%')
    expect(replies[1]!.text).toContain('· 赵六：2/1/0/1，50%')
  })

  it('GIVEN 考勤 上月 @张三 THEN one person\'s record goes privately', async () => {
    const [reply] = await branchA.replies(secretaryA, '考勤 上月 @张三')
    expect(reply!.privateTo).toBe(secretaryA.contactId)
    expect(reply!.text).toContain('张三 2026年10月：应到 1，实到 0，请假 0，缺席 1，出勤率 0%')
  })

  it('GIVEN a plain member, a sibling branch\'s secretary, or a bad period THEN refused and nothing is counted for them', async () => {
    expect(await branchA.say(zhang, '考勤 本月')).toEqual([expect.stringContaining('无权')])
    expect(await branchB.say(secretaryA, '考勤 本月')).toEqual([expect.stringContaining('无权')])
    expect(await branchA.say(secretaryA, '考勤 明年')).toEqual(['看不懂期间「明年」。可以写：本月、上月、本季度、上季度、本年、去年，或 2026-11。'])
  })

  it('GIVEN the street secretary THEN 考勤 covers every branch below and 统计 has one row per branch and the total', async () => {
    const [summary, perBranch] = await street.replies(streetSecretary, '考勤 本月')
    expect(summary!.text).toContain('会议 3 次，应到 10 人次，实到 6（迟到 1），请假 1，缺席 3，出勤率 60%')
    expect(perBranch!.privateTo).toBe(streetSecretary.contactId)
    expect(perBranch!.text).toContain('· 第一党支部：8/5/1/2，63%')
    expect(perBranch!.text).toContain('· 第二党支部：2/1/0/1，50%')
    expect(perBranch!.text).not.toContain('张三')

    const dues = async (person: Person, paid: boolean) => {
      const id = await memberId(person)
      await bench.db.duesAssessment.create({ data: { memberId: id, fromMonth: '2026-01', monthlyFen: 7650, category: '在职', rule: 'x', byContactId: 'x', createdAt: new Date() } })
      if (paid) await bench.db.duesPayment.create({ data: { memberId: id, month: '2026-11', amountFen: 7650, status: 'confirmed', byContactId: 'x', createdAt: new Date() } })
    }
    await dues(zhang, true)
    await dues(li, false)
    await bench.db.studyLog.create({ data: { memberId: await memberId(zhang), content: '学习党章', minutes: 300, source: 'self', at: new Date('2026-11-12T20:00:00+08:00') } })

    const card = await street.ask(streetSecretary, '统计 本月')
    expect(card).toContain('「外滩街道党委」2026年11月工作统计')
    expect(card).toContain('· 第一党支部（5人）：会议 2｜')
    expect(card).toContain('出勤 63%｜党费 50%｜学时 1｜')
    expect(card).toContain('· 第二党支部（2人）：会议 1｜')
    expect(card).toMatch(/· 合计（8人）：会议 3｜.*出勤 60%｜党费 50%/)
  })

  it('GIVEN 导出 考勤 本月 THEN the officer gets an xlsx privately with a summary and a detail sheet', async () => {
    const replies = await street.replies(streetSecretary, '导出 考勤 本月')
    expect(replies[0]).toEqual({ text: '已生成「外滩街道党委-考勤-2026年11月.xlsx」，已私信发给你。', mentionIds: [streetSecretary.contactId] })
    const file = replies[1]!
    expect(file.privateTo).toBe(streetSecretary.contactId)
    expect(file.file!.name).toBe('外滩街道党委-考勤-2026年11月.xlsx')
    const book = await readBook(file)
    expect(book['汇总']![0]).toEqual(['组织', '期间', '会议次数', '应到', '实到', '迟到', '请假', '缺席', '出勤率'])
    expect(book['汇总']).toContainEqual(['第一党支部', '2026年11月', 2, 8, 5, 1, 1, 2, '63%'])
    expect(book['汇总']).toContainEqual(['合计', '2026年11月', 3, 10, 6, 1, 1, 3, '60%'])
    expect(book['明细']).toContainEqual(['第一党支部', '王五', '#1 学习党章', '党课', '2026-11-10 19:00', '请假', '出差'])
    expect(book['明细']).toHaveLength(1 + 10)
  })

  it('GIVEN 导出 活动 #n and 导出 会议 #n THEN the roster and the meeting record come as files; a number from another branch is refused', async () => {
    const created = await branchA.ask(secretaryA, '发起活动 志愿服务 时间 下周六上午9点 名额 1')
    const id = Number(/#(\d+)/.exec(created)![1])
    await branchA.ask(zhang, '报名')
    await branchA.ask(li, '报名')
    const activityBook = await readBook((await branchA.replies(secretaryA, `导出 活动 #${id}`))[1]!)
    expect(activityBook['活动']).toContainEqual(['已报名', 1])
    expect(activityBook['报名明细']!.map((r) => [r[0], r[1]])).toEqual([['姓名', '状态'], ['张三', '已报名'], ['李四', '候补']])

    const meetingBook = await readBook((await branchA.replies(secretaryA, '导出 会议 #1'))[1]!)
    expect(meetingBook['会议记录']).toContainEqual(['应到', 4])
    expect(meetingBook['会议记录']).toContainEqual(['实到', 2])
    expect(meetingBook['签到明细']).toContainEqual(['王五', '请假', '出差', '2026-11-10 19:00'])

    expect(await branchB.say(admin, '导出 会议 #1')).toEqual([expect.stringContaining('本组织没有编号为 #1 的会议')])
    expect(await branchA.say(secretaryA, '导出 活动')).toEqual([expect.stringContaining('格式')])
  })

  it('GIVEN 导出 党费 本月 THEN each assessed member and month is a row, paid or not', async () => {
    const id = await memberId(zhang)
    await bench.db.duesAssessment.create({ data: { memberId: id, fromMonth: '2026-10', monthlyFen: 7650, category: '在职', rule: 'x', byContactId: 'x', createdAt: new Date() } })
    await bench.db.duesPayment.create({ data: { memberId: id, month: '2026-10', amountFen: 7650, status: 'confirmed', byContactId: 'x', createdAt: new Date() } })
    const book = await readBook((await branchA.replies(secretaryA, '导出 党费 本季度'))[1]!)
    expect(book['明细']).toEqual([
      ['组织', '姓名', '月份', '核定金额(元)', '已交金额(元)', '状态'],
      ['第一党支部', '张三', '2026-10', 76.5, 76.5, '已交'],
      ['第一党支部', '张三', '2026-11', 76.5, 0, '未交'],
    ])
    expect(book['汇总']).toContainEqual(['第一党支部', '2026年第4季度', 2, 1, 153, 76.5, '50%'])
  })
})
