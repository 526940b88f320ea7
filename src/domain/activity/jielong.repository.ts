import type { Db } from '../../db/client.js'
import type { MemberRow } from '../org/org.repository.js'

const memberSelect = { id: true, orgId: true, contactId: true, name: true, stage: true, category: true } as const

/** What a 接龙 needs beside the activity itself: the last copy read, the members to match names to, who opened it. */
export class JielongRepository {
  constructor(private readonly db: Db) {}

  /** The last copy read for each of these activities (content null: opened for 接龙, none read yet). */
  async snapshotsOf(activityIds: readonly number[]): Promise<Map<number, { content: string | null; seenAt: Date }>> {
    if (activityIds.length === 0) return new Map()
    const rows = await this.db.jielongSnapshot.findMany({
      where: { activityId: { in: [...activityIds] } },
      select: { activityId: true, content: true, updatedAt: true },
    })
    return new Map(rows.map((r) => [r.activityId, { content: r.content, seenAt: r.updatedAt }]))
  }

  /** Marks an activity as taking its sign-ups from a 接龙 (发起活动 … 接龙). */
  async open(activityId: number, now: Date): Promise<void> {
    await this.db.jielongSnapshot.upsert({ where: { activityId }, create: { activityId, content: null, updatedAt: now }, update: {} })
  }

  /** Keeps the copy posted at `now` (the message's time: an older copy arriving late never replaces it). */
  async save(activityId: number, content: string, now: Date): Promise<void> {
    await this.db.jielongSnapshot.upsert({ where: { activityId }, create: { activityId, content, updatedAt: now }, update: { content, updatedAt: now } })
  }

  membersOf(orgId: number): Promise<MemberRow[]> {
    return this.db.member.findMany({ where: { orgId, leftAt: null }, orderBy: { id: 'asc' }, select: memberSelect })
  }

  /** Who published the activity: the officer told about names that match no member. */
  async creatorOf(activityId: number): Promise<string | null> {
    const row = await this.db.activity.findUnique({ where: { id: activityId }, select: { createdByContactId: true } })
    return row?.createdByContactId ?? null
  }

  /** Whether `#id` in this organisation is a meeting or a notice (an activity number typed for the wrong thing). */
  async otherRecordKind(id: number, orgId: number): Promise<'meeting' | 'notice' | null> {
    if (await this.db.meeting.findFirst({ where: { id, orgId }, select: { id: true } })) return 'meeting'
    if (await this.db.notice.findFirst({ where: { id, orgId }, select: { id: true } })) return 'notice'
    return null
  }
}
