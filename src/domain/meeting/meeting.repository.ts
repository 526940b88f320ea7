import type { Db } from '../../db/client.js'
import { groupCommitted } from '../../db/group-commit.js'
import { Prisma } from '../../db/sql.js'
import type { OrgRow } from '../org/org.repository.js'

export type MeetingStatus = 'scheduled' | 'open' | 'closed' | 'cancelled'
export type AttendanceStatus = 'present' | 'late' | 'leave' | 'absent'

export interface MeetingRow {
  id: number
  orgId: number
  type: string
  startsAt: Date
  place: string | null
  topic: string | null
  status: string
  openedAt: Date | null
  closedAt: Date | null
  chair: string | null
  recorder: string | null
  agenda: string | null
  resolutions: string | null
}

export interface AttendanceRow {
  memberId: number
  status: string
  reason: string | null
  at: Date
  member: { name: string; contactId: string; stage: string }
}

/** A member of the organisation with what decides whether a meeting expects them. */
export interface RosterMember {
  id: number
  contactId: string
  name: string
  stage: string
  exempt: boolean
  /** Offices held in this organisation (not elsewhere). */
  titles: string[]
}

export type RecordFields = Partial<Pick<MeetingRow, 'chair' | 'recorder' | 'agenda' | 'resolutions'>>

const meetingSelect = {
  id: true,
  orgId: true,
  type: true,
  startsAt: true,
  place: true,
  topic: true,
  status: true,
  openedAt: true,
  closedAt: true,
  chair: true,
  recorder: true,
  agenda: true,
  resolutions: true,
} as const
const attendanceSelect = { memberId: true, status: true, reason: true, at: true, member: { select: { name: true, contactId: true, stage: true } } } as const
const orgSelect = { id: true, name: true, type: true, parentId: true } as const
const byStart = [{ startsAt: 'asc' as const }, { id: 'asc' as const }]

/** Meetings, attendance and meeting-related member flags: the only Prisma code for them (and the 党课 hours a closing writes). */
export class MeetingRepository {
  constructor(private readonly db: Db) {}

  /** Runs `work` in one transaction, with a repository bound to it. */
  transaction<T>(work: (repo: MeetingRepository) => Promise<T>): Promise<T> {
    return this.db.$transaction((tx) => work(new MeetingRepository(tx as unknown as Db)))
  }

  create(data: { orgId: number; type: string; startsAt: Date; place: string | null; topic: string | null; byContactId: string; now: Date }): Promise<MeetingRow> {
    return this.db.meeting.create({
      data: {
        orgId: data.orgId,
        type: data.type,
        startsAt: data.startsAt,
        place: data.place,
        topic: data.topic,
        status: 'scheduled',
        createdByContactId: data.byContactId,
        createdAt: data.now,
      },
      select: meetingSelect,
    })
  }

  findInOrg(id: number, orgId: number): Promise<MeetingRow | null> {
    return this.db.meeting.findFirst({ where: { id, orgId }, select: meetingSelect })
  }

  findById(id: number): Promise<MeetingRow | null> {
    return this.db.meeting.findUnique({ where: { id }, select: meetingSelect })
  }

  /** The organisation's meetings in the given states, soonest first. */
  listByStatus(orgId: number, statuses: MeetingStatus[]): Promise<MeetingRow[]> {
    // Read on every 签到 and 请假: plain SQL (Prisma compiles a findMany afresh each time, at several times the cost).
    return this.db.$queryRaw<MeetingRow[]>`
      SELECT "id", "orgId", "type", "startsAt", "place", "topic", "status", "openedAt", "closedAt", "chair", "recorder", "agenda", "resolutions"
      FROM "Meeting" WHERE "orgId" = ${orgId} AND "status" IN (${Prisma.join(statuses)})
      ORDER BY "startsAt" ASC, "id" ASC`
  }

  /** Opens the check-in if the meeting is still scheduled; false when it was not (already open, closed, cancelled). */
  async markOpen(id: number, now: Date): Promise<boolean> {
    const { count } = await this.db.meeting.updateMany({ where: { id, status: 'scheduled' }, data: { status: 'open', openedAt: now } })
    return count === 1
  }

  /** Closes the check-in if it is open; false when it was not. */
  async markClosed(id: number, now: Date): Promise<boolean> {
    const { count } = await this.db.meeting.updateMany({ where: { id, status: 'open' }, data: { status: 'closed', closedAt: now } })
    return count === 1
  }

  /** Cancels a meeting that has not been closed; false when it was closed or cancelled already. */
  async markCancelled(id: number): Promise<boolean> {
    const { count } = await this.db.meeting.updateMany({ where: { id, status: { in: ['scheduled', 'open'] } }, data: { status: 'cancelled' } })
    return count === 1
  }

  updateRecord(id: number, fields: RecordFields): Promise<MeetingRow> {
    return this.db.meeting.update({ where: { id }, data: fields, select: meetingSelect })
  }

