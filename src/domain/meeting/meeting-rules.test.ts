import { describe, it, expect } from 'vitest'
import {
  DEFAULT_FREQUENCIES,
  MEETING_TYPES,
  committeeQuorum,
  complianceCalendar,
  firstWorkingDayOfMonth,
  generalMeetingQuorum,
  motionPasses,
  periodOf,
  studyHoursTarget,
  type ComplianceState,
  type Frequency,
  type MeetingType,
} from './meeting-rules.js'

const TZ = 'Asia/Shanghai'
const d = (iso: string) => new Date(iso)

describe('DEFAULT_FREQUENCIES', () => {
  it('GIVEN every meeting type THEN it has the regulation default', () => {
    expect(DEFAULT_FREQUENCIES).toEqual({
      党员大会: 'quarterly',
      支委会: 'monthly',
      党小组会: 'monthly',
      党课: 'quarterly',
      主题党日: 'monthly',
      组织生活会: 'yearly',
    })
    expect(Object.keys(DEFAULT_FREQUENCIES)).toEqual([...MEETING_TYPES])
    expect(Object.isFrozen(DEFAULT_FREQUENCIES)).toBe(true)
  })
})

describe('periodOf in Asia/Shanghai', () => {
  it.each<[string, Frequency, string, string, string]>([
    // The last half-hour of 2026 in Beijing is 15:30 UTC on the same day.
    ['2026-12-31T23:30+08:00', 'monthly', '2026年12月', '2026-12-01T00:00+08:00', '2027-01-01T00:00+08:00'],
    ['2026-12-31T23:30+08:00', 'quarterly', '2026年第4季度', '2026-10-01T00:00+08:00', '2027-01-01T00:00+08:00'],
    ['2026-12-31T23:30+08:00', 'yearly', '2026年', '2026-01-01T00:00+08:00', '2027-01-01T00:00+08:00'],
    // Ten minutes into 2027 in Beijing is still 31 December 2026 in UTC: a UTC calendar would say December.
    ['2027-01-01T00:10+08:00', 'monthly', '2027年1月', '2027-01-01T00:00+08:00', '2027-02-01T00:00+08:00'],
    ['2027-01-01T00:10+08:00', 'quarterly', '2027年第1季度', '2027-01-01T00:00+08:00', '2027-04-01T00:00+08:00'],
    ['2027-01-01T00:10+08:00', 'yearly', '2027年', '2027-01-01T00:00+08:00', '2028-01-01T00:00+08:00'],
    // Exactly at a start belongs to the new period; one millisecond earlier to the old one.
    ['2026-10-01T00:00+08:00', 'quarterly', '2026年第4季度', '2026-10-01T00:00+08:00', '2027-01-01T00:00+08:00'],
    ['2026-09-30T23:59:59.999+08:00', 'quarterly', '2026年第3季度', '2026-07-01T00:00+08:00', '2026-10-01T00:00+08:00'],
    ['2026-11-01T00:00+08:00', 'monthly', '2026年11月', '2026-11-01T00:00+08:00', '2026-12-01T00:00+08:00'],
    ['2026-10-31T23:59:59.999+08:00', 'monthly', '2026年10月', '2026-10-01T00:00+08:00', '2026-11-01T00:00+08:00'],
    // Every quarter's first and last month.
    ['2026-01-15T12:00+08:00', 'quarterly', '2026年第1季度', '2026-01-01T00:00+08:00', '2026-04-01T00:00+08:00'],
    ['2026-03-31T23:59+08:00', 'quarterly', '2026年第1季度', '2026-01-01T00:00+08:00', '2026-04-01T00:00+08:00'],
    ['2026-04-01T00:00+08:00', 'quarterly', '2026年第2季度', '2026-04-01T00:00+08:00', '2026-07-01T00:00+08:00'],
    ['2026-06-30T23:59+08:00', 'quarterly', '2026年第2季度', '2026-04-01T00:00+08:00', '2026-07-01T00:00+08:00'],
    ['2026-07-01T00:00+08:00', 'quarterly', '2026年第3季度', '2026-07-01T00:00+08:00', '2026-10-01T00:00+08:00'],
    // A leap February ends on the 29th.
    ['2028-02-29T08:00+08:00', 'monthly', '2028年2月', '2028-02-01T00:00+08:00', '2028-03-01T00:00+08:00'],
    ['2026-02-28T08:00+08:00', 'monthly', '2026年2月', '2026-02-01T00:00+08:00', '2026-03-01T00:00+08:00'],
  ])('GIVEN %s and %s THEN %s [%s, %s)', (at, frequency, label, start, end) => {
    expect(periodOf(frequency, d(at), TZ)).toEqual({ start: d(start), end: d(end), label })
  })

  it('GIVEN the first minutes of 2027 in Beijing THEN the UTC date is still 2026-12-31 (the trap these tests guard)', () => {
    expect(d('2027-01-01T00:10+08:00').toISOString().slice(0, 10)).toBe('2026-12-31')
    expect(periodOf('yearly', d('2027-01-01T00:10+08:00'), TZ).label).toBe('2027年')
  })

  it.each<Frequency>(['monthly', 'quarterly', 'yearly'])('GIVEN %s periods THEN each ends where the next starts', (frequency) => {
    let period = periodOf(frequency, d('2025-11-15T12:00+08:00'), TZ)
    for (let i = 0; i < 30; i++) {
      const next = periodOf(frequency, period.end, TZ)
      expect(next.start).toEqual(period.end)
      expect(periodOf(frequency, new Date(period.end.getTime() - 1), TZ)).toEqual(period)
      period = next
    }
  })
})

