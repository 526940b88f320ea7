/**
 * The dues ledger's rules (中组发〔2008〕3号; 党章 第九条). Pure functions over 'YYYY-MM' months:
 * which months a member owes, how long an unbroken run of arrears is, when the 6-month rule would
 * apply, how far back a payment may reach, and reading the months people type (11月, 9-11月,
 * 2026-09至2026-11). Amounts are integer fen.
 */

import { wallClock } from '../time/wall-clock.js'

/** A month as stored: 'YYYY-MM'. */
export type Month = string

/** 中组发〔2008〕3号: 补交党费最多补交 6 个月 — a month more than 6 months before the current one is refused. */
export const BACK_PAYMENT_MONTHS = 6

/** 党章 第九条: 连续六个月不交纳党费 → 自行脱党. */
export const LAPSE_MONTHS = 6

/** The secretary is warned from 3 consecutive months in arrears, then every month (docs/rules.md, configurable). */
export const ARREARS_WARNING_MONTHS = 3

/** Collected on this day of the month when the organisation has not set its own (design card). */
export const DEFAULT_DUES_DAY = 5

/** One paper of a ledger covers at most a year: a longer range typed at once is a typo. */
export const MAX_MONTHS_AT_ONCE = 12

/** 中组发〔2008〕3号: 自愿多交党费一次在 1000 元以上的，全部上缴中央. */
export const CENTRE_THRESHOLD_FEN = 100_000

const MONTH_PATTERN = /^(\d{4})-(\d{2})$/

function toIndex(month: Month): number {
  const match = MONTH_PATTERN.exec(month)
  if (!match) throw new RangeError(`not a YYYY-MM month: ${month}`)
  return Number(match[1]) * 12 + Number(match[2]) - 1
}

