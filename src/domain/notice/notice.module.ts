import type { JobHandler } from '../../scheduler/scheduler.js'
import type { Services, SharedDeps } from '../../services.js'
import { NoticeRepository } from './notice.repository.js'
import { DEFAULT_NOTICE_OPTIONS, NOTICE_JOBS, NoticeService } from './notice.service.js'

/** The notice capability's services, built on the shared repositories. */
export function createNoticeServices(shared: SharedDeps) {
  return {
    notice: new NoticeService(new NoticeRepository(shared.db), shared.orgs, shared.audit, shared.jobs, { ...DEFAULT_NOTICE_OPTIONS, timeZone: shared.timeZone }),
  }
}

/** The notice capability's scheduled jobs, by kind. */
export function noticeJobs(services: Services): Record<string, JobHandler> {
  return {
    [NOTICE_JOBS.deliver]: services.notice.deliverJob,
    [NOTICE_JOBS.nudge]: services.notice.nudgeJob,
  }
}
