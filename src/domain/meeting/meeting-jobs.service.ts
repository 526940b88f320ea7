import { z } from 'zod'
import { texts } from '../../texts/index.js'
import type { QueuedMessage } from '../../outbox/outbox.js'
import { jobKind } from '../../scheduler/job-kind.js'
import type { MeetingLookup } from './meeting-lookup.service.js'
import { rollOf } from './meeting-roll.service.js'
import type { MeetingRepository } from './meeting.repository.js'

const meetingId = z.number().int().positive()

/** The reminder before a meeting, `hours` before its start. */
export const MEETING_REMIND = jobKind('meeting.remind', z.object({ meetingId, hours: z.number().positive() }))
/** The check-in opening by itself at the start. */
export const MEETING_OPEN = jobKind('meeting.open', z.object({ meetingId }))

/** Every job of one meeting shares this key prefix (the trailing colon keeps meeting 1's from matching meeting 12's). */
export function meetingJobPrefix(id: number): string {
  return `meeting:${id}:`
}

export const meetingJobKeys = {
  remind: (id: number, hours: number) => `${meetingJobPrefix(id)}remind:${hours}`,
  open: (id: number) => `${meetingJobPrefix(id)}open`,
}

/**
 * The jobs of one meeting. Each may run again after a failure between its own change and the
 * scheduler's commit of its messages (a crash, a failed write): it then recomputes the same
 * messages from the meeting's state, and each carries an idempotency key from the meeting's
 * identity, so the outbox queues it once.
 */
export class MeetingJobs {
  constructor(
    private readonly meetings: MeetingRepository,
    private readonly lookup: MeetingLookup,
    private readonly roomOf: (orgId: number) => Promise<string | null>,
  ) {}

  /** The reminder before a meeting, @-mentioning the members it expects (not those on leave). */
  remind = async ({ meetingId, hours }: z.infer<typeof MEETING_REMIND.payload>, now: Date): Promise<QueuedMessage[]> => {
    const meeting = await this.meetings.findById(meetingId)
    if (!meeting || (meeting.status !== 'scheduled' && meeting.status !== 'open')) return []
    const roomId = await this.roomOf(meeting.orgId)
    if (!roomId) return []
    const roll = await rollOf(meeting, this.meetings)
    const onLeave = new Set(roll.leave.map((p) => p.memberId))
    return [
      {
        to: { kind: 'group', roomId },
        text: texts.meeting.reminder({ id: meeting.id, type: meeting.type, topic: meeting.topic, time: this.lookup.time(meeting.startsAt, now), hours, place: meeting.place }),
        mentionIds: roll.expected.filter((p) => !onLeave.has(p.memberId)).map((p) => p.contactId),
        idempotencyKey: meetingJobKeys.remind(meeting.id, hours),
      },
    ]
  }

  /**
   * The check-in opens by itself at the start, unless an officer opened it already. Opening by
   * hand cancels this job, so a meeting found open at or after its start was opened by this job
   * on an earlier try whose notice was never queued: the notice goes out now. A meeting opened
   * before its start was opened by hand, and gets no second notice.
   */
  open = async ({ meetingId }: z.infer<typeof MEETING_OPEN.payload>, now: Date): Promise<QueuedMessage[]> => {
    const meeting = await this.meetings.findById(meetingId)
    if (!meeting) return []
    const openedNow = await this.meetings.markOpen(meeting.id, now)
    const openedByThisJob = openedNow || (meeting.status === 'open' && meeting.openedAt !== null && meeting.openedAt >= meeting.startsAt)
    if (!openedByThisJob) return []
    const roomId = await this.roomOf(meeting.orgId)
    if (!roomId) return []
    return [{ to: { kind: 'group', roomId }, text: texts.meeting.openNotice(meeting), idempotencyKey: meetingJobKeys.open(meeting.id) }]
  }
}
