import type { OrgRow } from '../domain/org/org.repository.js'
import { parsePeriod, type Period } from '../domain/report/period.js'
import type { ReportRepository } from '../domain/report/report.repository.js'
import type { ReportFigures } from '../domain/report/report-figures.service.js'
import { ChartFigures } from './chart-figures.js'
import { branchBarsChart, CHART_METRICS, monthlyLinesChart, MONTH_CHART_METRICS } from './charts.js'
import type { RenderedChart } from './render.js'

export type ChartCommand = keyof typeof CHART_METRICS

const TITLES: Record<ChartCommand, string> = { 统计: '工作统计', 考勤: '出勤率', 党费情况: '党费收缴' }

/**
 * The chart beside `统计 图`, `考勤 图` or `党费情况 图`: an organisation with organisations below
 * gets a bar per organisation for the period (the same rows as 统计); a branch gets its months
 * of the year so far. The file is a PNG the chat sends privately.
 */
export class ReportCharts {
  private readonly figures: ChartFigures

  constructor(
    private readonly report: ReportFigures,
    reports: ReportRepository,
    private readonly timeZone: string,
  ) {
    this.figures = new ChartFigures(report, reports, timeZone)
  }

  async chart(command: ChartCommand, org: OrgRow, period: Period, now: Date): Promise<RenderedChart & { file: { name: string; base64: string } }> {
    const { rows, total } = await this.report.scorecard(org, period, now)
    let chart: RenderedChart
    let label: string
    if (total) {
      label = period.label
      chart = await branchBarsChart({ title: `${org.name} ${TITLES[command]}`, subtitle: period.label, rows, metrics: CHART_METRICS[command] })
    } else {
      const year = parsePeriod('本年', now, this.timeZone)!
      label = year.label
      const months = await this.figures.months(org, year, now)
      chart = await monthlyLinesChart({ title: `${org.name} ${TITLES[command]}`, subtitle: `${year.label}逐月`, months, metrics: MONTH_CHART_METRICS[command] })
    }
    return { ...chart, file: { name: `${org.name}-${command}-${label}.png`, base64: chart.png.toString('base64') } }
  }
}
