import { UserError } from '../../texts/user-error.js'
import type { Reply } from '../../chat/reply.js'
import { texts } from '../../texts/index.js'
import type { JobRepository } from '../../scheduler/job.repository.js'
import type { AuditRepository } from '../audit/audit.repository.js'
import type { MemberRow, OrgRow } from '../org/org.repository.js'
import { heldAt } from './compliance-rules.js'
import { MEETING_OPEN, MEETING_REMIND, meetingJobKeys, meetingJobPrefix } from './meeting-jobs.service.js'
import type { MeetingLookup } from './meeting-lookup.service.js'
import { isCommittee, LEAVE_REASON_READERS, rollOf } from './meeting-roll.service.js'
import { DEFAULT_FREQUENCIES, type MeetingType } from './meeting-rules.js'
import type { MeetingRepository, MeetingRow } from './meeting.repository.js'

export interface MeetingServiceOptions {
  /** Reminders go out this many hours before the start (default 24 and 1). */
  reminderHours: readonly number[]
  /** A check-in more than this many minutes after the start is marked late (default 10, a common local practice). */
  lateGraceMinutes: number
  /** Study time a 党课 counts for its attendees (default 2 hours: a branch lecture, 1 学时 an hour). */
  lectureMinutes: number
  /** Called when a meeting is scheduled: a branch that schedules meetings wants the monthly digest. */
  onScheduled(now: Date): Promise<unknown>
}

export const DEFAULT_MEETING_OPTIONS = {
  reminderHours: [24, 1],
  lateGraceMinutes: 10,
  lectureMinutes: 120,
  frequencies: DEFAULT_FREQUENCIES,
} as const

/** 三会一课 and 主题党日 from 安排 to 结束签到: scheduling, opening, check-in, leave, closing, cancelling, exemptions. */
export class MeetingService {
  constructor(
    private readonly meetings: MeetingRepository,
    private readonly audit: AuditRepository,
    private readonly jobs: JobRepository,
    private readonly lookup: MeetingLookup,
    private readonly options: MeetingServiceOptions,
  ) {}

  async schedule(input: { org: OrgRow; type: MeetingType; startsAt: Date; place: string | null; topic: string | null; byContactId: string; now: Date }): Promise<string> {
    const { now } = input
    const meeting = await this.meetings.create({ orgId: input.org.id, type: input.type, startsAt: input.startsAt, place: input.place, topic: input.topic, byContactId: input.byContactId, now })
    for (const hours of this.options.reminderHours) {
      const dueAt = new Date(meeting.startsAt.getTime() - hours * 3_600_000)
      if (dueAt.getTime() > now.getTime()) {
        await this.jobs.schedule({ kind: MEETING_REMIND.kind, key: meetingJobKeys.remind(meeting.id, hours), dueAt, payload: { meetingId: meeting.id, hours }, now })
      }
    }
    await this.jobs.schedule({ kind: MEETING_OPEN.kind, key: meetingJobKeys.open(meeting.id), dueAt: meeting.startsAt, payload: { meetingId: meeting.id }, now })
    await this.options.onScheduled(now)
    return texts.meeting.scheduled({ id: meeting.id, type: meeting.type, topic: meeting.topic, time: this.lookup.time(meeting.startsAt, now), place: meeting.place })
  }

  /** The meetings not yet held or cancelled, soonest first. */
  async list(org: OrgRow, now: Date): Promise<string> {
    const upcoming = await this.meetings.listByStatus(org.id, ['scheduled', 'open'])
    if (upcoming.length === 0) return texts.meeting.noneUpcoming()
    return [texts.meeting.listHeader(), ...upcoming.map((m) => this.lookup.listLine(m, now))].join('\n')
  }

  /** Opens the check-in by hand (before the start, or when the automatic opening did not happen). */
  async open(input: { org: OrgRow; ref: number | undefined; byContactId: string; now: Date }): Promise<string> {
    const { now } = input
    const meeting = input.ref !== undefined ? await this.lookup.find(input.org, input.ref) : await this.lookup.pickToOpen(input.org, now)
    if (meeting.status === 'cancelled') throw new UserError('meeting.isCancelled', { id: meeting.id })
    if (meeting.status === 'open') throw new UserError('meeting.alreadyOpen', { id: meeting.id })
    if (meeting.status === 'closed') throw new UserError('meeting.alreadyClosed', { id: meeting.id })
    if (!(await this.meetings.markOpen(meeting.id, now))) throw new UserError('meeting.alreadyOpen', { id: meeting.id })
    await this.jobs.cancelPending(meetingJobKeys.open(meeting.id))
    await this.audit.record({ at: now, actorContactId: input.byContactId, action: 'meeting.open', orgId: input.org.id, detail: { meetingId: meeting.id } })
    return texts.meeting.openNotice(meeting)
  }

