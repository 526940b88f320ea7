import type { Db } from '../../db/client.js'
import type { Period } from './period.js'

export interface CountRow {
  key: number
  status: string
  count: number
}

/**
 * Read-only aggregates for 考勤, 统计 and 导出: the only Prisma code for reports. Counting and
 * summing happen in the database (group-by); only small per-member or per-meeting rows come back.
 */
export class ReportRepository {
  constructor(private readonly db: Db) {}

  members(orgIds: number[]) {
    return this.db.member.findMany({
      where: { orgId: { in: orgIds } },
      orderBy: [{ orgId: 'asc' }, { id: 'asc' }],
      select: { id: true, orgId: true, name: true, contactId: true, stage: true },
    })
  }

  /** Meetings held (closed) in the period. */
  closedMeetings(orgIds: number[], period: Period) {
    return this.db.meeting.findMany({
      where: { orgId: { in: orgIds }, status: 'closed', startsAt: { gte: period.start, lt: period.end } },
      orderBy: [{ startsAt: 'asc' }, { id: 'asc' }],
      select: { id: true, orgId: true, type: true, startsAt: true, topic: true },
    })
  }

  /** Closed meetings of the organisations up to `until`, for the compliance calendar. */
  heldMeetings(orgIds: number[], since: Date, until: Date) {
    return this.db.meeting.findMany({
      where: { orgId: { in: orgIds }, status: 'closed', startsAt: { gte: since, lte: until } },
      select: { orgId: true, type: true, startsAt: true },
    })
  }

  /** Attendance rows counted by meeting and status. */
  async attendanceByMeeting(meetingIds: number[]): Promise<CountRow[]> {
    if (meetingIds.length === 0) return []
    const rows = await this.db.attendance.groupBy({ by: ['meetingId', 'status'], where: { meetingId: { in: meetingIds } }, _count: { _all: true } })
    return rows.map((r) => ({ key: r.meetingId, status: r.status, count: r._count._all }))
  }

  /** Attendance rows counted by member and status. */
  async attendanceByMember(meetingIds: number[]): Promise<CountRow[]> {
    if (meetingIds.length === 0) return []
    const rows = await this.db.attendance.groupBy({ by: ['memberId', 'status'], where: { meetingId: { in: meetingIds } }, _count: { _all: true } })
    return rows.map((r) => ({ key: r.memberId, status: r.status, count: r._count._all }))
  }

  /** Every attendance row of the meetings, with names (for one person's record and for exports). */
  attendanceRows(meetingIds: number[], memberId?: number) {
    return this.db.attendance.findMany({
      where: { meetingId: { in: meetingIds }, ...(memberId === undefined ? {} : { memberId }) },
      orderBy: [{ meetingId: 'asc' }, { id: 'asc' }],
      select: { meetingId: true, memberId: true, status: true, reason: true, at: true },
    })
  }

  /** Activities in the period (not cancelled), with their organisation. */
  activities(orgIds: number[], period: Period) {
    return this.db.activity.findMany({
      where: { orgId: { in: orgIds }, status: { not: 'cancelled' }, startsAt: { gte: period.start, lt: period.end } },
      select: { id: true, orgId: true },
    })
  }

  /** Confirmed sign-ups counted by member, over the given activities. */
  async signUpsByMember(activityIds: number[]): Promise<Map<number, number>> {
    if (activityIds.length === 0) return new Map()
    const rows = await this.db.signUp.groupBy({ by: ['memberId'], where: { activityId: { in: activityIds }, status: 'confirmed' }, _count: { _all: true } })
    return new Map(rows.map((r) => [r.memberId, r._count._all]))
  }

  /** Minutes of study counted by member in the period. */
  async studyMinutesByMember(memberIds: number[], period: Period): Promise<Map<number, number>> {
    if (memberIds.length === 0) return new Map()
    const rows = await this.db.studyLog.groupBy({
      by: ['memberId'],
      where: { memberId: { in: memberIds }, at: { gte: period.start, lt: period.end } },
      _sum: { minutes: true },
    })
    return new Map(rows.map((r) => [r.memberId, r._sum.minutes ?? 0]))
  }

  /** Every assessment of the members (history rows; the latest with fromMonth ≤ a month applies to it). */
  assessments(memberIds: number[]) {
    return this.db.duesAssessment.findMany({
      where: { memberId: { in: memberIds } },
      orderBy: [{ memberId: 'asc' }, { fromMonth: 'asc' }, { id: 'asc' }],
      select: { memberId: true, fromMonth: true, monthlyFen: true },
    })
  }

  /** Confirmed payments summed by member and month, for the months given. */
  async paymentsByMemberMonth(memberIds: number[], months: string[]) {
    if (memberIds.length === 0) return []
    const rows = await this.db.duesPayment.groupBy({
      by: ['memberId', 'month'],
      where: { memberId: { in: memberIds }, month: { in: months }, status: 'confirmed' },
      _sum: { amountFen: true },
    })
    return rows.map((r) => ({ memberId: r.memberId, month: r.month, amountFen: r._sum.amountFen ?? 0 }))
  }

  /** Notices posted in the period with how many acknowledged each. */
  async noticesWithAcks(orgIds: number[], period: Period) {
    const notices = await this.db.notice.findMany({
      where: { orgId: { in: orgIds }, createdAt: { gte: period.start, lt: period.end } },
      select: { id: true, orgId: true },
    })
    if (notices.length === 0) return []
    const acks = await this.db.noticeAck.groupBy({ by: ['noticeId'], where: { noticeId: { in: notices.map((n) => n.id) } }, _count: { _all: true } })
    const byNotice = new Map(acks.map((a) => [a.noticeId, a._count._all]))
    return notices.map((n) => ({ ...n, acks: byNotice.get(n.id) ?? 0 }))
  }

  meeting(id: number) {
    return this.db.meeting.findUnique({ where: { id } })
  }

  activityWithRoster(id: number) {
    return this.db.activity.findUnique({
      where: { id },
      include: { signUps: { orderBy: { id: 'asc' }, select: { status: true, note: true, createdAt: true, cancelledAt: true, member: { select: { name: true } } } } },
    })
  }
}
