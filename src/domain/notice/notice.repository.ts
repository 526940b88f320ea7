import type { Db } from '../../db/client.js'
import { groupCommitted } from '../../db/group-commit.js'
import { Prisma } from '../../generated/sqlite/client.js'

export interface NoticeRow {
  id: number
  orgId: number
  /** The original, for a copy broadcast to an organisation below. */
  parentId: number | null
  text: string
  byContactId: string
  createdAt: Date
  lastNudgedAt: Date | null
}

export interface NoticeMember {
  id: number
  name: string
  contactId: string
}

const noticeSelect = { id: true, orgId: true, parentId: true, text: true, byContactId: true, createdAt: true, lastNudgedAt: true } as const
const memberSelect = { id: true, name: true, contactId: true } as const
/** The columns of a NoticeRow, for plain SQL over `"Notice" n`. */
const NOTICE_COLUMNS = Prisma.sql`n."id", n."orgId", n."parentId", n."text", n."byContactId", n."createdAt", n."lastNudgedAt"`
/** An original sent down the tree has copies; it is a record of the broadcast, not a notice to acknowledge. */
const notAnOriginal = { copies: { none: {} } } as const

/** Notices and their acknowledgements: the only Prisma code for them. */
export class NoticeRepository {
  constructor(private readonly db: Db) {}

  /** Runs `work` in one transaction, with a repository bound to it. */
  transaction<T>(work: (repo: NoticeRepository) => Promise<T>): Promise<T> {
    return this.db.$transaction((tx) => work(new NoticeRepository(tx as unknown as Db)))
  }

  create(data: { orgId: number; parentId: number | null; text: string; byContactId: string; now: Date }): Promise<NoticeRow> {
    return this.db.notice.create({
      data: { orgId: data.orgId, parentId: data.parentId, text: data.text, byContactId: data.byContactId, createdAt: data.now },
      select: noticeSelect,
    })
  }

  findById(id: number): Promise<NoticeRow | null> {
    return this.db.notice.findUnique({ where: { id }, select: noticeSelect })
  }

  findInOrg(id: number, orgId: number): Promise<NoticeRow | null> {
    return this.db.notice.findFirst({ where: { id, orgId }, select: noticeSelect })
  }

  /** The copies of a broadcast, in the order they were made (the tree's order, level by level). */
  copiesOf(parentId: number): Promise<NoticeRow[]> {
    return this.db.notice.findMany({ where: { parentId }, orderBy: { id: 'asc' }, select: noticeSelect })
  }

  /** 收到 #n: the notice, and whether it is a broadcast's original (it has copies), in one statement. */
  async findToAcknowledge(id: number, orgId: number): Promise<(NoticeRow & { hasCopies: boolean }) | null> {
    const [row] = await this.db.$queryRaw<Array<NoticeRow & { hasCopies: bigint | number | boolean }>>`
      SELECT ${NOTICE_COLUMNS}, EXISTS (SELECT 1 FROM "Notice" c WHERE c."parentId" = n."id") AS "hasCopies"
      FROM "Notice" n WHERE n."id" = ${id} AND n."orgId" = ${orgId}`
    return row ? { ...row, hasCopies: Boolean(Number(row.hasCopies)) } : null
  }

  /** The newest notice in the organisation since `since` that the member has not acknowledged. */
  async latestUnacknowledged(orgId: number, memberId: number, since: Date): Promise<NoticeRow | null> {
    // Read on every bare 收到 (and every 好的，收到 in a group): plain SQL, a fraction of the cost of a compiled findFirst.
    const [row] = await this.db.$queryRaw<NoticeRow[]>`
      SELECT ${NOTICE_COLUMNS} FROM "Notice" n
      WHERE n."orgId" = ${orgId} AND n."createdAt" >= ${since}
        AND NOT EXISTS (SELECT 1 FROM "Notice" c WHERE c."parentId" = n."id")
        AND NOT EXISTS (SELECT 1 FROM "NoticeAck" a WHERE a."noticeId" = n."id" AND a."memberId" = ${memberId})
      ORDER BY n."createdAt" DESC, n."id" DESC LIMIT 1`
    return row ?? null
  }

  /** The newest notice in the organisation since `since`. */
  latest(orgId: number, since: Date): Promise<NoticeRow | null> {
    return this.db.notice.findFirst({
      where: { orgId, createdAt: { gte: since }, ...notAnOriginal },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      select: noticeSelect,
    })
  }

