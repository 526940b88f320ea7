import { describe, expect, it } from 'vitest'
import { covers, parentAt, treeDateFor, type ParentPeriod } from './org-history.js'

const d = (s: string) => new Date(`${s}T00:00:00+08:00`)
// Under street A (1) from 1 Sep, moved to street B (2) on 15 Nov, detached on 1 Dec.
const moved: ParentPeriod[] = [
  { parentId: 1, from: d('2026-09-01'), until: d('2026-11-15') },
  { parentId: 2, from: d('2026-11-15'), until: d('2026-12-01') },
  { parentId: null, from: d('2026-12-01'), until: null },
]

describe('parentAt: the parent an organisation had on a date', () => {
  it.each<[string, ParentPeriod[], number | null, string, number | null | undefined]>([
    ['before it existed', moved, null, '2026-08-31', undefined],
    ['on its first day', moved, null, '2026-09-01', 1],
    ['the day before the move', moved, null, '2026-11-14', 1],
    ['on the day of the move (the new parent)', moved, null, '2026-11-15', 2],
    ['after being detached', moved, null, '2027-03-01', null],
    ['without any history: its present parent', [], 7, '2020-01-01', 7],
    ['without any history, at the top', [], null, '2026-11-01', null],
    ['one open period', [{ parentId: 3, from: d('2026-01-01'), until: null }], 3, '2030-01-01', 3],
  ])('%s', (_case, history, current, at, expected) => {
    expect(parentAt(history, current, d(at))).toBe(expected)
  })
})

describe('covers: a period holds from its first moment up to (not including) its end', () => {
  const period = moved[0]!
  it.each<[string, number, boolean]>([
    ['2026-08-31T23:59:59.999+08:00', 0, false],
    ['2026-09-01T00:00:00+08:00', 0, true],
    ['2026-11-14T23:59:59.999+08:00', 0, true],
    ['2026-11-15T00:00:00+08:00', 0, false],
  ])('%s', (at, _i, expected) => {
    expect(covers(period, new Date(at))).toBe(expected)
  })
  it('an open period holds for ever after', () => expect(covers(moved[2]!, new Date('2040-01-01'))).toBe(true))
})

describe('treeDateFor: which day’s tree a report for a period uses', () => {
  const now = new Date('2026-11-27T10:00:00+08:00')
  it.each<[string, string, string, string]>([
    ['a past month: its last moment', '2026-10-01', '2026-11-01', '2026-10-31T23:59:59.999+08:00'],
    ['the running month: now', '2026-11-01', '2026-12-01', '2026-11-27T10:00:00+08:00'],
    ['a month ahead: now', '2026-12-01', '2027-01-01', '2026-11-27T10:00:00+08:00'],
    ['last year: its last moment', '2025-01-01', '2026-01-01', '2025-12-31T23:59:59.999+08:00'],
  ])('%s', (_case, start, end, expected) => {
    expect(treeDateFor({ start: d(start), end: d(end) }, now).getTime()).toBe(new Date(expected).getTime())
  })
})
