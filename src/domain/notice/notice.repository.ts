import type { Db } from '../../db/client.js'

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

  async hasCopies(id: number): Promise<boolean> {
    return (await this.db.notice.count({ where: { parentId: id } })) > 0
  }

  /** The newest notice in the organisation since `since` that the member has not acknowledged. */
  latestUnacknowledged(orgId: number, memberId: number, since: Date): Promise<NoticeRow | null> {
    return this.db.notice.findFirst({
      where: { orgId, createdAt: { gte: since }, ...notAnOriginal, acks: { none: { memberId } } },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      select: noticeSelect,
    })
  }

  /** The newest notice in the organisation since `since`. */
  latest(orgId: number, since: Date): Promise<NoticeRow | null> {
    return this.db.notice.findFirst({
      where: { orgId, createdAt: { gte: since }, ...notAnOriginal },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      select: noticeSelect,
    })
  }

  /** Records the acknowledgement in one statement; false when the member had already acknowledged (the unique index decides, also under a race). */
  async acknowledge(noticeId: number, memberId: number, at: Date): Promise<boolean> {
    const rows = await this.db.$queryRaw<Array<{ id: number }>>`
      INSERT INTO "NoticeAck" ("noticeId", "memberId", "at") VALUES (${noticeId}, ${memberId}, ${at})
      ON CONFLICT DO NOTHING
      RETURNING "id"`
    return rows.length > 0
  }

  /** How many of the members a notice is for (all but its author) have acknowledged it, counted in one statement. */
  async ackCounts(notice: NoticeRow): Promise<{ acked: number; expected: number }> {
    const [row] = await this.db.$queryRaw<Array<{ acked: bigint | number; expected: bigint | number }>>`
      SELECT COUNT(a."id") AS "acked", COUNT(*) AS "expected"
      FROM "Member" m LEFT JOIN "NoticeAck" a ON a."noticeId" = ${notice.id} AND a."memberId" = m."id"
      WHERE m."orgId" = ${notice.orgId} AND m."leftAt" IS NULL AND m."contactId" <> ${notice.byContactId}`
    return { acked: Number(row?.acked ?? 0), expected: Number(row?.expected ?? 0) }
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
