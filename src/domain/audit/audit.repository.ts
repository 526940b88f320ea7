import type { Db } from '../../db/client.js'
import { groupCommitted } from '../../db/group-commit.js'

export interface AuditEntry {
  at: Date
  actorContactId: string
  /** A stable English verb, e.g. `role.appoint`, `activity.signup-for`. */
  action: string
  orgId?: number | null
  targetContactId?: string | null
  detail?: Record<string, unknown>
}

/** The audit log: who changed what, for whom, when. Rows are only ever added. */
export class AuditRepository {
  constructor(private readonly db: Db) {}

  /**
   * One statement, written like the hot writes: in a message whose write holds a shared
   * transaction (group commit on PostgreSQL) it joins that transaction, so when its COMMIT fails
   * and the message runs again, the first run leaves no row behind for what was not saved.
   */
  async record(entry: AuditEntry): Promise<void> {
    const data = {
      at: entry.at,
      actorContactId: entry.actorContactId,
      action: entry.action,
      orgId: entry.orgId ?? null,
      targetContactId: entry.targetContactId ?? null,
      detail: JSON.stringify(entry.detail ?? {}),
    }
    await groupCommitted(this.db, (db) => db.auditLog.create({ data, select: { id: true } }))
  }

  list(filter: { orgId?: number; action?: string } = {}) {
    return this.db.auditLog.findMany({ where: filter, orderBy: { id: 'asc' } })
  }
}
