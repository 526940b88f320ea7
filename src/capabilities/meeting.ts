import { bindAll } from '../commands/command.js'
import { handlerFor } from '../scheduler/job-kind.js'
import { ComplianceService, MEETING_DIGEST } from '../domain/meeting/compliance.service.js'
import { MEETING_OPEN, MEETING_REMIND, MeetingJobs } from '../domain/meeting/meeting-jobs.service.js'
import { MeetingLookup } from '../domain/meeting/meeting-lookup.service.js'
import { MeetingRecordService } from '../domain/meeting/meeting-record.service.js'
import { MeetingRepository } from '../domain/meeting/meeting.repository.js'
import { DEFAULT_MEETING_OPTIONS, MeetingService } from '../domain/meeting/meeting.service.js'
import { meetingCommands } from '../../handlers/meeting.js'
import type { Capability, SharedDeps } from './capability.js'

/** Organisational life: 三会一课 meetings with check-in, their records, and the compliance calendar. */
export function createMeeting(
  shared: Pick<SharedDeps, 'db' | 'orgs' | 'audit' | 'jobs' | 'timeZone' | 'roomOf'>,
): Capability<{ meeting: MeetingService; meetingRecord: MeetingRecordService; compliance: ComplianceService }> {
  const repository = new MeetingRepository(shared.db)
  const lookup = new MeetingLookup(repository, shared.timeZone)
  const compliance = new ComplianceService(repository, shared.jobs, lookup, {
    timeZone: shared.timeZone,
    frequencies: DEFAULT_MEETING_OPTIONS.frequencies,
    boundBelow: (orgId, at) => shared.orgs.orgsUnderAt(orgId, at, { boundOnly: true }),
  })
  const meeting = new MeetingService(repository, shared.audit, shared.jobs, lookup, {
    ...DEFAULT_MEETING_OPTIONS,
    onScheduled: (now) => compliance.ensureDigestScheduled(now),
  })
  const meetingRecord = new MeetingRecordService(repository, shared.audit, lookup)
  const jobs = new MeetingJobs(repository, lookup, shared.roomOf)
  return {
    services: { meeting, meetingRecord, compliance },
    jobs: { ...handlerFor(MEETING_REMIND, jobs.remind), ...handlerFor(MEETING_OPEN, jobs.open), ...handlerFor(MEETING_DIGEST, compliance.digest) },
    commands: bindAll(meetingCommands, { meeting, meetingRecord, compliance }),
  }
}
