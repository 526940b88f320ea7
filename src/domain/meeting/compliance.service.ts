import { z } from 'zod'
import { texts } from '../../texts/index.js'
import type { QueuedMessage } from '../../outbox/outbox.js'
import { jobKind } from '../../scheduler/job-kind.js'
import type { JobRepository } from '../../scheduler/job.repository.js'
import type { OrgRow } from '../org/org.repository.js'
import { treeDateFor } from '../org/org-history.js'
import type { OrgContext } from '../org/org.service.js'
import { wallClock } from '../time/wall-clock.js'
import { heldAt, periodsInRange, previousQuarter } from './compliance-rules.js'
import type { MeetingLookup } from './meeting-lookup.service.js'
import { complianceCalendar, firstWorkingDayOfMonth, MEETING_TYPES, periodOf, type ComplianceRow, type ComplianceState, type Frequency, type MeetingType, type Period } from './meeting-rules.js'
import type { MeetingRepository } from './meeting.repository.js'

/** The monthly 三会一课 digest to each 书记 (no payload: it covers every organisation). */
export const MEETING_DIGEST = jobKind('meeting.compliance-digest', z.object({}))

/** Which view of 三会一课 to give: the current periods, or every period of last quarter or of this year. */
export type CalendarScope = 'current' | 'lastQuarter' | 'year'

export interface ComplianceOptions {
  timeZone: string
  /** How often each meeting type is due (default DEFAULT_FREQUENCIES; 党课 is configurable). */
  frequencies: Readonly<Record<MeetingType, Frequency>>
  /** The organisations below one that are bound to a group, in the tree as it was at `at` (the 三会一课 calendar lists them). */
  boundBelow(orgId: number, at: Date): Promise<OrgRow[]>
}

type Held = { type: MeetingType; heldAt: Date }[]

/** What the calendar knows of one organisation: when it was bound, what it held, what is on the way. */
interface OrgRecord {
  since: Date | null
  held: Held
  scheduled: { type: MeetingType; startsAt: Date }[]
}

/** The 三会一课 compliance calendar: 已开 / 待开 / 逾期 per organisation, and the monthly digest to each 书记. */
export class ComplianceService {
  constructor(
    private readonly meetings: MeetingRepository,
    private readonly jobs: JobRepository,
    private readonly lookup: MeetingLookup,
    private readonly options: ComplianceOptions,
  ) {}

  /**
   * 三会一课 for the group's organisation and every organisation below it that has a group, one
   * block each, from the meetings closed so far.
   */
  async calendar(input: { context: OrgContext; scope: CalendarScope; now: Date }): Promise<string> {
    const { now, scope } = input
    const tz = this.options.timeZone
    // Last quarter's calendar lists the organisations below at its end; this year's and the current one, those below now.
    const treeDate = scope === 'lastQuarter' ? treeDateFor(previousQuarter(now, tz), now) : now
    const orgs = [input.context.org, ...(await this.options.boundBelow(input.context.org.id, treeDate))]
    const records = await this.recordsOf(orgs.map((o) => o.id), now)
    const scopeLabel =
      scope === 'current' ? texts.meeting.calendarAsOf({ time: this.lookup.time(now, now) }) : scope === 'year' ? periodOf('yearly', now, tz).label : previousQuarter(now, tz).label
    const blocks = orgs.map((org) => {
      const record = records.get(org.id) ?? { since: null, held: [], scheduled: [] }
      const lines = scope === 'current' ? this.currentLines(org, record, now) : this.rangeLines(org, record, scope, now)
      return [texts.meeting.calendarHeader({ org: org.name, scope: scopeLabel }), ...lines].join('\n')
    })
    return blocks.join('\n\n')
  }

  /**
   * Makes sure the next monthly digest is scheduled: the first working day of this month at 09:00 if
   * that is still ahead, else next month's. Idempotent (one job key per digest); call it at start-up.
   */
  async ensureDigestScheduled(now: Date): Promise<Date> {
    const tz = this.options.timeZone
    let dueAt = firstWorkingDayOfMonth(now, tz)
    if (dueAt.getTime() <= now.getTime()) dueAt = firstWorkingDayOfMonth(periodOf('monthly', now, tz).end, tz)
    await this.jobs.schedule({ kind: MEETING_DIGEST.kind, key: `meeting:compliance-digest:${dueAt.toISOString()}`, dueAt, payload: {}, now })
    return dueAt
  }

