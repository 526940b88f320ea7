import { dueFor } from '../dues/dues-ledger.js'
import type { ReportRepository } from './report.repository.js'

type AssessmentRow = Awaited<ReturnType<ReportRepository['assessments']>>[number]

/**
 * What each member owed and paid in the given months, under the dues ledger's rules (the latest
 * assessment with fromMonth ≤ a month applies to it; nothing is owed before `duesFrom`).
 */
export interface DuesOwed {
  /** Assessment rows by member. */
  assessments: Map<number, AssessmentRow[]>
  /** What the member owes for a month, in fen (null: not owed). */
  dueFen(memberId: number, month: string): number | null
  /** What the member paid (confirmed) for a month, in fen. */
  paidFen(memberId: number, month: string): number
}

/** With `at`, the members who belonged to the organisations at that moment (a period's report); else their members now. */
export async function duesOwed(reports: ReportRepository, orgIds: number[], months: string[], at?: Date): Promise<DuesOwed> {
  const [assessmentRows, payments] = await Promise.all([reports.assessments(orgIds, at), reports.paymentsByMemberMonth(orgIds, months, at)])
  const assessments = new Map<number, AssessmentRow[]>()
  for (const a of assessmentRows) assessments.set(a.memberId, [...(assessments.get(a.memberId) ?? []), a])
  const paid = new Map(payments.map((p) => [`${p.memberId}:${p.month}`, p.amountFen]))
  return {
    assessments,
    dueFen: (memberId, month) => {
      const rows = assessments.get(memberId) ?? []
      return rows.length ? dueFor({ assessments: rows, duesFrom: rows[0]!.duesFrom }, month) : null
    },
    paidFen: (memberId, month) => paid.get(`${memberId}:${month}`) ?? 0,
  }
}
