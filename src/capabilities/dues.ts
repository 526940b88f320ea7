import { bindAll } from '../commands/command.js'
import { DuesRepository } from '../domain/dues/dues.repository.js'
import { DEFAULT_DUES_SERVICE_OPTIONS, DUES_JOBS, DuesService } from '../domain/dues/dues.service.js'
import { duesCommands } from '../../handlers/dues.js'
import type { OrgService } from '../domain/org/org.service.js'
import type { Capability, SharedDeps } from './capability.js'

/** Party dues: the rate engine, assessments, the ledger, the collection day's private reminders. */
export function createDues(shared: Pick<SharedDeps, 'db' | 'orgs' | 'audit' | 'jobs' | 'timeZone'>, org: OrgService): Capability<{ dues: DuesService }> {
  const dues = new DuesService(new DuesRepository(shared.db), shared.orgs, org, shared.audit, shared.jobs, {
    ...DEFAULT_DUES_SERVICE_OPTIONS,
    timeZone: shared.timeZone,
  })
  return { services: { dues }, jobs: { [DUES_JOBS.monthly]: dues.monthlyJob }, commands: bindAll(duesCommands, { dues }) }
}
