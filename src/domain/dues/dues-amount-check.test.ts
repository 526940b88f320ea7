import { describe, expect, it } from 'vitest'
import { checkAssessedAmount, type AmountCheck, type AmountForm } from './dues-amount-check.js'

const CEILING = 100_000 // 1,000 元
const FACTOR = 3

describe('checkAssessedAmount: an amount is saved only when it cannot be a slip', () => {
  it.each<[string, AmountForm, number, number | null, boolean, AmountCheck]>([
    ['a first bare amount', 'bare', 5_000, null, false, 'save'],
    ['a bare amount at the ceiling', 'bare', 100_000, null, false, 'save'],
    ['a bare income typed without 收入', 'bare', 880_000, null, false, 'ask-income-or-dues'],
    ['a bare amount just over the ceiling', 'bare', 100_001, null, false, 'ask-income-or-dues'],
    ['a bare amount over the ceiling, even with 确认', 'bare', 880_000, null, true, 'ask-income-or-dues'],
    ['a bare amount over the ceiling, even close to the last one', 'bare', 120_000, 110_000, false, 'ask-income-or-dues'],
    ['the explicit dues form over the ceiling', 'dues', 120_000, null, false, 'save'],
    ['an income, first assessment', 'income', 13_200, null, false, 'save'],
    ['exactly three times the last', 'income', 22_950, 7_650, false, 'save'],
    ['more than three times the last', 'income', 24_000, 7_650, false, 'ask-confirm-change'],
    ['more than three times the last, with 确认', 'income', 24_000, 7_650, true, 'save'],
    ['less than a third of the last', 'dues', 2_000, 7_650, false, 'ask-confirm-change'],
    ['exactly a third of the last', 'bare', 2_550, 7_650, false, 'save'],
    ['a bare amount ten times the last', 'bare', 50_000, 5_000, false, 'ask-confirm-change'],
    ['from exempt to paying', 'bare', 5_000, 0, false, 'ask-confirm-change'],
    ['from paying to exempt', 'bare', 0, 5_000, false, 'ask-confirm-change'],
    ['exempt again', 'bare', 0, 0, false, 'save'],
    ['the same amount again', 'dues', 7_650, 7_650, false, 'save'],
  ])('%s', (_label, form, monthlyFen, lastFen, confirmed, expected) => {
    expect(checkAssessedAmount({ form, monthlyFen, lastFen, confirmed, bareCeilingFen: CEILING, changeFactor: FACTOR })).toBe(expected)
  })
})
