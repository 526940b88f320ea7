import { describe, expect, it } from 'vitest'
import { periodsInRange } from './compliance-rules.js'
import { complianceCalendar, periodCounts, periodOf, type MeetingType } from './meeting-rules.js'

const TZ = 'Asia/Shanghai'
const at = (iso: string) => new Date(`${iso}+08:00`)

describe('periodCounts: a branch answers only for periods that began once it was bound', () => {
  it.each([
    ['bound mid-month: that month does not count', 'monthly', '2026-11-15T00:00:00', '2026-11-27T10:00:00', false],
    ['bound mid-month: the next month counts', 'monthly', '2026-12-02T00:00:00', '2026-11-27T10:00:00', true],
    ['bound at the very start of a month: it counts', 'monthly', '2026-12-10T00:00:00', '2026-12-01T00:00:00', true],
    ['bound in November: Q4 does not count', 'quarterly', '2026-12-10T00:00:00', '2026-11-27T10:00:00', false],
    ['bound in November: Q1 next year counts', 'quarterly', '2027-02-10T00:00:00', '2026-11-27T10:00:00', true],
    ['bound in 2026: 2026 does not count', 'yearly', '2026-12-10T00:00:00', '2026-01-02T00:00:00', false],
    ['no binding date: every period counts', 'monthly', '2026-12-10T00:00:00', null, true],
  ] as const)('%s', (_name, frequency, inPeriod, since, counts) => {
    expect(periodCounts(periodOf(frequency, at(inPeriod), TZ), since === null ? null : at(since))).toBe(counts)
  })
})

describe('complianceCalendar with the binding date and scheduled meetings', () => {
  const stateOf = (type: MeetingType, now: string, context: Parameters<typeof complianceCalendar>[4], held: { type: MeetingType; heldAt: Date }[] = []) =>
    complianceCalendar(held, at(now), TZ, undefined, context).find((r) => r.type === type)!.state

  it.each([
    // [case, type, now, since, scheduled start (or null), expected]
    ['bound today, nothing held: 待开, not 逾期', '支委会', '2026-11-27T10:00:00', '2026-11-27T09:00:00', null, 'due'],
    ['bound last month, nothing held this month: still 待开 (last month did not count)', '支委会', '2026-12-10T10:00:00', '2026-11-27T09:00:00', null, 'due'],
    ['bound two months ago, last month missed: 逾期', '支委会', '2027-01-10T10:00:00', '2026-11-27T09:00:00', null, 'overdue'],
    ['last month missed but one scheduled this month: 待开', '支委会', '2027-01-10T10:00:00', '2026-11-27T09:00:00', '2027-01-20T19:00:00', 'due'],
    ['scheduled next month does not excuse this one', '支委会', '2027-01-10T10:00:00', '2026-11-27T09:00:00', '2027-02-03T19:00:00', 'overdue'],
    ['bound in November: 组织生活会 of the same year is 待开', '组织生活会', '2026-12-10T10:00:00', '2026-11-27T09:00:00', null, 'due'],
    ['bound in November: 组织生活会 of the next year is 待开 (2026 did not count)', '组织生活会', '2027-03-10T10:00:00', '2026-11-27T09:00:00', null, 'due'],
    ['bound in November: 2027 missed, so 2028 is 逾期', '组织生活会', '2028-03-10T10:00:00', '2026-11-27T09:00:00', null, 'overdue'],
    ['no binding date: as before, 逾期', '党员大会', '2026-11-27T10:00:00', null, null, 'overdue'],
  ] as const)('%s', (_name, type, now, since, scheduled, expected) => {
    const context = { since: since === null ? null : at(since), scheduled: scheduled === null ? [] : [{ type, startsAt: at(scheduled) }] }
    expect(stateOf(type, now, context)).toBe(expected)
  })

  it('GIVEN one held this period THEN 已开 whatever the binding date', () => {
    expect(stateOf('党课', '2026-11-27T10:00:00', { since: at('2026-11-20T00:00:00') }, [{ type: '党课', heldAt: at('2026-11-25T19:00:00') }])).toBe('held')
  })
})

describe('periodsInRange: last quarter or this year, counted from the binding', () => {
  const year = periodOf('yearly', at('2026-11-27T10:00:00'), TZ)
  const labels = (since: string | null, held: { type: MeetingType; heldAt: Date }[] = []) =>
    periodsInRange('支委会', 'monthly', year, held, at('2026-11-27T10:00:00'), TZ, since === null ? null : at(since)).map((t) => `${t.period.label}:${t.state}`)

  it.each([
    ['never bound (no date): every month of the year', null, 11],
    ['bound in September: October and November only', '2026-09-15T10:00:00', 2],
    ['bound this month: only the running month', '2026-11-27T09:00:00', 1],
  ] as const)('%s', (_name, since, count) => {
    const list = labels(since)
    expect(list).toHaveLength(count)
    expect(list.at(-1)).toBe('2026年11月:due')
    expect(list.slice(0, -1).every((l) => l.endsWith(':overdue'))).toBe(true)
  })

  it('GIVEN a meeting held in the month of binding THEN it counts as held though the month was not required', () => {
    expect(labels('2026-09-15T10:00:00', [{ type: '支委会', heldAt: at('2026-09-20T19:00:00') }])).toEqual(['2026年9月:held', '2026年10月:overdue', '2026年11月:due'])
  })
})
