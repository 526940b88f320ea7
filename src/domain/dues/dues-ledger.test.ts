import { describe, expect, it } from 'vitest'
import {
  addMonths,
  arrearsRun,
  assessmentFor,
  collectionTime,
  dueFor,
  formatMonths,
  goesToCentre,
  lapseDate,
  ledgerStart,
  monthOf,
  monthRange,
  owedMonths,
  parseMonthSpec,
  splitEvenly,
  withinBackPayment,
  type AssessmentPoint,
  type LedgerInput,
  type PaymentPoint,
} from './dues-ledger.js'

const NOV = '2026-11'
let nextId = 1
const assessed = (fromMonth: string, monthlyFen: number): AssessmentPoint => ({ fromMonth, monthlyFen, id: nextId++ })
const paid = (...months: string[]): PaymentPoint[] => months.map((month) => ({ month, status: 'confirmed' }))
const reported = (...months: string[]): PaymentPoint[] => months.map((month) => ({ month, status: 'pending' }))
const ledger = (assessments: AssessmentPoint[], payments: PaymentPoint[] = [], duesFrom: string | null = null): LedgerInput => ({ assessments, payments, duesFrom })

describe('month arithmetic', () => {
  it.each<[string, number, string]>([
    ['2026-11', 1, '2026-12'],
    ['2026-12', 1, '2027-01'],
    ['2027-01', -1, '2026-12'],
    ['2026-11', -6, '2026-05'],
    ['2026-11', 14, '2028-01'],
  ])('GIVEN %s plus %i THEN %s', (month, n, expected) => {
    expect(addMonths(month, n)).toBe(expected)
  })

  it('GIVEN a range over the new year THEN every month once, in order', () => {
    expect(monthRange('2026-11', '2027-02')).toEqual(['2026-11', '2026-12', '2027-01', '2027-02'])
    expect(monthRange('2026-11', '2026-10')).toEqual([])
  })

  it.each<[string, string]>([
    ['2026-11-30T15:59:59Z', '2026-11'], // 23:59:59 in Shanghai
    ['2026-11-30T16:00:00Z', '2026-12'], // midnight in Shanghai, still November in UTC
    ['2026-12-31T16:00:00Z', '2027-01'],
  ])('GIVEN %s THEN the Shanghai month is %s', (iso, month) => {
    expect(monthOf(new Date(iso), 'Asia/Shanghai')).toBe(month)
  })
})

describe('collectionTime — the collection day at 09:00 in the zone', () => {
  it.each<[string, number | null, string]>([
    ['2026-12', null, '2026-12-05T09:00:00+08:00'], // default: the 5th
    ['2026-12', 15, '2026-12-15T09:00:00+08:00'],
    ['2027-02', 31, '2027-02-28T09:00:00+08:00'], // clamped to the month's last day
    ['2028-02', 30, '2028-02-29T09:00:00+08:00'], // leap year
  ])('GIVEN %s and day %s THEN %s', (month, day, expected) => {
    expect(collectionTime(month, day, 9, 'Asia/Shanghai')).toEqual(new Date(expected))
  })

  it('GIVEN a zone with summer time THEN 09:00 is wall-clock time on both sides of the switch', () => {
    expect(collectionTime('2026-01', 5, 9, 'Europe/Berlin')).toEqual(new Date('2026-01-05T09:00:00+01:00'))
    expect(collectionTime('2026-07', 5, 9, 'Europe/Berlin')).toEqual(new Date('2026-07-05T09:00:00+02:00'))
  })
})

describe('assessmentFor — the latest row whose fromMonth is not after the month applies', () => {
  const first = assessed('2026-01', 7650)
  const raise = assessed('2026-07', 9000)
  const correction = { ...assessed('2026-07', 9500) }
  it.each<[string, string, AssessmentPoint | null]>([
    ['before any row', '2025-12', null],
    ['the first month', '2026-01', first],
    ['between rows', '2026-06', first],
    ['from the raise on', '2026-07', correction],
    ['long after', '2027-03', correction],
  ])('GIVEN %s (%s) THEN the right row', (_what, month, expected) => {
    expect(assessmentFor([correction, first, raise], month)).toBe(expected)
  })
})

