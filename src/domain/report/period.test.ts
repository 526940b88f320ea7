import { describe, expect, it } from 'vitest'
import { monthsOf, parsePeriod } from './period.js'
import { BUILT_IN_NAMES } from '../../../test/support/built-in-names.js'

const TZ = 'Asia/Shanghai'
const NOW = new Date('2026-11-27T10:00:00+08:00')

describe('parsePeriod', () => {
  it.each([
    [undefined, '2026年11月', '2026-11-01T00:00:00+08:00', '2026-12-01T00:00:00+08:00'],
    ['本月', '2026年11月', '2026-11-01T00:00:00+08:00', '2026-12-01T00:00:00+08:00'],
    ['上月', '2026年10月', '2026-10-01T00:00:00+08:00', '2026-11-01T00:00:00+08:00'],
    ['本季度', '2026年第4季度', '2026-10-01T00:00:00+08:00', '2027-01-01T00:00:00+08:00'],
    ['上季度', '2026年第3季度', '2026-07-01T00:00:00+08:00', '2026-10-01T00:00:00+08:00'],
    ['本年', '2026年', '2026-01-01T00:00:00+08:00', '2027-01-01T00:00:00+08:00'],
    ['去年', '2025年', '2025-01-01T00:00:00+08:00', '2026-01-01T00:00:00+08:00'],
    ['2026-09', '2026年9月', '2026-09-01T00:00:00+08:00', '2026-10-01T00:00:00+08:00'],
    ['2026年2月', '2026年2月', '2026-02-01T00:00:00+08:00', '2026-03-01T00:00:00+08:00'],
  ])('GIVEN %s on 27 Nov 2026 THEN %s', (word, label, start, end) => {
    expect(parsePeriod(word, NOW, TZ)).toEqual({ label, start: new Date(start), end: new Date(end) })
  })

  it.each<[string]>([['明年'], ['2026-13'], ['1999-01'], ['十一月'], [''], ...BUILT_IN_NAMES.map((n): [string] => [n])])('GIVEN %s THEN null', (word) => {
    expect(parsePeriod(word, NOW, TZ)).toBeNull()
  })

  it('GIVEN 上月 in January THEN December of the year before', () => {
    expect(parsePeriod('上月', new Date('2027-01-01T00:10:00+08:00'), TZ)!.label).toBe('2026年12月')
  })
})

describe('monthsOf', () => {
  it('GIVEN a quarter THEN its three months; a month THEN itself', () => {
    expect(monthsOf(parsePeriod('本季度', NOW, TZ)!, TZ)).toEqual(['2026-10', '2026-11', '2026-12'])
    expect(monthsOf(parsePeriod('2026-02', NOW, TZ)!, TZ)).toEqual(['2026-02'])
    expect(monthsOf(parsePeriod('本年', NOW, TZ)!, TZ)).toHaveLength(12)
  })
})
