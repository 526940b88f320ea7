import { UserError } from '../../texts/user-error.js'
import type { Reply } from '../../chat/reply.js'
import { texts } from '../../texts/index.js'
import type { AuditRepository } from '../audit/audit.repository.js'
import type { OrgRow } from '../org/org.repository.js'
import type { MeetingLookup } from './meeting-lookup.service.js'
import { rollOf, type Person, type Roll } from './meeting-roll.service.js'
import { committeeQuorum, generalMeetingQuorum } from './meeting-rules.js'
import type { MeetingRepository, MeetingRow, RecordFields } from './meeting.repository.js'

/** The 会议记录: what a meeting decided and who came, with its quorum. */
export class MeetingRecordService {
  constructor(
    private readonly meetings: MeetingRepository,
    private readonly audit: AuditRepository,
    private readonly lookup: MeetingLookup,
  ) {}

  /**
   * The 会议记录. Who was absent or on leave (and why) is personal data: the full record goes to the
   * officer privately, the group sees only the counts.
   */
  async record(input: { org: OrgRow; ref: number; askerContactId: string; inGroup: boolean; now: Date }): Promise<Reply[]> {
    const { now } = input
    const meeting = await this.lookup.find(input.org, input.ref)
    const roll = await rollOf(meeting, this.meetings)
    const text = texts.meeting.record({
      id: meeting.id,
      type: meeting.type,
      status: texts.meeting.status({ status: meeting.status }),
      time: this.lookup.time(meeting.startsAt, now),
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
      closed: meeting.status === 'closed',
      quorum: quorumLine(meeting, roll),
    })
    if (!input.inGroup) return [{ text }]
    const counts = { id: meeting.id, expected: roll.expected.length, present: roll.present.length, leave: roll.leave.length, absent: roll.absent.length }
    return [{ text: texts.meeting.recordSentPrivately(counts) }, { text, privateTo: input.askerContactId }]
  }

  /** Fills the record's chair, recorder, agenda and resolutions (a correction on the record: audited). */
  async editRecord(input: { org: OrgRow; ref: number; fields: RecordFields; byContactId: string; now: Date }): Promise<string> {
    const meeting = await this.lookup.find(input.org, input.ref)
    if (meeting.status === 'cancelled') throw new UserError('meeting.isCancelled', { id: meeting.id })
    const lines = RECORD_FIELDS.flatMap((field) => {
      const value = input.fields[field]
      return value ? [texts.meeting.recordFieldLine({ field, value })] : []
    })
    if (lines.length === 0) throw new UserError('meeting.recordNothing')
    await this.meetings.updateRecord(meeting.id, input.fields)
    await this.audit.record({ at: input.now, actorContactId: input.byContactId, action: 'meeting.record', orgId: input.org.id, detail: { meetingId: meeting.id, ...input.fields } })
    return texts.meeting.recordUpdated({ id: meeting.id, lines })
  }
}

const RECORD_FIELDS = ['chair', 'recorder', 'agenda', 'resolutions'] as const

/** Quorum, for the meetings that have one: 党员大会 (only 正式党员 vote) and 支委会. */
function quorumLine(meeting: MeetingRow, roll: Roll): string | null {
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
