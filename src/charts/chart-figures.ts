import { dueFor } from '../domain/dues/dues-ledger.js'
import type { OrgRow } from '../domain/org/org.repository.js'
import { monthsOf, parsePeriod, type Period } from '../domain/report/period.js'
import type { ReportRepository } from '../domain/report/report.repository.js'
import type { ReportFigures } from '../domain/report/report-figures.service.js'
import { rate } from '../domain/report/tally.js'

/** One month of a branch: attendance at the meetings held, and dues paid in full. */
export interface MonthFigures {
  /** YYYY-MM */
  month: string
  /** 出勤率 in whole percent; null with no meeting held that month. */
  attendanceRate: number | null
  /** Members assessed for the month, and how many of them paid it in full. */
  duesAssessed: number
  duesPaid: number
}

type Assessment = { id: number; memberId: number; duesFrom: string | null; fromMonth: string; monthlyFen: number }

/**
 * Dues month by month: who owed the month (an assessment applies to it, under the ledger's rules)
 * and who paid at least what they owed. Confirmed payments only, as in 导出 党费.
 */
export function duesByMonth(
  assessments: readonly Assessment[],
  payments: ReadonlyArray<{ memberId: number; month: string; amountFen: number }>,
  months: readonly string[],
): Map<string, { assessed: number; paid: number }> {
  const byMember = new Map<number, Assessment[]>()
  for (const a of assessments) byMember.set(a.memberId, [...(byMember.get(a.memberId) ?? []), a])
  const paid = new Map(payments.map((p) => [`${p.memberId}:${p.month}`, p.amountFen]))
  const result = new Map(months.map((m) => [m, { assessed: 0, paid: 0 }]))
  for (const [memberId, rows] of byMember) {
    for (const month of months) {
      const owed = dueFor({ assessments: rows, duesFrom: rows[0]!.duesFrom }, month)
      if (owed === null) continue
      const figures = result.get(month)!
      figures.assessed += 1
      if ((paid.get(`${memberId}:${month}`) ?? 0) >= owed) figures.paid += 1
    }
  }
  return result
}

/**
 * The month-by-month figures a branch's line chart draws, read through the report repository
 * (one attendance query a month, one for assessments, one for payments).
 */
export class ChartFigures {
  constructor(
    private readonly report: ReportFigures,
    private readonly reports: ReportRepository,
    private readonly timeZone: string,
  ) {}

  /** Every month of `period` up to the current one. */
  async months(org: OrgRow, period: Period, now: Date): Promise<MonthFigures[]> {
    const current = monthsOf(parsePeriod('本月', now, this.timeZone)!, this.timeZone)[0]!
    const months = monthsOf(period, this.timeZone).filter((m) => m <= current)
    const orgIds = (await this.report.scope(org, { period, now })).map((o) => o.id)
    const [assessments, payments, attendance] = await Promise.all([
      this.reports.assessments(orgIds),
      this.reports.paymentsByMemberMonth(orgIds, months),
      Promise.all(months.map((m) => this.reports.attendanceByOrg(orgIds, parsePeriod(m, now, this.timeZone)!))),
    ])
    const dues = duesByMonth(assessments, payments, months)
    return months.map((month, i) => {
      const rows = attendance[i]!
      const expected = rows.reduce((t, r) => t + r.count, 0)
      const attended = rows.filter((r) => r.status === 'present' || r.status === 'late').reduce((t, r) => t + r.count, 0)
      return { month, attendanceRate: rate(attended, expected), duesAssessed: dues.get(month)!.assessed, duesPaid: dues.get(month)!.paid }
    })
  }
}
