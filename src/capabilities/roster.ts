import { bindAll } from '../commands/command.js'
import { RosterRepository } from '../domain/roster/roster.repository.js'
import { RosterService } from '../domain/roster/roster.service.js'
import { rosterCommands } from '../../handlers/roster.js'
import type { UnitService } from '../domain/units/unit.service.js'
import type { Capability, SharedDeps } from './capability.js'

/**
 * Rosters: an officer's sheet previewed and imported (确认导入), the template, 认领 of a shared name.
 * A unit list sent the same way goes to the units (the file's header tells which).
 */
export function createRoster(shared: Pick<SharedDeps, 'db' | 'orgs'>, units: UnitService): Capability<{ roster: RosterService }> {
  const roster = new RosterService(new RosterRepository(shared.db), shared.orgs)
  return { services: { roster }, jobs: {}, commands: bindAll(rosterCommands, { roster, units }) }
}
