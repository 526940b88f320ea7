import { UserError } from '../../texts/user-error.js'
import type { Reply } from '../../chat/reply.js'
import { texts } from '../../texts/index.js'
import type { QueuedMessage } from '../../outbox/outbox.js'
import type { JobRepository } from '../../scheduler/job.repository.js'
import type { AuditRepository } from '../audit/audit.repository.js'
import type { MemberRow, OrgRow } from '../org/org.repository.js'
import type { OrgContext } from '../org/org.service.js'
import { formatChineseTime } from '../time/parse-time.js'
import {
  committeeQuorum,
  complianceCalendar,
  DEFAULT_FREQUENCIES,
  firstWorkingDayOfMonth,
  generalMeetingQuorum,
  MEETING_TYPES,
  periodOf,
  type ComplianceRow,
  type Frequency,
  type MeetingType,
  type Period,
} from './meeting-rules.js'
import type { AttendanceRow, MeetingRepository, MeetingRow, MeetingStatus, RecordFields, RosterMember } from './meeting.repository.js'

export const MEETING_JOBS = { remind: 'meeting.remind', open: 'meeting.open', digest: 'meeting.compliance-digest' } as const

/**
 * The members of a 支部委员会 (支部工作条例 第十八条: 书记、副书记 and 委员). A 党小组长 leads a 党小组
 * but does not sit on the branch committee, so a 支委会 does not expect them.
 */
export const COMMITTEE_TITLES: readonly string[] = ['书记', '副书记', '组织委员', '宣传委员', '纪检委员']

export interface MeetingServiceOptions {
  timeZone: string
  /** Reminders go out this many hours before the start (default 24 and 1). */
  reminderHours: readonly number[]
  /** A check-in more than this many minutes after the start is marked late (default 10, a common local practice). */
  lateGraceMinutes: number
  /** Study time a 党课 counts for its attendees (default 2 hours: a branch lecture, 1 学时 an hour). */
  lectureMinutes: number
  /** How often each meeting type is due (default DEFAULT_FREQUENCIES; 党课 is configurable). */
  frequencies: Readonly<Record<MeetingType, Frequency>>
  /** The group bound to an organisation, where its reminders go. */
  roomOf(orgId: number): Promise<string | null>
  /** The organisations below one that are bound to a group (the 三会一课 calendar lists them). */
  boundBelow(orgId: number): Promise<OrgRow[]>
}

export const DEFAULT_MEETING_OPTIONS: Omit<MeetingServiceOptions, 'timeZone' | 'roomOf' | 'boundBelow'> = {
  reminderHours: [24, 1],
  lateGraceMinutes: 10,
  lectureMinutes: 120,
  frequencies: DEFAULT_FREQUENCIES,
}

/** Which view of 三会一课 to give: the current periods, or every period of last quarter or of this year. */
export type CalendarScope = 'current' | 'lastQuarter' | 'year'

interface Person {
  memberId: number
  name: string
  contactId: string
  stage: string
}

/** Who a meeting expects and what each of them did. Before closing, `absent` are those not yet checked in. */
interface Roll {
  expected: Person[]
  present: (Person & { late: boolean })[]
  leave: (Person & { reason: string | null })[]
  absent: Person[]
}

/** 三会一课 and 主题党日: scheduling, reminders, check-in, leave, closing, the record and the compliance calendar. */
export class MeetingService {
  private readonly timeZone: string

  constructor(
    private readonly meetings: MeetingRepository,
    private readonly audit: AuditRepository,
    private readonly jobs: JobRepository,
    private readonly options: MeetingServiceOptions,
  ) {
    this.timeZone = options.timeZone
  }

