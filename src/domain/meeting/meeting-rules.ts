/**
 * Rules for 三会一课 and the other forms of organisational life: how often each meeting is due,
 * which calendar period an instant falls in, quorums and votes, and yearly study hours.
 *
 * Pure functions, no I/O. Every calendar question is answered in an IANA zone passed by the caller
 * (e.g. 'Asia/Shanghai'), never in the process's TZ: 23:30 on 31 December in Beijing is 15:30 UTC,
 * and a meeting held then belongs to December, Q4 and that year.
 *
 * Source, unless stated otherwise: 中国共产党支部工作条例(试行) (2018), article numbers as in the
 * published text (https://talaoshi.com/gwy/dsv4ct.html).
 */

import { wallClock } from '../time/wall-clock.js'

export const MEETING_TYPES = ['党员大会', '支委会', '党小组会', '党课', '主题党日', '组织生活会'] as const
export type MeetingType = (typeof MEETING_TYPES)[number]
export type Frequency = 'monthly' | 'quarterly' | 'yearly'

/** How often each meeting is required by default; a branch may override any of them. */
export const DEFAULT_FREQUENCIES: Readonly<Record<MeetingType, Frequency>> = Object.freeze({
  // 支部工作条例 art. 11: 党支部党员大会 "一般每季度召开1次".
  党员大会: 'quarterly',
  // 支部工作条例 art. 12: 党支部委员会会议 "一般每月召开1次".
  支委会: 'monthly',
  // 支部工作条例 ch. 4 (工作机制), on 党小组: 党小组会 "一般每月召开1次".
  党小组会: 'monthly',
  // Not fixed by the 2018 条例 (ch. 5 only requires 党课 to be held "按期"); once a quarter is the common
  // practice, so it is configurable (configurable, default once a quarter).
  党课: 'quarterly',
  // 支部工作条例 ch. 5 (组织生活): "党支部每月相对固定1天开展主题党日".
  主题党日: 'monthly',
  // 支部工作条例 ch. 5 (组织生活): "党支部每年至少召开1次组织生活会，一般安排在第四季度".
  组织生活会: 'yearly',
})

export interface Period {
  start: Date
  /** Exclusive: the start of the next period. */
  end: Date
  /** '2026年11月', '2026年第4季度' or '2026年'. */
  label: string
}

/** The period of the given frequency that contains `at`, in zone `tz`. Throws RangeError on an unknown zone or an invalid date. */
export function periodOf(frequency: Frequency, at: Date, tz: string): Period {
  assertValidDate(at, 'at')
  // Reports ask for the same periods for hundreds of organisations; the zone arithmetic is not cheap.
  const key = `${frequency}|${tz}|${at.getTime()}`
  const cached = periodCache.get(key)
  if (cached) return { ...cached }
  const period = computePeriod(frequency, at, tz)
  if (periodCache.size >= 2000) periodCache.clear()
  periodCache.set(key, period)
  return { ...period }
}

const periodCache = new Map<string, Period>()

function computePeriod(frequency: Frequency, at: Date, tz: string): Period {
  const { year, month } = wallClock(at, tz)
  switch (frequency) {
    case 'monthly': {
      const next = month === 12 ? { year: year + 1, month: 1 } : { year, month: month + 1 }
      return {
        start: startOfDay(year, month, 1, tz),
        end: startOfDay(next.year, next.month, 1, tz),
        label: `${year}年${month}月`,
      }
    }
    case 'quarterly': {
      const quarter = Math.floor((month - 1) / 3) + 1
      const firstMonth = (quarter - 1) * 3 + 1
      const next = quarter === 4 ? { year: year + 1, month: 1 } : { year, month: firstMonth + 3 }
      return {
        start: startOfDay(year, firstMonth, 1, tz),
        end: startOfDay(next.year, next.month, 1, tz),
        label: `${year}年第${quarter}季度`,
      }
    }
    case 'yearly':
      return { start: startOfDay(year, 1, 1, tz), end: startOfDay(year + 1, 1, 1, tz), label: `${year}年` }
  }
}

export type ComplianceState = 'held' | 'due' | 'overdue'

export interface ComplianceRow {
  type: MeetingType
  frequency: Frequency
  /** The current period: the one containing `now`. */
  period: Period
  state: ComplianceState
  /** Meetings of this type held in the current period. */
  heldCount: number
  /** The latest meeting of this type held at or before `now`, in any period; null if none is on record. */
  lastHeldAt: Date | null
}