describe('periodOf in zones with clock changes', () => {
  it.each<[string, string, Frequency, string, string, string]>([
    // New York: March starts in EST (-05:00), April in EDT (-04:00).
    ['America/New_York', '2026-03-15T12:00-04:00', 'monthly', '2026年3月', '2026-03-01T00:00-05:00', '2026-04-01T00:00-04:00'],
    // Asunción skipped midnight on 2017-10-01 (00:00 → 01:00): October started at 01:00.
    ['America/Asuncion', '2017-10-15T12:00-03:00', 'monthly', '2017年10月', '2017-10-01T01:00-03:00', '2017-11-01T00:00-03:00'],
    ['America/Asuncion', '2017-09-15T12:00-04:00', 'monthly', '2017年9月', '2017-09-01T00:00-04:00', '2017-10-01T01:00-03:00'],
    // Havana goes back from 01:00 to 00:00 on 2026-11-01: November starts at the first midnight.
    ['America/Havana', '2026-11-15T12:00-05:00', 'monthly', '2026年11月', '2026-11-01T00:00-04:00', '2026-12-01T00:00-05:00'],
    ['America/Havana', '2026-11-01T00:30-05:00', 'quarterly', '2026年第4季度', '2026-10-01T00:00-04:00', '2027-01-01T00:00-05:00'],
  ])('GIVEN %s at %s and %s THEN %s [%s, %s)', (tz, at, frequency, label, start, end) => {
    expect(periodOf(frequency, d(at), tz)).toEqual({ start: d(start), end: d(end), label })
  })

  it('GIVEN an unknown zone THEN a RangeError (a configuration mistake)', () => {
    expect(() => periodOf('monthly', d('2026-11-15T12:00+08:00'), 'Asia/Nowhere')).toThrow(RangeError)
  })

  it('GIVEN an invalid date THEN a RangeError', () => {
    expect(() => periodOf('monthly', new Date(Number.NaN), TZ)).toThrow(RangeError)
  })
})

