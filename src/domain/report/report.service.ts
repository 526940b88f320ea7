import ExcelJS from 'exceljs'
import { UserError } from '../../texts/user-error.js'
import type { Reply } from '../../chat/reply.js'
import { texts } from '../../texts/index.js'
import { dueFor, monthOf } from '../dues/dues-ledger.js'
import { complianceCalendar, DEFAULT_FREQUENCIES, MEETING_TYPES, periodOf, type Frequency, type MeetingType } from '../meeting/meeting-rules.js'
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
    if (input.member) return [this.privately(input, await this.personalRecord(input.member, orgIds, period))]

    // A branch gets a line per member; an upper organisation a line per organisation below
    // (one person's lines across a whole street are what 导出 考勤 is for).
    const perOrg = orgs.length > 1
    const [counts, signUps, activities, meetings] = await Promise.all([
      perOrg
        ? this.reports.attendanceByOrg(orgIds, period).then((rows) => rows.map((r) => ({ key: r.orgId, status: r.status, count: r.count })))
        : this.reports.attendanceByMember(orgIds, period),
      this.reports.signUpsByMember(orgIds, period),
      this.reports.countActivities(orgIds, period),
      this.reports.meetingsByOrg(orgIds, period),
    ])
    const tallies = new Map<number, Tally>()
    const total = emptyTally()
    for (const row of counts) {
      const tally = tallies.get(row.key) ?? emptyTally()
      add(tally, row.status, row.count)
      add(total, row.status, row.count)
      tallies.set(row.key, tally)
    }
    const summary = texts.report.attendanceSummary({
      org: org.name,
      period: period.label,
      meetings: [...meetings.values()].reduce((a, b) => a + b, 0),
      ...total,
      rate: percent(rate(total.attended, total.expected)),
      activities,
      signUps: [...signUps.values()].reduce((a, b) => a + b, 0),
    })
    const units = perOrg
      ? orgs.slice(1).map((o) => ({ key: o.id, name: o.name, signUps: undefined }))
      : (await this.reports.members(orgIds)).map((m) => ({ key: m.id, name: m.name, signUps: signUps.get(m.id) ?? 0 }))
    const lines = units.map((unit) => {
      const t = tallies.get(unit.key) ?? emptyTally()
      const line = texts.report.attendanceLine({ name: unit.name, ...t, rate: percent(rate(t.attended, t.expected)) })
      return unit.signUps === undefined ? line : `${line}，报名 ${unit.signUps}`
    })
    const detail = [summary, perOrg ? texts.report.attendanceOrgHeader() : texts.report.attendanceHeader(), ...lines].join('\n')
    return input.inGroup ? [{ text: `${summary}\n${texts.report.detailSentPrivately()}` }, { text: detail, privateTo: input.askerContactId }] : [{ text: detail }]
  }

  /** 统计: one row per organisation (and the total for an upper one). Org-level figures, no names. */
  async scorecard(org: OrgRow, period: Period, now: Date): Promise<{ rows: ScoreRow[]; total: ScoreRow | null }> {
    const orgs = await this.scope(org)
    const units = orgs.length > 1 ? orgs.slice(1) : orgs
    const orgIds = orgs.map((o) => o.id)
    const [members, meetings, attendance, held, study, notices, dues] = await Promise.all([
      this.reports.membersByOrg(orgIds),
      this.reports.meetingsByOrg(orgIds, period),
      this.reports.attendanceByOrg(orgIds, period),
      this.heldForCalendar(orgIds, now),
      this.reports.studyMinutesByOrg(orgIds, period),
      this.reports.noticesWithAcks(orgIds, period),
      this.duesByOrg(orgIds, monthsOf(period, this.timeZone).filter((m) => m <= this.month(now))),
    ])
    const heldByOrg = new Map<number, typeof held>()
    for (const h of held) heldByOrg.set(h.orgId, [...(heldByOrg.get(h.orgId) ?? []), h])
    const calendarOf = (orgId: number) => complianceCalendar(heldByOrg.get(orgId) ?? [], now, this.timeZone)
    const score = (unitIds: Set<number>, unit: OrgRow): ScoreRow => {
      const tally = emptyTally()
      for (const row of attendance) if (unitIds.has(row.orgId)) add(tally, row.status, row.count)
      const sum = (map: Map<number, number>) => [...unitIds].reduce((total, id) => total + (map.get(id) ?? 0), 0)
      const memberCount = sum(members)
      const unitNotices = notices.filter((n) => unitIds.has(n.orgId))
      // The calendar judges one organisation at a time; a total adds up its rows (below).
      const calendarRows = unitIds.size === 1 ? calendarOf(unit.id) : []
      const assessed = [...unitIds].reduce((t, id) => t + (dues.get(id)?.assessed ?? 0), 0)
      const paidAll = [...unitIds].reduce((t, id) => t + (dues.get(id)?.paidAll ?? 0), 0)
      return {
        org: unit,
        members: memberCount,
        meetingsHeld: sum(meetings),
        calendar: {
          held: calendarRows.filter((c) => c.state === 'held').length,
          due: calendarRows.filter((c) => c.state === 'due').length,
          overdue: calendarRows.filter((c) => c.state === 'overdue').length,
        },
        attendance: tally,
        duesRate: rate(paidAll, assessed),
        studyHoursPerMember: memberCount ? Math.round((sum(study) / 60 / memberCount) * 10) / 10 : 0,
        noticeAckRate: rate(
          unitNotices.reduce((t, n) => t + n.acks, 0),
          unitNotices.reduce((t, n) => t + (members.get(n.orgId) ?? 0), 0),
        ),
      }
    }
    const rows = units.map((unit) => score(new Set([unit.id]), unit))
    if (units.length === 1 && units[0] === org) return { rows, total: null }
    const total = score(new Set(orgIds), org)
    // The calendar is per organisation: the total adds up the rows rather than judging the street as one branch.
    total.calendar = rows.reduce((c, r) => ({ held: c.held + r.calendar.held, due: c.due + r.calendar.due, overdue: c.overdue + r.calendar.overdue }), { held: 0, due: 0, overdue: 0 })
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
    const attendance = await this.reports.attendanceRows({ orgIds, period })
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
    const orgIds = orgs.map((o) => o.id)
    const [assessmentRows, payments] = await Promise.all([this.reports.assessments(orgIds), this.reports.paymentsByMemberMonth(orgIds, months)])
    const assessments = byMember(assessmentRows)
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
    if (!meeting || !orgIds.includes(meeting.orgId)) throw new UserError('report.meetingNotFound', { id })
    const rows = await this.reports.attendanceRows({ meetingId: meeting.id })
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
    if (!activity || !orgIds.includes(activity.orgId)) throw new UserError('activity.notFound', { id })
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

  private async personalRecord(member: MemberRow, orgIds: number[], period: Period): Promise<string> {
    const meetings = await this.reports.closedMeetings(orgIds, period)
    const rows = await this.reports.attendanceRows({ orgIds, period, memberId: member.id })
    const signUps = (await this.reports.signUpsByMember(orgIds, period)).get(member.id) ?? 0
    const byMeeting = new Map(rows.map((r) => [r.meetingId, r]))
    const tally = emptyTally()
    const lines = meetings
      .filter((m) => byMeeting.has(m.id))
      .map((m) => {
        const r = byMeeting.get(m.id)!
        add(tally, r.status, 1)
        return `· ${formatChineseTime(m.startsAt, this.timeZone, period.start)} ${m.type}${m.topic ? `「${m.topic}」` : ''}：${STATUS_WORDS[r.status] ?? r.status}${r.reason ? `（${r.reason}）` : ''}`
      })
    return [
      texts.report.personalHeader({ name: member.name, period: period.label, ...tally, rate: percent(rate(tally.attended, tally.expected)), signUps }),
      ...lines,
    ].join('\n')
  }

  /** Per organisation: how many members are assessed for the months, and how many paid every one of them. */
  private async duesByOrg(orgIds: number[], months: string[]): Promise<Map<number, { assessed: number; paidAll: number }>> {
    const [assessmentRows, payments] = await Promise.all([this.reports.assessments(orgIds), this.reports.paymentsByMemberMonth(orgIds, months)])
    const assessments = byMember(assessmentRows)
    const paid = new Map(payments.map((p) => [`${p.memberId}:${p.month}`, p.amountFen]))
    const byOrg = new Map<number, { assessed: number; paidAll: number }>()
    for (const [memberId, rows] of assessments) {
      const owed = months.map((month) => [month, assessedFor(assessments, memberId, month)] as const).filter(([, fen]) => fen !== null)
      if (owed.length === 0) continue
      const counts = byOrg.get(rows[0]!.orgId) ?? { assessed: 0, paidAll: 0 }
      counts.assessed += 1
      if (owed.every(([month, fen]) => (paid.get(`${memberId}:${month}`) ?? 0) >= fen!)) counts.paidAll += 1
      byOrg.set(rows[0]!.orgId, counts)
    }
    return byOrg
  }

  /**
   * What the compliance calendar needs, counted in the database: for each meeting type, whether
   * one was held in its current and its previous period (one held entry stands for each).
   */
  private async heldForCalendar(orgIds: number[], now: Date): Promise<Array<{ orgId: number; type: MeetingType; heldAt: Date }>> {
    const held: Array<{ orgId: number; type: MeetingType; heldAt: Date }> = []
    for (const frequency of ['monthly', 'quarterly', 'yearly'] as Frequency[]) {
      const types = MEETING_TYPES.filter((t) => DEFAULT_FREQUENCIES[t] === frequency)
      if (types.length === 0) continue
      const current = periodOf(frequency, now, this.timeZone)
      const previous = periodOf(frequency, new Date(current.start.getTime() - 1), this.timeZone)
      for (const period of [previous, { ...current, end: new Date(now.getTime() + 1) }]) {
        for (const row of await this.reports.meetingCounts(orgIds, [...types], period.start, period.end)) {
          held.push({ orgId: row.orgId, type: row.type as MeetingType, heldAt: period.start })
        }
      }
    }
    return held
  }

  private privately(input: { askerContactId: string; inGroup: boolean }, text: string): Reply {
    return input.inGroup ? { text, privateTo: input.askerContactId } : { text }
  }

  private month(at: Date): string {
    return monthOf(at, this.timeZone)
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

type AssessmentRow = { id: number; memberId: number; orgId: number; duesFrom: string | null; fromMonth: string; monthlyFen: number }

/** Assessments by member (the ledger's rules take one member's rows). */
function byMember(assessments: AssessmentRow[]): Map<number, AssessmentRow[]> {
  const map = new Map<number, AssessmentRow[]>()
  for (const a of assessments) map.set(a.memberId, [...(map.get(a.memberId) ?? []), a])
  return map
}

/** What the member owes for a month under the dues ledger's rules (null: not owed). */
function assessedFor(assessments: Map<number, AssessmentRow[]>, memberId: number, month: string): number | null {
  const rows = assessments.get(memberId) ?? []
  return rows.length ? dueFor({ assessments: rows, duesFrom: rows[0]!.duesFrom }, month) : null
}
