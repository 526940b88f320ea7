import ExcelJS from 'exceljs'
import { UserError } from '../../commands/errors.js'
import type { Reply } from '../../commands/reply.js'
import { texts } from '../../commands/texts.js'
import { complianceCalendar, MEETING_TYPES, periodOf, type MeetingType } from '../meeting/meeting-rules.js'
import type { MemberRow, OrgRepository, OrgRow } from '../org/org.repository.js'
import { formatChineseTime } from '../time/parse-time.js'
import { monthsOf, type Period } from './period.js'
import type { ReportRepository } from './report.repository.js'

/** Attendance counts: 应到 (every row), 实到 (present + late), 请假, 缺席. */
export interface Tally {
  expected: number
  attended: number
  late: number
  leave: number
  absent: number
}

const emptyTally = (): Tally => ({ expected: 0, attended: 0, late: 0, leave: 0, absent: 0 })

function add(tally: Tally, status: string, count: number): void {
  tally.expected += count
  if (status === 'present' || status === 'late') tally.attended += count
  if (status === 'late') tally.late += count
  if (status === 'leave') tally.leave += count
  if (status === 'absent') tally.absent += count
}

/** 出勤率 as a whole percent, or null with nobody expected. */
export function rate(part: number, whole: number): number | null {
  return whole === 0 ? null : Math.round((part / whole) * 100)
}

const percent = (value: number | null) => (value === null ? '—' : `${value}%`)
const STATUS_WORDS: Record<string, string> = { present: '出席', late: '迟到', leave: '请假', absent: '缺席' }

export interface ScoreRow {
  org: OrgRow
  members: number
  meetingsHeld: number
  calendar: { held: number; due: number; overdue: number }
  attendance: Tally
  duesRate: number | null
  studyHoursPerMember: number
  noticeAckRate: number | null
}

/**
 * 考勤, 统计 and 导出: figures for an organisation and, for an upper one, every organisation below
 * it (属地管理). Individual figures go privately to the officer; a group sees only totals.
 */
export class ReportService {
  constructor(
    private readonly reports: ReportRepository,
    private readonly orgs: OrgRepository,
    private readonly timeZone: string,
  ) {}

  /** The organisation and every organisation below it. */
  async scope(org: OrgRow): Promise<OrgRow[]> {
    return [org, ...(await this.orgs.descendantsOf(org.id))]
  }

  /** 考勤: totals for the group, the per-member table privately to the officer. */
  async attendance(input: { org: OrgRow; period: Period; askerContactId: string; inGroup: boolean; member?: MemberRow }): Promise<Reply[]> {
    const { org, period } = input
    const orgs = await this.scope(org)
    const orgIds = orgs.map((o) => o.id)
    const meetings = await this.reports.closedMeetings(orgIds, period)
    const activities = await this.reports.activities(orgIds, period)
    if (input.member) return [this.privately(input, await this.personalRecord(input.member, meetings, activities.map((a) => a.id), period))]

    const [byMember, signUps, members] = await Promise.all([
      this.reports.attendanceByMember(meetings.map((m) => m.id)),
      this.reports.signUpsByMember(activities.map((a) => a.id)),
      this.reports.members(orgIds),
    ])
    const tallies = new Map<number, Tally>()
    const total = emptyTally()
    for (const row of byMember) {
      const tally = tallies.get(row.key) ?? emptyTally()
      add(tally, row.status, row.count)
      add(total, row.status, row.count)
      tallies.set(row.key, tally)
    }
    const signUpTotal = [...signUps.values()].reduce((a, b) => a + b, 0)
    const summary = texts.report.attendanceSummary({
      org: org.name,
      period: period.label,
      meetings: meetings.length,
      ...total,
      rate: percent(rate(total.attended, total.expected)),
      activities: activities.length,
      signUps: signUpTotal,
    })
    const orgName = new Map(orgs.map((o) => [o.id, o.name]))
    const lines = members.map((m) => {
      const t = tallies.get(m.id) ?? emptyTally()
      return texts.report.attendanceLine({
        name: orgs.length > 1 ? `${orgName.get(m.orgId)}·${m.name}` : m.name,
        ...t,
        rate: percent(rate(t.attended, t.expected)),
        signUps: signUps.get(m.id) ?? 0,
      })
    })
    const detail = [summary, texts.report.attendanceHeader(), ...lines].join('\n')
    return input.inGroup ? [{ text: `${summary}\n${texts.report.detailSentPrivately()}` }, { text: detail, privateTo: input.askerContactId }] : [{ text: detail }]
  }