  /** Checks a member in (`byContactId` is someone else for 代签到, which is audited). */
  async checkIn(input: { org: OrgRow; ref: number | undefined; member: MemberRow; byContactId: string; now: Date }): Promise<Reply> {
    const { member, now } = input
    const meeting = await this.lookup.resolve(input.org, input.ref, ['open'], '签到', new UserError('meeting.noneOpen'), now)
    this.requireCheckInOpen(meeting, now)
    await this.requireExpectable(meeting, member)
    const late = now.getTime() > meeting.startsAt.getTime() + this.options.lateGraceMinutes * 60_000
    const saved = await this.meetings.saveUnlessPresent({ meetingId: meeting.id, memberId: member.id, status: late ? 'late' : 'present', reason: null, at: now, byContactId: input.byContactId })
    if (!saved) throw new UserError('meeting.alreadyCheckedIn', { name: member.name, id: meeting.id })
    await this.auditForOther(input, 'meeting.checkin-for', { meetingId: meeting.id, late })
    // A room of people checking in within a minute: their acknowledgements go out as one message.
    return { text: texts.meeting.checkedIn({ name: member.name, id: meeting.id, late }), coalesceKey: `checkin:${meeting.id}` }
  }

  /** Records a leave with its reason, before or during the meeting (支部工作条例: leave is asked in advance, with a reason). */
  async leave(input: { org: OrgRow; ref: number | undefined; member: MemberRow; reason: string; byContactId: string; now: Date }): Promise<string> {
    const { member, now } = input
    const meeting = await this.lookup.resolve(input.org, input.ref, ['scheduled', 'open'], '请假', new UserError('meeting.noneUpcoming'), now)
    if (meeting.status === 'cancelled') throw new UserError('meeting.isCancelled', { id: meeting.id })
    if (meeting.status === 'closed') throw new UserError('meeting.leaveTooLate', { id: meeting.id })
    await this.requireExpectable(meeting, member)
    const saved = await this.meetings.saveUnlessPresent({ meetingId: meeting.id, memberId: member.id, status: 'leave', reason: input.reason, at: now, byContactId: input.byContactId })
    if (!saved) {
      if (await this.meetings.isExempt(member.id)) throw new UserError('meeting.exemptNoLeave', { name: member.name })
      throw new UserError('meeting.leaveAfterCheckIn', { name: member.name, id: meeting.id })
    }
    await this.auditForOther(input, 'meeting.leave-for', { meetingId: meeting.id, reason: input.reason })
    return texts.meeting.onLeave({ name: member.name, id: meeting.id })
  }

  /**
   * Closes the check-in: every expected member with no record is written down absent, attendees of
   * a 党课 get its study hours, and the group hears who came, who was on leave and who was absent.
   * Leave reasons may be health details: only the officer who closed it and the 书记 and 副书记 get
   * them, privately (names only in the group).
   */
  async close(input: { org: OrgRow; ref: number | undefined; byContactId: string; now: Date }): Promise<Reply[]> {
    const { now } = input
    const meeting = await this.lookup.resolve(input.org, input.ref, ['open'], '结束签到', new UserError('meeting.noneOpen'), now)
    if (meeting.status === 'cancelled') throw new UserError('meeting.isCancelled', { id: meeting.id })
    if (meeting.status === 'closed') throw new UserError('meeting.alreadyClosed', { id: meeting.id })
    if (meeting.status === 'scheduled') throw new UserError('meeting.notOpenYet', { id: meeting.id, time: this.lookup.time(meeting.startsAt, now) })
    const closed = await this.meetings.transaction(async (repo) => {
      if (!(await repo.markClosed(meeting.id, now))) return false
      const roll = await rollOf(meeting, repo)
      await repo.createAbsent(meeting.id, roll.absent.map((p) => p.memberId), now, input.byContactId)
      if (meeting.type === '党课') {
        const content = texts.study.lectureEntry({ id: meeting.id, topic: meeting.topic })
        await repo.addLectureStudy(meeting.id, roll.present.map((p) => p.memberId), content, this.options.lectureMinutes, heldAt(meeting, now))
      }
      return true
    })
    if (!closed) throw new UserError('meeting.alreadyClosed', { id: meeting.id })
    await this.jobs.cancelPending(meetingJobPrefix(meeting.id))
    await this.audit.record({ at: now, actorContactId: input.byContactId, action: 'meeting.close', orgId: input.org.id, detail: { meetingId: meeting.id } })
    const roll = await rollOf({ ...meeting, status: 'closed' }, this.meetings)
    const summary = texts.meeting.closedSummary({
      id: meeting.id,
      type: meeting.type,
      topic: meeting.topic,
      expected: roll.expected.length,
      present: roll.present.map((p) => texts.meeting.presentName(p)),
      late: roll.present.filter((p) => p.late).length,
      leave: roll.leave.map((p) => p.name),
      absent: roll.absent.map((p) => p.name),
    })
    if (roll.leave.length === 0) return [{ text: summary }]
    const reasons = texts.meeting.leaveReasons({ id: meeting.id, type: meeting.type, topic: meeting.topic, leave: roll.leave })
    const readers = await this.leaveReasonReaders(meeting.orgId, input.byContactId)
    return [{ text: summary }, ...readers.map((contactId) => ({ text: reasons, privateTo: contactId }))]
  }

