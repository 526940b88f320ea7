import { lockRow, onPostgres, retryOnUniqueViolation, type Db } from '../../db/client.js'
import { groupCommitted } from '../../db/group-commit.js'
import type { SignUpStatus } from './signup-rules.js'

export interface ActivityRow {
  id: number
  orgId: number
  title: string
  startsAt: Date
  place: string | null
  capacity: number | null
  deadline: Date | null
  status: string
}

export interface SignUpRow {
  id: number
  memberId: number
  status: string
  note: string | null
  createdAt: Date
  member: { name: string; contactId: string }
}

const activitySelect = { id: true, orgId: true, title: true, startsAt: true, place: true, capacity: true, deadline: true, status: true } as const
const signUpSelect = { id: true, memberId: true, status: true, note: true, createdAt: true, member: { select: { name: true, contactId: true } } } as const
const ACTIVE: SignUpStatus[] = ['confirmed', 'waitlisted']
/** Waitlist and roster order: first come, first served. */
const queueOrder = [{ createdAt: 'asc' as const }, { id: 'asc' as const }]

/** Activities and their sign-ups: the only Prisma code for them. */
export class ActivityRepository {
  constructor(private readonly db: Db) {}

  /**
   * Runs `work` in one transaction, with a repository bound to it. A transaction that lost a race
   * for the one active sign-up per member runs again and finds the winner's row.
   */
  transaction<T>(work: (repo: ActivityRepository) => Promise<T>): Promise<T> {
    return retryOnUniqueViolation(() => this.db.$transaction((tx) => work(new ActivityRepository(tx as unknown as Db))))
  }

  create(data: Omit<ActivityRow, 'id' | 'status'> & { byContactId: string; now: Date }): Promise<ActivityRow> {
    const { byContactId, now, ...activity } = data
    return this.db.activity.create({
      data: { ...activity, status: 'open', createdByContactId: byContactId, createdAt: now },
      select: activitySelect,
    })
  }

  findInOrg(id: number, orgId: number): Promise<ActivityRow | null> {
    return this.db.activity.findFirst({ where: { id, orgId }, select: activitySelect })
  }

  findById(id: number): Promise<ActivityRow | null> {
    return this.db.activity.findUnique({ where: { id }, select: activitySelect })
  }

  update(id: number, changes: Partial<Pick<ActivityRow, 'startsAt' | 'place' | 'capacity' | 'deadline'>>): Promise<ActivityRow> {
    return this.db.activity.update({ where: { id }, data: changes, select: activitySelect })
  }

  /** Open activities starting after `since`, soonest first. */
  listOpen(orgId: number, since: Date): Promise<ActivityRow[]> {
    return this.db.activity.findMany({
      where: { orgId, status: 'open', startsAt: { gt: since } },
      orderBy: [{ startsAt: 'asc' }, { id: 'asc' }],
      select: activitySelect,
    })
  }

  async markCancelled(id: number, now: Date): Promise<void> {
    await this.db.activity.update({ where: { id }, data: { status: 'cancelled', cancelledAt: now } })
  }

  /** Confirmed and waitlisted sign-ups, in queue order. */
  activeSignUps(activityId: number): Promise<SignUpRow[]> {
    return this.db.signUp.findMany({ where: { activityId, status: { in: ACTIVE } }, orderBy: queueOrder, select: signUpSelect })
  }

  /** The member's place or waitlist entry, if any (without the member: the caller has them). */
  findActiveSignUp(activityId: number, memberId: number): Promise<{ id: number; status: string; createdAt: Date } | null> {
    return this.db.signUp.findFirst({ where: { activityId, memberId, status: { in: ACTIVE } }, select: { id: true, status: true, createdAt: true } })
  }

  /** How many are waiting ahead of (and including) an entry made at `createdAt` with `id`. */
  waitlistPosition(activityId: number, entry: { id: number; createdAt: Date }): Promise<number> {
    return this.db.signUp.count({
      where: {
        activityId,
        status: 'waitlisted',
        OR: [{ createdAt: { lt: entry.createdAt } }, { createdAt: entry.createdAt, id: { lte: entry.id } }],
      },
    })
  }

  /**
   * Confirmed places. Inside a transaction it also locks the activity until the transaction ends,
   * so the place decided from this count cannot be taken by a concurrent sign-up (PostgreSQL).
   */
  async countConfirmed(activityId: number): Promise<number> {
    await lockRow(this.db, 'Activity', activityId)
    return this.db.signUp.count({ where: { activityId, status: 'confirmed' } })
  }

  createSignUp(data: { activityId: number; memberId: number; status: SignUpStatus; note: string | null; byContactId: string; now: Date }): Promise<{ id: number; createdAt: Date }> {
    return this.db.signUp.create({
      data: {
        activityId: data.activityId,
        memberId: data.memberId,
        status: data.status,
        note: data.note,
        byContactId: data.byContactId,
        createdAt: data.now,
      },
      select: { id: true, createdAt: true },
    })
  }