  /**
   * 收到 in one statement: acknowledges notice #`id` of the organisation (`{ id }`, unless it is a
   * broadcast original), or the newest one since `since` that the member has not acknowledged (`{
   * since }`, the choice of latestUnacknowledged), and counts how many of the members the notice
   * is for (its organisation's, all but its author) have acknowledged it: the count leaves the new
   * row out and adds it back (SQLite's RETURNING sees it, PostgreSQL's does not). Null when there was none to acknowledge (the caller reads why only
   * then), or when the member's own 收到 at the same instant took it (the unique index decides).
   */
  async acknowledgeChosen(orgId: number, memberId: number, choice: { id: number } | { since: Date }, at: Date): Promise<{ noticeId: number; acked: number; expected: number } | null> {
    const chosen = 'id' in choice ? Prisma.sql`AND n."id" = ${choice.id}` : Prisma.sql`AND n."createdAt" >= ${choice.since}
        AND NOT EXISTS (SELECT 1 FROM "NoticeAck" a WHERE a."noticeId" = n."id" AND a."memberId" = ${memberId})`
    // The counts read the notice's author through "NoticeAck"."noticeId": the row is only chosen in this statement.
    const [row] = await groupCommitted(this.db, (db) => db.$queryRaw<Array<{ noticeId: bigint | number; acked: bigint | number; expected: bigint | number }>>`
      INSERT INTO "NoticeAck" ("noticeId", "memberId", "at")
      SELECT n."id", ${memberId}, ${at} FROM "Notice" n
      WHERE n."orgId" = ${orgId} ${chosen}
        AND NOT EXISTS (SELECT 1 FROM "Notice" c WHERE c."parentId" = n."id")
      ORDER BY n."createdAt" DESC, n."id" DESC LIMIT 1
      ON CONFLICT DO NOTHING
      RETURNING "NoticeAck"."noticeId" AS "noticeId",
        (SELECT COUNT(*) FROM "NoticeAck" a JOIN "Member" m ON m."id" = a."memberId" JOIN "Notice" o ON o."id" = a."noticeId"
          WHERE a."noticeId" = "NoticeAck"."noticeId" AND a."id" <> "NoticeAck"."id" AND m."orgId" = o."orgId" AND m."leftAt" IS NULL AND m."contactId" <> o."byContactId")
        + (SELECT COUNT(*) FROM "Member" m JOIN "Notice" o ON o."id" = "NoticeAck"."noticeId"
          WHERE m."id" = ${memberId} AND m."orgId" = o."orgId" AND m."leftAt" IS NULL AND m."contactId" <> o."byContactId") AS "acked",
        (SELECT COUNT(*) FROM "Member" m JOIN "Notice" o ON o."id" = "NoticeAck"."noticeId"
          WHERE m."orgId" = o."orgId" AND m."leftAt" IS NULL AND m."contactId" <> o."byContactId") AS "expected"`)
    return row ? { noticeId: Number(row.noticeId), acked: Number(row.acked), expected: Number(row.expected) } : null
  }

  async acknowledgedMemberIds(noticeId: number): Promise<Set<number>> {
    const rows = await this.db.noticeAck.findMany({ where: { noticeId }, select: { memberId: true } })
    return new Set(rows.map((r) => r.memberId))
  }

  /** The organisation's registered members, in the order they registered. */
  membersOf(orgId: number): Promise<NoticeMember[]> {
    return this.db.member.findMany({ where: { orgId, leftAt: null }, orderBy: { id: 'asc' }, select: memberSelect })
  }

  /**
   * Takes the right to nudge: sets `lastNudgedAt` unless the notice was nudged after `notSince`.
   * A conditional update, so two officers (or an officer and the scheduler) never both nudge.
   * `byJob` names the job taking it: that job's retry takes it again (its first run's messages
   * may never have been queued), while an officer's 催办 in between still makes it give way.
   */
  async claimNudge(noticeId: number, now: Date, notSince: Date, byJob?: string): Promise<boolean> {
    const free = [{ lastNudgedAt: null }, { lastNudgedAt: { lte: notSince } }, ...(byJob ? [{ lastNudgedBy: byJob }] : [])]
    const { count } = await this.db.notice.updateMany({
      where: { id: noticeId, OR: free },
      data: { lastNudgedAt: now, lastNudgedBy: byJob ?? null },
    })
    return count === 1
  }

  async orgNames(orgIds: number[]): Promise<Map<number, string>> {
    const rows = await this.db.organization.findMany({ where: { id: { in: orgIds } }, select: { id: true, name: true } })
    return new Map(rows.map((r) => [r.id, r.name]))
  }
}
