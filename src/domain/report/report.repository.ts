import type { Db } from '../../db/client.js'
import { Prisma, type Sql } from '../../db/sql.js'
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

  /**
   * A count by organisation (and a second key) in raw SQL, organisation ids in chunks below
   * SQLite's parameter limit. 统计 reads some ten of these over hundreds of organisations: as
   * raw SQL each costs what the database does, without Prisma compiling a query plan per call.
   */
  private async countsByOrg(orgIds: number[], query: (ids: Sql) => Sql): Promise<Array<{ orgId: number; key: string; n: number }>> {
    const rows = await this.inChunks<{ orgId: number | bigint; key: string | null; n: number | bigint }>(orgIds, query)
    return rows.map((r) => ({ orgId: Number(r.orgId), key: r.key ?? '', n: Number(r.n) }))
  }

  private async inChunks<T>(orgIds: number[], query: (ids: Sql) => Sql): Promise<T[]> {
    const result: T[] = []
    for (let i = 0; i < orgIds.length; i += 500) result.push(...(await this.db.$queryRaw<T[]>(query(Prisma.join(orgIds.slice(i, i + 500))))))
    return result
  }

  /** The organisations' members now. */
  members(orgIds: number[]) {
    return this.db.member.findMany({
      where: { orgId: { in: orgIds }, leftAt: null },
      orderBy: [{ orgId: 'asc' }, { id: 'asc' }],
      select: { id: true, orgId: true, name: true, contactId: true, stage: true },
    })
  }

  /** Everyone who belonged to the organisations at some time (names for past attendance rows), by id. */
  async namesOfMembersEver(orgIds: number[]): Promise<Map<number, string>> {
    const rows = await this.db.member.findMany({ where: { memberships: { some: { orgId: { in: orgIds } } } }, select: { id: true, name: true } })
    return new Map(rows.map((m) => [m.id, m.name]))
  }

  /**
   * The members of the organisations at the moment `at` (membership periods: a member who moved
   * counts where they were then), each with the organisation they belonged to.
   */
  async membersOfOrgsAt(orgIds: number[], at: Date) {
    const rows = await this.db.memberMembership.findMany({
      where: { orgId: { in: orgIds }, ...heldAt(at) },
      orderBy: [{ orgId: 'asc' }, { memberId: 'asc' }],
      select: { orgId: true, member: { select: { id: true, name: true, contactId: true, stage: true } } },
    })
    return rows.map(({ orgId, member }) => ({ ...member, orgId }))
  }

  /**
   * Attendance of the organisations' members (at `at`) at meetings elsewhere, where they take part
   * as 流入 members: counted by home member, host organisation and status.
   */
  async flowingAttendance(orgIds: number[], at: Date, period: Period) {
    const rows = await this.db.$queryRaw<Array<{ memberId: number; org: string; status: string; n: bigint | number }>>`
      SELECT home."memberId" AS "memberId", o."name" AS "org", a."status" AS "status", COUNT(*) AS "n"
      FROM "MemberMembership" home
      JOIN "Member" hm ON hm."id" = home."memberId"
      JOIN "Member" fm ON fm."contactId" = hm."contactId" AND fm."flow" = 'in' AND fm."id" <> hm."id"
      JOIN "Attendance" a ON a."memberId" = fm."id"
      JOIN "Meeting" m ON m."id" = a."meetingId"
      JOIN "Organization" o ON o."id" = m."orgId"
      WHERE home."orgId" IN (${Prisma.join(orgIds)}) AND (home."from" IS NULL OR home."from" <= ${at}) AND (home."until" IS NULL OR home."until" > ${at})
        AND m."status" = 'closed' AND m."startsAt" >= ${period.start} AND m."startsAt" < ${period.end}
      GROUP BY home."memberId", o."name", a."status"
      ORDER BY home."memberId", o."name"`
    return rows.map((r) => ({ memberId: Number(r.memberId), org: r.org, status: r.status, count: Number(r.n) }))
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
    if (types.length === 0) return []
    const rows = await this.countsByOrg(
      orgIds,
      (ids) => Prisma.sql`
        SELECT "orgId" AS "orgId", "type" AS "key", COUNT(*) AS "n" FROM "Meeting"
        WHERE "orgId" IN (${ids}) AND "type" IN (${Prisma.join(types)}) AND "status" = 'closed' AND "startsAt" >= ${start} AND "startsAt" < ${end}
        GROUP BY "orgId", "type"`,
    )
    return rows.map((r) => ({ orgId: r.orgId, type: r.key, count: r.n }))
  }

  /**
   * Attendance at the meetings held in the period, counted by organisation and status. One SQL
   * statement (a join Prisma's groupBy cannot express); it reads the same on SQLite and PostgreSQL.
   */
  async attendanceByOrg(orgIds: number[], period: Period): Promise<Array<{ orgId: number; status: string; count: number }>> {
    const rows = await this.countsByOrg(
      orgIds,
      (ids) => Prisma.sql`
        SELECT m."orgId" AS "orgId", a."status" AS "key", COUNT(*) AS "n"
        FROM "Meeting" m JOIN "Attendance" a ON a."meetingId" = m."id"
        WHERE m."orgId" IN (${ids}) AND m."status" = 'closed' AND m."startsAt" >= ${period.start} AND m."startsAt" < ${period.end}
        GROUP BY m."orgId", a."status"`,
    )
    return rows.map((r) => ({ orgId: r.orgId, status: r.key, count: r.n }))
  }

  /** Closed meetings held in the period, counted by organisation. */
  async meetingsByOrg(orgIds: number[], period: Period): Promise<Map<number, number>> {
    const rows = await this.countsByOrg(
      orgIds,
      (ids) => Prisma.sql`
        SELECT "orgId" AS "orgId", NULL AS "key", COUNT(*) AS "n" FROM "Meeting"
        WHERE "orgId" IN (${ids}) AND "status" = 'closed' AND "startsAt" >= ${period.start} AND "startsAt" < ${period.end}
        GROUP BY "orgId"`,
    )
    return new Map(rows.map((r) => [r.orgId, r.n]))
  }

  /** Minutes of study in the period, summed by the organisation the member belonged to when they studied. */
  async studyMinutesByOrg(orgIds: number[], period: Period): Promise<Map<number, number>> {
    const rows = await this.countsByOrg(
      orgIds,
      (ids) => Prisma.sql`
        SELECT mb."orgId" AS "orgId", NULL AS "key", SUM(s."minutes") AS "n"
        FROM "StudyLog" s JOIN "MemberMembership" mb ON mb."memberId" = s."memberId"
          AND (mb."from" IS NULL OR mb."from" <= s."at") AND (mb."until" IS NULL OR mb."until" > s."at")
        WHERE mb."orgId" IN (${ids}) AND s."at" >= ${period.start} AND s."at" < ${period.end}
        GROUP BY mb."orgId"`,
    )
    return new Map(rows.map((r) => [r.orgId, r.n]))
  }

  /** Members counted by the organisation they belonged to at `at`. */
  async membersByOrgAt(orgIds: number[], at: Date): Promise<Map<number, number>> {
    const rows = await this.db.memberMembership.groupBy({ by: ['orgId'], where: { orgId: { in: orgIds }, ...heldAt(at) }, _count: { _all: true } })
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

  /**
   * Every assessment of the organisations' members (history rows; the latest with fromMonth ≤ a
   * month applies to it): their members now, or with `at` those who belonged then, each counted
   * in the organisation they belonged to at that moment.
   */
  async assessments(orgIds: number[], at?: Date) {
    const orderBy = [{ memberId: 'asc' as const }, { fromMonth: 'asc' as const }, { id: 'asc' as const }]
    const fields = { id: true, memberId: true, fromMonth: true, monthlyFen: true } as const
    if (!at) {
      const rows = await this.db.duesAssessment.findMany({ where: { member: { orgId: { in: orgIds } } }, orderBy, select: { ...fields, member: { select: { orgId: true, duesFrom: true } } } })
      return rows.map(({ member, ...a }) => ({ ...a, orgId: member.orgId, duesFrom: member.duesFrom }))
    }
    const held = { orgId: { in: orgIds }, ...heldAt(at) }
    const rows = await this.db.duesAssessment.findMany({
      where: { member: { memberships: { some: held } } },
      orderBy,
      select: { ...fields, member: { select: { orgId: true, duesFrom: true, memberships: { where: held, take: 1, select: { orgId: true } } } } },
    })
    return rows.map(({ member, ...a }) => ({ ...a, orgId: member.memberships[0]?.orgId ?? member.orgId, duesFrom: member.duesFrom }))
  }

  /** Confirmed payments summed by member and month, for the months given (members now, or with `at` those who belonged then). */
  async paymentsByMemberMonth(orgIds: number[], months: string[], at?: Date) {
    const rows = await this.db.duesPayment.groupBy({
      by: ['memberId', 'month'],
      where: { member: at ? { memberships: { some: { orgId: { in: orgIds }, ...heldAt(at) } } } : { orgId: { in: orgIds } }, month: { in: months }, status: 'confirmed' },
      _sum: { amountFen: true },
    })
    return rows.map((r) => ({ memberId: r.memberId, month: r.month, amountFen: r._sum.amountFen ?? 0 }))
  }

  /** Notices posted in the period, with how many acknowledged each. */
  async noticesWithAcks(orgIds: number[], period: Period): Promise<Array<{ id: number; orgId: number; acks: number }>> {
    const rows = await this.inChunks<{ id: number | bigint; orgId: number | bigint; acks: number | bigint }>(
      orgIds,
      (ids) => Prisma.sql`
        SELECT n."id" AS "id", n."orgId" AS "orgId", COUNT(k."id") AS "acks"
        FROM "Notice" n LEFT JOIN "NoticeAck" k ON k."noticeId" = n."id"
        WHERE n."orgId" IN (${ids}) AND n."createdAt" >= ${period.start} AND n."createdAt" < ${period.end}
        GROUP BY n."id", n."orgId"`,
    )
    return rows.map((r) => ({ id: Number(r.id), orgId: Number(r.orgId), acks: Number(r.acks) }))
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

/** Membership periods that hold the moment `at` (from inclusive, until exclusive; null = open). */
function heldAt(at: Date) {
  return { AND: [{ OR: [{ from: null }, { from: { lte: at } }] }, { OR: [{ until: null }, { until: { gt: at } }] }] }
}

function closedIn(orgIds: number[], period: Period) {
  return { orgId: { in: orgIds }, status: 'closed', startsAt: { gte: period.start, lt: period.end } }
}

function activitiesIn(orgIds: number[], period: Period) {
  return { orgId: { in: orgIds }, status: { not: 'cancelled' }, startsAt: { gte: period.start, lt: period.end } }
}