  /** 统计: one row per organisation (and the total for an upper one). Org-level figures, no names. */
  async scorecard(org: OrgRow, period: Period, now: Date): Promise<{ rows: ScoreRow[]; total: ScoreRow | null }> {
    const orgs = await this.scope(org)
    const units = orgs.length > 1 ? orgs.slice(1) : orgs
    const orgIds = orgs.map((o) => o.id)
    const members = await this.reports.members(orgIds)
    const memberIds = members.map((m) => m.id)
    const meetings = await this.reports.closedMeetings(orgIds, period)
    const yearAgo = periodOf('yearly', new Date(now.getTime() - 400 * 86_400_000), this.timeZone).start
    const [byMeeting, held, study, notices, dues] = await Promise.all([
      this.reports.attendanceByMeeting(meetings.map((m) => m.id)),
      this.reports.heldMeetings(orgIds, yearAgo, now),
      this.reports.studyMinutesByMember(memberIds, period),
      this.reports.noticesWithAcks(orgIds, period),
      this.duesStatus(memberIds, monthsOf(period, this.timeZone).filter((m) => m <= this.month(now))),
    ])
    const meetingOrg = new Map(meetings.map((m) => [m.id, m.orgId]))
    const memberOrg = new Map(members.map((m) => [m.id, m.orgId]))
    const rows = units.map((unit): ScoreRow => {
      const own = (orgId: number) => orgId === unit.id
      const attendance = emptyTally()
      for (const row of byMeeting) if (own(meetingOrg.get(row.key)!)) add(attendance, row.status, row.count)
      const calendar = complianceCalendar(
        held.filter((m) => own(m.orgId)).map((m) => ({ type: m.type as MeetingType, heldAt: m.startsAt })).filter((m) => MEETING_TYPES.includes(m.type)),
        now,
        this.timeZone,
      )
      const unitMembers = members.filter((m) => own(m.orgId))
      const minutes = unitMembers.reduce((sum, m) => sum + (study.get(m.id) ?? 0), 0)
      const unitNotices = notices.filter((n) => own(n.orgId))
      const assessed = unitMembers.filter((m) => dues.get(m.id)?.assessed)
      return {
        org: unit,
        members: unitMembers.length,
        meetingsHeld: meetings.filter((m) => own(m.orgId)).length,
        calendar: {
          held: calendar.filter((c) => c.state === 'held').length,
          due: calendar.filter((c) => c.state === 'due').length,
          overdue: calendar.filter((c) => c.state === 'overdue').length,
        },
        attendance,
        duesRate: rate(assessed.filter((m) => dues.get(m.id)!.paidAll).length, assessed.length),
        studyHoursPerMember: unitMembers.length ? Math.round((minutes / 60 / unitMembers.length) * 10) / 10 : 0,
        noticeAckRate: rate(
          unitNotices.reduce((sum, n) => sum + n.acks, 0),
          unitNotices.length * unitMembers.length,
        ),
      }
    })
    void memberOrg
    if (units.length === 1 && units[0] === org) return { rows, total: null }
    const attendance = emptyTally()
    for (const row of rows) for (const k of Object.keys(attendance) as (keyof Tally)[]) attendance[k] += row.attendance[k]
    const assessedAll = [...dues.values()].filter((d) => d.assessed)
    const minutesAll = [...study.values()].reduce((a, b) => a + b, 0)
    const total: ScoreRow = {
      org,
      members: members.length,
      meetingsHeld: meetings.length,
      calendar: rows.reduce((c, r) => ({ held: c.held + r.calendar.held, due: c.due + r.calendar.due, overdue: c.overdue + r.calendar.overdue }), { held: 0, due: 0, overdue: 0 }),
      attendance,
      duesRate: rate(assessedAll.filter((d) => d.paidAll).length, assessedAll.length),
      studyHoursPerMember: members.length ? Math.round((minutesAll / 60 / members.length) * 10) / 10 : 0,
      noticeAckRate: rate(
        notices.reduce((sum, n) => sum + n.acks, 0),
        notices.reduce((sum, n) => sum + members.filter((m) => m.orgId === n.orgId).length, 0),
      ),
    }
    return { rows, total }
  }