  /** Every attendance row of a meeting, in the order they were recorded. */
  attendances(meetingId: number): Promise<AttendanceRow[]> {
    return this.db.attendance.findMany({ where: { meetingId }, orderBy: [{ at: 'asc' }, { id: 'asc' }], select: attendanceSelect })
  }

  /**
   * Records one member's check-in or leave, in one statement, unless they are already present or
   * late (a check-in after a leave turns the leave into presence) and, for a leave, unless they are
   * exempt. False when refused; the caller reads why only then.
   */
  async saveUnlessPresent(data: { meetingId: number; memberId: number; status: 'present' | 'late' | 'leave'; reason: string | null; at: Date; byContactId: string }): Promise<boolean> {
    const { meetingId, memberId, status, reason, at, byContactId } = data
    const exemptRefused = status === 'leave' ? Prisma.sql`AND "exempt" = false` : Prisma.empty
    const rows = await groupCommitted(this.db, (db) => db.$queryRaw<Array<{ id: number }>>`
      INSERT INTO "Attendance" ("meetingId", "memberId", "status", "reason", "at", "byContactId")
      SELECT ${meetingId}, ${memberId}, ${status}, ${reason}, ${at}, ${byContactId} FROM "Member" WHERE "id" = ${memberId} ${exemptRefused}
      ON CONFLICT ("meetingId", "memberId") DO UPDATE
        SET "status" = excluded."status", "reason" = excluded."reason", "at" = excluded."at", "byContactId" = excluded."byContactId"
        WHERE "Attendance"."status" NOT IN ('present', 'late')
      RETURNING "id"`)
    return rows.length > 0
  }

  async createAbsent(meetingId: number, memberIds: number[], at: Date, byContactId: string): Promise<void> {
    if (memberIds.length === 0) return
    await this.db.attendance.createMany({ data: memberIds.map((memberId) => ({ meetingId, memberId, status: 'absent', reason: null, at, byContactId })) })
  }

  /** The organisation's registered members with their exemption and the offices they hold in it. */
  async roster(orgId: number): Promise<RosterMember[]> {
    const rows = await this.db.member.findMany({
      where: { orgId, leftAt: null },
      orderBy: { id: 'asc' },
      select: { id: true, contactId: true, name: true, stage: true, exempt: true, roles: { where: { revokedAt: null, orgId }, select: { title: true } } },
    })
    return rows.map(({ roles, ...member }) => ({ ...member, titles: roles.map((r) => r.title) }))
  }

  async isExempt(memberId: number): Promise<boolean> {
    return (await this.db.member.findUnique({ where: { id: memberId }, select: { exempt: true } }))?.exempt ?? false
  }

  async setExempt(memberId: number, exempt: boolean): Promise<void> {
    await this.db.member.update({ where: { id: memberId }, data: { exempt } })
  }

  /** When each closed meeting of the organisations was held, by organisation. */
  async heldMeetings(orgIds: number[]): Promise<{ orgId: number; type: string; startsAt: Date; closedAt: Date | null }[]> {
    return this.db.meeting.findMany({
      where: { orgId: { in: orgIds }, status: 'closed' },
      orderBy: byStart,
      select: { orgId: true, type: true, startsAt: true, closedAt: true },
    })
  }

  /** Meetings not yet held (scheduled or open) of the organisations: a meeting on the way is not a missed one. */
  upcomingMeetings(orgIds: number[]): Promise<{ orgId: number; type: string; startsAt: Date }[]> {
    return this.db.meeting.findMany({
      where: { orgId: { in: orgIds }, status: { in: ['scheduled', 'open'] } },
      orderBy: byStart,
      select: { orgId: true, type: true, startsAt: true },
    })
  }

  /** When each organisation was first bound to a group (else created): the calendar counts its periods from then. */
  async boundSince(orgIds: number[]): Promise<Map<number, Date>> {
    const orgs = await this.db.organization.findMany({
      where: { id: { in: orgIds } },
      select: { id: true, createdAt: true, groups: { orderBy: { boundAt: 'asc' }, take: 1, select: { boundAt: true } } },
    })
    return new Map(orgs.map((o) => [o.id, o.groups[0]?.boundAt ?? o.createdAt]))
  }

  /** Each organisation's current 书记, with the contact to write to. */
  secretaries(): Promise<{ org: OrgRow; member: { contactId: string; name: string } }[]> {
    return this.db.roleAssignment.findMany({
      where: { title: '书记', revokedAt: null },
      orderBy: [{ orgId: 'asc' }, { id: 'asc' }],
      select: { org: { select: orgSelect }, member: { select: { contactId: true, name: true } } },
    })
  }

  /** Study time for attending a 党课: one row per attendee, dated when the lecture was held. */
  async addLectureStudy(meetingId: number, memberIds: number[], content: string, minutes: number, at: Date): Promise<void> {
    if (memberIds.length === 0) return
    await this.db.studyLog.createMany({ data: memberIds.map((memberId) => ({ memberId, content, minutes, source: 'meeting', meetingId, at })) })
  }
}