  /** Cancels a meeting that has not been closed, with its reminders and opening; those expected are told. */
  async cancel(input: { org: OrgRow; ref: number; byContactId: string; now: Date }): Promise<Reply> {
    const { now } = input
    const meeting = await this.lookup.find(input.org, input.ref)
    if (meeting.status === 'cancelled') throw new UserError('meeting.isCancelled', { id: meeting.id })
    if (meeting.status === 'closed') throw new UserError('meeting.cannotCancelClosed', { id: meeting.id })
    const roll = await rollOf(meeting, this.meetings)
    if (!(await this.meetings.markCancelled(meeting.id))) throw new UserError('meeting.isCancelled', { id: meeting.id })
    await this.jobs.cancelPending(meetingJobPrefix(meeting.id))
    await this.audit.record({ at: now, actorContactId: input.byContactId, action: 'meeting.cancel', orgId: input.org.id, detail: { meetingId: meeting.id } })
    return {
      text: texts.meeting.cancelled({ id: meeting.id, type: meeting.type, topic: meeting.topic, time: this.lookup.time(meeting.startsAt, now) }),
      mentionIds: roll.expected.map((p) => p.contactId),
    }
  }

  /** Marks a frail or very ill member exempt (expected at no meeting), or clears it. Audited. */
  async setExempt(input: { org: OrgRow; member: MemberRow; exempt: boolean; byContactId: string; now: Date }): Promise<string> {
    const { member, exempt } = input
    const current = await this.meetings.isExempt(member.id)
    if (current === exempt) throw exempt ? new UserError('meeting.exemptAlready', { name: member.name }) : new UserError('meeting.exemptNot', { name: member.name })
    await this.meetings.setExempt(member.id, exempt)
    await this.audit.record({ at: input.now, actorContactId: input.byContactId, action: exempt ? 'member.exempt' : 'member.unexempt', orgId: input.org.id, targetContactId: member.contactId })
    return exempt ? texts.meeting.exemptSet({ name: member.name }) : texts.meeting.exemptCleared({ name: member.name })
  }

  // ---------------------------------------------------------------------------------------------

  /** The officer who closed the meeting first, then the organisation's 书记 and 副书记, each once. */
  private async leaveReasonReaders(orgId: number, closerContactId: string): Promise<string[]> {
    const roster = await this.meetings.roster(orgId)
    const heads = roster.filter((m) => m.titles.some((t) => LEAVE_REASON_READERS.includes(t))).map((m) => m.contactId)
    return [...new Set([closerContactId, ...heads])]
  }

  /** 代签到 and 代请假 are audited: who acted for whom. */
  private async auditForOther(input: { org: OrgRow; member: MemberRow; byContactId: string; now: Date }, action: string, detail: Record<string, unknown>): Promise<void> {
    if (input.byContactId === input.member.contactId) return
    await this.audit.record({ at: input.now, actorContactId: input.byContactId, action, orgId: input.org.id, targetContactId: input.member.contactId, detail })
  }

  private requireCheckInOpen(meeting: MeetingRow, now: Date): void {
    switch (meeting.status) {
      case 'cancelled':
        throw new UserError('meeting.isCancelled', { id: meeting.id })
      case 'closed':
        throw new UserError('meeting.checkInClosed', { id: meeting.id })
      case 'scheduled':
        throw new UserError('meeting.notOpenYet', { id: meeting.id, time: this.lookup.time(meeting.startsAt, now) })
    }
  }

  /** A 支委会 is for the committee only: others neither check in nor ask for leave. */
  private async requireExpectable(meeting: MeetingRow, member: MemberRow): Promise<void> {
    if (meeting.type !== '支委会') return
    const roster = await this.meetings.roster(meeting.orgId)
    if (!roster.some((m) => m.id === member.id && isCommittee(m))) throw new UserError('meeting.committeeOnly', { id: meeting.id, name: member.name })
  }
}
