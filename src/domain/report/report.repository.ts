import type { Db } from '../../db/client.js'
import { Prisma } from '../../db/sql.js'
import type { Period } from './period.js'

export interface CountRow {
  key: number
  status: string
  count: number
}

/**
 * Read-only aggregates for 考勤, 统计 and 导出: the only Prisma code for reports. Counting and
 * summing happen in the database (group-by), filtered by organisation and period through
 * relations (never long lists of ids: SQLite limits query parameters); only small per-member or
 * per-meeting rows come back.
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
      where: closedIn(orgIds, period),
      orderBy: [{ startsAt: 'asc' }, { id: 'asc' }],
      select: { id: true, orgId: true, type: true, startsAt: true, topic: true },
    })
  }

  /** Closed meetings of the given types counted by organisation and type, held in [start, end). */
  async meetingCounts(orgIds: number[], types: string[], start: Date, end: Date) {
    const rows = await this.db.meeting.groupBy({
      by: ['orgId', 'type'],
      where: { orgId: { in: orgIds }, type: { in: types }, status: 'closed', startsAt: { gte: start, lt: end } },
      _count: { _all: true },
    })
    return rows.map((r) => ({ orgId: r.orgId, type: r.type, count: r._count._all }))
  }

  /**
   * Attendance at the meetings held in the period, counted by organisation and status, with the
   * number of meetings. One SQL statement (a join Prisma's groupBy cannot express); it reads the
   * same on SQLite and PostgreSQL. Organisation ids go in chunks below SQLite's parameter limit.
   */
  async attendanceByOrg(orgIds: number[], period: Period): Promise<Array<{ orgId: number; status: string; count: number; meetings: number }>> {
    const result: Array<{ orgId: number; status: string; count: number; meetings: number }> = []
    for (let i = 0; i < orgIds.length; i += 500) {
      const chunk = orgIds.slice(i, i + 500)
      const rows = await this.db.$queryRaw<Array<{ orgId: number; status: string; n: bigint | number; meetings: bigint | number }>>`
        SELECT m."orgId" AS "orgId", a."status" AS "status", COUNT(*) AS "n", COUNT(DISTINCT m."id") AS "meetings"
        FROM "Attendance" a JOIN "Meeting" m ON m."id" = a."meetingId"
        WHERE m."orgId" IN (${Prisma.join(chunk)}) AND m."status" = 'closed' AND m."startsAt" >= ${period.start} AND m."startsAt" < ${period.end}
        GROUP BY m."orgId", a."status"`
      result.push(...rows.map((r) => ({ orgId: Number(r.orgId), status: r.status, count: Number(r.n), meetings: Number(r.meetings) })))
    }
    return result
  }

  /** Closed meetings held in the period, counted by organisation. */
  async meetingsByOrg(orgIds: number[], period: Period): Promise<Map<number, number>> {
    const rows = await this.db.meeting.groupBy({ by: ['orgId'], where: closedIn(orgIds, period), _count: { _all: true } })
    return new Map(rows.map((r) => [r.orgId, r._count._all]))
  }

  /** Minutes of study in the period, summed by organisation (of the member). */
  async studyMinutesByOrg(orgIds: number[], period: Period): Promise<Map<number, number>> {
    const result = new Map<number, number>()
    for (let i = 0; i < orgIds.length; i += 500) {
      const rows = await this.db.$queryRaw<Array<{ orgId: number; minutes: bigint | number | null }>>`
        SELECT mb."orgId" AS "orgId", SUM(s."minutes") AS "minutes"
        FROM "StudyLog" s JOIN "Member" mb ON mb."id" = s."memberId"
        WHERE mb."orgId" IN (${Prisma.join(orgIds.slice(i, i + 500))}) AND s."at" >= ${period.start} AND s."at" < ${period.end}
        GROUP BY mb."orgId"`
      for (const r of rows) result.set(Number(r.orgId), Number(r.minutes ?? 0))
    }
    return result
  }

  /** Registered members counted by organisation. */
  async membersByOrg(orgIds: number[]): Promise<Map<number, number>> {
    const rows = await this.db.member.groupBy({ by: ['orgId'], where: { orgId: { in: orgIds } }, _count: { _all: true } })
    return new Map(rows.map((r) => [r.orgId, r._count._all]))
  }

  /** Attendance at the meetings held in the period, counted by member and status. */
  async attendanceByMember(orgIds: number[], period: Period): Promise<CountRow[]> {
    const rows = await this.db.attendance.groupBy({ by: ['memberId', 'status'], where: { meeting: closedIn(orgIds, period) }, _count: { _all: true } })
    return rows.map((r) => ({ key: r.memberId, status: r.status, count: r._count._all }))
  }

  /** Every attendance row of the meetings held in the period (or of one meeting), for one person's record and for exports. */
  attendanceRows(filter: { orgIds: number[]; period: Period; memberId?: number } | { meetingId: number }) {
    const where =
      'meetingId' in filter
        ? { meetingId: filter.meetingId }
        : { meeting: closedIn(filter.orgIds, filter.period), ...(filter.memberId === undefined ? {} : { memberId: filter.memberId }) }
    return this.db.attendance.findMany({
      where,
      orderBy: [{ meetingId: 'asc' }, { id: 'asc' }],
      select: { meetingId: true, memberId: true, status: true, reason: true, at: true },
    })
  }

  /** How many activities (not cancelled) start in the period. */
  countActivities(orgIds: number[], period: Period): Promise<number> {
    return this.db.activity.count({ where: activitiesIn(orgIds, period) })
  }

  /** Confirmed sign-ups to the period's activities, counted by member. */
  async signUpsByMember(orgIds: number[], period: Period): Promise<Map<number, number>> {
    const rows = await this.db.signUp.groupBy({ by: ['memberId'], where: { status: 'confirmed', activity: activitiesIn(orgIds, period) }, _count: { _all: true } })
    return new Map(rows.map((r) => [r.memberId, r._count._all]))
  }

  /** Every assessment of the organisations' members (history rows; the latest with fromMonth ≤ a month applies to it). */
  async assessments(orgIds: number[]) {
    const rows = await this.db.duesAssessment.findMany({
      where: { member: { orgId: { in: orgIds } } },
      orderBy: [{ memberId: 'asc' }, { fromMonth: 'asc' }, { id: 'asc' }],
      select: { id: true, memberId: true, fromMonth: true, monthlyFen: true, member: { select: { orgId: true, duesFrom: true } } },
    })
    return rows.map(({ member, ...a }) => ({ ...a, orgId: member.orgId, duesFrom: member.duesFrom }))
  }

  /** Confirmed payments summed by member and month, for the months given. */
  async paymentsByMemberMonth(orgIds: number[], months: string[]) {
    const rows = await this.db.duesPayment.groupBy({
      by: ['memberId', 'month'],
      where: { member: { orgId: { in: orgIds } }, month: { in: months }, status: 'confirmed' },
      _sum: { amountFen: true },
    })
    return rows.map((r) => ({ memberId: r.memberId, month: r.month, amountFen: r._sum.amountFen ?? 0 }))
  }

  /** Notices posted in the period, with how many acknowledged each. */
  async noticesWithAcks(orgIds: number[], period: Period) {
    const where = { orgId: { in: orgIds }, createdAt: { gte: period.start, lt: period.end } }
    const [notices, acks] = await Promise.all([
      this.db.notice.findMany({ where, select: { id: true, orgId: true } }),
      this.db.noticeAck.groupBy({ by: ['noticeId'], where: { notice: where }, _count: { _all: true } }),
    ])
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

function closedIn(orgIds: number[], period: Period) {
  return { orgId: { in: orgIds }, status: 'closed', startsAt: { gte: period.start, lt: period.end } }
}

function activitiesIn(orgIds: number[], period: Period) {
  return { orgId: { in: orgIds }, status: { not: 'cancelled' }, startsAt: { gte: period.start, lt: period.end } }
}
