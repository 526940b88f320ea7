import { describe, expect, it } from 'vitest'
import { ManualClock } from '../../clock.js'
import {
  adminTokenWeakness,
  AuthThrottle,
  DEFAULT_AUTH_THROTTLE,
  GENERATED_ADMIN_TOKEN_LENGTH,
  generateAdminToken,
  MIN_ADMIN_TOKEN_LENGTH,
  tokenFingerprint,
  waitMinutes,
  waitSeconds,
} from './auth-throttle.js'

const START = new Date('2026-11-27T10:00:00+08:00')
const MINUTE = 60_000
const setup = () => {
  const clock = new ManualClock(START)
  return { clock, throttle: new AuthThrottle(clock) }
}

/** Plays a script of [seconds after start, contact, outcome of the attempt] and returns each verdict. */
type Step = [seconds: number, contact: string, attempt: 'wrong' | 'right']
function play(steps: Step[]): string[] {
  const { clock, throttle } = setup()
  return steps.map(([seconds, contact, attempt]) => {
    clock.set(new Date(START.getTime() + seconds * 1000))
    const verdict = throttle.check(contact)
    if (!verdict.allowed) return `${verdict.brake} ${Math.ceil(verdict.retryAfterMs / 1000)}s`
    if (attempt === 'right') throttle.recordSuccess(contact)
    else throttle.recordFailure(contact)
    return 'compared'
  })
}

describe('AuthThrottle: one contact', () => {
  it.each<[string, Step[], string[]]>([
    ['4 wrong tries: still allowed', [[0, 'a', 'wrong'], [1, 'a', 'wrong'], [2, 'a', 'wrong'], [3, 'a', 'wrong'], [4, 'a', 'right']], ['compared', 'compared', 'compared', 'compared', 'compared']],
    [
      '5 wrong tries: the 6th waits 10 minutes, even with the right token',
      [[0, 'a', 'wrong'], [1, 'a', 'wrong'], [2, 'a', 'wrong'], [3, 'a', 'wrong'], [4, 'a', 'wrong'], [5, 'a', 'right']],
      ['compared', 'compared', 'compared', 'compared', 'compared', 'contact 599s'],
    ],
    [
      'after the 10 minutes the contact may try again',
      [[0, 'a', 'wrong'], [0, 'a', 'wrong'], [0, 'a', 'wrong'], [0, 'a', 'wrong'], [0, 'a', 'wrong'], [599, 'a', 'right'], [600, 'a', 'right']],
      ['compared', 'compared', 'compared', 'compared', 'compared', 'contact 1s', 'compared'],
    ],
    [
      'after a lock, 5 more wrong tries lock again',
      [[0, 'a', 'wrong'], [0, 'a', 'wrong'], [0, 'a', 'wrong'], [0, 'a', 'wrong'], [0, 'a', 'wrong'], [600, 'a', 'wrong'], [601, 'a', 'wrong'], [602, 'a', 'wrong'], [603, 'a', 'wrong'], [604, 'a', 'wrong'], [605, 'a', 'wrong']],
      ['compared', 'compared', 'compared', 'compared', 'compared', 'compared', 'compared', 'compared', 'compared', 'compared', 'contact 599s'],
    ],
    [
      'a patient guesser: failures older than 10 minutes no longer count',
      [[0, 'a', 'wrong'], [200, 'a', 'wrong'], [400, 'a', 'wrong'], [601, 'a', 'wrong'], [801, 'a', 'wrong'], [802, 'a', 'wrong']],
      ['compared', 'compared', 'compared', 'compared', 'compared', 'compared'],
    ],
    [
      'a right token clears the count: 4 wrong, right, 4 wrong is not a lock',
      [[0, 'a', 'wrong'], [0, 'a', 'wrong'], [0, 'a', 'wrong'], [0, 'a', 'wrong'], [1, 'a', 'right'], [2, 'a', 'wrong'], [2, 'a', 'wrong'], [2, 'a', 'wrong'], [2, 'a', 'wrong'], [3, 'a', 'right']],
      ['compared', 'compared', 'compared', 'compared', 'compared', 'compared', 'compared', 'compared', 'compared', 'compared'],
    ],
    [
      'one locked contact does not lock another',
      [[0, 'a', 'wrong'], [0, 'a', 'wrong'], [0, 'a', 'wrong'], [0, 'a', 'wrong'], [0, 'a', 'wrong'], [1, 'b', 'right'], [2, 'a', 'right']],
      ['compared', 'compared', 'compared', 'compared', 'compared', 'compared', 'contact 598s'],
    ],
  ])('GIVEN %s', (_what, steps, expected) => {
    expect(play(steps)).toEqual(expected)
  })
})

