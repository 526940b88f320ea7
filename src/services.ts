import type { Db } from './db/client.js'
import { ActivityRepository } from './domain/activity/activity.repository.js'
import { ACTIVITY_JOBS, ActivityService } from './domain/activity/activity.service.js'
import { AuditRepository } from './domain/audit/audit.repository.js'
import { createDuesServices, duesJobs } from './domain/dues/dues.module.js'
import { createMeetingServices, meetingJobs } from './domain/meeting/meeting.module.js'
import { createNoticeServices, noticeJobs } from './domain/notice/notice.module.js'
import { OrgRepository } from './domain/org/org.repository.js'
import { OrgService } from './domain/org/org.service.js'
import { ReportRepository } from './domain/report/report.repository.js'
import { ReportService } from './domain/report/report.service.js'
import { JobRepository } from './scheduler/job.repository.js'
import type { JobHandler } from './scheduler/scheduler.js'

export interface ServiceOptions {
  timeZone: string
  adminToken: string | undefined
  /** Hours before an activity's start when reminders go out. */
  activityReminderHours?: readonly number[]
  /** Called when a job is scheduled for now (the runtime ticks the scheduler). */
  onJobDueNow?: () => void
}

/** What every capability's services are built on: one database handle and the shared repositories. */
export interface SharedDeps {
  db: Db
  audit: AuditRepository
  orgs: OrgRepository
  jobs: JobRepository
  org: OrgService
  timeZone: string
}

/** The services handlers call. Built once per process around one database handle. */
export function createServices(db: Db, options: ServiceOptions) {
  const audit = new AuditRepository(db)
  const orgs = new OrgRepository(db)
  const jobs = new JobRepository(db, options.onJobDueNow)
  const org = new OrgService(orgs, audit, options.adminToken)
  const shared: SharedDeps = { db, audit, orgs, jobs, org, timeZone: options.timeZone }
  return {
    org,
    activity: new ActivityService(new ActivityRepository(db), audit, jobs, {
      timeZone: options.timeZone,
      reminderHours: options.activityReminderHours ?? [24, 1],
      roomOf: async (orgId) => (await orgs.findBindingByOrg(orgId))?.roomId ?? null,
    }),
    jobs,
    report: new ReportService(new ReportRepository(db), orgs, options.timeZone),
    ...createMeetingServices(shared),
    ...createDuesServices(shared),
    ...createNoticeServices(shared),
  }
}

export type Services = ReturnType<typeof createServices>

/** Every kind of scheduled job and the service method that runs it. */
export function jobHandlers(services: Services): Record<string, JobHandler> {
  return {
    [ACTIVITY_JOBS.remind]: services.activity.remindJob,
    [ACTIVITY_JOBS.deadline]: services.activity.deadlineJob,
    ...meetingJobs(services),
    ...duesJobs(services),
    ...noticeJobs(services),
  }
}