/**
 * For each meeting type (in MEETING_TYPES order), whether it has been held in the current period,
 * i.e. the period of its frequency containing `now` in zone `tz`:
 *
 * - 'held'    — at least one meeting of that type has heldAt in [period.start, period.end);
 * - 'overdue' — none yet in the current period, AND none in the previous period of the same frequency
 *               (so a required meeting has already been missed and the gap is still open);
 * - 'due'     — none yet in the current period, but the previous period had at least one: nothing
 *               is missed yet, the current period is still running.
 *
 * `held` should hold only held (closed) meetings. Entries whose heldAt is after `now` are ignored:
 * a meeting cannot have been held in the future, so such an entry is a scheduled one passed by mistake.
 *
 * Two things keep a row from 'overdue' (it is 'due' instead): `since`, when the organisation was
 * bound — a previous period that began before it does not count (periodCounts), so a branch is
 * not late on its first day; and a meeting of that type already `scheduled` in the current period.
 */
export function complianceCalendar(
  held: ReadonlyArray<{ type: MeetingType; heldAt: Date }>,
  now: Date,
  tz: string,
  frequencies: Readonly<Record<MeetingType, Frequency>> = DEFAULT_FREQUENCIES,
  context: { since?: Date | null; scheduled?: ReadonlyArray<{ type: MeetingType; startsAt: Date }> } = {},
): ComplianceRow[] {
  assertValidDate(now, 'now')
  const nowMs = now.getTime()
  return MEETING_TYPES.map((type) => {
    const frequency = frequencies[type]
    const period = periodOf(frequency, now, tz)
    // The previous period is the one containing the last millisecond before the current one starts.
    const previous = periodOf(frequency, new Date(period.start.getTime() - 1), tz)
    let heldCount = 0
    let heldBefore = 0
    let last: number | null = null
    for (const meeting of held) {
      if (meeting.type !== type) continue
      const t = meeting.heldAt.getTime()
      if (Number.isNaN(t) || t > nowMs) continue
      if (within(t, period)) heldCount++
      else if (within(t, previous)) heldBefore++
      if (last === null || t > last) last = t
    }
    const scheduled = (context.scheduled ?? []).some((m) => m.type === type && within(m.startsAt.getTime(), period))
    const missed = heldBefore === 0 && periodCounts(previous, context.since ?? null) && !scheduled
    const state: ComplianceState = heldCount > 0 ? 'held' : missed ? 'overdue' : 'due'
    return { type, frequency, period, state, heldCount, lastHeldAt: last === null ? null : new Date(last) }
  })
}

/**
 * Whether an organisation is answerable for a period: only for a period that began once it was
 * bound (`since`; null = always). A branch bound on 27 November is not late for November — it
 * could not have held November's meetings with the bot — and its first required month is December.
 */
export function periodCounts(period: Period, since: Date | null): boolean {
  return since === null || period.start.getTime() >= since.getTime()
}

/**
 * Whether a 支部党员大会 may vote. 支部工作条例 art. 11: "表决必须有半数以上有表决权的党员到会方可进行" —
 * at least half of the voting members, so required = ceil(voters / 2). Only 正式党员 vote; the caller
 * counts probationary (预备) members out of both numbers (党章 art. 7: 预备党员 have no vote).
 * With no voting members nobody can vote, so required is at least 1 and the meeting is never quorate.
 * Throws RangeError on negative or fractional counts, or more present than expected (a counting bug).
 */
export function generalMeetingQuorum(fullMembersExpected: number, fullMembersPresent: number): { required: number; met: boolean } {
  assertCounts(fullMembersExpected, fullMembersPresent, 'fullMembersPresent')
  const required = Math.max(1, Math.ceil(fullMembersExpected / 2))
  return { required, met: fullMembersPresent >= required }
}

/**
 * Whether a 支部委员会 meeting may proceed: more than half of the committee members present,
 * required = floor(n / 2) + 1 (支部工作条例 art. 12 reads "须有半数以上委员到会方可进行").
 * Throws RangeError on negative or fractional counts, or more present than members.
 */
export function committeeQuorum(committeeMembers: number, present: number): { required: number; met: boolean } {
  assertCounts(committeeMembers, present, 'present')
  const required = Math.floor(committeeMembers / 2) + 1
  return { required, met: present >= required }
}