  async schedule(input: {
    org: OrgRow
    type: MeetingType
    startsAt: Date
    place: string | null
    topic: string | null
    byContactId: string
    now: Date
  }): Promise<string> {
    const { now } = input
    const meeting = await this.meetings.create({
      orgId: input.org.id,
      type: input.type,
      startsAt: input.startsAt,
      place: input.place,
      topic: input.topic,
      byContactId: input.byContactId,
      now,
    })
    for (const hours of this.options.reminderHours) {
      const dueAt = new Date(meeting.startsAt.getTime() - hours * 3_600_000)
      if (dueAt.getTime() > now.getTime()) {
        await this.jobs.schedule({ kind: MEETING_JOBS.remind, key: `${jobKeyPrefix(meeting.id)}remind:${hours}`, dueAt, payload: { meetingId: meeting.id, hours }, now })
      }
    }
    await this.jobs.schedule({ kind: MEETING_JOBS.open, key: `${jobKeyPrefix(meeting.id)}open`, dueAt: meeting.startsAt, payload: { meetingId: meeting.id }, now })
    // A branch that schedules meetings wants the monthly digest; this keeps it scheduled even if start-up did not.
    await this.ensureDigestScheduled(now)
    return texts.meeting.scheduled({ id: meeting.id, type: meeting.type, topic: meeting.topic, time: this.time(meeting.startsAt, now), place: meeting.place })
  }

  /** The meetings not yet held or cancelled, soonest first. */
  async list(org: OrgRow, now: Date): Promise<string> {
    const upcoming = await this.meetings.listByStatus(org.id, ['scheduled', 'open'])
    if (upcoming.length === 0) return texts.meeting.noneUpcoming()
    return [texts.meeting.listHeader(), ...upcoming.map((m) => this.listLine(m, now))].join('\n')
  }

  /** Opens the check-in by hand (before the start, or when the automatic opening did not happen). */
  async open(input: { org: OrgRow; ref: number | undefined; byContactId: string; now: Date }): Promise<string> {
    const { now } = input
    const meeting = input.ref !== undefined ? await this.find(input.org, input.ref) : await this.pickToOpen(input.org, now)
    if (meeting.status === 'cancelled') throw new UserError('meeting.isCancelled', { id: meeting.id })
    if (meeting.status === 'open') throw new UserError('meeting.alreadyOpen', { id: meeting.id })
    if (meeting.status === 'closed') throw new UserError('meeting.alreadyClosed', { id: meeting.id })
    if (!(await this.meetings.markOpen(meeting.id, now))) throw new UserError('meeting.alreadyOpen', { id: meeting.id })
    await this.jobs.cancelPending(`${jobKeyPrefix(meeting.id)}open`)
    await this.audit.record({ at: now, actorContactId: input.byContactId, action: 'meeting.open', orgId: input.org.id, detail: { meetingId: meeting.id } })
    return texts.meeting.openNotice(meeting)
  }

  /** Checks a member in (`byContactId` is someone else for 代签到, which is audited). */
  async checkIn(input: { org: OrgRow; ref: number | undefined; member: MemberRow; byContactId: string; now: Date }): Promise<Reply> {
    const { member, now } = input
    const meeting = await this.resolve(input.org, input.ref, ['open'], '签到', new UserError('meeting.noneOpen'), now)
    this.requireCheckInOpen(meeting, now)
    await this.requireExpectable(meeting, member)
    const existing = await this.meetings.findAttendance(meeting.id, member.id)
    if (existing && (existing.status === 'present' || existing.status === 'late')) {
      throw new UserError('meeting.alreadyCheckedIn', { name: member.name, id: meeting.id })
    }
    const late = now.getTime() > meeting.startsAt.getTime() + this.options.lateGraceMinutes * 60_000
    await this.meetings.saveAttendance({ meetingId: meeting.id, memberId: member.id, status: late ? 'late' : 'present', reason: null, at: now, byContactId: input.byContactId })
    if (input.byContactId !== member.contactId) {
      await this.audit.record({
        at: now,
        actorContactId: input.byContactId,
        action: 'meeting.checkin-for',
        orgId: input.org.id,
        targetContactId: member.contactId,
        detail: { meetingId: meeting.id, late },
      })
    }
    // A room of people checking in within a minute: their acknowledgements go out as one message.
    return { text: texts.meeting.checkedIn({ name: member.name, id: meeting.id, late }), coalesceKey: `checkin:${meeting.id}` }
  }

