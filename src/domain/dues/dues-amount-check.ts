/**
 * Whether an amount typed in 核定党费 can be saved as it is, or could be a slip: an income typed
 * without 收入 (`核定党费 @张三 8800` meaning 8,800 元 a month of income), or a monthly amount far
 * from the member's last one. A pure rule; the service asks the officer instead of saving.
 */

/** How the amount was typed: a bare number, `党费 <金额>`, or `收入 <月收入>`. */
export type AmountForm = 'bare' | 'dues' | 'income'

export type AmountCheck = 'save' | 'ask-income-or-dues' | 'ask-confirm-change'

export interface AmountCheckInput {
  form: AmountForm
  /** The monthly dues the command would save, in fen. */
  monthlyFen: number
  /** The member's last assessed monthly dues, in fen; null when never assessed. */
  lastFen: number | null
  /** A bare number above this is read as a possible income. */
  bareCeilingFen: number
  /** A change by more than this factor (up or down) needs 确认. */
  changeFactor: number
  /** The officer appended 确认. */
  confirmed: boolean
}

export function checkAssessedAmount(input: AmountCheckInput): AmountCheck {
  // A bare number is ambiguous above the ceiling whatever 确认 says: only 收入 or 党费 settles what it is.
  if (input.form === 'bare' && input.monthlyFen > input.bareCeilingFen) return 'ask-income-or-dues'
  if (input.confirmed || input.lastFen === null) return 'save'
  return changesBeyond(input.lastFen, input.monthlyFen, input.changeFactor) ? 'ask-confirm-change' : 'save'
}

/** Whether `next` is more than `factor` times `last` or less than `last / factor` (any change to or from 0 counts). */
export function changesBeyond(last: number, next: number, factor: number): boolean {
  if (last === next) return false
  if (last === 0 || next === 0) return true
  return Math.max(last, next) > factor * Math.min(last, next)
}
