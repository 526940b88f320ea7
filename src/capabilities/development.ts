import { bindAll } from '../commands/command.js'
import { DevelopmentRepository } from '../domain/development/development.repository.js'
import { DevelopmentService } from '../domain/development/development.service.js'
import { developmentCommands } from '../../handlers/development.js'
import type { Capability, SharedDeps } from './capability.js'

/** 发展党员: steps and their dates under the 细则's rules, the 发展 overview, reminders to the secretary. */
export function createDevelopment(shared: Pick<SharedDeps, 'db' | 'orgs' | 'jobs' | 'timeZone'>): Capability<{ development: DevelopmentService }> {
  const development = new DevelopmentService(new DevelopmentRepository(shared.db), shared.orgs, shared.jobs, shared.timeZone)
  return { services: { development }, jobs: development.handlers(), commands: bindAll(developmentCommands, { development }) }
}