  /** Records a leave with its reason, before or during the meeting (支部工作条例: leave is asked in advance, with a reason). */
  async leave(input: { org: OrgRow; ref: number | undefined; member: MemberRow; reason: string; byContactId: string; now: Date }): Promise<string> {
    const { member, now } = input
    const meeting = await this.resolve(input.org, input.ref, ['scheduled', 'open'], '请假', new UserError('meeting.noneUpcoming'), now)
    if (meeting.status === 'cancelled') throw new UserError('meeting.isCancelled', { id: meeting.id })
    if (meeting.status === 'closed') throw new UserError('meeting.leaveTooLate', { id: meeting.id })
    await this.requireExpectable(meeting, member)
    if (await this.meetings.isExempt(member.id)) throw new UserError('meeting.exemptNoLeave', { name: member.name })
    const existing = await this.meetings.findAttendance(meeting.id, member.id)
    if (existing && (existing.status === 'present' || existing.status === 'late')) {
      throw new UserError('meeting.leaveAfterCheckIn', { name: member.name, id: meeting.id })
    }
    await this.meetings.saveAttendance({ meetingId: meeting.id, memberId: member.id, status: 'leave', reason: input.reason, at: now, byContactId: input.byContactId })
    if (input.byContactId !== member.contactId) {
      await this.audit.record({
        at: now,
        actorContactId: input.byContactId,
        action: 'meeting.leave-for',
        orgId: input.org.id,
        targetContactId: member.contactId,
        detail: { meetingId: meeting.id, reason: input.reason },
      })
    }
    return texts.meeting.onLeave({ name: member.name, id: meeting.id })
  }

  /**
   * Closes the check-in: every expected member with no record is written down absent, attendees of a
   * 党课 get its study hours, and the group hears who came, who was on leave (why) and who was absent.
   */
  async close(input: { org: OrgRow; ref: number | undefined; byContactId: string; now: Date }): Promise<string> {
    const { now } = input
    const meeting = await this.resolve(input.org, input.ref, ['open'], '结束签到', new UserError('meeting.noneOpen'), now)
    if (meeting.status === 'cancelled') throw new UserError('meeting.isCancelled', { id: meeting.id })
    if (meeting.status === 'closed') throw new UserError('meeting.alreadyClosed', { id: meeting.id })
    if (meeting.status === 'scheduled') throw new UserError('meeting.notOpenYet', { id: meeting.id, time: this.time(meeting.startsAt, now) })
    const closed = await this.meetings.transaction(async (repo) => {
      if (!(await repo.markClosed(meeting.id, now))) return false
      const roll = await this.roll(meeting, repo)
      await repo.createAbsent(meeting.id, roll.absent.map((p) => p.memberId), now, input.byContactId)
      if (meeting.type === '党课') {
        const content = `党课${meeting.topic ? `「${meeting.topic}」` : ''} #${meeting.id}`
        await repo.addLectureStudy(meeting.id, roll.present.map((p) => p.memberId), content, this.options.lectureMinutes, heldAt(meeting, now))
      }
      return true
    })
    if (!closed) throw new UserError('meeting.alreadyClosed', { id: meeting.id })
    await this.jobs.cancelPending(jobKeyPrefix(meeting.id))
    await this.audit.record({ at: now, actorContactId: input.byContactId, action: 'meeting.close', orgId: input.org.id, detail: { meetingId: meeting.id } })
    const roll = await this.roll({ ...meeting, status: 'closed' })
    return texts.meeting.closedSummary({
      id: meeting.id,
      type: meeting.type,
      topic: meeting.topic,
      expected: roll.expected.length,
      present: roll.present.map((p) => texts.meeting.presentName(p)),
      late: roll.present.filter((p) => p.late).length,
      leave: roll.leave.map((p) => texts.meeting.leaveName(p)),
      absent: roll.absent.map((p) => p.name),
    })
  }

