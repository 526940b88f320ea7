import type { JobHandler } from '../../scheduler/scheduler.js'
import type { Services, SharedDeps } from '../../services.js'
import { DEFAULT_DUES_SERVICE_OPTIONS, DUES_JOBS, DuesService } from './dues.service.js'
import { DuesRepository } from './dues.repository.js'

/** The dues capability's services, built on the shared repositories. */
export function createDuesServices(shared: SharedDeps): { dues: DuesService } {
  return {
    dues: new DuesService(new DuesRepository(shared.db), shared.orgs, shared.org, shared.audit, shared.jobs, {
      ...DEFAULT_DUES_SERVICE_OPTIONS,
      timeZone: shared.timeZone,
    }),
  }
}

/** The dues capability's scheduled jobs, by kind. */
export function duesJobs(services: Services): Record<string, JobHandler> {
  return { [DUES_JOBS.monthly]: services.dues.monthlyJob }
}