function fromIndex(index: number): Month {
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`
}

export function makeMonth(year: number, month: number): Month {
  return fromIndex(year * 12 + month - 1)
}

export function addMonths(month: Month, count: number): Month {
  return fromIndex(toIndex(month) + count)
}

/** How many months `to` lies after `from` (negative when before). */
export function monthsBetween(from: Month, to: Month): number {
  return toIndex(to) - toIndex(from)
}

/** Every month from `from` to `to`, both included; empty when `to` is before `from`. */
export function monthRange(from: Month, to: Month): Month[] {
  const months: Month[] = []
  for (let i = toIndex(from); i <= toIndex(to); i++) months.push(fromIndex(i))
  return months
}

export function yearOf(month: Month): number {
  return Math.floor(toIndex(month) / 12)
}

export function monthNumber(month: Month): number {
  return (toIndex(month) % 12) + 1
}



/** The calendar month `now` falls in, in the zone. */
export function monthOf(now: Date, timeZone: string): Month {
  const w = wallClock(now, timeZone)
  return makeMonth(w.year, w.month)
}

/** The instant of a wall-clock time in the zone (DST-safe: corrected by the offset at that instant). */
export function zonedInstant(year: number, month: number, day: number, hour: number, timeZone: string): Date {
  const guess = Date.UTC(year, month - 1, day, hour)
  let at = guess
  for (let i = 0; i < 2; i++) {
    const w = wallClock(new Date(at), timeZone)
    const shown = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute)
    at += guess - shown
  }
  return new Date(at)
}

function daysInMonth(month: Month): number {
  return new Date(Date.UTC(yearOf(month), monthNumber(month), 0)).getUTCDate()
}

/**
 * When a month's dues are collected: `duesDay` (the organisation's, default the 5th; clamped to
 * the month's last day) at `hour` o'clock in the zone.
 */
export function collectionTime(month: Month, duesDay: number | null, hour: number, timeZone: string): Date {
  const day = Math.min(Math.max(1, duesDay ?? DEFAULT_DUES_DAY), daysInMonth(month))
  return zonedInstant(yearOf(month), monthNumber(month), day, hour, timeZone)
}

/** One assessment row: from `fromMonth` on, `monthlyFen` a month (until a later row). */
export interface AssessmentPoint {
  fromMonth: Month
  monthlyFen: number
  /** Rows with the same fromMonth: the later one (higher id) is the correction that applies. */
  id: number
}

export interface PaymentPoint {
  month: Month
  status: 'confirmed' | 'pending' | string
}

/** The assessment that applies to `month`: the latest row whose fromMonth is not after it, or null. */
export function assessmentFor<T extends AssessmentPoint>(assessments: readonly T[], month: Month): T | null {
  let best: T | null = null
  for (const row of assessments) {
    if (monthsBetween(row.fromMonth, month) < 0) continue
    if (!best || monthsBetween(best.fromMonth, row.fromMonth) > 0 || (row.fromMonth === best.fromMonth && row.id > best.id)) best = row
  }
  return best
}

export interface LedgerInput {
  assessments: readonly AssessmentPoint[]
  /** Probationary members owe from the month they were admitted (null: from the first assessment). */
  duesFrom: Month | null
  payments: readonly PaymentPoint[]
}

export interface MonthDue {
  month: Month
  fen: number
}

/** The first month anything is owed: the first assessed month, or duesFrom if later. Null when never assessed. */
export function ledgerStart(input: Pick<LedgerInput, 'assessments' | 'duesFrom'>): Month | null {
  if (input.assessments.length === 0) return null
  let first = input.assessments[0]!.fromMonth
  for (const row of input.assessments) if (monthsBetween(row.fromMonth, first) > 0) first = row.fromMonth
  if (input.duesFrom && monthsBetween(first, input.duesFrom) > 0) return input.duesFrom
  return first
}

/** What `month` costs the member (0: exempt or not yet owed), or null when not assessed for it. */
export function dueFor(input: Pick<LedgerInput, 'assessments' | 'duesFrom'>, month: Month): number | null {
  if (input.duesFrom && monthsBetween(input.duesFrom, month) < 0) return null
  return assessmentFor(input.assessments, month)?.monthlyFen ?? null
}

/**
 * Whether a month counts as paid. A member's own report (pending) counts: the member said they
 * paid, so they are not reminded or reported in arrears while the 组织委员 has yet to confirm.
 */
function isSettled(payments: readonly PaymentPoint[], month: Month): boolean {
  return payments.some((p) => p.month === month && (p.status === 'confirmed' || p.status === 'pending'))
}

/**
 * The months up to `through` (included) that are assessed at more than 0 and not paid, oldest
 * first, with what each costs.
 */
export function owedMonths(input: LedgerInput, through: Month): MonthDue[] {
  const start = ledgerStart(input)
  if (!start) return []
  const owed: MonthDue[] = []
  for (const month of monthRange(start, through)) {
    const fen = dueFor(input, month)
    if (fen === null || fen <= 0) continue
    if (!isSettled(input.payments, month)) owed.push({ month, fen })
  }
  return owed
}

export interface ArrearsRun {
  /** The unbroken run of unpaid months ending with the last complete month, oldest first. */
  months: Month[]
  /** The day (YYYY-MM-DD) the run reaches 6 months and 党章 第九条 would apply. */
  lapseDate: string
}

/**
 * The consecutive months in arrears as seen on a day of `currentMonth`: unpaid owed months ending
 * with the month before (the current month is due, not yet in arrears). A paid, exempt or
 * unassessed month breaks the run. Null when there is no arrears.
 */
export function arrearsRun(input: LedgerInput, currentMonth: Month): ArrearsRun | null {
  const owed = new Set(owedMonths(input, addMonths(currentMonth, -1)).map((m) => m.month))
  const months: Month[] = []
  for (let month = addMonths(currentMonth, -1); owed.has(month); month = addMonths(month, -1)) months.unshift(month)
  if (months.length === 0) return null
  return { months, lapseDate: lapseDate(months[0]!) }
}

/**
 * The day 6 consecutive months unpaid are complete for a run that began in `firstUnpaid`: the
 * first day after its 6th month (党章 第九条: 连续六个月不交纳党费). A run from August is complete
 * on 1 February, if August to January all stay unpaid.
 */
export function lapseDate(firstUnpaid: Month): string {
  return `${addMonths(firstUnpaid, LAPSE_MONTHS)}-01`
}

/** Whether a payment may still be made for `month`: not more than 6 months before the current month. */
export function withinBackPayment(month: Month, currentMonth: Month): boolean {
  return monthsBetween(month, currentMonth) <= BACK_PAYMENT_MONTHS
}

/** Splits a total over `count` months as evenly as fen allow; the odd fen go to the earliest months. */
export function splitEvenly(totalFen: number, count: number): number[] {
  if (!Number.isSafeInteger(totalFen) || totalFen < 0) throw new RangeError(`totalFen must be a non-negative integer, got ${totalFen}`)
  if (!Number.isInteger(count) || count < 1) throw new RangeError(`count must be a positive integer, got ${count}`)
  const base = Math.floor(totalFen / count)
  const rest = totalFen - base * count
  return Array.from({ length: count }, (_, i) => base + (i < rest ? 1 : 0))
}

/**
 * 中组发〔2008〕3号: a voluntary single payment of 1000 元 or more goes wholly to the Centre. A
 * payment is voluntary when it is more than the months it covers are assessed at (or the member
 * is not assessed); a back payment that merely adds up to 1000 元 is not.
 */
export function goesToCentre(totalFen: number, assessedFen: number | null): boolean {
  return totalFen >= CENTRE_THRESHOLD_FEN && (assessedFen === null || totalFen > assessedFen)
}

export type MonthSpec = { ok: true; months: Month[] } | { ok: false; reason: 'unreadable' | 'reversed' | 'too-many' }

/**
 * Reads the months typed after an amount: `11月`, `2026-11`, `2026年11月`, `9-11月`, `9月至11月`,
 * `2026-09至2026-11`, `2026年12月到2027年1月`. A month without a year is the latest such month
 * not after next month (so `12月` typed in January is last December, typed in November the
 * coming one); when only a range's start carries a year, its end is the first such month after it.
 */
export function parseMonthSpec(text: string, currentMonth: Month): MonthSpec {
  const cleaned = text
    .normalize('NFKC')
    .replace(/\s+/g, '')
    .replace(/[到~～—–]|(?<=月)-(?=\d)/g, '至')
  if (!cleaned) return { ok: false, reason: 'unreadable' }
  let parts = cleaned.split('至')
  // 9-11月: a hyphen between two bare month numbers is a range.
  const shortRange = /^(\d{1,2})月?-(\d{1,2})月$/.exec(cleaned)
  if (shortRange) parts = [`${shortRange[1]}月`, `${shortRange[2]}月`]
  if (parts.length > 2 || parts.some((p) => p === '')) return { ok: false, reason: 'unreadable' }

  const latestNotAfter = (number: number, limit: Month): Month => {
    const candidate = makeMonth(yearOf(limit), number)
    return monthsBetween(candidate, limit) >= 0 ? candidate : makeMonth(yearOf(limit) - 1, number)
  }
  const firstFrom = (number: number, from: Month): Month => {
    const candidate = makeMonth(yearOf(from), number)
    return monthsBetween(from, candidate) >= 0 ? candidate : makeMonth(yearOf(from) + 1, number)
  }

  const [first, second] = parts.map((p, i) => readMonth(p, parts.length === 2 && i === 0))
  if (!first || (parts.length === 2 && !second)) return { ok: false, reason: 'unreadable' }
  const horizon = addMonths(currentMonth, 1)
  if (!second) {
    return { ok: true, months: [first.year === null ? latestNotAfter(first.month, horizon) : makeMonth(first.year, first.month)] }
  }

  let start: Month
  let end: Month
  if (first.year !== null) {
    start = makeMonth(first.year, first.month)
    end = second.year !== null ? makeMonth(second.year, second.month) : firstFrom(second.month, start)
  } else if (second.year !== null) {
    end = makeMonth(second.year, second.month)
    start = latestNotAfter(first.month, end)
  } else {
    // Both without a year: each is the latest such month not after next month, so 11-1月 typed in
    // January runs over the new year, while 11-9月 is read as a slip, not as 11 months ahead.
    start = latestNotAfter(first.month, horizon)
    end = latestNotAfter(second.month, horizon)
  }
  const span = monthsBetween(start, end)
  if (span < 0) return { ok: false, reason: 'reversed' }
  if (span + 1 > MAX_MONTHS_AT_ONCE) return { ok: false, reason: 'too-many' }
  return { ok: true, months: monthRange(start, end) }
}

/** One end of a month expression; a bare number is accepted only as the start of a range (`9至11月`). */
function readMonth(part: string, bareAllowed: boolean): { year: number | null; month: number } | null {
  const withYear = /^(\d{4})(?:[-./]|年)(\d{1,2})月?$/.exec(part)
  const bare = /^(\d{1,2})(月?)$/.exec(part)
  let year: number | null = null
  let month: number
  if (withYear) {
    year = Number(withYear[1])
    month = Number(withYear[2])
    if (year < 2000 || year > 2100) return null
  } else if (bare && (bare[2] || bareAllowed)) {
    month = Number(bare[1])
  } else {
    return null
  }
  return month >= 1 && month <= 12 ? { year, month } : null
}

/** '2026-11' → '11月' in the current year, '2025年11月' in another. */
export function formatMonth(month: Month, currentMonth: Month): string {
  return yearOf(month) === yearOf(currentMonth) ? `${monthNumber(month)}月` : `${yearOf(month)}年${monthNumber(month)}月`
}

/**
 * A list of months for people: runs of consecutive months as ranges, the rest joined by 、:
 * ['2026-09','2026-10','2026-11'] → '9月至11月'; ['2026-12','2027-01'] → '2026年12月至2027年1月'.
 */
export function formatMonths(months: readonly Month[], currentMonth: Month): string {
  const sorted = [...new Set(months)].sort()
  const runs: Month[][] = []
  for (const month of sorted) {
    const run = runs.at(-1)
    if (run && monthsBetween(run.at(-1)!, month) === 1) run.push(month)
    else runs.push([month])
  }
  return runs
    .map((run) => {
      if (run.length === 1) return formatMonth(run[0]!, currentMonth)
      const [start, end] = [run[0]!, run.at(-1)!]
      if (yearOf(start) === yearOf(end)) return `${formatMonth(start, currentMonth)}至${monthNumber(end)}月`
      return `${yearOf(start)}年${monthNumber(start)}月至${yearOf(end)}年${monthNumber(end)}月`
    })
    .join('、')
}

/** '2027-02-01' → '2027年2月1日'. */
export function formatDay(day: string): string {
  const [y, m, d] = day.split('-').map(Number)
  return `${y}年${m}月${d}日`
}
