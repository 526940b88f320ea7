import { COMMITTEE_TITLES } from '../org/rights.js'
import type { AttendanceRow, MeetingRepository, MeetingRow, RosterMember } from './meeting.repository.js'


/** Who hears the leave reasons of a meeting besides the officer who closed it. */
export const LEAVE_REASON_READERS: readonly string[] = ['书记', '副书记']

export interface Person {
  memberId: number
  name: string
  contactId: string
  stage: string
}

/** Who a meeting expects and what each of them did. Before closing, `absent` are those not yet checked in. */
export interface Roll {
  expected: Person[]
  present: (Person & { late: boolean })[]
  leave: (Person & { reason: string | null })[]
  absent: Person[]
}

export function isCommittee(member: RosterMember): boolean {
  // A 支委会 expects the branch committee; a 党小组长 does not sit on it.
  return member.titles.some((t) => (COMMITTEE_TITLES as readonly string[]).includes(t))
}

/**
 * Who the meeting expects and what each did. Until closing, the expected are the organisation's
 * members who are not exempt (for a 支委会, its committee), plus anyone who has a record anyway (an
 * exempt member who came). Closing writes a row for every one of them, so afterwards the rows are
 * the roll and later changes to the roster don't rewrite history.
 */
export async function rollOf(meeting: MeetingRow, repo: MeetingRepository): Promise<Roll> {
  const rows = await repo.attendances(meeting.id)
  const person = (r: AttendanceRow): Person => ({ memberId: r.memberId, name: r.member.name, contactId: r.member.contactId, stage: r.member.stage })
  const fromRoster = (m: RosterMember): Person => ({ memberId: m.id, name: m.name, contactId: m.contactId, stage: m.stage })
  const withRecord = new Set(rows.map((r) => r.memberId))
  let expected: Person[]
  let absent: Person[]
  if (meeting.status === 'closed') {
    expected = rows.map(person)
    absent = rows.filter((r) => r.status === 'absent').map(person)
  } else {
    const roster = await repo.roster(meeting.orgId)
    const invited = roster.filter((m) => !m.exempt && (meeting.type !== '支委会' || isCommittee(m)))
    absent = invited.filter((m) => !withRecord.has(m.id)).map(fromRoster)
    const invitedIds = new Set(invited.map((m) => m.id))
    expected = [...invited.map(fromRoster), ...rows.filter((r) => !invitedIds.has(r.memberId)).map(person)]
  }
  return {
    expected,
    present: rows.filter((r) => r.status === 'present' || r.status === 'late').map((r) => ({ ...person(r), late: r.status === 'late' })),
    leave: rows.filter((r) => r.status === 'leave').map((r) => ({ ...person(r), reason: r.reason })),
    absent,
  }
}