describe('complianceCalendar', () => {
  // A Friday in November, Q4 2026.
  const NOW = d('2026-11-20T10:00+08:00')
  type Held = { type: MeetingType; heldAt: Date }
  const held = (type: MeetingType, iso: string): Held => ({ type, heldAt: d(iso) })
  const states = (rows: ReturnType<typeof complianceCalendar>) =>
    Object.fromEntries(rows.map((r) => [r.type, r.state])) as Record<MeetingType, ComplianceState>

  it('GIVEN only a 党课 this quarter and nothing before THEN 党课 held, everything else overdue', () => {
    const rows = complianceCalendar([held('党课', '2026-10-15T14:00+08:00')], NOW, TZ)
    expect(rows.map((r) => r.type)).toEqual([...MEETING_TYPES])
    expect(states(rows)).toEqual({
      党员大会: 'overdue', // none in Q3
      支委会: 'overdue', // none in October
      党小组会: 'overdue',
      党课: 'held',
      主题党日: 'overdue',
      组织生活会: 'overdue', // none in 2025
    })
    const lecture = rows.find((r) => r.type === '党课')
    expect(lecture).toEqual({
      type: '党课',
      frequency: 'quarterly',
      period: { start: d('2026-10-01T00:00+08:00'), end: d('2027-01-01T00:00+08:00'), label: '2026年第4季度' },
      state: 'held',
      heldCount: 1,
      lastHeldAt: d('2026-10-15T14:00+08:00'),
    })
  })

  it('GIVEN only a 党课 this quarter and each other meeting held in its previous period THEN 党课 held, the rest due', () => {
    const rows = complianceCalendar(
      [
        held('党课', '2026-10-15T14:00+08:00'),
        held('党员大会', '2026-08-10T14:00+08:00'), // Q3
        held('支委会', '2026-10-20T09:00+08:00'), // October
        held('党小组会', '2026-10-31T23:59+08:00'), // last minute of October
        held('主题党日', '2026-10-08T09:00+08:00'),
        held('组织生活会', '2025-12-20T09:00+08:00'), // 2025
      ],
      NOW,
      TZ,
    )
    expect(states(rows)).toEqual({
      党员大会: 'due',
      支委会: 'due',
      党小组会: 'due',
      党课: 'held',
      主题党日: 'due',
      组织生活会: 'due',
    })
    const general = rows.find((r) => r.type === '党员大会')
    expect(general?.heldCount).toBe(0)
    expect(general?.lastHeldAt).toEqual(d('2026-08-10T14:00+08:00'))
    expect(general?.period.label).toBe('2026年第4季度')
    expect(rows.find((r) => r.type === '支委会')?.period.label).toBe('2026年11月')
    expect(rows.find((r) => r.type === '组织生活会')?.period.label).toBe('2026年')
  })

  it.each<[string, Held[], ComplianceState, number]>([
    ['none this month, one last month', [held('支委会', '2026-10-05T09:00+08:00')], 'due', 0],
    ['none this month, none last month, one two months ago', [held('支委会', '2026-09-05T09:00+08:00')], 'overdue', 0],
    ['none ever', [], 'overdue', 0],
    ['one this month', [held('支委会', '2026-11-03T09:00+08:00')], 'held', 1],
    ['two this month', [held('支委会', '2026-11-03T09:00+08:00'), held('支委会', '2026-11-17T09:00+08:00')], 'held', 2],
    ['one exactly at the start of this month', [held('支委会', '2026-11-01T00:00+08:00')], 'held', 1],
    ['one a millisecond before this month', [held('支委会', '2026-10-31T23:59:59.999+08:00')], 'due', 0],
    ['one exactly at the start of last month', [held('支委会', '2026-10-01T00:00+08:00')], 'due', 0],
    ['one exactly now', [held('支委会', '2026-11-20T10:00+08:00')], 'held', 1],
    // A meeting cannot have been held after `now`: a scheduled one passed by mistake is not counted.
    ['one later this month (future)', [held('支委会', '2026-11-25T09:00+08:00')], 'overdue', 0],
    ['other types only', [held('党小组会', '2026-11-03T09:00+08:00'), held('主题党日', '2026-10-03T09:00+08:00')], 'overdue', 0],
  ])('GIVEN 支委会 %s THEN %s with %i this month', (_what, meetings, state, count) => {
    const row = complianceCalendar(meetings, NOW, TZ).find((r) => r.type === '支委会')
    expect(row?.state).toBe(state)
    expect(row?.heldCount).toBe(count)
  })

  it('GIVEN a 支委会 at 23:30 on 31 December and now ten minutes into the new year THEN it counts for December (due), not January', () => {
    const rows = complianceCalendar([held('支委会', '2026-12-31T23:30+08:00')], d('2027-01-01T00:10+08:00'), TZ)
    const row = rows.find((r) => r.type === '支委会')
    expect(row?.period.label).toBe('2027年1月')
    expect(row?.state).toBe('due')
    expect(row?.heldCount).toBe(0)
    expect(row?.lastHeldAt).toEqual(d('2026-12-31T23:30+08:00'))
  })

  it('GIVEN meetings in several periods THEN lastHeldAt is the latest one not after now', () => {
    const row = complianceCalendar(
      [
        held('党员大会', '2026-05-12T14:00+08:00'),
        held('党员大会', '2026-02-10T14:00+08:00'),
        held('党员大会', '2026-12-10T14:00+08:00'), // future, ignored
      ],
      NOW,
      TZ,
    ).find((r) => r.type === '党员大会')
    expect(row?.lastHeldAt).toEqual(d('2026-05-12T14:00+08:00'))
    expect(row?.state).toBe('overdue') // nothing in Q3, nothing yet in Q4
  })

  it('GIVEN a branch that holds 党课 yearly THEN 党课 is judged by the year', () => {
    const frequencies = { ...DEFAULT_FREQUENCIES, 党课: 'yearly' as const }
    const rows = complianceCalendar([held('党课', '2025-06-01T09:00+08:00')], NOW, TZ, frequencies)
    const row = rows.find((r) => r.type === '党课')
    expect(row?.frequency).toBe('yearly')
    expect(row?.period.label).toBe('2026年')
    expect(row?.state).toBe('due')
  })
})

