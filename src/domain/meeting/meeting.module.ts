import type { JobHandler } from '../../scheduler/scheduler.js'
import type { Services, SharedDeps } from '../../services.js'
import { MeetingRepository, StudyRepository } from './meeting.repository.js'
import { DEFAULT_MEETING_OPTIONS, MEETING_JOBS, MeetingService } from './meeting.service.js'
import { StudyService } from './study.service.js'

/** The meeting capability's services, built on the shared repositories. */
export function createMeetingServices(shared: SharedDeps) {
  return {
    meeting: new MeetingService(new MeetingRepository(shared.db), shared.audit, shared.jobs, {
      ...DEFAULT_MEETING_OPTIONS,
      timeZone: shared.timeZone,
      roomOf: async (orgId) => (await shared.orgs.findBindingByOrg(orgId))?.roomId ?? null,
    }),
    study: new StudyService(new StudyRepository(shared.db), shared.timeZone),
  }
}

/** The meeting capability's scheduled jobs, by kind. */
export function meetingJobs(services: Services): Record<string, JobHandler> {
  return {
    [MEETING_JOBS.remind]: services.meeting.remindJob,
    [MEETING_JOBS.open]: services.meeting.openJob,
    [MEETING_JOBS.digest]: services.meeting.digestJob,
  }
}
