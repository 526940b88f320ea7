/**
 * Rules of the 三会一课 calendar over a range of periods (last quarter, this year), beside the
 * current-period rule `complianceCalendar` in meeting-rules. Pure functions, zone passed in.
 */
import { periodCounts, periodOf, type ComplianceState, type Frequency, type MeetingType, type Period } from './meeting-rules.js'

export interface PeriodTally {
  period: Period
  /** Meetings of the type held in the period (by `now`). */
  count: number
  state: ComplianceState
}

/**
 * Each period of `frequency` that begins inside `range` and by `now`, with how many meetings of
 * `type` were held in it: 'held', 'overdue' once it ended without one, 'due' while it runs. A
 * period the organisation is not answerable for (it began before `since`, periodCounts) and that
 * held nothing is left out, so it counts neither as missed nor in the total.
 */
export function periodsInRange(
  type: MeetingType,
  frequency: Frequency,
  range: Period,
  held: ReadonlyArray<{ type: MeetingType; heldAt: Date }>,
  now: Date,
  tz: string,
  since: Date | null,
): PeriodTally[] {
  const tallies: PeriodTally[] = []
  for (let p = periodOf(frequency, range.start, tz); p.start < range.end && p.start <= now; p = periodOf(frequency, p.end, tz)) {
    const count = held.filter((h) => h.type === type && h.heldAt >= p.start && h.heldAt < p.end && h.heldAt <= now).length
    const state: ComplianceState = count > 0 ? 'held' : p.end <= now ? 'overdue' : 'due'
    if (state === 'held' || state === 'due' || periodCounts(p, since)) tallies.push({ period: p, count, state })
  }
  return tallies
}

/** A meeting opened early and closed before its announced start was held when it closed. */
export function heldAt(meeting: { startsAt: Date; closedAt: Date | null }, now: Date): Date {
  const closedAt = meeting.closedAt ?? now
  return closedAt.getTime() < meeting.startsAt.getTime() ? closedAt : meeting.startsAt
}

/** The quarter before the one containing `now`. */
export function previousQuarter(now: Date, tz: string): Period {
  return periodOf('quarterly', new Date(periodOf('quarterly', now, tz).start.getTime() - 1), tz)
}
