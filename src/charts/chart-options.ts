import type { EChartsOption } from 'echarts'

/**
 * Pure builders: figures in, an ECharts option out. Kept apart from the renderer so a test reads
 * the chart's data (not its pixels) and the console's browser charts use the same options.
 */

/** Width of a chart sent in the chat: a phone shows it full width, so text is sized for 1080 px. */
export const CHART_WIDTH = 1080
export const FONT_FAMILY = 'Noto Sans SC'

/** One bar series: a value per category (null: nothing to measure, drawn as no bar). */
export interface BarSeries {
  name: string
  values: Array<number | null>
}

export interface BarsInput {
  title: string
  subtitle?: string
  /** One bar group per category, e.g. each branch below a street committee. */
  categories: string[]
  series: BarSeries[]
  /** Every value is a percentage (axis 0–100 %). */
  percent: boolean
  /** Type and spacing relative to the 1080 px chat image (a browser page uses smaller). */
  fontScale?: number
}

const PALETTE = ['#c8102e', '#e6a23c', '#2f7ed8', '#3ba272']
const TEXT = { fontFamily: FONT_FAMILY, color: '#222' }

/** Height that keeps each category's bars a thumb wide on a phone. */
export function barsHeight(categories: number, series: number): number {
  return Math.max(720, 300 + categories * Math.max(1, series) * 44 + categories * 28)
}

/** What every chart shares: a white page, the palette, a large centred title and the legend under it. */
function frame(title: string, subtitle: string | undefined, f: (size: number) => number): EChartsOption {
  return {
    animation: false,
    backgroundColor: '#ffffff',
    color: PALETTE,
    textStyle: TEXT,
    title: {
      text: title,
      ...(subtitle ? { subtext: subtitle } : {}),
      left: 'center',
      top: f(24),
      textStyle: { ...TEXT, fontSize: f(44), fontWeight: 'bold' },
      subtextStyle: { ...TEXT, fontSize: f(28), color: '#555' },
    },
    legend: { top: f(subtitle ? 150 : 110), itemWidth: f(36), itemHeight: f(24), textStyle: { ...TEXT, fontSize: f(30) } },
  }
}

/** Horizontal bars, a group per category: long Chinese branch names stay readable on the left. */
export function barsOption(input: BarsInput): EChartsOption {
  const unit = input.percent ? '%' : ''
  const f = (size: number) => Math.round(size * (input.fontScale ?? 1))
  return {
    ...frame(input.title, input.subtitle, f),
    grid: { left: 24, right: f(90), top: f(input.subtitle ? 220 : 180), bottom: 40, containLabel: true },
    xAxis: {
      type: 'value',
      ...(input.percent ? { min: 0, max: 100 } : {}),
      axisLabel: { ...TEXT, fontSize: f(26), formatter: `{value}${unit}` },
      splitLine: { lineStyle: { color: '#e5e5e5' } },
    },
    yAxis: {
      type: 'category',
      inverse: true,
      data: input.categories,
      axisLabel: { ...TEXT, fontSize: f(30), width: f(340), overflow: 'truncate' },
    },
    series: input.series.map((s) => ({
      type: 'bar',
      name: s.name,
      data: s.values,
      barMaxWidth: f(40),
      label: { show: true, position: 'right', ...TEXT, fontSize: f(26), formatter: `{c}${unit}` },
    })),
  }
}

/** One line: a value per month (null: no figure that month, the line breaks). */
export interface LineSeries {
  name: string
  values: Array<number | null>
  /** Which y-axis: percentages on the left, counts on the right. */
  axis: 'percent' | 'count'
}

export interface LinesInput {
  title: string
  subtitle?: string
  /** Month labels in order, e.g. `1月`. */
  months: string[]
  series: LineSeries[]
}

/** Month-by-month lines for one branch; a percent axis on the left, a count axis on the right. */
export function linesOption(input: LinesInput): EChartsOption {
  const axes = [
    { kind: 'percent' as const, name: '百分比', min: 0, max: 100, formatter: '{value}%' },
    { kind: 'count' as const, name: '人数', min: 0, formatter: '{value}' },
  ].filter((axis) => input.series.some((s) => s.axis === axis.kind))
  return {
    ...frame(input.title, input.subtitle, (size) => size),
    grid: { left: 30, right: 30, top: input.subtitle ? 260 : 220, bottom: 40, containLabel: true },
    xAxis: { type: 'category', data: input.months, axisLabel: { ...TEXT, fontSize: 28 } },
    yAxis: axes.map((axis) => ({
      type: 'value',
      name: axis.name,
      min: axis.min,
      ...(axis.max === undefined ? { minInterval: 1 } : { max: axis.max }),
      nameTextStyle: { ...TEXT, fontSize: 26 },
      axisLabel: { ...TEXT, fontSize: 26, formatter: axis.formatter },
      splitLine: { show: axis === axes[0], lineStyle: { color: '#e5e5e5' } },
    })),
    series: input.series.map((s) => ({
      type: 'line',
      name: s.name,
      data: s.values,
      yAxisIndex: Math.max(0, axes.findIndex((a) => a.kind === s.axis)),
      symbolSize: 16,
      lineStyle: { width: 5 },
      label: { show: true, position: s.axis === 'percent' ? 'top' : 'bottom', ...TEXT, fontSize: 24, formatter: s.axis === 'percent' ? '{c}%' : '{c}' },
    })),
  }
}