/**
 * 支部工作条例 art. 11: "赞成人数超过应到会有表决权的党员的半数为通过" — more than half of the voting
 * members who should attend, not of those present; absentees and those on leave count as not in favour.
 * Throws RangeError on negative or fractional counts, or more votes than voters.
 */
export function motionPasses(votingMembersExpected: number, votesFor: number): boolean {
  assertCounts(votingMembersExpected, votesFor, 'votesFor')
  return votesFor * 2 > votingMembersExpected
}

/**
 * Concentrated study hours (学时) required a year, 中国共产党党员教育管理工作条例 (2019) art. 20:
 * every member at least 32; branch secretaries and committee members (班子成员) at least 56.
 */
export function studyHoursTarget(isOfficer: boolean): number {
  return isOfficer ? 56 : 32
}

/** The first working day (Mon–Fri, ignoring public holidays) of the month containing `at`, at 09:00 in tz. */
export function firstWorkingDayOfMonth(at: Date, tz: string): Date {
  assertValidDate(at, 'at')
  const { year, month } = wallClock(at, tz)
  const weekday = civilDate(year, month, 1).getUTCDay() // 0 = Sunday … 6 = Saturday
  const day = weekday === 6 ? 3 : weekday === 0 ? 2 : 1
  return zonedInstant(year, month, day, 9, 0, tz)
}

// ---------------------------------------------------------------------------------------------
// Zone arithmetic. Civil (wall-clock) dates are computed in UTC, where every day has 24 h, and
// converted to instants only at the end, so daylight-saving zones never shift a date.




/** A civil date/time as if it were UTC (setUTCFullYear, unlike Date.UTC, keeps years 0–99 as they are). */
function civilDate(year: number, month: number, day: number, hour = 0, minute = 0, second = 0): Date {
  const d = new Date(0)
  d.setUTCFullYear(year, month - 1, day)
  d.setUTCHours(hour, minute, second, 0)
  return d
}

/** The wall clock of `t` read as UTC, in ms. */
function wallMs(t: number, tz: string): number {
  const w = wallClock(new Date(t), tz)
  return civilDate(w.year, w.month, w.day, w.hour, w.minute, w.second).getTime()
}

/** Zone offset at instant `t`, in ms (wall minus UTC), to the second. */
function offsetMs(t: number, tz: string): number {
  return wallMs(t, tz) - Math.floor(t / 1000) * 1000
}

const DAY_MS = 86_400_000

/**
 * The earliest instant whose wall clock in `tz` reads the given time or later: the time itself when
 * it exists (its first occurrence when clocks go back), or the moment clocks jump over it when they
 * go forward (e.g. a zone that skips midnight starts that day at 01:00).
 */
function zonedInstant(year: number, month: number, day: number, hour: number, minute: number, tz: string): Date {
  const target = civilDate(year, month, day, hour, minute).getTime()
  // Real zones change offset at most once within a day, so the offsets a day either side cover every case.
  const before = offsetMs(target - DAY_MS, tz)
  const after = offsetMs(target + DAY_MS, tz)
  const exact = [target - before, target - after].filter((t) => wallMs(t, tz) === target)
  if (exact.length > 0) return new Date(Math.min(...exact))
  // A gap: the wall clock reads less than target at target - after and at least target at target - before.
  let lo = target - after
  let hi = target - before
  // Both ends are whole seconds (offsets are read to the second), so bisect in whole seconds.
  while (hi - lo > 1000) {
    const mid = lo + Math.floor((hi - lo) / 2000) * 1000
    if (wallMs(mid, tz) >= target) hi = mid
    else lo = mid
  }
  return new Date(hi)
}

function startOfDay(year: number, month: number, day: number, tz: string): Date {
  return zonedInstant(year, month, day, 0, 0, tz)
}

function within(t: number, period: Period): boolean {
  return t >= period.start.getTime() && t < period.end.getTime()
}

function assertValidDate(d: Date, name: string): void {
  if (Number.isNaN(d.getTime())) throw new RangeError(`${name} is an invalid Date`)
}

function assertCounts(expected: number, actual: number, actualName: string): void {
  if (!Number.isInteger(expected) || expected < 0) throw new RangeError(`expected count must be a non-negative integer, got ${expected}`)
  if (!Number.isInteger(actual) || actual < 0) throw new RangeError(`${actualName} must be a non-negative integer, got ${actual}`)
  if (actual > expected) throw new RangeError(`${actualName} (${actual}) exceeds the expected count (${expected})`)
}