describe('owedMonths — assessed months above 0, from duesFrom on, not paid', () => {
  it.each<[string, LedgerInput, string, [string, number][]]>([
    ['never assessed', ledger([]), NOV, []],
    ['assessed this month, unpaid', ledger([assessed(NOV, 7650)]), NOV, [[NOV, 7650]]],
    ['assessed this month, paid', ledger([assessed(NOV, 7650)], paid(NOV)), NOV, []],
    ['a report waiting for confirmation counts as paid', ledger([assessed(NOV, 7650)], reported(NOV)), NOV, []],
    ['assessed from August, September paid', ledger([assessed('2026-08', 7650)], paid('2026-09')), NOV, [['2026-08', 7650], ['2026-10', 7650], ['2026-11', 7650]]],
    ['a raise from October', ledger([assessed('2026-09', 5000), assessed('2026-10', 7650)]), NOV, [['2026-09', 5000], ['2026-10', 7650], ['2026-11', 7650]]],
    ['probationary from October, assessed from August', ledger([assessed('2026-08', 2000)], [], '2026-10'), NOV, [['2026-10', 2000], ['2026-11', 2000]]],
    ['exempt (困难 0) owes nothing', ledger([assessed('2026-09', 0)]), NOV, []],
    ['exempt from October after paying amounts before', ledger([assessed('2026-09', 7650), assessed('2026-10', 0)]), NOV, [['2026-09', 7650]]],
    ['a future assessment owes nothing yet', ledger([assessed('2026-12', 7650)]), NOV, []],
    ['through a past month', ledger([assessed('2026-08', 7650)]), '2026-09', [['2026-08', 7650], ['2026-09', 7650]]],
  ])('GIVEN %s THEN the months owed', (_what, input, through, expected) => {
    expect(owedMonths(input, through).map((o) => [o.month, o.fen])).toEqual(expected)
  })

  it('GIVEN duesFrom THEN the ledger starts there and nothing before is due', () => {
    const input = ledger([assessed('2026-08', 2000)], [], '2026-10')
    expect(ledgerStart(input)).toBe('2026-10')
    expect(dueFor(input, '2026-09')).toBeNull()
    expect(dueFor(input, '2026-10')).toBe(2000)
  })
})

describe('arrearsRun — consecutive unpaid months up to last month (this month is due, not late)', () => {
  it.each<[string, LedgerInput, string[], string | null]>([
    ['nothing owed', ledger([assessed('2026-08', 7650)], paid('2026-08', '2026-09', '2026-10')), [], null],
    ['only this month unpaid', ledger([assessed(NOV, 7650)]), [], null],
    ['two months', ledger([assessed('2026-09', 7650)]), ['2026-09', '2026-10'], '2027-03-01'],
    ['three months', ledger([assessed('2026-08', 7650)]), ['2026-08', '2026-09', '2026-10'], '2027-02-01'],
    ['a paid month breaks the run', ledger([assessed('2026-05', 7650)], paid('2026-07')), ['2026-08', '2026-09', '2026-10'], '2027-02-01'],
    ['last month paid: no run, whatever is older', ledger([assessed('2026-05', 7650)], paid('2026-10')), [], null],
    ['pending counts as paid', ledger([assessed('2026-08', 7650)], reported('2026-10')), [], null],
    ['six months: the rule applies from the day after', ledger([assessed('2026-05', 7650)]), monthRange('2026-05', '2026-10'), '2026-11-01'],
    ['an exempt month breaks the run', ledger([assessed('2026-07', 7650), assessed('2026-08', 0), assessed('2026-09', 7650)]), ['2026-09', '2026-10'], '2027-03-01'],
    ['probationary: nothing before duesFrom', ledger([assessed('2026-01', 2000)], [], '2026-09'), ['2026-09', '2026-10'], '2027-03-01'],
  ])('GIVEN %s in November THEN the run and its 6-month day', (_what, input, months, day) => {
    const run = arrearsRun(input, NOV)
    expect(run?.months ?? []).toEqual(months)
    expect(run?.lapseDate ?? null).toBe(day)
  })

  it.each<[string, string]>([
    ['2026-08', '2027-02-01'], // August to January unpaid: six months complete on 1 February
    ['2026-05', '2026-11-01'],
    ['2026-12', '2027-06-01'],
  ])('GIVEN a run from %s THEN 党章第九条 applies from %s', (first, day) => {
    expect(lapseDate(first)).toBe(day)
  })
})

describe('withinBackPayment — 补交最多 6 个月', () => {
  it.each<[string, boolean]>([
    ['2026-11', true],
    ['2026-12', true], // paying ahead
    ['2026-06', true],
    ['2026-05', true], // exactly 6 months back
    ['2026-04', false], // 7 months back
    ['2025-11', false],
  ])('GIVEN %s in November 2026 THEN %s', (month, allowed) => {
    expect(withinBackPayment(month, NOV)).toBe(allowed)
  })
})

describe('splitEvenly — fen spread over months, odd fen to the earliest', () => {
  it.each<[number, number, number[]]>([
    [7650, 1, [7650]],
    [22950, 3, [7650, 7650, 7650]],
    [10000, 3, [3334, 3333, 3333]],
    [2, 3, [1, 1, 0]],
    [0, 2, [0, 0]],
  ])('GIVEN %i fen over %i months THEN %j', (total, count, expected) => {
    expect(splitEvenly(total, count)).toEqual(expected)
    expect(expected.reduce((a, b) => a + b, 0)).toBe(total)
  })

  it.each<[number, number]>([
    [-1, 1],
    [1.5, 1],
    [100, 0],
  ])('GIVEN %s over %s THEN RangeError', (total, count) => {
    expect(() => splitEvenly(total, count)).toThrow(RangeError)
  })
})

