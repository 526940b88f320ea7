import type { JobHandler } from '../../scheduler/scheduler.js'
import type { Services, SharedDeps } from '../../services.js'

/** The meeting capability's services, built on the shared repositories. */
export function createMeetingServices(_shared: SharedDeps) {
  return {}
}

/** The meeting capability's scheduled jobs, by kind. */
export function meetingJobs(_services: Services): Record<string, JobHandler> {
  return {}
}
