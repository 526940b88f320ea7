import { bindAll, type CommandDef, type CommandInfo } from '../commands/command.js'
import { systemClock, type Clock } from '../clock.js'
import type { ConsoleSettings } from '../console/console.js'
import type { Db } from '../db/client.js'
import { AuditRepository } from '../domain/audit/audit.repository.js'
import { OrgRepository } from '../domain/org/org.repository.js'
import type { AuthFailureListener } from '../domain/org/admin-auth.service.js'
import { JobRepository } from '../scheduler/job.repository.js'
import type { JobHandler } from '../scheduler/scheduler.js'
import { activityCommands } from '../../handlers/activity.js'
import { accountsCommands } from '../../handlers/accounts.js'
import { adminCommands } from '../../handlers/admin.js'
import { duesCommands } from '../../handlers/dues.js'
import { helpCommands } from '../../handlers/help.js'
import { meetingCommands } from '../../handlers/meeting.js'
import { noticeCommands } from '../../handlers/notice.js'
import { orgCommands } from '../../handlers/org.js'
import { reportCommands } from '../../handlers/report.js'
import { rosterCommands } from '../../handlers/roster.js'
import { developmentCommands } from '../../handlers/development.js'
import { transferCommands } from '../../handlers/transfer.js'
import { consoleCommands } from '../../handlers/console.js'
import { studyCommands } from '../../handlers/study.js'
import { unitCommands } from '../../handlers/units.js'
import { createActivity } from './activity.js'
import { createConsoleCapability } from './console.js'
import type { SharedDeps } from './capability.js'
import { createDues } from './dues.js'
import { createMeeting } from './meeting.js'
import { createNotice } from './notice.js'
import { createOrg } from './org.js'
import { createAccounts } from './accounts.js'
import { createReport } from './report.js'
import { createRoster } from './roster.js'
import { createDevelopment } from './development.js'
import { createTransfer } from './transfer.js'
import { createStudy } from './study.js'
import { createUnits } from './units.js'

export interface CapabilityOptions {
  timeZone: string
  adminToken: string | undefined
  /** Hours before an activity's start when reminders go out. */
  activityReminderHours?: readonly number[]
  /** Called when a job is scheduled for now (the runtime ticks the scheduler). */
  onJobDueNow?: () => void
  /** Where the officers' console listens and the address its links use (default 127.0.0.1:7731). */
  console?: ConsoleSettings
  /** The business clock (the console's pages, the 认证 throttle). */
  clock?: Clock
  /** Told of every failed 认证, without the token (the runtime logs it). */
  onAuthFailure?: AuthFailureListener
}

const DEFAULT_CONSOLE: ConsoleSettings = { CONSOLE_HOST: '127.0.0.1', CONSOLE_PORT: 7731 }

/**
 * Every command the bot understands, declared, in the order 帮助 lists them. The same order as
 * `createCapabilities` binds them (a test holds the two together).
 */
export const declaredCommands: readonly CommandInfo[] = [
  ...helpCommands,
  ...orgCommands,
  ...activityCommands,
  ...meetingCommands,
  ...studyCommands,
  ...duesCommands,
  ...noticeCommands,
  ...reportCommands,
  ...rosterCommands,
  ...developmentCommands,
  ...unitCommands,
  ...transferCommands,
  ...consoleCommands,
  ...accountsCommands,
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
  const org = createOrg(shared, { token: options.adminToken, clock: options.clock ?? systemClock, ...(options.onAuthFailure ? { onAuthFailure: options.onAuthFailure } : {}) })
  const units = createUnits(shared)
  const roster = createRoster(shared, units.services.units)
  const development = createDevelopment(shared)
  const reports = createReport(shared, units.services.coverage)
  const transfer = createTransfer(shared, org.services.org)
  const capabilities = [
    { services: {}, jobs: {}, commands: bindAll(helpCommands, {}) },
    org,
    createActivity(shared, options.activityReminderHours ?? [24, 1]),
    createMeeting(shared),
    createStudy(shared),
    createDues(shared, reports.services.reportCharts),
    createNotice(shared),
    reports,
    roster,
    development,
    units,
    transfer,
  ] as const
  const [, , activity, meeting, study, dues, notice, report] = capabilities
  const console = createConsoleCapability({
    db,
    report: report.services.report,
    reportExport: report.services.reportExport,
    clock: options.clock ?? systemClock,
    timeZone: options.timeZone,
    settings: options.console ?? DEFAULT_CONSOLE,
  })
  const all = [...capabilities, console, createAccounts(shared), { services: {}, jobs: {}, commands: bindAll(adminCommands, { jobs }) }]
  return {
    services: { ...org.services, ...activity.services, ...meeting.services, ...study.services, ...dues.services, ...notice.services, ...report.services, jobs },
    jobs: Object.assign({}, ...all.map((c) => c.jobs)) as Record<string, JobHandler>,
    commands: all.flatMap((c): CommandDef[] => c.commands),
    /** What near-miss reading needs to know about a group: a notice awaiting the member, open activities. */
    chatState: async (orgId: number, memberId: number | null, now: Date) => ({
      awaitingAck: memberId !== null && (await notice.services.notice.awaitsAcknowledgement(orgId, memberId, now)),
      openActivities: await activity.services.activity.openCount(orgId, now),
    }),
    /** The officers' console as a Fastify app, not yet listening. */
    consoleApp: console.app,
  }
}

export type Capabilities = ReturnType<typeof createCapabilities>
export type Services = Capabilities['services']
