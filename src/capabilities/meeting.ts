import { bindAll } from '../commands/command.js'
import { MeetingRepository, StudyRepository } from '../domain/meeting/meeting.repository.js'
import { DEFAULT_MEETING_OPTIONS, MEETING_JOBS, MeetingService } from '../domain/meeting/meeting.service.js'
import { StudyService } from '../domain/meeting/study.service.js'
import { meetingCommands } from '../../handlers/meeting.js'
import type { Capability, SharedDeps } from './capability.js'

/** Organisational life: 三会一课 meetings with check-in, the compliance calendar, study hours. */
export function createMeeting(
  shared: Pick<SharedDeps, 'db' | 'orgs' | 'audit' | 'jobs' | 'timeZone' | 'roomOf'>,
): Capability<{ meeting: MeetingService; study: StudyService }> {
  const meeting = new MeetingService(new MeetingRepository(shared.db), shared.audit, shared.jobs, {
    ...DEFAULT_MEETING_OPTIONS,
    timeZone: shared.timeZone,
    roomOf: shared.roomOf,
    boundBelow: (orgId) => shared.orgs.descendantsOf(orgId, { boundOnly: true }),
  })
  const study = new StudyService(new StudyRepository(shared.db), shared.timeZone)
  return {
    services: { meeting, study },
    jobs: { [MEETING_JOBS.remind]: meeting.remindJob, [MEETING_JOBS.open]: meeting.openJob, [MEETING_JOBS.digest]: meeting.digestJob },
    commands: bindAll(meetingCommands, { meeting, study }),
  }
}
