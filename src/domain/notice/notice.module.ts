import type { JobHandler } from '../../scheduler/scheduler.js'
import type { Services, SharedDeps } from '../../services.js'

/** The notice capability's services, built on the shared repositories. */
export function createNoticeServices(_shared: SharedDeps) {
  return {}
}

/** The notice capability's scheduled jobs, by kind. */
export function noticeJobs(_services: Services): Record<string, JobHandler> {
  return {}
}
