import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ReportCharts } from '../src/charts/report-charts.js'
import { OrgRepository } from '../src/domain/org/org.repository.js'
import { parsePeriod } from '../src/domain/report/period.js'
import { ReportRepository } from '../src/domain/report/report.repository.js'
import { rate } from '../src/domain/report/tally.js'
import { seedStreet } from './support/console-street.js'

const seriesOf = (option: unknown) => (option as { series: Array<{ name: string; data: unknown[] }> }).series.map((s) => ({ name: s.name, data: s.data }))

describe('charts from the database', () => {
  let street: Awaited<ReturnType<typeof seedStreet>>
  let charts: ReportCharts
  beforeAll(async () => {
    street = await seedStreet()
    charts = new ReportCharts(street.bench.services.report, new ReportRepository(street.bench.db), 'Asia/Shanghai')
  })
  afterAll(() => street.close())

  it('draws 统计 图 for the street with the bars 统计 reports', async () => {
    const now = street.bench.clock.now()
    const period = parsePeriod('本月', now, 'Asia/Shanghai')!
    const street_ = (await new OrgRepository(street.bench.db).findOrgById(street.orgIds.street))!
    const { rows } = await street.bench.services.report.scorecard(street_, period, now)
    const chart = await charts.chart('统计', street_, period, now)
    expect(chart.file.name).toBe('外滩街道党委-统计-2026年11月.png')
    expect((chart.option as { yAxis: { data: string[] } }).yAxis.data).toEqual(['外滩第一党支部', '外滩第二党支部'])
    const [, attendance, dues] = seriesOf(chart.option)
    expect(attendance).toEqual({ name: '出勤率', data: rows.map((r) => rate(r.attendance.attended, r.attendance.expected)) })
    expect(attendance!.data).toEqual([67, null])
    expect(dues).toEqual({ name: '党费收缴率', data: [100, null] })
    expect(chart.png.readUInt32BE(16)).toBeGreaterThanOrEqual(1080)
  })

  it('draws a branch month by month: November’s 党课 and the dues paid', async () => {
    const now = street.bench.clock.now()
    const branch = (await new OrgRepository(street.bench.db).findOrgById(street.orgIds.first))!
    const chart = await charts.chart('统计', branch, parsePeriod('本月', now, 'Asia/Shanghai')!, now)
    const labels = (chart.option as { xAxis: { data: string[] } }).xAxis.data
    expect(labels).toHaveLength(11)
    expect(labels.at(-1)).toBe('11月')
    const [attendance, paid] = seriesOf(chart.option)
    expect(attendance!.data.at(-1)).toBe(67)
    expect(attendance!.data.slice(0, 10)).toEqual(Array(10).fill(null))
    expect(paid!.data.at(-1)).toBe(1)
    const dues = await charts.chart('党费情况', branch, parsePeriod('本月', now, 'Asia/Shanghai')!, now)
    expect(seriesOf(dues.option).map((s) => [s.name, s.data.at(-1)])).toEqual([['党费已交人数', 1], ['应交人数', 1]])
  })
})
