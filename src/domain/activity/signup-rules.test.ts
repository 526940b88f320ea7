import { describe, it, expect } from 'vitest'
import { signUpWindow, type SignUpWindow } from './signup-rules.js'

describe('signUpWindow', () => {
  const NOW = new Date('2026-11-27T13:00:00+08:00')
  const at = (minutesFromNow: number) => new Date(NOW.getTime() + minutesFromNow * 60_000)
  const ms = (msFromNow: number) => new Date(NOW.getTime() + msFromNow)

  it.each<[string, SignUpWindow, string, Date, Date | null]>([
    ['open, starts tomorrow, no deadline', 'open', 'open', at(24 * 60), null],
    ['open, deadline in an hour', 'open', 'open', at(24 * 60), at(60)],
    ['deadline exactly now (closed: the group is told at that instant)', 'deadline-passed', 'open', at(24 * 60), NOW],
    ['deadline 1 ms ago', 'deadline-passed', 'open', at(24 * 60), ms(-1)],
    ['deadline an hour ago', 'deadline-passed', 'open', at(24 * 60), at(-60)],
    ['start exactly now', 'started', 'open', NOW, null],
    ['start 1 ms ahead', 'open', 'open', ms(1), null],
    ['started an hour ago', 'started', 'open', at(-60), null],
    ['started and deadline passed', 'started', 'open', at(-60), at(-120)],
    ['cancelled, still ahead', 'cancelled', 'cancelled', at(24 * 60), null],
    ['cancelled after its deadline', 'cancelled', 'cancelled', at(24 * 60), at(-60)],
    ['cancelled after it started', 'cancelled', 'cancelled', at(-60), at(-120)],
  ])('GIVEN %s THEN %s', (_what, expected, status, startsAt, deadline) => {
    expect(signUpWindow({ status, startsAt, deadline }, NOW)).toBe(expected)
  })
})
