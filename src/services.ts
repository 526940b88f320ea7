import type { Db } from './db/client.js'
import { ActivityRepository } from './domain/activity/activity.repository.js'
import { ACTIVITY_JOBS, ActivityService } from './domain/activity/activity.service.js'
import { AuditRepository } from './domain/audit/audit.repository.js'
import { OrgRepository } from './domain/org/org.repository.js'
import { OrgService } from './domain/org/org.service.js'
import { JobRepository } from './scheduler/job.repository.js'
import type { JobHandler } from './scheduler/scheduler.js'

/** The services handlers call. Built once per process around one database handle. */
export interface Services {
  org: OrgService
  activity: ActivityService
  jobs: JobRepository
}

export interface ServiceOptions {
  timeZone: string
  adminToken: string | undefined
  /** Hours before an activity's start when reminders go out. */
  activityReminderHours?: readonly number[]
}

export function createServices(db: Db, options: ServiceOptions): Services {
  const audit = new AuditRepository(db)
  const orgs = new OrgRepository(db)
  const jobs = new JobRepository(db)
  return {
    org: new OrgService(orgs, audit, options.adminToken),
    activity: new ActivityService(new ActivityRepository(db), audit, jobs, {
      timeZone: options.timeZone,
      reminderHours: options.activityReminderHours ?? [24, 1],
      roomOf: async (orgId) => (await orgs.findBindingByOrg(orgId))?.roomId ?? null,
    }),
    jobs,
  }
}

/** Every kind of scheduled job and the service method that runs it. */
export function jobHandlers(services: Services): Record<string, JobHandler> {
  return {
    [ACTIVITY_JOBS.remind]: services.activity.remindJob,
    [ACTIVITY_JOBS.deadline]: services.activity.deadlineJob,
  }
}
