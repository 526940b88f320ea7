import { bindAll } from '../commands/command.js'
import { CoverageService } from '../domain/units/coverage.service.js'
import { UnitRepository } from '../domain/units/unit.repository.js'
import { UnitService } from '../domain/units/unit.service.js'
import { unitCommands } from '../../handlers/units.js'
import type { Capability, SharedDeps } from './capability.js'

/** Units in the territory (单位 登记, the unit list's import), 覆盖单位, and the 覆盖 picture (导出 覆盖 goes through 导出). */
export function createUnits(shared: Pick<SharedDeps, 'db' | 'orgs' | 'audit'>): Capability<{ units: UnitService; coverage: CoverageService }> {
  const repository = new UnitRepository(shared.db)
  const units = new UnitService(repository, shared.orgs, shared.audit)
  const coverage = new CoverageService(repository, shared.orgs)
  return { services: { units, coverage }, jobs: {}, commands: bindAll(unitCommands, { units, coverage }) }
}
