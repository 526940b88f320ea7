import { bindAll } from '../commands/command.js'
import { ReportExport } from '../domain/report/report-export.service.js'
import { ReportFigures } from '../domain/report/report-figures.service.js'
import { ReportRepository } from '../domain/report/report.repository.js'
import { ReportCharts } from '../charts/report-charts.js'
import { reportCommands } from '../../handlers/report.js'
import type { CoverageService } from '../domain/units/coverage.service.js'
import type { Capability, SharedDeps } from './capability.js'

/** Reports: 考勤, 统计 over the organisations below (as text, or as a chart with 图), 导出 as Excel (导出 覆盖: the units' coverage). */
export function createReport(
  shared: Pick<SharedDeps, 'db' | 'orgs' | 'timeZone'>,
  coverage: CoverageService,
): Capability<{ report: ReportFigures; reportExport: ReportExport; reportCharts: ReportCharts }> {
  const reports = new ReportRepository(shared.db)
  const report = new ReportFigures(reports, shared.orgs, shared.timeZone)
  const reportExport = new ReportExport(reports, report, shared.timeZone)
  const reportCharts = new ReportCharts(report, reports, shared.timeZone)
  return { services: { report, reportExport, reportCharts }, jobs: {}, commands: bindAll(reportCommands, { report, reportExport, reportCharts, coverage }) }
}
