import type { Reply } from '../../chat/reply.js'
import { texts } from '../../texts/index.js'
import { monthOf } from '../dues/dues-ledger.js'
import { complianceCalendar, DEFAULT_FREQUENCIES, MEETING_TYPES, periodOf, type Frequency, type MeetingType } from '../meeting/meeting-rules.js'
import type { MemberRow, OrgRepository, OrgRow } from '../org/org.repository.js'
import { treeDateFor } from '../org/org-history.js'
import { formatChineseTime } from '../time/parse-time.js'
import { duesOwed } from './dues-owed.service.js'
import { monthsOf, type Period } from './period.js'
import type { ReportRepository } from './report.repository.js'
import { reportMoment } from '../transfer/membership-rules.js'
import { addTo, attendanceRate, emptyTally, percent, rate, type Tally } from './tally.js'

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
 * 考勤 and 统计: figures for an organisation and, for an upper one, every organisation below
 * it (属地管理). Individual figures go privately to the officer; a group sees only totals.
 */
export class ReportFigures {
  constructor(
    private readonly reports: ReportRepository,
    private readonly orgs: OrgRepository,
    private readonly timeZone: string,
  ) {}

  /**
   * The organisation and every organisation below it: now, or for a period's figures as the tree
   * was on the period's last day (now while it runs): an organisation that moved counts under the
   * parent it had then (src/domain/org/org-history.ts).
   */
  async scope(org: OrgRow, during?: { period: Period; now: Date }): Promise<OrgRow[]> {
    if (!during) return [org, ...(await this.orgs.descendantsOf(org.id))]
    return [org, ...(await this.orgs.orgsUnderAt(org.id, treeDateFor(during.period, during.now)))]
  }