describe('generalMeetingQuorum (callers count 正式党员 only)', () => {
  it.each<[number, number, number, boolean]>([
    [0, 0, 1, false], // no voting members: no vote is possible
    [1, 0, 1, false],
    [1, 1, 1, true],
    [2, 1, 1, true], // exactly half is enough ("半数以上")
    [5, 3, 3, true],
    [5, 2, 3, false],
    [6, 3, 3, true],
    [6, 2, 3, false],
    [7, 4, 4, true],
    [7, 3, 4, false],
    // 6 正式 + 2 预备 in the branch, 3 正式 and both 预备 came: the caller passes (6, 3).
    [6, 3, 3, true],
    [50, 25, 25, true],
    [50, 24, 25, false],
  ])('GIVEN %i voters expected and %i present THEN required %i, met %s', (expected, present, required, met) => {
    expect(generalMeetingQuorum(expected, present)).toEqual({ required, met })
  })
})

describe('committeeQuorum', () => {
  it.each<[number, number, number, boolean]>([
    [0, 0, 1, false],
    [1, 1, 1, true],
    [3, 2, 2, true],
    [3, 1, 2, false],
    [4, 2, 3, false], // exactly half is not more than half
    [4, 3, 3, true],
    [5, 3, 3, true],
    [5, 2, 3, false],
    [7, 4, 4, true],
  ])('GIVEN %i committee members and %i present THEN required %i, met %s', (members, present, required, met) => {
    expect(committeeQuorum(members, present)).toEqual({ required, met })
  })
})

describe('motionPasses (more than half of those who should attend)', () => {
  it.each<[number, number, boolean]>([
    [0, 0, false],
    [1, 1, true],
    [1, 0, false],
    [5, 3, true],
    [5, 2, false],
    [6, 3, false], // half is not more than half
    [6, 4, true],
    [50, 26, true],
    [50, 25, false],
  ])('GIVEN %i voters expected and %i in favour THEN %s', (expected, votesFor, passes) => {
    expect(motionPasses(expected, votesFor)).toBe(passes)
  })
})

describe('counting mistakes are bugs', () => {
  it.each<[string, () => unknown]>([
    ['negative expected', () => generalMeetingQuorum(-1, 0)],
    ['negative present', () => committeeQuorum(3, -1)],
    ['fractional count', () => motionPasses(5.5, 3)],
    ['NaN', () => generalMeetingQuorum(Number.NaN, 0)],
    ['more present than expected', () => generalMeetingQuorum(3, 4)],
    ['more committee members present than exist', () => committeeQuorum(5, 6)],
    ['more votes than voters', () => motionPasses(5, 6)],
  ])('GIVEN %s THEN a RangeError', (_what, call) => {
    expect(call).toThrow(RangeError)
  })
})

describe('studyHoursTarget', () => {
  it.each<[boolean, number]>([
    [false, 32],
    [true, 56],
  ])('GIVEN officer=%s THEN %i 学时 a year', (isOfficer, hours) => {
    expect(studyHoursTarget(isOfficer)).toBe(hours)
  })
})

describe('firstWorkingDayOfMonth', () => {
  it.each<[string, string, string]>([
    ['a month starting on a Saturday', '2026-08-20T15:00+08:00', '2026-08-03T09:00+08:00'], // 1 Aug 2026 is a Saturday
    ['its first instant', '2026-08-01T00:00+08:00', '2026-08-03T09:00+08:00'], // still 31 July in UTC
    ['a month starting on a Sunday', '2026-11-20T10:00+08:00', '2026-11-02T09:00+08:00'],
    ['a month starting on a Tuesday', '2026-12-15T10:00+08:00', '2026-12-01T09:00+08:00'],
    ['the last minutes of that month', '2026-12-31T23:30+08:00', '2026-12-01T09:00+08:00'],
    ['a month starting on a Friday, just after midnight', '2027-01-01T00:10+08:00', '2027-01-01T09:00+08:00'],
    ['the day itself, after 09:00', '2026-12-01T18:00+08:00', '2026-12-01T09:00+08:00'],
  ])('GIVEN %s (%s) THEN %s', (_what, at, expected) => {
    expect(firstWorkingDayOfMonth(d(at), TZ)).toEqual(d(expected))
  })

  it('GIVEN another zone THEN 09:00 on its wall clock', () => {
    // 1 March 2026 is a Sunday; New York is still on EST then.
    expect(firstWorkingDayOfMonth(d('2026-03-20T12:00-04:00'), 'America/New_York')).toEqual(d('2026-03-02T09:00-05:00'))
  })
})
