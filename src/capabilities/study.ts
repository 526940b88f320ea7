import { bindAll } from '../commands/command.js'
import { StudyRepository } from '../domain/study/study.repository.js'
import { StudyService } from '../domain/study/study.service.js'
import { studyCommands } from '../../handlers/study.js'
import type { Capability, SharedDeps } from './capability.js'

/** Study hours (学时): 学习打卡 and the private yearly total; attended 党课 count through the meeting capability. */
export function createStudy(shared: Pick<SharedDeps, 'db' | 'timeZone'>): Capability<{ study: StudyService }> {
  const study = new StudyService(new StudyRepository(shared.db), shared.timeZone)
  return { services: { study }, jobs: {}, commands: bindAll(studyCommands, { study }) }
}
