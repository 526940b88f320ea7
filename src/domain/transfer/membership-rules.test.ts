import { describe, expect, it } from 'vitest'
import { acceptTransfer, cancelTransfer, checkTransferOut, daysWaiting, membershipAt, owesDuesHere, reportMoment, transferReminderDue, transferStart, type MembershipPeriod } from './membership-rules.js'

const d = (s: string) => new Date(`${s}T00:00:00+08:00`)
const moved: MembershipPeriod[] = [
  { orgId: 1, from: null, until: d('2026-11-10') },
  { orgId: 2, from: d('2026-11-10'), until: null },
]
const gone: MembershipPeriod[] = [{ orgId: 1, from: null, until: d('2026-11-10') }]

describe('membershipAt: where a member belonged at a moment', () => {
  it.each([
    [moved, '2020-01-01', 1], // since before the bot knew
    [moved, '2026-11-09', 1],
    [moved, '2026-11-10', 2], // the day of 接收 belongs to the new organisation
    [moved, '2027-01-01', 2],
    [gone, '2026-11-10', null], // 转出 outside the tree: no organisation here
    [[{ orgId: 3, from: d('2026-11-01'), until: null }], '2026-10-31', null], // not yet
    [[], '2026-11-01', null],
  ] as const)('%j at %s → %s', (periods, at, expected) => {
    expect(membershipAt(periods, d(at))).toBe(expected)
  })
})

describe('reportMoment: whom a period\'s report lists', () => {
  it.each([
    [{ start: d('2026-11-01'), end: d('2026-12-01') }, d('2026-12-01').getTime() - 1],
    [{ start: d('2026-01-01'), end: d('2027-01-01') }, d('2027-01-01').getTime() - 1],
  ] as const)('%j → its last instant', (period, expected) => {
    expect(reportMoment(period).getTime()).toBe(expected)
  })
  it('the member moved on 11-10 counts in October at the old branch and in November at the new', () => {
    expect(membershipAt(moved, reportMoment({ end: d('2026-11-01') }))).toBe(1)
    expect(membershipAt(moved, reportMoment({ end: d('2026-12-01') }))).toBe(2)
  })
})

describe('transfer state machine: 转出 → 接收', () => {
  it.each([
    [{ inTree: false, askerOverIt: false }, 'out'],
    [{ inTree: false, askerOverIt: true }, 'out'],
    [{ inTree: true, askerOverIt: false }, 'pending'],
    [{ inTree: true, askerOverIt: true }, 'accepted'], // an officer over both does it in one step
  ] as const)('start %j → %s', (destination, expected) => {
    expect(transferStart(destination)).toBe(expected)
  })

  it.each([
    ['pending', { ok: true, state: 'accepted' }],
    ['accepted', { ok: false, state: 'accepted' }],
    ['out', { ok: false, state: 'out' }],
  ] as const)('接收 of a %s transfer → %j', (state, expected) => {
    expect(acceptTransfer(state)).toEqual(expected)
  })

  it.each([
    ['pending', { ok: true, state: 'cancelled' }],
    ['accepted', { ok: false, state: 'accepted' }],
    ['out', { ok: false, state: 'out' }],
    ['cancelled', { ok: false, state: 'cancelled' }],
  ] as const)('撤销转出 of a %s transfer → %j', (state, expected) => {
    expect(cancelTransfer(state)).toEqual(expected)
  })
  it('a cancelled transfer is not accepted', () => {
    expect(acceptTransfer('cancelled')).toEqual({ ok: false, state: 'cancelled' })
  })

  const base = { fromOrgId: 1, toOrgId: 2, pending: false, flowingIn: false }
  it.each([
    [base, null],
    [{ ...base, toOrgId: null }, null], // outside the tree
    [{ ...base, toOrgId: 1 }, 'sameOrg'],
    [{ ...base, pending: true }, 'alreadyPending'],
    [{ ...base, flowingIn: true }, 'flowingIn'], // a 流入 registration is not the formal relationship
  ] as const)('转出 %j → %s', (input, expected) => {
    expect(checkTransferOut(input)).toBe(expected)
  })
})

describe('pending transfers are reminded every 30 days (a practice, configurable)', () => {
  it.each([
    [1, '2026-12-10'],
    [2, '2027-01-09'],
  ] as const)('reminder %d → %s', (n, expected) => {
    expect(transferReminderDue(d('2026-11-10'), n)).toEqual(d(expected))
  })
  it.each([
    ['2026-12-09', 29],
    ['2026-12-10', 30],
  ] as const)('waiting until %s → %d days', (now, expected) => {
    expect(daysWaiting(d('2026-11-10'), d(now))).toBe(expected)
  })
})

describe('owesDuesHere: 流入 members pay dues at home', () => {
  it.each([
    [null, true],
    ['out', true], // working away, still paying their branch
    ['in', false],
  ] as const)('%s → %s', (flow, expected) => {
    expect(owesDuesHere(flow)).toBe(expected)
  })
})