describe('goesToCentre — a voluntary single payment of 1000 元 or more (中组发〔2008〕3号)', () => {
  it.each<[string, number, number | null, boolean]>([
    ['1000 元 against 76.50 assessed', 100_000, 7650, true],
    ['999.99 元 against 76.50', 99_999, 7650, false],
    ['1000 元 with no assessment', 100_000, null, true],
    ['a back payment of 6 × 200 元 that merely adds up', 120_000, 120_000, false],
    ['paying less than assessed', 100_000, 120_000, false],
  ])('GIVEN %s THEN %s', (_what, total, expected, result) => {
    expect(goesToCentre(total, expected)).toBe(result)
  })
})

describe('parseMonthSpec — months typed after an amount, in November 2026', () => {
  it.each<[string, string[]]>([
    ['11月', ['2026-11']],
    ['12月', ['2026-12']], // next month: paying ahead
    ['1月', ['2026-01']], // year-less months are at most next month
    ['5月', ['2026-05']],
    ['2026-11', ['2026-11']],
    ['2026.9', ['2026-09']],
    ['2026/09', ['2026-09']],
    ['2026年9月', ['2026-09']],
    ['９－１１月', ['2026-09', '2026-10', '2026-11']], // full-width
    ['9-11月', ['2026-09', '2026-10', '2026-11']],
    ['9月-11月', ['2026-09', '2026-10', '2026-11']],
    ['9至11月', ['2026-09', '2026-10', '2026-11']],
    ['9月到11月', ['2026-09', '2026-10', '2026-11']],
    ['9~11月', ['2026-09', '2026-10', '2026-11']],
    ['2026-09至2026-11', ['2026-09', '2026-10', '2026-11']],
    ['2026-09 至 2026-11', ['2026-09', '2026-10', '2026-11']],
    ['2026年9月至11月', ['2026-09', '2026-10', '2026-11']],
    ['2026-12至2027-01', ['2026-12', '2027-01']],
    ['9至2026年10月', ['2026-09', '2026-10']],
    ['2026年12月至1月', ['2026-12', '2027-01']], // with a year on the start, the end runs forward
  ])('GIVEN %j THEN %j', (text, months) => {
    expect(parseMonthSpec(text, NOV)).toEqual({ ok: true, months })
  })

  it('GIVEN 12月 typed in January THEN last December', () => {
    expect(parseMonthSpec('12月', '2027-01')).toEqual({ ok: true, months: ['2026-12'] })
    expect(parseMonthSpec('11-12月', '2027-01')).toEqual({ ok: true, months: ['2026-11', '2026-12'] })
    expect(parseMonthSpec('11-1月', '2027-01')).toEqual({ ok: true, months: ['2026-11', '2026-12', '2027-01'] })
    expect(parseMonthSpec('12-1月', '2026-12')).toEqual({ ok: true, months: ['2026-12', '2027-01'] }) // paying next month ahead
  })

  it.each<[string, string]>([
    ['', 'unreadable'],
    ['十一月', 'unreadable'],
    ['11', 'unreadable'], // a bare number could be an amount
    ['13月', 'unreadable'],
    ['0月', 'unreadable'],
    ['2026-13', 'unreadable'],
    ['1999-01', 'unreadable'],
    ['上个月', 'unreadable'],
    ['9至', 'unreadable'],
    ['9至10至11月', 'unreadable'],
    ['2026-11至2026-09', 'reversed'],
    ['11-9月', 'reversed'], // a slip for 9-11月, not eleven months ahead
    ['11-1月', 'reversed'], // next January is two months ahead: write the years to pay that far

    ['2025-01至2026-11', 'too-many'],
  ])('GIVEN %j THEN %s', (text, reason) => {
    expect(parseMonthSpec(text, NOV)).toEqual({ ok: false, reason })
  })
})

describe('formatMonths — runs as ranges, the year only when it is not this one', () => {
  it.each<[string[], string]>([
    [['2026-11'], '11月'],
    [['2026-09', '2026-10', '2026-11'], '9月至11月'],
    [['2026-08', '2026-10', '2026-11'], '8月、10月至11月'],
    [['2026-12', '2027-01'], '2026年12月至2027年1月'],
    [['2025-11'], '2025年11月'],
    [['2025-10', '2025-11'], '2025年10月至11月'],
    [['2026-11', '2026-09', '2026-10', '2026-11'], '9月至11月'], // unsorted, duplicated
  ])('GIVEN %j THEN %s', (months, expected) => {
    expect(formatMonths(months, NOV)).toBe(expected)
  })
})
