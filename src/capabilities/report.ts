import { bindAll } from '../commands/command.js'
import { ReportRepository } from '../domain/report/report.repository.js'
import { ReportService } from '../domain/report/report.service.js'
import { reportCommands } from '../../handlers/report.js'
import type { Capability, SharedDeps } from './capability.js'

/** Reports: 考勤, 统计 over the organisations below, 导出 as Excel. */
export function createReport(shared: Pick<SharedDeps, 'db' | 'orgs' | 'timeZone'>): Capability<{ report: ReportService }> {
  const report = new ReportService(new ReportRepository(shared.db), shared.orgs, shared.timeZone)
  return { services: { report }, jobs: {}, commands: bindAll(reportCommands, { report }) }
}