  async scorecardText(org: OrgRow, period: Period, now: Date): Promise<string> {
    const { rows, total } = await this.scorecard(org, period, now)
    const line = (r: ScoreRow, name: string) =>
      texts.report.scoreLine({
        name,
        members: r.members,
        meetings: r.meetingsHeld,
        overdue: r.calendar.overdue,
        attendance: percent(rate(r.attendance.attended, r.attendance.expected)),
        dues: percent(r.duesRate),
        study: r.studyHoursPerMember,
        acks: percent(r.noticeAckRate),
      })
    return [
      texts.report.scoreHeader({ org: org.name, period: period.label }),
      ...rows.map((r) => line(r, r.org.name)),
      ...(total ? [line(total, '合计')] : []),
    ].join('\n')
  }

  /** 导出 考勤: a summary sheet per organisation and a detail sheet per member and meeting. */
  async exportAttendance(org: OrgRow, period: Period, now: Date): Promise<{ name: string; base64: string }> {
    const orgs = await this.scope(org)
    const orgIds = orgs.map((o) => o.id)
    const { rows, total } = await this.scorecard(org, period, now)
    const meetings = await this.reports.closedMeetings(orgIds, period)
    const attendance = await this.reports.attendanceRows(meetings.map((m) => m.id))
    const members = new Map((await this.reports.members(orgIds)).map((m) => [m.id, m]))
    const orgName = new Map(orgs.map((o) => [o.id, o.name]))
    const meetingById = new Map(meetings.map((m) => [m.id, m]))
    const book = new ExcelJS.Workbook()
    const summary = book.addWorksheet('汇总')
    summary.addRow(['组织', '期间', '会议次数', '应到', '实到', '迟到', '请假', '缺席', '出勤率'])
    for (const r of [...rows, ...(total ? [{ ...total, org: { ...total.org, name: '合计' } }] : [])]) {
      const a = r.attendance
      summary.addRow([r.org.name, period.label, r.meetingsHeld, a.expected, a.attended, a.late, a.leave, a.absent, percent(rate(a.attended, a.expected))])
    }
    const detail = book.addWorksheet('明细')
    detail.addRow(['组织', '姓名', '会议', '类型', '时间', '状态', '请假原因'])
    for (const row of attendance) {
      const meeting = meetingById.get(row.meetingId)!
      const member = members.get(row.memberId)
      detail.addRow([
        orgName.get(meeting.orgId),
        member?.name ?? '',
        `#${meeting.id}${meeting.topic ? ` ${meeting.topic}` : ''}`,
        meeting.type,
        this.wallTime(meeting.startsAt),
        STATUS_WORDS[row.status] ?? row.status,
        row.reason ?? '',
      ])
    }
    return this.file(book, `${org.name}-考勤-${period.label}.xlsx`)
  }

