import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Bench, FRIDAY_10AM, type Group, type Person } from './support/conversation.js'

/**
 * 属地管理 moves organisations, and reports for a period before a move count the organisation
 * under the parent it had then: a branch under street A from September, moved to street B on
 * 10 November, is A's in October's figures and B's in November's.
 */
describe('reports use the tree as it was in their period', () => {
  let bench: Bench
  let admin: Person, secretaryA: Person, secretaryB: Person, branchSecretary: Person, zhang: Person
  let streetA: Group, streetB: Group, branch: Group

  /** A closed meeting of the branch with one attendance row per person. */
  const meeting = async (startsAt: string, rows: Array<[Person, string]>) => {
    const orgId = (await bench.db.groupBinding.findUniqueOrThrow({ where: { roomId: branch.roomId } })).orgId
    const at = new Date(startsAt)
    const m = await bench.db.meeting.create({ data: { orgId, type: '党课', startsAt: at, status: 'closed', closedAt: at, topic: '学习党章', createdByContactId: 'x', createdAt: at } })
    for (const [person, status] of rows) {
      const member = await bench.db.member.findFirstOrThrow({ where: { orgId, contactId: person.contactId } })
      await bench.db.attendance.create({ data: { meetingId: m.id, memberId: member.id, status, at, byContactId: 'x' } })
    }
  }
  const privately = async (group: Group, who: Person, text: string) =>
    (await group.replies(who, text))
      .filter((r) => r.privateTo === who.contactId || !r.privateTo)
      .map((r) => r.text)
      .join('\n')

  beforeAll(async () => {
    bench = await Bench.start()
    ;[admin, secretaryA, secretaryB, branchSecretary, zhang] = ['管理员', '甲街道书记', '乙街道书记', '王书记', '张三'].map((n) => bench.person(n)) as [Person, Person, Person, Person, Person]
    bench.clock.set(new Date('2026-09-01T09:00:00+08:00'))
    streetA = await bench.branch('甲街道群', '甲街道党委', admin, secretaryA, [])
    streetB = await bench.branch('乙街道群', '乙街道党委', admin, secretaryB, [])
    branch = bench.group('第一支部群', [admin, branchSecretary, zhang])
    expect(await branch.ask(admin, '绑定 第一党支部 上级 甲街道党委')).toContain('本群已绑定到「第一党支部」')
    for (const p of [branchSecretary, zhang]) await branch.ask(p, `登记 ${p.name} 正式党员 在职`)
    await meeting('2026-10-15T19:00:00+08:00', [[branchSecretary, 'present'], [zhang, 'present']])

    bench.clock.set(new Date('2026-11-10T09:00:00+08:00'))
    expect((await branch.say(admin, '调整上级 乙街道党委'))[0]).toContain('已把「第一党支部」调整到上级「乙街道党委」之下')
    await meeting('2026-11-20T19:00:00+08:00', [[branchSecretary, 'present'], [zhang, 'absent']])
    bench.clock.set(FRIDAY_10AM)
  })
  afterAll(() => bench.close())

  it('GIVEN the move THEN its history is two periods, the first closed on the day of the move', async () => {
    const org = await bench.db.organization.findUniqueOrThrow({ where: { name: '第一党支部' } })
    const periods = await bench.db.orgParentPeriod.findMany({ where: { orgId: org.id }, orderBy: { id: 'asc' } })
    const idOf = async (name: string) => (await bench.db.organization.findUniqueOrThrow({ where: { name } })).id
    expect(periods.map((p) => [p.parentId, p.from.toISOString(), p.until?.toISOString() ?? null])).toEqual([
      [await idOf('甲街道党委'), '2026-09-01T01:00:00.000Z', '2026-11-10T01:00:00.000Z'],
      [await idOf('乙街道党委'), '2026-11-10T01:00:00.000Z', null],
    ])
  })

  it('GIVEN last month (before the move) THEN street A’s 考勤 and 统计 count the branch and street B’s do not', async () => {
    const attendanceA = await privately(streetA, secretaryA, '考勤 上月')
    expect(attendanceA).toContain('会议 1 次，应到 2 人次，实到 2')
    expect(attendanceA).toContain('· 第一党支部：2/2/0/0，100%')
    const attendanceB = await privately(streetB, secretaryB, '考勤 上月')
    expect(attendanceB).toContain('会议 0 次')
    expect(attendanceB).not.toContain('第一党支部')

    expect(await streetA.ask(secretaryA, '统计 上月')).toContain('· 第一党支部（2人）：会议 1｜')
    expect(await streetB.ask(secretaryB, '统计 上月')).not.toContain('第一党支部')
  })

  it('GIVEN this month (the move happened in it) THEN street B’s 考勤 and 统计 count the branch and street A’s do not', async () => {
    const attendanceB = await privately(streetB, secretaryB, '考勤 本月')
    expect(attendanceB).toContain('· 第一党支部：2/1/0/1，50%')
    const attendanceA = await privately(streetA, secretaryA, '考勤 本月')
    expect(attendanceA).not.toContain('第一党支部')

    expect(await streetB.ask(secretaryB, '统计 本月')).toContain('· 第一党支部（2人）：会议 1｜')
    expect(await streetA.ask(secretaryA, '统计 本月')).not.toContain('第一党支部')
  })

  it('GIVEN street A asks about the branch by name THEN last month is answered and this month is not its to see', async () => {
    expect(await privately(streetA, secretaryA, '考勤 上月 组织 第一党支部')).toContain('「第一党支部」2026年10月考勤：会议 1 次')
    expect(await privately(streetA, secretaryA, '考勤 本月 组织 第一党支部')).toBe('「第一党支部」不是本组织或其下级组织。')
  })

  it('GIVEN 三会一课 上季度 (before the move) and the current one THEN each street lists the branch for the time it was its own', async () => {
    expect(await streetA.ask(secretaryA, '三会一课 上季度')).toContain('「第一党支部」')
    expect(await streetB.ask(secretaryB, '三会一课 上季度')).not.toContain('第一党支部')
    expect(await streetB.ask(secretaryB, '三会一课')).toContain('「第一党支部」')
    expect(await streetA.ask(secretaryA, '三会一课')).not.toContain('第一党支部')
  })

  it('GIVEN 导出 考勤 上月 by street A THEN the sheet is for the branch it had then', async () => {
    const replies = await streetA.replies(secretaryA, '导出 考勤 上月')
    const file = replies.find((r) => r.file)?.file
    expect(file?.name).toBe('甲街道党委-考勤-2026年10月.xlsx')
    const ExcelJS = (await import('exceljs')).default
    const book = new ExcelJS.Workbook()
    await book.xlsx.load(Buffer.from(file!.base64, 'base64') as unknown as ArrayBuffer)
    const names = book.worksheets[0]!.getColumn(1).values
    expect(names).toContain('第一党支部')
  })
})
