import type { Db } from '../../db/client.js'

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

  async record(entry: AuditEntry): Promise<void> {
    await this.db.auditLog.create({
      data: {
        at: entry.at,
        actorContactId: entry.actorContactId,
        action: entry.action,
        orgId: entry.orgId ?? null,
        targetContactId: entry.targetContactId ?? null,
        detail: JSON.stringify(entry.detail ?? {}),
      },
    })
  }

  list(filter: { orgId?: number; action?: string } = {}) {
    return this.db.auditLog.findMany({ where: filter, orderBy: { id: 'asc' } })
  }
}
