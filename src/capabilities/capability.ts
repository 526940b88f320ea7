import type { CommandDef } from '../commands/command.js'
import type { Db } from '../db/client.js'
import type { AuditRepository } from '../domain/audit/audit.repository.js'
import type { OrgRepository } from '../domain/org/org.repository.js'
import type { JobRepository } from '../scheduler/job.repository.js'
import type { JobHandler } from '../scheduler/scheduler.js'

/** What one capability brings to the bot: its services, its scheduled jobs by kind, its commands. */
export interface Capability<S> {
  services: S
  jobs: Record<string, JobHandler>
  commands: CommandDef[]
}

/** What capabilities are built on: the database and the repositories several of them share. */
export interface SharedDeps {
  db: Db
  audit: AuditRepository
  orgs: OrgRepository
  jobs: JobRepository
  timeZone: string
  /** The group an organisation is bound to, if any (where its notices and reminders go). */
  roomOf(orgId: number): Promise<string | null>
}