  /** Cancels a meeting that has not been closed, with its reminders and opening; those expected are told. */
  async cancel(input: { org: OrgRow; ref: number; byContactId: string; now: Date }): Promise<Reply> {
    const { now } = input
    const meeting = await this.find(input.org, input.ref)
    if (meeting.status === 'cancelled') throw new UserError('meeting.isCancelled', { id: meeting.id })
    if (meeting.status === 'closed') throw new UserError('meeting.cannotCancelClosed', { id: meeting.id })
    const roll = await this.roll(meeting)
    if (!(await this.meetings.markCancelled(meeting.id))) throw new UserError('meeting.isCancelled', { id: meeting.id })
    await this.jobs.cancelPending(jobKeyPrefix(meeting.id))
    await this.audit.record({ at: now, actorContactId: input.byContactId, action: 'meeting.cancel', orgId: input.org.id, detail: { meetingId: meeting.id } })
    return {
      text: texts.meeting.cancelled({ id: meeting.id, type: meeting.type, topic: meeting.topic, time: this.time(meeting.startsAt, now) }),
      mentionIds: roll.expected.map((p) => p.contactId),
    }
  }

  /**
   * The 会议记录. Who was absent or on leave (and why) is personal data: the full record goes to the
   * officer privately, the group sees only the counts.
   */
  async record(input: { org: OrgRow; ref: number; askerContactId: string; inGroup: boolean; now: Date }): Promise<Reply[]> {
    const { now } = input
    const meeting = await this.find(input.org, input.ref)
    const roll = await this.roll(meeting)
    const closed = meeting.status === 'closed'
    const text = texts.meeting.record({
      id: meeting.id,
      type: meeting.type,
      status: texts.meeting.status({ status: meeting.status }),
      time: this.time(meeting.startsAt, now),
      place: meeting.place,
      chair: meeting.chair,
      recorder: meeting.recorder,
      topic: meeting.topic,
      agenda: meeting.agenda,
      resolutions: meeting.resolutions,
      expected: roll.expected.length,
      present: roll.present.map((p) => texts.meeting.presentName(p)),
      leave: roll.leave.map((p) => texts.meeting.leaveName(p)),
      absent: roll.absent.map((p) => p.name),
      closed,
      quorum: this.quorumLine(meeting, roll),
    })
    if (!input.inGroup) return [{ text }]
    return [
      {
        text: texts.meeting.recordSentPrivately({ id: meeting.id, expected: roll.expected.length, present: roll.present.length, leave: roll.leave.length, absent: roll.absent.length }),
      },
      { text, privateTo: input.askerContactId },
    ]
  }

  /** Fills the record's chair, recorder, agenda and resolutions (a correction on the record: audited). */
  async editRecord(input: { org: OrgRow; ref: number; fields: RecordFields; byContactId: string; now: Date }): Promise<string> {
    const meeting = await this.find(input.org, input.ref)
    if (meeting.status === 'cancelled') throw new UserError('meeting.isCancelled', { id: meeting.id })
    const entries = Object.entries(input.fields).filter(([, v]) => v !== undefined)
    if (entries.length === 0) throw new UserError('meeting.recordNothing')
    await this.meetings.updateRecord(meeting.id, input.fields)
    await this.audit.record({ at: input.now, actorContactId: input.byContactId, action: 'meeting.record', orgId: input.org.id, detail: { meetingId: meeting.id, ...input.fields } })
    const label: Record<string, string> = { chair: '主持', recorder: '记录', agenda: '议程', resolutions: '决议' }
    return texts.meeting.recordUpdated({ id: meeting.id, lines: entries.map(([k, v]) => `${label[k]}：${v}`) })
  }

