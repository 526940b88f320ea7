import type ExcelJS from 'exceljs'
import { texts } from '../../texts/index.js'
import { UserError } from '../../texts/user-error.js'
import type { OrgRow } from '../org/org.repository.js'
import { duesOwed } from './dues-owed.service.js'
import type { Period } from './period.js'
import type { ReportFigures } from './report-figures.service.js'
import type { ReportRepository } from './report.repository.js'
import { addTo, attendanceRate, emptyTally, percent, rate } from './tally.js'

/** An exported workbook, ready to send as a file. */
export interface ExportFile {
  name: string
  base64: string
}

const report = texts.report

/** exceljs (some 30 MB once loaded) is loaded on the first export, not at start-up. */
async function workbook(): Promise<ExcelJS.Workbook> {
  const { default: excel } = await import('exceljs')
  return new excel.Workbook()
}

/**
 * 导出: Excel workbooks (a summary sheet and a detail sheet) for 考勤 and 党费 over an
 * organisation and those below it, and for one meeting or activity. Times are wall time in the
 * bot's zone.
 */
export class ReportExport {
  constructor(
    private readonly reports: ReportRepository,
    private readonly figures: ReportFigures,
    private readonly timeZone: string,
  ) {}

  /** 导出 考勤: a summary sheet per organisation and a detail sheet per member and meeting. */
  async attendance(org: OrgRow, period: Period, now: Date): Promise<ExportFile> {
    const orgs = await this.figures.scope(org, { period, now })
    const orgIds = orgs.map((o) => o.id)
    const { rows, total } = await this.figures.scorecard(org, period, now)
    const meetings = await this.reports.closedMeetings(orgIds, period)
    const attendance = await this.reports.attendanceRows({ orgIds, period })
    const names = await this.reports.namesOfMembersEver(orgIds)
    const orgName = new Map(orgs.map((o) => [o.id, o.name]))
    const meetingById = new Map(meetings.map((m) => [m.id, m]))
    const book = await workbook()
    const summary = book.addWorksheet(report.summarySheet())
    summary.addRow(report.attendanceSummaryColumns())
    for (const r of [...rows, ...(total ? [{ ...total, org: { ...total.org, name: report.total() } }] : [])]) {
      const a = r.attendance
      summary.addRow([r.org.name, period.label, r.meetingsHeld, a.expected, a.attended, a.late, a.leave, a.absent, attendanceRate(a)])
    }
    const detail = book.addWorksheet(report.detailSheet())
    detail.addRow(report.attendanceDetailColumns())
    for (const row of attendance) {
      // Rows are read for the same closed meetings in the period, so each has its meeting.
      const meeting = meetingById.get(row.meetingId)
      if (!meeting) continue
      detail.addRow([
        orgName.get(meeting.orgId),
        names.get(row.memberId) ?? '',
        report.meetingLabel({ id: meeting.id, topic: meeting.topic }),
        meeting.type,
        this.wallTime(meeting.startsAt),
        report.attendanceStatus({ status: row.status }),
        row.reason ?? '',
      ])
    }
    return this.file(book, report.attendanceFile({ org: org.name, period: period.label }))
  }

  /** 导出 党费: per organisation totals and per member per month. */
  async dues(org: OrgRow, period: Period, now: Date): Promise<ExportFile> {
    const orgs = await this.figures.scope(org, { period, now })
    const orgIds = orgs.map((o) => o.id)
    const members = await this.reports.members(orgIds)
    const months = this.figures.monthsSoFar(period, now)
    const owed = await duesOwed(this.reports, orgIds, months)
    const orgName = new Map(orgs.map((o) => [o.id, o.name]))
    const book = await workbook()
    const summary = book.addWorksheet(report.summarySheet())
    summary.addRow(report.duesSummaryColumns())
    const detail = book.addWorksheet(report.detailSheet())
    detail.addRow(report.duesDetailColumns())
    const totals = new Map<number, { due: number; paid: number; dueFen: number; paidFen: number }>()
    for (const member of members) {
      for (const month of months) {
        const dueFen = owed.dueFen(member.id, month)
        if (dueFen === null) continue
        const paidFen = owed.paidFen(member.id, month)
        const t = totals.get(member.orgId) ?? { due: 0, paid: 0, dueFen: 0, paidFen: 0 }
        t.due += 1
        t.dueFen += dueFen
        t.paidFen += paidFen
        if (paidFen >= dueFen) t.paid += 1
        totals.set(member.orgId, t)
        detail.addRow([orgName.get(member.orgId), member.name, month, dueFen / 100, paidFen / 100, report.duesState({ dueFen, paidFen })])
      }
    }
    for (const o of orgs) {
      const t = totals.get(o.id)
      if (t) summary.addRow([o.name, period.label, t.due, t.paid, t.dueFen / 100, t.paidFen / 100, percent(rate(t.paid, t.due))])
    }
    return this.file(book, report.duesFile({ org: org.name, period: period.label }))
  }

