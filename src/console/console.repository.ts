import type { Db } from '../db/client.js'

export type TokenKind = 'link' | 'session'

/**
 * The console's own reads and writes: login tokens, and the lists an organisation page shows
 * (meetings, activities with rosters, notices with who acknowledged). The only Prisma code here.
 */
export class ConsoleRepository {
  constructor(private readonly db: Db) {}

  async createToken(data: { tokenHash: string; kind: TokenKind; contactId: string; expiresAt: Date; now: Date }): Promise<void> {
    await this.db.consoleToken.create({
      data: { tokenHash: data.tokenHash, kind: data.kind, contactId: data.contactId, expiresAt: data.expiresAt, createdAt: data.now },
    })
  }

  /**
   * Uses a login link: one conditional update (unused, unexpired) so two requests racing with the
   * same link cannot both succeed, on SQLite and PostgreSQL alike. The contact, or null.
   */
  async useLink(tokenHash: string, now: Date): Promise<string | null> {
    const { count } = await this.db.consoleToken.updateMany({
      where: { tokenHash, kind: 'link', usedAt: null, expiresAt: { gt: now } },
      data: { usedAt: now },
    })
    if (count !== 1) return null
    return (await this.db.consoleToken.findUnique({ where: { tokenHash }, select: { contactId: true } }))?.contactId ?? null
  }

  findToken(tokenHash: string) {
    return this.db.consoleToken.findUnique({ where: { tokenHash }, select: { kind: true, contactId: true, expiresAt: true, usedAt: true } })
  }

  async endSession(tokenHash: string, now: Date): Promise<void> {
    await this.db.consoleToken.updateMany({ where: { tokenHash, kind: 'session' }, data: { expiresAt: now } })
  }

  /** The organisation's latest meetings with their record and attendance counts by status. */
  async meetings(orgId: number, take = 20) {
    const meetings = await this.db.meeting.findMany({
      where: { orgId },
      orderBy: [{ startsAt: 'desc' }, { id: 'desc' }],
      take,
      select: { id: true, type: true, startsAt: true, place: true, topic: true, status: true, chair: true, recorder: true, resolutions: true },
    })
    const counts = await this.db.attendance.groupBy({ by: ['meetingId', 'status'], where: { meetingId: { in: meetings.map((m) => m.id) } }, _count: { _all: true } })
    return meetings.map((m) => ({
      ...m,
      attendance: Object.fromEntries(counts.filter((c) => c.meetingId === m.id).map((c) => [c.status, c._count._all])) as Record<string, number>,
    }))
  }

  /** The organisation's latest activities with everyone who signed up. */
  activities(orgId: number, take = 20) {
    return this.db.activity.findMany({
      where: { orgId },
      orderBy: [{ startsAt: 'desc' }, { id: 'desc' }],
      take,
      select: {
        id: true,
        title: true,
        startsAt: true,
        place: true,
        capacity: true,
        status: true,
        signUps: { orderBy: { id: 'asc' }, select: { status: true, member: { select: { name: true } } } },
      },
    })
  }

  /** The organisation's latest notices with the members who acknowledged each. */
  notices(orgId: number, take = 20) {
    return this.db.notice.findMany({
      where: { orgId },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take,
      select: { id: true, text: true, createdAt: true, acks: { orderBy: { at: 'asc' }, select: { memberId: true } } },
    })
  }
}