  /** Marks a frail or very ill member exempt (expected at no meeting), or clears it. Audited. */
  async setExempt(input: { org: OrgRow; member: MemberRow; exempt: boolean; byContactId: string; now: Date }): Promise<string> {
    const { member, exempt } = input
    const current = await this.meetings.isExempt(member.id)
    if (current === exempt) throw exempt ? new UserError('meeting.exemptAlready', { name: member.name }) : new UserError('meeting.exemptNot', { name: member.name })
    await this.meetings.setExempt(member.id, exempt)
    await this.audit.record({
      at: input.now,
      actorContactId: input.byContactId,
      action: exempt ? 'member.exempt' : 'member.unexempt',
      orgId: input.org.id,
      targetContactId: member.contactId,
    })
    return exempt ? texts.meeting.exemptSet({ name: member.name }) : texts.meeting.exemptCleared({ name: member.name })
  }

  /**
   * 三会一课 for the group's organisation and every organisation below it that has a group, one
   * block each, from the meetings closed so far.
   */
  async calendar(input: { context: OrgContext; scope: CalendarScope; now: Date }): Promise<string> {
    const { now, scope } = input
    const orgs = [input.context.org, ...(await this.options.boundBelow(input.context.org.id))]
    const held = await this.heldByOrg(orgs.map((o) => o.id), now)
    const scopeLabel =
      scope === 'current' ? `截至 ${this.time(now, now)}` : scope === 'year' ? periodOf('yearly', now, this.timeZone).label : previousQuarter(now, this.timeZone).label
    const blocks = orgs.map((org) => {
      const lines = scope === 'current' ? this.currentLines(org, held.get(org.id) ?? [], now) : this.rangeLines(org, held.get(org.id) ?? [], scope, now)
      return [texts.meeting.calendarHeader({ org: org.name, scope: scopeLabel }), ...lines].join('\n')
    })
    return blocks.join('\n\n')
  }

  /**
   * Makes sure the next monthly digest is scheduled: the first working day of this month at 09:00 if
   * that is still ahead, else next month's. Idempotent (one job key per digest); call it at start-up.
   */
  async ensureDigestScheduled(now: Date): Promise<Date> {
    let dueAt = firstWorkingDayOfMonth(now, this.timeZone)
    if (dueAt.getTime() <= now.getTime()) dueAt = firstWorkingDayOfMonth(periodOf('monthly', now, this.timeZone).end, this.timeZone)
    await this.jobs.schedule({ kind: MEETING_JOBS.digest, key: `meeting:compliance-digest:${dueAt.toISOString()}`, dueAt, payload: {}, now })
    return dueAt
  }

  /** Job: the reminder before a meeting, @-mentioning the members it expects (not those on leave). */
  remindJob = async (payload: unknown, now: Date): Promise<QueuedMessage[]> => {
    const { meetingId, hours } = payload as { meetingId: number; hours: number }
    const meeting = await this.meetings.findById(meetingId)
    if (!meeting || (meeting.status !== 'scheduled' && meeting.status !== 'open')) return []
    const roomId = await this.options.roomOf(meeting.orgId)
    if (!roomId) return []
    const roll = await this.roll(meeting)
    const onLeave = new Set(roll.leave.map((p) => p.memberId))
    return [
      {
        to: { kind: 'group', roomId },
        text: texts.meeting.reminder({ id: meeting.id, type: meeting.type, topic: meeting.topic, time: this.time(meeting.startsAt, now), hours, place: meeting.place }),
        mentionIds: roll.expected.filter((p) => !onLeave.has(p.memberId)).map((p) => p.contactId),
      },
    ]
  }

  /** Job: the check-in opens by itself at the start (unless an officer opened it already). */
  openJob = async (payload: unknown, now: Date): Promise<QueuedMessage[]> => {
    const { meetingId } = payload as { meetingId: number }
    const meeting = await this.meetings.findById(meetingId)
    if (!meeting || !(await this.meetings.markOpen(meeting.id, now))) return []
    const roomId = await this.options.roomOf(meeting.orgId)
    if (!roomId) return []
    return [{ to: { kind: 'group', roomId }, text: texts.meeting.openNotice(meeting) }]
  }

