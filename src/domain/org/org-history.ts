/**
 * The tree as it was (属地管理: organisations move). Each organisation has a history of parents,
 * one period per parent: from the day it was put there until the day it was moved (open: still
 * there). A report for a period counts each organisation under the parent it had then.
 */

export interface ParentPeriod {
  /** Null: at the top of the tree. */
  parentId: number | null
  from: Date
  /** Null while it is still there. */
  until: Date | null
}

/**
 * The parent an organisation had at `at`: the period covering it (from inclusive, until
 * exclusive). An organisation without any recorded history (made before history was kept, or by
 * hand) is taken to have always had its present parent. `undefined` when it had a history and
 * `at` falls in none of it: it did not exist yet.
 */
export function parentAt(history: readonly ParentPeriod[], current: number | null, at: Date): number | null | undefined {
  if (history.length === 0) return current
  const period = history.find((p) => covers(p, at))
  return period ? period.parentId : undefined
}

/** Whether the organisation was under this period's parent at `at` (from inclusive, until exclusive). Periods of one organisation never overlap. */
export function covers(period: ParentPeriod, at: Date): boolean {
  const t = at.getTime()
  return period.from.getTime() <= t && (period.until === null || t < period.until.getTime())
}

/**
 * The day whose tree a report for a period uses: the period's last moment, or now while the
 * period is still running (or lies ahead). So an organisation moved mid-month counts under its new
 * parent for that month once the month is over, and under the parent it has now while it runs.
 */
export function treeDateFor(period: { start: Date; end: Date }, now: Date): Date {
  const last = period.end.getTime() - 1
  return last < now.getTime() ? new Date(last) : now
}