describe('AuthThrottle: everyone together', () => {
  it('GIVEN 20 contacts failing within a minute THEN every attempt, anyone\'s, is refused until the minute has passed', () => {
    const { clock, throttle } = setup()
    for (let i = 0; i < DEFAULT_AUTH_THROTTLE.maxFailuresGlobal; i++) {
      clock.set(new Date(START.getTime() + i * 1000))
      expect(throttle.check(`guesser${i}`)).toEqual({ allowed: true })
      throttle.recordFailure(`guesser${i}`)
    }
    expect(throttle.check('guesser0')).toEqual({ allowed: false, brake: 'global', retryAfterMs: 41_000 })
    expect(throttle.check('the-operator')).toEqual({ allowed: false, brake: 'global', retryAfterMs: 41_000 })
    clock.set(new Date(START.getTime() + MINUTE))
    expect(throttle.check('the-operator')).toEqual({ allowed: true })
  })

  it('GIVEN 500 wrong tokens in 5 seconds from 500 contacts THEN only the first 20 are compared', () => {
    const { clock, throttle } = setup()
    let compared = 0
    for (let i = 0; i < 500; i++) {
      clock.set(new Date(START.getTime() + i * 10))
      if (!throttle.check(`c${i}`).allowed) continue
      compared++
      throttle.recordFailure(`c${i}`)
    }
    expect(compared).toBe(20)
  })

  it('GIVEN 500 wrong tokens in 5 seconds from one contact THEN only 5 are compared', () => {
    const { clock, throttle } = setup()
    let compared = 0
    for (let i = 0; i < 500; i++) {
      clock.set(new Date(START.getTime() + i * 10))
      if (!throttle.check('c').allowed) continue
      compared++
      throttle.recordFailure('c')
    }
    expect(compared).toBe(5)
  })

  it('GIVEN a day of slow guessing from 10,000 contacts THEN the throttle forgets them as they age out', () => {
    const { clock, throttle } = setup()
    for (let i = 0; i < 10_000; i++) {
      clock.set(new Date(START.getTime() + i * 5000))
      if (throttle.check(`c${i}`).allowed) throttle.recordFailure(`c${i}`)
    }
    // Only the contacts of the last 10 minutes (120 attempts at one per 5 s) are remembered.
    expect(throttle.remembered).toBeLessThanOrEqual(121)
  })

  it('GIVEN recordFailure THEN it answers the verdict for the next attempt', () => {
    const { throttle } = setup()
    for (let i = 0; i < 4; i++) expect(throttle.recordFailure('a')).toEqual({ allowed: true })
    expect(throttle.recordFailure('a')).toEqual({ allowed: false, brake: 'contact', retryAfterMs: 10 * MINUTE })
  })
})

describe('admin token strength', () => {
  it.each<[string, string, string | null]>([
    ['15 characters', 'a1b2c3d4e5f6g7h', 'must be at least 16 characters (leave it unset and a 24-character token is generated at each start)'],
    ['8 characters (accepted before)', '7f3a9c2e', 'must be at least 16 characters (leave it unset and a 24-character token is generated at each start)'],
    ['16 Chinese characters count as 16', '支部助手管理员令牌一二三四五六七', null],
    ['16 characters', 'a1b2c3d4e5f6g7h8', null],
    ['16 times the same character', '1111111111111111', 'must mix at least 8 different characters'],
    ['7 different characters, repeated', 'abcdefgabcdefgabcdefg', 'must mix at least 8 different characters'],
    ['the test bench token', 'test-admin-token-123', null],
  ])('GIVEN %s THEN %j', (_what, token, weakness) => {
    expect(adminTokenWeakness(token)).toBe(weakness)
  })

  it('GIVEN a generated token THEN it is 24 URL-safe characters, strong, and never the same twice', () => {
    const tokens = Array.from({ length: 200 }, generateAdminToken)
    for (const token of tokens) {
      expect(token).toMatch(/^[A-Za-z0-9_-]{24}$/)
      expect(adminTokenWeakness(token)).toBeNull()
    }
    expect(new Set(tokens).size).toBe(tokens.length)
    expect(GENERATED_ADMIN_TOKEN_LENGTH).toBeGreaterThan(MIN_ADMIN_TOKEN_LENGTH)
  })

  it('GIVEN a token THEN its fingerprint is stable, different per token, and does not contain it', () => {
    const fingerprint = tokenFingerprint('test-admin-token-123')
    expect(fingerprint).toMatch(/^[0-9a-f]{64}$/)
    expect(tokenFingerprint('test-admin-token-123')).toBe(fingerprint)
    expect(tokenFingerprint('test-admin-token-124')).not.toBe(fingerprint)
  })

  it.each<[number, number, number]>([
    [1, 1, 1],
    [59_000, 1, 59],
    [60_000, 1, 60],
    [60_001, 2, 61],
    [599_000, 10, 599],
    [0, 1, 1],
  ])('GIVEN %i ms to wait THEN %i minute(s) or %i second(s)', (ms, minutes, seconds) => {
    expect(waitMinutes(ms)).toBe(minutes)
    expect(waitSeconds(ms)).toBe(seconds)
  })
})