  /**
   * Job: on the first working day of the month each organisation's 书记 hears privately what is due
   * and what is overdue; then the next month's digest is scheduled.
   */
  digestJob = async (_payload: unknown, now: Date): Promise<QueuedMessage[]> => {
    const secretaries = await this.meetings.secretaries()
    const held = await this.heldByOrg([...new Set(secretaries.map((s) => s.org.id))], now)
    const month = periodOf('monthly', now, this.timeZone).label
    const messages: QueuedMessage[] = []
    for (const { org, member } of secretaries) {
      const rows = this.rowsFor(org, held.get(org.id) ?? [], now)
      const due = rows.filter((r) => r.state === 'due').map((r) => `${r.type}（${r.period.label}）`)
      const overdue = rows.filter((r) => r.state === 'overdue').map((r) => `${r.type}（${r.period.label}）`)
      if (due.length === 0 && overdue.length === 0) continue
      messages.push({ to: { kind: 'private', contactId: member.contactId }, text: texts.meeting.digest({ org: org.name, month, due, overdue }) })
    }
    await this.ensureDigestScheduled(now)
    return messages
  }

  // ---------------------------------------------------------------------------------------------

  private async find(org: OrgRow, ref: number): Promise<MeetingRow> {
    const meeting = await this.meetings.findInOrg(ref, org.id)
    if (!meeting) throw new UserError('meeting.notFound', { id: ref })
    return meeting
  }

  /** The meeting a command is about: `#n` when given, else the organisation's only meeting in `statuses`. */
  private async resolve(org: OrgRow, ref: number | undefined, statuses: MeetingStatus[], command: string, none: UserError, now: Date): Promise<MeetingRow> {
    if (ref !== undefined) return this.find(org, ref)
    const candidates = await this.meetings.listByStatus(org.id, statuses)
    return this.only(candidates, command, none, now)
  }

  /** 开始签到 without #n: the scheduled meeting starting within 12 hours (or the only scheduled one). */
  private async pickToOpen(org: OrgRow, now: Date): Promise<MeetingRow> {
    const scheduled = await this.meetings.listByStatus(org.id, ['scheduled'])
    const soon = scheduled.filter((m) => m.startsAt.getTime() <= now.getTime() + 12 * 3_600_000)
    return this.only(soon.length > 0 ? soon : scheduled, '开始签到', new UserError('meeting.noneToOpen'), now)
  }

  private only(candidates: MeetingRow[], command: string, none: UserError, now: Date): MeetingRow {
    if (candidates.length === 0) throw none
    if (candidates.length > 1) {
      throw new UserError('meeting.whichOne', { command, list: candidates.map((m) => this.listLine(m, now)).join('\n') })
    }
    return candidates[0]!
  }

  private listLine(meeting: MeetingRow, now: Date): string {
    return texts.meeting.listLine({
      label: `#${meeting.id} ${meeting.type}${meeting.topic ? `「${meeting.topic}」` : ''}`,
      time: this.time(meeting.startsAt, now),
      status: meeting.status === 'open' ? '（签到中）' : '',
    })
  }

  private requireCheckInOpen(meeting: MeetingRow, now: Date): void {
    switch (meeting.status) {
      case 'cancelled':
        throw new UserError('meeting.isCancelled', { id: meeting.id })
      case 'closed':
        throw new UserError('meeting.checkInClosed', { id: meeting.id })
      case 'scheduled':
        throw new UserError('meeting.notOpenYet', { id: meeting.id, time: this.time(meeting.startsAt, now) })
    }
  }

  /** A 支委会 is for the committee only: others neither check in nor ask for leave. */
  private async requireExpectable(meeting: MeetingRow, member: MemberRow): Promise<void> {
    if (meeting.type !== '支委会') return
    const roster = await this.meetings.roster(meeting.orgId)
    if (!roster.some((m) => m.id === member.id && isCommittee(m))) throw new UserError('meeting.committeeOnly', { id: meeting.id, name: member.name })
  }

