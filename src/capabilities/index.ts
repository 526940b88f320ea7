import { bindAll, type CommandDef, type CommandInfo } from '../commands/command.js'
import type { Db } from '../db/client.js'
import { AuditRepository } from '../domain/audit/audit.repository.js'
import { OrgRepository } from '../domain/org/org.repository.js'
import { JobRepository } from '../scheduler/job.repository.js'
import type { JobHandler } from '../scheduler/scheduler.js'
import { activityCommands } from '../../handlers/activity.js'
import { adminCommands } from '../../handlers/admin.js'
import { duesCommands } from '../../handlers/dues.js'
import { helpCommands } from '../../handlers/help.js'
import { meetingCommands } from '../../handlers/meeting.js'
import { noticeCommands } from '../../handlers/notice.js'
import { orgCommands } from '../../handlers/org.js'
import { reportCommands } from '../../handlers/report.js'
import { createActivity } from './activity.js'
import type { SharedDeps } from './capability.js'
import { createDues } from './dues.js'
import { createMeeting } from './meeting.js'
import { createNotice } from './notice.js'
import { createOrg } from './org.js'
import { createReport } from './report.js'

export interface CapabilityOptions {
  timeZone: string
  adminToken: string | undefined
  /** Hours before an activity's start when reminders go out. */
  activityReminderHours?: readonly number[]
  /** Called when a job is scheduled for now (the runtime ticks the scheduler). */
  onJobDueNow?: () => void
}

/**
 * Every command the bot understands, declared, in the order 帮助 lists them. The same order as
 * `createCapabilities` binds them (a test holds the two together).
 */
export const declaredCommands: readonly CommandInfo[] = [
  ...helpCommands,
  ...orgCommands,
  ...activityCommands,
  ...meetingCommands,
  ...duesCommands,
  ...noticeCommands,
  ...reportCommands,
  ...adminCommands,
]

/** The whole bot around one database handle: each capability once, its services, jobs and commands. */
export function createCapabilities(db: Db, options: CapabilityOptions) {
  const orgs = new OrgRepository(db)
  const jobs = new JobRepository(db, options.onJobDueNow)
  const shared: SharedDeps = {
    db,
    audit: new AuditRepository(db),
    orgs,
    jobs,
    timeZone: options.timeZone,
    roomOf: async (orgId) => (await orgs.findBindingByOrg(orgId))?.roomId ?? null,
  }
  const org = createOrg(shared, options.adminToken)
  const capabilities = [
    { services: {}, jobs: {}, commands: bindAll(helpCommands, {}) },
    org,
    createActivity(shared, options.activityReminderHours ?? [24, 1]),
    createMeeting(shared),
    createDues(shared),
    createNotice(shared),
    createReport(shared),
    { services: {}, jobs: {}, commands: bindAll(adminCommands, { jobs }) },
  ] as const
  const [, , activity, meeting, dues, notice, report] = capabilities
  return {
    services: { ...org.services, ...activity.services, ...meeting.services, ...dues.services, ...notice.services, ...report.services, jobs },
    jobs: Object.assign({}, ...capabilities.map((c) => c.jobs)) as Record<string, JobHandler>,
    commands: capabilities.flatMap((c): CommandDef[] => c.commands),
  }
}

export type Capabilities = ReturnType<typeof createCapabilities>
export type Services = Capabilities['services']
