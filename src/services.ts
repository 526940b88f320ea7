import type { Db } from './db/client.js'
import { ActivityRepository } from './domain/activity/activity.repository.js'
import { ActivityService } from './domain/activity/activity.service.js'
import { AuditRepository } from './domain/audit/audit.repository.js'
import { OrgRepository } from './domain/org/org.repository.js'
import { OrgService } from './domain/org/org.service.js'

/** The services handlers call. Built once per process around one database handle. */
export interface Services {
  org: OrgService
  activity: ActivityService
}

export function createServices(db: Db, options: { timeZone: string; adminToken: string | undefined }): Services {
  const audit = new AuditRepository(db)
  return {
    org: new OrgService(new OrgRepository(db), audit, options.adminToken),
    activity: new ActivityService(new ActivityRepository(db), audit, options.timeZone),
  }
}