  /**
   * Who the meeting expects and what each did. Until closing, the expected are the organisation's
   * members who are not exempt (for a 支委会, its committee), plus anyone who has a record anyway (an
   * exempt member who came). Closing writes a row for every one of them, so afterwards the rows are
   * the roll and later changes to the roster don't rewrite history.
   */
  private async roll(meeting: MeetingRow, repo: MeetingRepository = this.meetings): Promise<Roll> {
    const rows = await repo.attendances(meeting.id)
    const person = (r: AttendanceRow): Person => ({ memberId: r.memberId, name: r.member.name, contactId: r.member.contactId, stage: r.member.stage })
    const withRecord = new Set(rows.map((r) => r.memberId))
    let expected: Person[]
    let absent: Person[]
    if (meeting.status === 'closed') {
      expected = rows.map(person)
      absent = rows.filter((r) => r.status === 'absent').map(person)
    } else {
      const roster = await repo.roster(meeting.orgId)
      const invited = roster.filter((m) => !m.exempt && (meeting.type !== '支委会' || isCommittee(m)))
      absent = invited.filter((m) => !withRecord.has(m.id)).map((m) => ({ memberId: m.id, name: m.name, contactId: m.contactId, stage: m.stage }))
      const invitedIds = new Set(invited.map((m) => m.id))
      expected = [
        ...invited.map((m) => ({ memberId: m.id, name: m.name, contactId: m.contactId, stage: m.stage })),
        ...rows.filter((r) => !invitedIds.has(r.memberId)).map(person),
      ]
    }
    return {
      expected,
      present: rows.filter((r) => r.status === 'present' || r.status === 'late').map((r) => ({ ...person(r), late: r.status === 'late' })),
      leave: rows.filter((r) => r.status === 'leave').map((r) => ({ ...person(r), reason: r.reason })),
      absent,
    }
  }

  /** Quorum, for the meetings that have one: 党员大会 (only 正式党员 vote) and 支委会. */
  private quorumLine(meeting: MeetingRow, roll: Roll): string | null {
    if (meeting.type === '党员大会') {
      // 党章 art. 7: 预备党员 have no vote, so they count in neither number (支部工作条例 art. 11).
      const voting = (p: Person) => p.stage === '正式党员'
      const expected = roll.expected.filter(voting).length
      const present = roll.present.filter(voting).length
      return texts.meeting.generalQuorum({ expected, present, ...generalMeetingQuorum(expected, present) })
    }
    if (meeting.type === '支委会') {
      const expected = roll.expected.length
      const present = roll.present.length
      return texts.meeting.committeeQuorum({ expected, present, ...committeeQuorum(expected, present) })
    }
    return null
  }

  /** When each closed meeting was held, by organisation: its start, or its closing if that came earlier (opened early). */
  private async heldByOrg(orgIds: number[], now: Date): Promise<Map<number, { type: MeetingType; heldAt: Date }[]>> {
    const byOrg = new Map<number, { type: MeetingType; heldAt: Date }[]>()
    if (orgIds.length === 0) return byOrg
    for (const m of await this.meetings.heldMeetings(orgIds)) {
      if (!isMeetingType(m.type)) continue
      const list = byOrg.get(m.orgId) ?? []
      list.push({ type: m.type, heldAt: heldAt(m, now) })
      byOrg.set(m.orgId, list)
    }
    return byOrg
  }

  /** The calendar rows that apply to an organisation: a 党小组 holds only 党小组会 (its members attend the branch's meetings). */
  private rowsFor(org: OrgRow, held: { type: MeetingType; heldAt: Date }[], now: Date): ComplianceRow[] {
    const rows = complianceCalendar(held, now, this.timeZone, this.options.frequencies)
    return org.type === '党小组' ? rows.filter((r) => r.type === '党小组会') : rows
  }

