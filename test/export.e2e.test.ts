import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { LIVE_ADMIN_TOKEN, LiveBot } from './support/live-bot.js'

/** 导出 in the simulator: the file reaches the officer's private chat and is served at its URL. */
describe('an Excel export through Wechaty and the simulator', () => {
  let live: LiveBot
  beforeAll(async () => {
    live = await LiveBot.start()
  })
  afterAll(() => live.stop())

  it('GIVEN 导出 考勤 本月 in the group THEN the officer privately gets an xlsx that reads back with the expected rows', async () => {
    const { sim } = live
    const secretary = sim.createContact('王书记').id
    const zhang = sim.createContact('张三').id
    const room = sim.createGroup('第一党支部', [secretary, zhang]).id
    await live.askPrivately(secretary, `认证 ${LIVE_ADMIN_TOKEN}`)
    await live.ask(room, secretary, '绑定 第一党支部')
    await live.ask(room, secretary, '登记 王书记')
    await live.ask(room, zhang, '登记 张三')
    const db = live.zhibu.db
    const member = await db.member.findFirstOrThrow({ where: { contactId: zhang } })
    const at = new Date('2026-11-20T19:00:00+08:00')
    const meeting = await db.meeting.create({ data: { orgId: member.orgId, type: '党课', startsAt: at, status: 'closed', closedAt: at, createdByContactId: secretary, createdAt: at } })
    await db.attendance.create({ data: { meetingId: meeting.id, memberId: member.id, status: 'present', at, byContactId: zhang } })

    expect(await live.ask(room, secretary, '导出 考勤 本月')).toBe('@王书记 已生成「第一党支部-考勤-2026年11月.xlsx」，已私信发给你。')
    const [text, file] = await live.waitForBot(secretary, 3).then((m) => m.slice(1))
    expect(text!.text).toBe('已生成「第一党支部-考勤-2026年11月.xlsx」，请查收。')
    expect(file!.file!.name).toBe('第一党支部-考勤-2026年11月.xlsx')

    const response = await fetch(live.url + file!.file!.url)
    expect(response.status).toBe(200)
    const book = new ExcelJS.Workbook()
    await book.xlsx.load(Buffer.from(await response.arrayBuffer()) as never)
    const rows = book.getWorksheet('明细')!.getSheetValues().slice(2).map((r) => (r as unknown[]).slice(1))
    expect(rows).toEqual([['第一党支部', '张三', `#${meeting.id}`, '党课', '2026-11-20 19:00', '出席', '']])
    expect(book.getWorksheet('汇总')!.getRow(2).values).toEqual([undefined, '第一党支部', '2026年11月', 1, 1, 1, 0, 0, 0, '100%'])
  })
})