  /** 导出 党费: per organisation totals and per member per month. */
  async exportDues(org: OrgRow, period: Period, now: Date): Promise<{ name: string; base64: string }> {
    const orgs = await this.scope(org)
    const members = await this.reports.members(orgs.map((o) => o.id))
    const months = monthsOf(period, this.timeZone).filter((m) => m <= this.month(now))
    const memberIds = members.map((m) => m.id)
    const [assessments, payments] = await Promise.all([this.reports.assessments(memberIds), this.reports.paymentsByMemberMonth(memberIds, months)])
    const paid = new Map(payments.map((p) => [`${p.memberId}:${p.month}`, p.amountFen]))
    const orgName = new Map(orgs.map((o) => [o.id, o.name]))
    const book = new ExcelJS.Workbook()
    const summary = book.addWorksheet('汇总')
    summary.addRow(['组织', '期间', '应交人次', '已交人次', '应交金额(元)', '已交金额(元)', '收缴率'])
    const detail = book.addWorksheet('明细')
    detail.addRow(['组织', '姓名', '月份', '核定金额(元)', '已交金额(元)', '状态'])
    const totals = new Map<number, { due: number; paid: number; dueFen: number; paidFen: number }>()
    for (const member of members) {
      for (const month of months) {
        const dueFen = assessedFor(assessments, member.id, month)
        if (dueFen === null) continue
        const paidFen = paid.get(`${member.id}:${month}`) ?? 0
        const t = totals.get(member.orgId) ?? { due: 0, paid: 0, dueFen: 0, paidFen: 0 }
        t.due += 1
        t.dueFen += dueFen
        t.paidFen += paidFen
        if (paidFen >= dueFen) t.paid += 1
        totals.set(member.orgId, t)
        detail.addRow([orgName.get(member.orgId), member.name, month, dueFen / 100, paidFen / 100, paidFen >= dueFen ? '已交' : paidFen > 0 ? '部分' : '未交'])
      }
    }
    for (const o of orgs) {
      const t = totals.get(o.id)
      if (t) summary.addRow([o.name, period.label, t.due, t.paid, t.dueFen / 100, t.paidFen / 100, percent(rate(t.paid, t.due))])
    }
    return this.file(book, `${org.name}-党费-${period.label}.xlsx`)
  }

  /** 导出 会议 #n: the meeting record and its attendance. */
  async exportMeeting(orgIds: number[], id: number): Promise<{ name: string; base64: string }> {
    const meeting = await this.reports.meeting(id)
    if (!meeting || !orgIds.includes(meeting.orgId)) throw new UserError(texts.report.meetingNotFound({ id }))
    const rows = await this.reports.attendanceRows([meeting.id])
    const members = new Map((await this.reports.members([meeting.orgId])).map((m) => [m.id, m.name]))
    const book = new ExcelJS.Workbook()
    const summary = book.addWorksheet('会议记录')
    const tally = emptyTally()
    for (const r of rows) add(tally, r.status, 1)
    for (const [k, v] of [
      ['会议', `#${meeting.id} ${meeting.type}`],
      ['时间', this.wallTime(meeting.startsAt)],
      ['地点', meeting.place ?? '未填写'],
      ['主题', meeting.topic ?? '未填写'],
      ['主持人', meeting.chair ?? '未填写'],
      ['记录人', meeting.recorder ?? '未填写'],
      ['议程', meeting.agenda ?? '未填写'],
      ['决议', meeting.resolutions ?? '未填写'],
      ['应到', tally.expected],
      ['实到', tally.attended],
      ['请假', tally.leave],
      ['缺席', tally.absent],
    ] as const) {
      summary.addRow([k, v])
    }
    const detail = book.addWorksheet('签到明细')
    detail.addRow(['姓名', '状态', '请假原因', '记录时间'])
    for (const r of rows) detail.addRow([members.get(r.memberId) ?? '', STATUS_WORDS[r.status] ?? r.status, r.reason ?? '', this.wallTime(r.at)])
    return this.file(book, `会议${meeting.id}-${meeting.type}-${this.wallTime(meeting.startsAt).slice(0, 10)}.xlsx`)
  }

  /** 导出 活动 #n: the activity and every sign-up, cancelled ones included. */
  async exportActivity(orgIds: number[], id: number): Promise<{ name: string; base64: string }> {
    const activity = await this.reports.activityWithRoster(id)
    if (!activity || !orgIds.includes(activity.orgId)) throw new UserError(texts.activity.notFound({ id }))
    const book = new ExcelJS.Workbook()
    const summary = book.addWorksheet('活动')
    const count = (status: string) => activity.signUps.filter((s) => s.status === status).length
    for (const [k, v] of [
      ['活动', `#${activity.id} ${activity.title}`],
      ['时间', this.wallTime(activity.startsAt)],
      ['地点', activity.place ?? '未填写'],
      ['名额', activity.capacity ?? '不限'],
      ['状态', activity.status === 'cancelled' ? '已取消' : '进行中'],
      ['已报名', count('confirmed')],
      ['候补', count('waitlisted')],
      ['已取消报名', count('cancelled')],
    ] as const) {
      summary.addRow([k, v])
    }
    const detail = book.addWorksheet('报名明细')
    detail.addRow(['姓名', '状态', '备注', '报名时间', '取消时间'])
    const words: Record<string, string> = { confirmed: '已报名', waitlisted: '候补', cancelled: '已取消' }
    for (const s of activity.signUps) {
      detail.addRow([s.member.name, words[s.status] ?? s.status, s.note ?? '', this.wallTime(s.createdAt), s.cancelledAt ? this.wallTime(s.cancelledAt) : ''])
    }
    return this.file(book, `活动${activity.id}-${activity.title}.xlsx`)
  }