  private currentLines(org: OrgRow, held: { type: MeetingType; heldAt: Date }[], now: Date): string[] {
    return this.rowsFor(org, held, now).map((row) => {
      const state =
        row.state === 'held'
          ? texts.meeting.stateHeld({ count: row.heldCount })
          : (row.state === 'due' ? texts.meeting.stateDue() : texts.meeting.stateOverdue()) +
            (row.lastHeldAt ? texts.meeting.lastHeld({ date: this.date(row.lastHeldAt, now) }) : texts.meeting.neverHeld())
      return texts.meeting.calendarLine({ type: row.type, frequency: `${texts.meeting.frequency({ frequency: row.frequency })}，${row.period.label}`, detail: state })
    })
  }

  /** Every period of last quarter or of this year (up to now), held or not: 逾期 once a period has ended without one. */
  private rangeLines(org: OrgRow, held: { type: MeetingType; heldAt: Date }[], scope: 'lastQuarter' | 'year', now: Date): string[] {
    const range = scope === 'year' ? periodOf('yearly', now, this.timeZone) : previousQuarter(now, this.timeZone)
    const types = org.type === '党小组' ? (['党小组会'] as MeetingType[]) : [...MEETING_TYPES]
    return types.map((type) => {
      const frequency = this.options.frequencies[type]
      const periods: Period[] = []
      for (let p = periodOf(frequency, range.start, this.timeZone); p.start < range.end && p.start <= now; p = periodOf(frequency, p.end, this.timeZone)) {
        periods.push(p)
      }
      const states = periods.map((p) => {
        const count = held.filter((h) => h.type === type && h.heldAt >= p.start && h.heldAt < p.end && h.heldAt <= now).length
        return { label: shortLabel(p.label), count, state: count > 0 ? 'held' : p.end <= now ? 'overdue' : 'due' }
      })
      const detail =
        states.length === 1
          ? states[0]!.state === 'held'
            ? texts.meeting.stateHeld({ count: states[0]!.count })
            : states[0]!.state === 'due'
              ? texts.meeting.stateDue()
              : texts.meeting.stateOverdue()
          : texts.meeting.periodsSummary({
              held: states.filter((s) => s.state === 'held').length,
              total: states.length,
              overdue: states.filter((s) => s.state === 'overdue').map((s) => s.label),
              due: states.filter((s) => s.state === 'due').map((s) => s.label),
            })
      return texts.meeting.calendarLine({ type, frequency: texts.meeting.frequency({ frequency }), detail })
    })
  }

  private time(at: Date, now: Date): string {
    return formatChineseTime(at, this.timeZone, now)
  }

  /** '10月15日' (the date part of formatChineseTime). */
  private date(at: Date, now: Date): string {
    return this.time(at, now).replace(/\(.*$/, '')
  }
}

function jobKeyPrefix(meetingId: number): string {
  // The trailing colon keeps meeting 1's prefix from matching meeting 12's jobs.
  return `meeting:${meetingId}:`
}

function isCommittee(member: RosterMember): boolean {
  return member.titles.some((t) => COMMITTEE_TITLES.includes(t))
}

function isMeetingType(type: string): type is MeetingType {
  return (MEETING_TYPES as readonly string[]).includes(type)
}

/** A meeting opened early and closed before its announced start was held when it closed. */
function heldAt(meeting: { startsAt: Date; closedAt: Date | null }, now: Date): Date {
  const closedAt = meeting.closedAt ?? now
  return closedAt.getTime() < meeting.startsAt.getTime() ? closedAt : meeting.startsAt
}

function previousQuarter(now: Date, tz: string): Period {
  return periodOf('quarterly', new Date(periodOf('quarterly', now, tz).start.getTime() - 1), tz)
}

/** '2026年11月' → '11月', '2026年第4季度' → '第4季度'; a bare year stays. */
function shortLabel(label: string): string {
  return label.replace(/^\d+年(?=.)/, '')
}
