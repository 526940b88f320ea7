import type { JobHandler } from '../../scheduler/scheduler.js'
import type { Services, SharedDeps } from '../../services.js'

/** The dues capability's services, built on the shared repositories. */
export function createDuesServices(_shared: SharedDeps) {
  return {}
}

/** The dues capability's scheduled jobs, by kind. */
export function duesJobs(_services: Services): Record<string, JobHandler> {
  return {}
}
