import { bindAll } from '../commands/command.js'
import { ReportExport } from '../domain/report/report-export.service.js'
import { ReportFigures } from '../domain/report/report-figures.service.js'
import { ReportRepository } from '../domain/report/report.repository.js'
import { ReportCharts } from '../charts/report-charts.js'
import { reportCommands } from '../../handlers/report.js'
import type { CoverageService } from '../domain/units/coverage.service.js'
import { DevelopmentRepository } from '../domain/development/development.repository.js'
import { DevelopmentRollup } from '../domain/development/development-rollup.service.js'
import { ScorecardExport } from '../domain/report/scorecard-export.service.js'
import type { Capability, SharedDeps } from './capability.js'

/** Reports: 考勤, 统计 over the organisations below (as text, or as a chart with 图), 导出 as Excel (导出 覆盖: the units' coverage). */
export function createReport(
  shared: Pick<SharedDeps, 'db' | 'orgs' | 'timeZone'>,
  coverage: CoverageService,
): Capability<{ report: ReportFigures; reportExport: ReportExport; reportCharts: ReportCharts; rollup: DevelopmentRollup }> {
  const reports = new ReportRepository(shared.db)
  const report = new ReportFigures(reports, shared.orgs, shared.timeZone)
  const reportExport = new ReportExport(reports, report, shared.timeZone)
  const reportCharts = new ReportCharts(report, reports, shared.timeZone)
  // 统计 counts the development pipeline's stages too (申请人, 积极分子, 发展对象, 预备党员).
  const rollup = new DevelopmentRollup(new DevelopmentRepository(shared.db), shared.orgs, shared.timeZone)
  const scorecardExport = new ScorecardExport(report, rollup)
  return {
    services: { report, reportExport, reportCharts, rollup },
    jobs: {},
    commands: bindAll(reportCommands, { report, reportExport, reportCharts, coverage, rollup, scorecardExport }),
  }
}