  /**
   * Job: on the first working day of the month each organisation's 书记 hears privately what is due
   * and what is overdue; then the next month's digest is scheduled. It marks nothing: a retry
   * recomputes the same messages, keyed by month, organisation and 书记, so each is queued once.
   */
  digest = async (_payload: z.infer<typeof MEETING_DIGEST.payload>, now: Date): Promise<QueuedMessage[]> => {
    const secretaries = await this.meetings.secretaries()
    const records = await this.recordsOf([...new Set(secretaries.map((s) => s.org.id))], now)
    const month = periodOf('monthly', now, this.options.timeZone)
    const item = (r: ComplianceRow) => texts.meeting.digestItem({ type: r.type, period: r.period.label })
    const messages: QueuedMessage[] = []
    for (const { org, member } of secretaries) {
      const rows = this.rowsFor(org, records.get(org.id) ?? { since: null, held: [], scheduled: [] }, now)
      const due = rows.filter((r) => r.state === 'due').map(item)
      const overdue = rows.filter((r) => r.state === 'overdue').map(item)
      if (due.length === 0 && overdue.length === 0) continue
      messages.push({
        to: { kind: 'private', contactId: member.contactId },
        text: texts.meeting.digest({ org: org.name, month: month.label, due, overdue }),
        idempotencyKey: `meeting:compliance-digest:${month.start.toISOString()}:${org.id}:${member.contactId}`,
      })
    }
    await this.ensureDigestScheduled(now)
    return messages
  }

  /** By organisation: when it was bound, when each closed meeting was held (its start, or its closing if earlier), what is scheduled. */
  private async recordsOf(orgIds: number[], now: Date): Promise<Map<number, OrgRecord>> {
    const records = new Map<number, OrgRecord>()
    if (orgIds.length === 0) return records
    const since = await this.meetings.boundSince(orgIds)
    const recordOf = (orgId: number): OrgRecord => {
      let record = records.get(orgId)
      if (!record) records.set(orgId, (record = { since: since.get(orgId) ?? null, held: [], scheduled: [] }))
      return record
    }
    for (const orgId of orgIds) recordOf(orgId)
    for (const m of await this.meetings.heldMeetings(orgIds)) if (isMeetingType(m.type)) recordOf(m.orgId).held.push({ type: m.type, heldAt: heldAt(m, now) })
    for (const m of await this.meetings.upcomingMeetings(orgIds)) if (isMeetingType(m.type)) recordOf(m.orgId).scheduled.push({ type: m.type, startsAt: m.startsAt })
    return records
  }

  /** The calendar rows that apply to an organisation: a 党小组 holds only 党小组会 (its members attend the branch's meetings). */
  private rowsFor(org: OrgRow, record: OrgRecord, now: Date): ComplianceRow[] {
    const rows = complianceCalendar(record.held, now, this.options.timeZone, this.options.frequencies, { since: record.since, scheduled: record.scheduled })
    return org.type === '党小组' ? rows.filter((r) => r.type === '党小组会') : rows
  }

  private currentLines(org: OrgRow, record: OrgRecord, now: Date): string[] {
    return this.rowsFor(org, record, now).map((row) => {
      const last = row.lastHeldAt ? texts.meeting.lastHeld({ date: this.lookup.date(row.lastHeldAt, now) }) : texts.meeting.neverHeld()
      const state = stateText(row.state, row.heldCount) + (row.state === 'held' ? '' : last)
      const frequency = texts.meeting.frequencyInPeriod({ frequency: texts.meeting.frequency({ frequency: row.frequency }), period: row.period.label })
      return texts.meeting.calendarLine({ type: row.type, frequency, detail: state })
    })
  }

  /** Every period of last quarter or of this year (up to now), held or not: 逾期 once a period has ended without one. */
  private rangeLines(org: OrgRow, record: OrgRecord, scope: 'lastQuarter' | 'year', now: Date): string[] {
    const tz = this.options.timeZone
    const range = scope === 'year' ? periodOf('yearly', now, tz) : previousQuarter(now, tz)
    const types = org.type === '党小组' ? (['党小组会'] as MeetingType[]) : [...MEETING_TYPES]
    return types.map((type) => {
      const frequency = this.options.frequencies[type]
      const tallies = periodsInRange(type, frequency, range, record.held, now, tz, record.since)
      const [only, ...more] = tallies
      const detail = !only
        ? texts.meeting.stateNotCounted()
        : more.length === 0
          ? stateText(only.state, only.count)
          : texts.meeting.periodsSummary({
              held: tallies.filter((s) => s.state === 'held').length,
              total: tallies.length,
              overdue: tallies.filter((s) => s.state === 'overdue').map((s) => this.shortLabel(s.period, frequency)),
              due: tallies.filter((s) => s.state === 'due').map((s) => this.shortLabel(s.period, frequency)),
            })
      return texts.meeting.calendarLine({ type, frequency: texts.meeting.frequency({ frequency }), detail })
    })
  }

  /** '11月', '第4季度' or '2026年', from the period's start. */
  private shortLabel(period: Period, frequency: Frequency): string {
    const { year, month } = wallClock(period.start, this.options.timeZone)
    return texts.meeting.periodShort({ frequency, year, month })
  }
}

function stateText(state: ComplianceState, count: number): string {
  return state === 'held' ? texts.meeting.stateHeld({ count }) : state === 'due' ? texts.meeting.stateDue() : texts.meeting.stateOverdue()
}

function isMeetingType(type: string): type is MeetingType {
  return (MEETING_TYPES as readonly string[]).includes(type)
}
