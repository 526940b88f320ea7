import type { Db } from '../../db/client.js'
import { groupCommitted } from '../../db/group-commit.js'

/** Study logs (学时): the only Prisma code for them, except the 党课 hours written when a meeting closes. */
export class StudyRepository {
  constructor(private readonly db: Db) {}

  async add(data: { memberId: number; content: string; minutes: number; at: Date }): Promise<void> {
    await groupCommitted(this.db, (db) => db.studyLog.create({ data: { ...data, source: 'self', meetingId: null }, select: { id: true } }))
  }

  /** Every registration of a contact, oldest first: a 流动党员 may be registered in more than one organisation. */
  memberships(contactId: string): Promise<{ id: number; orgId: number; name: string }[]> {
    return this.db.member.findMany({ where: { contactId, leftAt: null }, orderBy: { id: 'asc' }, select: { id: true, orgId: true, name: true } })
  }

  /** The contact's study logs in [from, to), over all their registrations. */
  logsOf(contactId: string, from: Date, to: Date): Promise<{ minutes: number; source: string }[]> {
    return this.db.studyLog.findMany({ where: { member: { contactId }, at: { gte: from, lt: to } }, select: { minutes: true, source: true } })
  }
}