  /** 考勤: totals for the group, the per-member table privately to the officer. */
  async attendance(input: { org: OrgRow; period: Period; now: Date; askerContactId: string; inGroup: boolean; member?: MemberRow }): Promise<Reply[]> {
    const { org, period } = input
    const orgs = await this.scope(org, { period, now: input.now })
    const orgIds = orgs.map((o) => o.id)
    if (input.member) {
      const text = await this.personalRecord(input.member, orgIds, period)
      return [input.inGroup ? { text, privateTo: input.askerContactId } : { text }]
    }

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
      addTo(tally, row.status, row.count)
      addTo(total, row.status, row.count)
      tallies.set(row.key, tally)
    }
    const summary = texts.report.attendanceSummary({
      org: org.name,
      period: period.label,
      meetings: [...meetings.values()].reduce((a, b) => a + b, 0),
      ...total,
      rate: attendanceRate(total),
      activities,
      signUps: [...signUps.values()].reduce((a, b) => a + b, 0),
    })
    const units = perOrg
      ? orgs.slice(1).map((o) => ({ key: o.id, name: o.name, signUps: undefined }))
      : (await this.reports.membersOfOrgsAt(orgIds, reportMoment(period))).map((m) => ({ key: m.id, name: m.name, signUps: signUps.get(m.id) ?? 0 }))
    const lines = units.map((unit) => {
      const t = tallies.get(unit.key) ?? emptyTally()
      return texts.report.attendanceLine({ name: unit.name, ...t, rate: attendanceRate(t), signUps: unit.signUps })
    })
    const flowing = perOrg ? [] : await this.flowingLines(orgIds, period, new Map(units.map((u) => [u.key, u.name])))
    const detail = [summary, perOrg ? texts.report.attendanceOrgHeader() : texts.report.attendanceHeader(), ...lines, ...flowing].join('\n')
    return input.inGroup ? [{ text: `${summary}\n${texts.report.detailSentPrivately()}` }, { text: detail, privateTo: input.askerContactId }] : [{ text: detail }]
  }

  /** 统计: one row per organisation (and the total for an upper one). Org-level figures, no names. */
  async scorecard(org: OrgRow, period: Period, now: Date): Promise<{ rows: ScoreRow[]; total: ScoreRow | null }> {
    const orgs = await this.scope(org, { period, now })
    const units = orgs.length > 1 ? orgs.slice(1) : orgs
    const orgIds = orgs.map((o) => o.id)
    const [members, meetings, attendance, held, study, notices, dues] = await Promise.all([
      this.reports.membersByOrgAt(orgIds, reportMoment(period)),
      this.reports.meetingsByOrg(orgIds, period),
      this.reports.attendanceByOrg(orgIds, period),
      this.heldForCalendar(orgIds, now),
      this.reports.studyMinutesByOrg(orgIds, period),
      this.reports.noticesWithAcks(orgIds, period),
      this.duesByOrg(orgIds, this.monthsSoFar(period, now), reportMoment(period)),
    ])
    const heldByOrg = new Map<number, typeof held>()
    for (const h of held) heldByOrg.set(h.orgId, [...(heldByOrg.get(h.orgId) ?? []), h])
    const calendarOf = (orgId: number) => complianceCalendar(heldByOrg.get(orgId) ?? [], now, this.timeZone)
    const score = (unitIds: Set<number>, unit: OrgRow): ScoreRow => {
      const tally = emptyTally()
      for (const row of attendance) if (unitIds.has(row.orgId)) addTo(tally, row.status, row.count)
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
        attendance: attendanceRate(r.attendance),
        dues: percent(r.duesRate),
        study: r.studyHoursPerMember,
        acks: percent(r.noticeAckRate),
      })
    return [
      texts.report.scoreHeader({ org: org.name, period: period.label }),
      ...rows.map((r) => line(r, r.org.name)),
      ...(total ? [line(total, texts.report.total())] : []),
    ].join('\n')
  }

  /** The months (YYYY-MM) of the period up to the current one: later months are not owed yet. */
  monthsSoFar(period: Period, now: Date): string[] {
    const current = monthOf(now, this.timeZone)
    return monthsOf(period, this.timeZone).filter((m) => m <= current)
  }

  /** The home branch sees its members' attendance where they take part as 流入 members (流动党员). */
  private async flowingLines(orgIds: number[], period: Period, names: Map<number, string>): Promise<string[]> {
    const tallies = new Map<string, { memberId: number; org: string; tally: Tally }>()
    for (const row of await this.reports.flowingAttendance(orgIds, reportMoment(period), period)) {
      const key = `${row.memberId}:${row.org}`
      const entry = tallies.get(key) ?? { memberId: row.memberId, org: row.org, tally: emptyTally() }
      addTo(entry.tally, row.status, row.count)
      tallies.set(key, entry)
    }
    if (tallies.size === 0) return []
    const lines = [...tallies.values()].map(({ memberId, org, tally }) =>
      texts.report.attendanceLine({ name: texts.transfer.flowingName({ name: names.get(memberId) ?? '', org }), ...tally, rate: attendanceRate(tally), signUps: undefined }),
    )
    return [texts.transfer.flowingHeader(), ...lines]
  }

  private async personalRecord(member: MemberRow, orgIds: number[], period: Period): Promise<string> {
    const meetings = await this.reports.closedMeetings(orgIds, period)
    const rows = await this.reports.attendanceRows({ orgIds, period, memberId: member.id })
    const signUps = (await this.reports.signUpsByMember(orgIds, period)).get(member.id) ?? 0
    const byMeeting = new Map(rows.map((r) => [r.meetingId, r]))
    const tally = emptyTally()
    const lines: string[] = []
    for (const m of meetings) {
      const r = byMeeting.get(m.id)
      if (!r) continue
      addTo(tally, r.status, 1)
      lines.push(
        texts.report.personalLine({
          time: formatChineseTime(m.startsAt, this.timeZone, period.start),
          type: m.type,
          topic: m.topic,
          status: texts.report.attendanceStatus({ status: r.status }),
          reason: r.reason,
        }),
      )
    }
    return [texts.report.personalHeader({ name: member.name, period: period.label, ...tally, rate: attendanceRate(tally), signUps }), ...lines].join('\n')
  }

  /** Per organisation: how many members are assessed for the months, and how many paid every one of them. */
  private async duesByOrg(orgIds: number[], months: string[], at: Date): Promise<Map<number, { assessed: number; paidAll: number }>> {
    const dues = await duesOwed(this.reports, orgIds, months, at)
    const byOrg = new Map<number, { assessed: number; paidAll: number }>()
    for (const [memberId, rows] of dues.assessments) {
      const owed = months.flatMap((month) => {
        const fen = dues.dueFen(memberId, month)
        return fen === null ? [] : [{ month, fen }]
      })
      if (owed.length === 0) continue
      const counts = byOrg.get(rows[0]!.orgId) ?? { assessed: 0, paidAll: 0 }
      counts.assessed += 1
      if (owed.every(({ month, fen }) => dues.paidFen(memberId, month) >= fen)) counts.paidAll += 1
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
}