  /**
   * Takes a place, or a waitlist entry when `capacity` places are confirmed (a place while fewer than `capacity` are confirmed; no capacity means unlimited), in the one statement
   * that inserts the row; null when the member already has an active sign-up (the partial unique
   * index on active sign-ups decides, also under a race). Returns the confirmed places before this
   * one and the waitlist position. SQLite runs one write statement at a time, so the count cannot
   * go stale; PostgreSQL (READ COMMITTED counts from the statement's snapshot) first locks the
   * activity, so concurrent sign-ups to it decide one after the other.
   */
  async takePlace(data: { activityId: number; memberId: number; capacity: number | null; note: string | null; byContactId: string; now: Date }): Promise<{ status: SignUpStatus; confirmedBefore: number; position: number } | null> {
    const { activityId, memberId, capacity, note, byContactId, now } = data
    // The RETURNING subqueries leave the new row out (`x."id" <> "SignUp"."id"`): SQLite sees it there, PostgreSQL does not.
    const rows = await groupCommitted(this.db, (db) =>
      db.$queryRaw<Array<{ status: SignUpStatus; confirmedBefore: bigint | number; waitingAhead: bigint | number }>>`
      INSERT INTO "SignUp" ("activityId", "memberId", "status", "note", "createdAt", "byContactId")
      SELECT ${activityId}, ${memberId},
        CASE WHEN CAST(${capacity} AS INTEGER) IS NULL OR placed.n < ${capacity} THEN 'confirmed' ELSE 'waitlisted' END,
        ${note}, ${now}, ${byContactId}
      FROM (SELECT COUNT(*) AS n FROM "SignUp" WHERE "activityId" = ${activityId} AND "status" = 'confirmed') AS placed
      WHERE true
      ON CONFLICT DO NOTHING
      RETURNING "SignUp"."status" AS "status",
        (SELECT COUNT(*) FROM "SignUp" x WHERE x."activityId" = "SignUp"."activityId" AND x."status" = 'confirmed' AND x."id" <> "SignUp"."id") AS "confirmedBefore",
        (SELECT COUNT(*) FROM "SignUp" x WHERE x."activityId" = "SignUp"."activityId" AND x."status" = 'waitlisted' AND x."id" <> "SignUp"."id"
          AND (x."createdAt" < "SignUp"."createdAt" OR (x."createdAt" = "SignUp"."createdAt" AND x."id" < "SignUp"."id"))) AS "waitingAhead"`,
      { table: 'Activity', id: activityId },
    )
    const row = rows[0]
    if (!row) return null
    return { status: row.status, confirmedBefore: Number(row.confirmedBefore), position: row.status === 'waitlisted' ? Number(row.waitingAhead) + 1 : 0 }
  }

  /**
   * Cancels the member's active sign-up; a freed place goes to the first on the waitlist, in the
   * same statement (one UPDATE of two rows: the member's, cancelled, and, when theirs was a
   * confirmed place, the first waiting one, confirmed). Null when the member had none; else the
   * promoted member's contact, if any. The WHERE is read before either row changes (SQLite and
   * PostgreSQL alike); PostgreSQL first locks the activity, so two cancellations at once promote
   * two different members.
   */
  async cancelAndPromote(activityId: number, memberId: number, now: Date): Promise<{ promotedContactId: string | null } | null> {
    const rows = await groupCommitted(this.db, (db) =>
      db.$queryRaw<Array<{ memberId: number | bigint; contactId: string }>>`
      UPDATE "SignUp" SET
        "status" = CASE WHEN "memberId" = ${memberId} THEN 'cancelled' ELSE 'confirmed' END,
        "cancelledAt" = CASE WHEN "memberId" = ${memberId} THEN ${now} ELSE "cancelledAt" END,
        "promotedAt" = CASE WHEN "memberId" = ${memberId} THEN "promotedAt" ELSE ${now} END
      WHERE "activityId" = ${activityId} AND (
        ("memberId" = ${memberId} AND "status" IN ('confirmed', 'waitlisted'))
        OR "id" = (
          SELECT w."id" FROM "SignUp" w
          WHERE w."activityId" = ${activityId} AND w."status" = 'waitlisted'
            AND EXISTS (SELECT 1 FROM "SignUp" c WHERE c."activityId" = ${activityId} AND c."memberId" = ${memberId} AND c."status" = 'confirmed')
          ORDER BY w."createdAt" ASC, w."id" ASC LIMIT 1))
      RETURNING "memberId", (SELECT "contactId" FROM "Member" WHERE "Member"."id" = "SignUp"."memberId") AS "contactId"`,
      { table: 'Activity', id: activityId },
    )
    if (!rows.some((r) => Number(r.memberId) === memberId)) return null
    return { promotedContactId: rows.find((r) => Number(r.memberId) !== memberId)?.contactId ?? null }
  }

  async markSignUpCancelled(id: number, now: Date): Promise<void> {
    await this.db.signUp.update({ where: { id }, data: { status: 'cancelled', cancelledAt: now } })
  }

  firstWaiting(activityId: number): Promise<SignUpRow | null> {
    return this.db.signUp.findFirst({ where: { activityId, status: 'waitlisted' }, orderBy: queueOrder, select: signUpSelect })
  }

  async promote(id: number, now: Date): Promise<void> {
    await this.db.signUp.update({ where: { id }, data: { status: 'confirmed', promotedAt: now } })
  }

}
