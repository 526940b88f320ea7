import { describe, expect, it } from 'vitest'
import type { ScoreRow } from '../domain/report/report-figures.service.js'
import { duesByMonth } from './chart-figures.js'
import { CHART_METRICS, branchBarsChart, meetingsHeldRate, monthlyLinesChart, MONTH_CHART_METRICS } from './charts.js'

const row = (id: number, name: string, f: { held: number; due: number; overdue: number; expected: number; attended: number; dues: number | null }): ScoreRow => ({
  org: { id, name, type: '党支部', parentId: 1 },
  members: 10,
  meetingsHeld: f.held,
  calendar: { held: f.held, due: f.due, overdue: f.overdue },
  attendance: { expected: f.expected, attended: f.attended, late: 0, leave: 0, absent: f.expected - f.attended },
  duesRate: f.dues,
  studyHoursPerMember: 2,
  noticeAckRate: 50,
})

/** A PNG's width and height, read from its IHDR chunk. */
function pngSize(png: Buffer): { width: number; height: number } {
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
  expect(png.subarray(12, 16).toString('latin1')).toBe('IHDR')
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) }
}

const seriesOf = (option: unknown) => (option as { series: Array<{ name: string; data: unknown[] }> }).series.map((s) => ({ name: s.name, data: s.data }))

describe('charts', () => {
  const rows = [
    row(2, '第一党支部', { held: 4, due: 0, overdue: 0, expected: 20, attended: 18, dues: 100 }),
    row(3, '第二党支部', { held: 1, due: 1, overdue: 2, expected: 0, attended: 0, dues: 45 }),
    row(4, '南京东路居民区党支部', { held: 2, due: 2, overdue: 0, expected: 8, attended: 5, dues: null }),
  ]

  it('draws 统计 图 for a street: one bar per branch per figure, values equal to the scorecard', async () => {
    const { png, option } = await branchBarsChart({ title: '外滩街道党委 本月工作统计', rows, metrics: CHART_METRICS.统计 })
    expect((option as { yAxis: { data: string[] } }).yAxis.data).toEqual(['第一党支部', '第二党支部', '南京东路居民区党支部'])
    expect(seriesOf(option)).toEqual([
      { name: '三会一课已开', data: [100, 25, 50] },
      // No meeting held: no attendance bar rather than a misleading 0%.
      { name: '出勤率', data: [90, null, 63] },
      { name: '党费收缴率', data: [100, 45, null] },
    ])
    const size = pngSize(png)
    expect(size.width).toBeGreaterThanOrEqual(1080)
    expect(size.height).toBeGreaterThan(600)
  })

  it('draws 考勤 图 and 党费情况 图 with only their own figure', async () => {
    expect(seriesOf((await branchBarsChart({ title: '考勤', rows, metrics: CHART_METRICS.考勤 })).option).map((s) => s.name)).toEqual(['出勤率'])
    expect(seriesOf((await branchBarsChart({ title: '党费', rows, metrics: CHART_METRICS.党费情况 })).option)).toEqual([{ name: '党费收缴率', data: [100, 45, null] }])
  })

  it('draws a branch month by month, months labelled in Chinese', async () => {
    const months = [
      { month: '2026-09', attendanceRate: 80, duesAssessed: 12, duesPaid: 12 },
      { month: '2026-10', attendanceRate: null, duesAssessed: 12, duesPaid: 10 },
      { month: '2026-11', attendanceRate: 95, duesAssessed: 13, duesPaid: 7 },
    ]
    const { png, option } = await monthlyLinesChart({ title: '第一党支部 本年逐月', months, metrics: MONTH_CHART_METRICS.统计 })
    expect((option as { xAxis: { data: string[] } }).xAxis.data).toEqual(['9月', '10月', '11月'])
    expect(seriesOf(option)).toEqual([
      { name: '出勤率', data: [80, null, 95] },
      { name: '党费已交人数', data: [12, 10, 7] },
    ])
    expect(pngSize(png).width).toBeGreaterThanOrEqual(1080)
  })

  it('counts 三会一课 as the share of meeting types held, nothing to judge as no figure', () => {
    expect(meetingsHeldRate({ held: 3, due: 1, overdue: 0 })).toBe(75)
    expect(meetingsHeldRate({ held: 0, due: 0, overdue: 0 })).toBeNull()
  })
})

describe('duesByMonth', () => {
  const assessment = (memberId: number, fromMonth: string, monthlyFen: number, duesFrom: string | null = null) => ({ id: memberId * 10, memberId, fromMonth, monthlyFen, duesFrom })
  it.each([
    { case: 'paid in full counts, part payment does not', payments: [{ memberId: 1, month: '2026-10', amountFen: 500 }, { memberId: 2, month: '2026-10', amountFen: 100 }], oct: { assessed: 2, paid: 1 } },
    { case: 'nobody paid', payments: [], oct: { assessed: 2, paid: 0 } },
    { case: 'over-payment counts as paid', payments: [{ memberId: 2, month: '2026-10', amountFen: 9000 }], oct: { assessed: 2, paid: 1 } },
  ])('$case', ({ payments, oct }) => {
    const result = duesByMonth([assessment(1, '2026-01', 500), assessment(2, '2026-10', 800)], payments, ['2026-09', '2026-10'])
    expect(result.get('2026-10')).toEqual(oct)
    // Member 2 is assessed only from October.
    expect(result.get('2026-09')!.assessed).toBe(1)
  })
})
