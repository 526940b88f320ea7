import type { EChartsOption } from 'echarts'
import type { ScoreRow } from '../domain/report/report-figures.service.js'
import { rate } from '../domain/report/tally.js'
import { barsHeight, barsOption, linesOption, type BarSeries, type LineSeries } from './chart-options.js'
import type { MonthFigures } from './chart-figures.js'
import { renderChart, type RenderedChart } from './render.js'

/**
 * The charts the chat sends beside `统计 图`, `考勤 图` and `党费情况 图`: per-branch bars for
 * an upper committee, month-by-month lines for a branch. Each returns the PNG and the option it
 * drew, so a test can compare the chart's data with the figures.
 */

/** 三会一课 this period: the share of meeting types already held, of those the calendar counts. */
export function meetingsHeldRate(calendar: ScoreRow['calendar']): number | null {
  return rate(calendar.held, calendar.held + calendar.due + calendar.overdue)
}

export type BranchMetric = 'meetings' | 'attendance' | 'dues' | 'acks'

const METRICS: Record<BranchMetric, { name: string; value: (row: ScoreRow) => number | null }> = {
  meetings: { name: '三会一课已开', value: (r) => meetingsHeldRate(r.calendar) },
  attendance: { name: '出勤率', value: (r) => rate(r.attendance.attended, r.attendance.expected) },
  dues: { name: '党费收缴率', value: (r) => r.duesRate },
  acks: { name: '通知确认率', value: (r) => r.noticeAckRate },
}

/** Which figures each command's chart shows. */
export const CHART_METRICS = {
  统计: ['meetings', 'attendance', 'dues'],
  考勤: ['attendance'],
  党费情况: ['dues'],
} as const satisfies Record<string, readonly BranchMetric[]>

interface BranchBarsInput {
  title: string
  subtitle?: string
  rows: readonly ScoreRow[]
  metrics: readonly BranchMetric[]
  fontScale?: number
}

/** The option for per-branch bars from 统计's rows (ReportFigures.scorecard), one series per metric. */
export function branchBarsOption(input: BranchBarsInput): EChartsOption {
  const series: BarSeries[] = input.metrics.map((m) => ({ name: METRICS[m].name, values: input.rows.map(METRICS[m].value) }))
  return barsOption({
    title: input.title,
    ...(input.subtitle ? { subtitle: input.subtitle } : {}),
    categories: input.rows.map((r) => r.org.name),
    series,
    percent: true,
    ...(input.fontScale ? { fontScale: input.fontScale } : {}),
  })
}

/** Per-branch bars as a PNG for the chat. */
export function branchBarsChart(input: BranchBarsInput): Promise<RenderedChart> {
  return renderChart(branchBarsOption(input), { height: barsHeight(input.rows.length, input.metrics.length) })
}

export type MonthMetric = 'attendance' | 'duesPaid' | 'duesAssessed'

const MONTH_METRICS: Record<MonthMetric, { name: string; axis: LineSeries['axis']; value: (m: MonthFigures) => number | null }> = {
  attendance: { name: '出勤率', axis: 'percent', value: (m) => m.attendanceRate },
  duesPaid: { name: '党费已交人数', axis: 'count', value: (m) => m.duesPaid },
  duesAssessed: { name: '应交人数', axis: 'count', value: (m) => m.duesAssessed },
}

/** Which lines each command's branch chart draws. */
export const MONTH_CHART_METRICS = {
  统计: ['attendance', 'duesPaid'],
  考勤: ['attendance'],
  党费情况: ['duesPaid', 'duesAssessed'],
} as const satisfies Record<string, readonly MonthMetric[]>

/** Month-by-month lines for one branch (ChartFigures.months). */
export function monthlyLinesChart(input: { title: string; subtitle?: string; months: readonly MonthFigures[]; metrics: readonly MonthMetric[] }): Promise<RenderedChart> {
  const option = linesOption({
    title: input.title,
    ...(input.subtitle ? { subtitle: input.subtitle } : {}),
    months: input.months.map((m) => `${Number(m.month.slice(5))}月`),
    series: input.metrics.map((k) => ({ name: MONTH_METRICS[k].name, axis: MONTH_METRICS[k].axis, values: input.months.map(MONTH_METRICS[k].value) })),
  })
  return renderChart(option, { height: 900 })
}