  private async personalRecord(member: MemberRow, meetings: Array<{ id: number; type: string; startsAt: Date; topic: string | null }>, activityIds: number[], period: Period): Promise<string> {
    const rows = await this.reports.attendanceRows(meetings.map((m) => m.id), member.id)
    const signUps = (await this.reports.signUpsByMember(activityIds)).get(member.id) ?? 0
    const byMeeting = new Map(rows.map((r) => [r.meetingId, r]))
    const tally = emptyTally()
    const lines = meetings
      .filter((m) => byMeeting.has(m.id))
      .map((m) => {
        const r = byMeeting.get(m.id)!
        add(tally, r.status, 1)
        return `· ${formatChineseTime(m.startsAt, this.timeZone)} ${m.type}${m.topic ? `「${m.topic}」` : ''}：${STATUS_WORDS[r.status] ?? r.status}${r.reason ? `（${r.reason}）` : ''}`
      })
    return [
      texts.report.personalHeader({ name: member.name, period: period.label, ...tally, rate: percent(rate(tally.attended, tally.expected)), signUps }),
      ...lines,
    ].join('\n')
  }

  /** Which members are assessed for the months, and whether they paid every one of them. */
  private async duesStatus(memberIds: number[], months: string[]): Promise<Map<number, { assessed: boolean; paidAll: boolean }>> {
    const [assessments, payments] = await Promise.all([this.reports.assessments(memberIds), this.reports.paymentsByMemberMonth(memberIds, months)])
    const paid = new Map(payments.map((p) => [`${p.memberId}:${p.month}`, p.amountFen]))
    const status = new Map<number, { assessed: boolean; paidAll: boolean }>()
    for (const memberId of memberIds) {
      const owed = months.map((month) => [month, assessedFor(assessments, memberId, month)] as const).filter(([, fen]) => fen !== null)
      status.set(memberId, { assessed: owed.length > 0, paidAll: owed.every(([month, fen]) => (paid.get(`${memberId}:${month}`) ?? 0) >= fen!) })
    }
    return status
  }

  private privately(input: { askerContactId: string; inGroup: boolean }, text: string): Reply {
    return input.inGroup ? { text, privateTo: input.askerContactId } : { text }
  }

  private month(at: Date): string {
    const parts = new Intl.DateTimeFormat('en-CA', { timeZone: this.timeZone, year: 'numeric', month: '2-digit' }).formatToParts(at)
    return `${parts.find((p) => p.type === 'year')!.value}-${parts.find((p) => p.type === 'month')!.value}`
  }

  /** exceljs writes dates as UTC: cells get Shanghai wall time as text instead. */
  private wallTime(at: Date): string {
    return new Intl.DateTimeFormat('sv-SE', { timeZone: this.timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' }).format(at)
  }

  private async file(book: ExcelJS.Workbook, name: string): Promise<{ name: string; base64: string }> {
    for (const sheet of book.worksheets) {
      sheet.getRow(1).font = { bold: true }
      sheet.columns.forEach((column) => (column.width = 16))
    }
    const buffer = Buffer.from(await book.xlsx.writeBuffer())
    return { name, base64: buffer.toString('base64') }
  }
}

/** The monthly amount assessed for a month (the latest assessment from that month or before), or null. */
function assessedFor(assessments: Array<{ memberId: number; fromMonth: string; monthlyFen: number }>, memberId: number, month: string): number | null {
  let amount: number | null = null
  for (const a of assessments) if (a.memberId === memberId && a.fromMonth <= month) amount = a.monthlyFen
  return amount
}