  /** 导出 会议 #n: the meeting record and its attendance. */
  async meeting(orgIds: number[], id: number): Promise<ExportFile> {
    const meeting = await this.reports.meeting(id)
    if (!meeting || !orgIds.includes(meeting.orgId)) throw new UserError('report.meetingNotFound', { id })
    const rows = await this.reports.attendanceRows({ meetingId: meeting.id })
    const members = new Map((await this.reports.members([meeting.orgId])).map((m) => [m.id, m.name]))
    const tally = emptyTally()
    for (const r of rows) addTo(tally, r.status, 1)
    const book = await workbook()
    const summary = book.addWorksheet(report.meetingSheet())
    for (const pair of report.meetingRecord({ ...meeting, time: this.wallTime(meeting.startsAt), ...tally })) summary.addRow(pair)
    const detail = book.addWorksheet(report.meetingDetailSheet())
    detail.addRow(report.meetingDetailColumns())
    for (const r of rows) detail.addRow([members.get(r.memberId) ?? '', report.attendanceStatus({ status: r.status }), r.reason ?? '', this.wallTime(r.at)])
    return this.file(book, report.meetingFile({ id: meeting.id, type: meeting.type, date: this.wallTime(meeting.startsAt).slice(0, 10) }))
  }

  /** 导出 活动 #n: the activity and every sign-up, cancelled ones included. */
  async activity(orgIds: number[], id: number): Promise<ExportFile> {
    const activity = await this.reports.activityWithRoster(id)
    if (!activity || !orgIds.includes(activity.orgId)) throw new UserError('activity.notFound', { id })
    const count = (status: string) => activity.signUps.filter((s) => s.status === status).length
    const book = await workbook()
    const summary = book.addWorksheet(report.activitySheet())
    const record = report.activityRecord({
      ...activity,
      time: this.wallTime(activity.startsAt),
      cancelled: activity.status === 'cancelled',
      confirmed: count('confirmed'),
      waitlisted: count('waitlisted'),
      cancelledSignUps: count('cancelled'),
    })
    for (const pair of record) summary.addRow(pair)
    const detail = book.addWorksheet(report.activityDetailSheet())
    detail.addRow(report.activityDetailColumns())
    for (const s of activity.signUps) {
      detail.addRow([s.member.name, report.signUpStatus({ status: s.status }), s.note ?? '', this.wallTime(s.createdAt), s.cancelledAt ? this.wallTime(s.cancelledAt) : ''])
    }
    return this.file(book, report.activityFile({ id: activity.id, title: activity.title }))
  }

  /** exceljs writes dates as UTC: cells get the zone's wall time as text instead. */
  private wallTime(at: Date): string {
    return new Intl.DateTimeFormat('sv-SE', { timeZone: this.timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' }).format(at)
  }

  private async file(book: ExcelJS.Workbook, name: string): Promise<ExportFile> {
    for (const sheet of book.worksheets) {
      sheet.getRow(1).font = { bold: true }
      sheet.columns.forEach((column) => (column.width = 16))
    }
    const buffer = Buffer.from(await book.xlsx.writeBuffer())
    return { name, base64: buffer.toString('base64') }
  }
}
