import { describe, it, expect } from 'vitest'
import { ACCEPTED_TIME_FORMS, formatChineseTime, parseChineseTime } from './parse-time.js'

// Friday 27 Nov 2026, 13:00 in Shanghai (05:00Z).
const NOW = new Date('2026-11-27T13:00:00+08:00')
const ZONE = 'Asia/Shanghai'

const parse = (text: string, now = NOW, zone = ZONE) => {
  const r = parseChineseTime(text, now, zone)
  return r.ok ? r.at.toISOString() : r.reason
}

describe('parseChineseTime', () => {
  it.each([
    // relative days
    ['明天下午3点', '2026-11-28T07:00:00.000Z'],
    ['明天下午三点', '2026-11-28T07:00:00.000Z'],
    ['明天 下午3点半', '2026-11-28T07:30:00.000Z'],
    ['后天上午10点', '2026-11-29T02:00:00.000Z'],
    ['今晚8点', '2026-11-27T12:00:00.000Z'],
    ['今夜8点', '2026-11-27T12:00:00.000Z'],
    ['明早8点', '2026-11-28T00:00:00.000Z'],
    // weekdays: 下周X is X in the next Monday-based week
    ['下周六上午9点', '2026-12-05T01:00:00.000Z'],
    ['下周六上午九点', '2026-12-05T01:00:00.000Z'],
    ['下周日上午9点', '2026-12-06T01:00:00.000Z'],
    ['下周一 10:00', '2026-11-30T02:00:00.000Z'],
    ['下个星期三晚上7点', '2026-12-02T11:00:00.000Z'],
    ['周五 14:00', '2026-11-27T06:00:00.000Z'],
    ['周四 14:00', '2026-12-03T06:00:00.000Z'],
    ['星期天 9:00', '2026-11-29T01:00:00.000Z'],
    // month-day
    ['11月30日 9:00', '2026-11-30T01:00:00.000Z'],
    ['12月3日 19:00', '2026-12-03T11:00:00.000Z'],
    ['12月3日晚上7点半', '2026-12-03T11:30:00.000Z'],
    ['12月3日晚7点', '2026-12-03T11:00:00.000Z'],
    ['十二月三日晚上七点半', '2026-12-03T11:30:00.000Z'],
    ['12月3号 十点半', '2026-12-03T02:30:00.000Z'],
    ['12月3日 十二点', '2026-12-03T04:00:00.000Z'],
    ['12/3 19:00', '2026-12-03T11:00:00.000Z'],
    ['11月27日 20:00', '2026-11-27T12:00:00.000Z'],
    ['11月1日 9:00', '2027-11-01T01:00:00.000Z'],
    ['12月3日晚上12点', '2026-12-03T16:00:00.000Z'], // midnight ending 3 Dec, not noon
    // full dates
    ['2026-12-01 14:00', '2026-12-01T06:00:00.000Z'],
    ['2026/12/01 14:00', '2026-12-01T06:00:00.000Z'],
    ['2026-12-01T14:00', '2026-12-01T06:00:00.000Z'],
    ['2026年12月1日 14:30', '2026-12-01T06:30:00.000Z'],
    // full-width and filler
    ['１２月３日 １９：００', '2026-12-03T11:00:00.000Z'],
    ['明天　下午３点', '2026-11-28T07:00:00.000Z'],
    ['  明天下午3点。 ', '2026-11-28T07:00:00.000Z'],
    // our own output format reads back
    ['12月5日(周六) 09:00', '2026-12-05T01:00:00.000Z'],
    ['2027年1月3日(周日) 09:00', '2027-01-03T01:00:00.000Z'],
  ])('GIVEN "%s" on Fri 27 Nov 13:00 THEN it is %s', (text, iso) => {
    expect(parse(text)).toBe(iso)
  })

  it.each([
    ['今天上午9点'],
    ['今天下午1点'], // exactly now
    ['11月27日 12:00'], // earlier today: not rolled to next year
    ['昨天下午3点'],
    ['上周五 14:00'],
    ['2026-11-01 10:00'],
  ])('GIVEN "%s" (at or before now) THEN past', (text) => {
    expect(parse(text)).toBe('past')
  })

  it.each([['下周一'], ['12月3日'], ['明天'], ['明天下午'], ['今晚'], ['下周六 上午']])(
    'GIVEN a date without an hour "%s" THEN no-hour',
    (text) => {
      expect(parse(text)).toBe('no-hour')
    },
  )

  it.each([
    [''],
    ['   '],
    ['随便'],
    ['hello'],
    ['明天下午3点开会'],
    ['大概明天下午3点'],
    ['9点'], // no day: we don't guess today or tomorrow
    ['2026年2月30日 9:00'],
    ['12月3日 25:00'],
  ])('GIVEN "%s" THEN unreadable', (text) => {
    expect(parse(text)).toBe('unreadable')
  })

  it('GIVEN 20 KB of emoji THEN unreadable, quickly', () => {
    const started = performance.now()
    expect(parse('🎉'.repeat(5120))).toBe('unreadable')
    expect(performance.now() - started).toBeLessThan(50)
  })

  it('GIVEN every accepted form shown to users THEN each is readable', () => {
    for (const form of ACCEPTED_TIME_FORMS) expect(parseChineseTime(form, NOW, ZONE).ok).toBe(true)
  })

  it('GIVEN zone UTC THEN days and hours are read on the UTC calendar', () => {
    // 20:00Z on Fri 27 Nov is already Sat 28 Nov 04:00 in Shanghai.
    const lateFriday = new Date('2026-11-27T20:00:00Z')
    expect(parse('明天下午3点', lateFriday, 'UTC')).toBe('2026-11-28T15:00:00.000Z')
    expect(parse('明天下午3点', lateFriday, ZONE)).toBe('2026-11-29T07:00:00.000Z')
    expect(parse('下周六上午9点', lateFriday, 'UTC')).toBe('2026-12-05T09:00:00.000Z')
    expect(parse('下周六上午9点', lateFriday, ZONE)).toBe('2026-12-05T01:00:00.000Z')
  })

  it('GIVEN a zone with DST and a date across the switch THEN the typed wall-clock time is kept', () => {
    // Berlin is UTC+1 in November but UTC+2 in July.
    expect(parse('2027-07-01 09:00', NOW, 'Europe/Berlin')).toBe('2027-07-01T07:00:00.000Z')
  })
})

describe('parseChineseTime: the forms people also write', () => {
  it.each([
    // month.day and month/day, as on paper notices
    ['12.5 晚7点', '2026-12-05T11:00:00.000Z'],
    ['12.5晚上7点半', '2026-12-05T11:30:00.000Z'],
    ['12/5 19:00', '2026-12-05T11:00:00.000Z'],
    ['１２．５ １９：００', '2026-12-05T11:00:00.000Z'],
    ['11.1 9:00', '2027-11-01T01:00:00.000Z'], // already over this year
    // a day of this or next month
    ['下个月3号上午9点', '2026-12-03T01:00:00.000Z'],
    ['下月3号上午9点', '2026-12-03T01:00:00.000Z'],
    ['下个月十五号 14:00', '2026-12-15T06:00:00.000Z'],
    ['本月30号下午2点', '2026-11-30T06:00:00.000Z'],
    ['这个月30日 9:00', '2026-11-30T01:00:00.000Z'],
    // the end of the month
    ['月底下午3点', '2026-11-30T07:00:00.000Z'],
    ['本月底 9:00', '2026-11-30T01:00:00.000Z'],
    ['下个月底上午10点', '2026-12-31T02:00:00.000Z'],
    // 本周五 is this Friday (today)
    ['本周五晚上7点', '2026-11-27T11:00:00.000Z'],
    // a time of day with its period and no date is today
    ['下午三点半', '2026-11-27T07:30:00.000Z'],
    ['下午3:30', '2026-11-27T07:30:00.000Z'],
    ['晚上8点', '2026-11-27T12:00:00.000Z'],
  ])('GIVEN "%s" on Fri 27 Nov 13:00 THEN it is %s', (text, iso) => {
    expect(parse(text)).toBe(iso)
  })

  it.each([['月底'], ['本月底'], ['下个月3号'], ['本周五晚上'], ['12.5'], ['下个月底 晚上']])(
    'GIVEN "%s" (a day, no hour) THEN no-hour, as for 下周一',
    (text) => {
      expect(parse(text)).toBe('no-hour')
    },
  )

  it.each([['上午10点'], ['中午12点'], ['下午1点']])('GIVEN "%s" with no date, earlier today THEN past', (text) => {
    expect(parse(text)).toBe('past')
  })

  it.each([['下个月32号 9:00'], ['13.5 9:00'], ['3点'], ['下午']])('GIVEN "%s" THEN not a time we read', (text) => {
    expect(parse(text)).not.toMatch(/^\d{4}-/)
  })

  describe('a bare weekday that names today at an hour already past', () => {
    // Saturday 28 Nov 2026, 10:00 in Shanghai.
    const SATURDAY = new Date('2026-11-28T10:00:00+08:00')
    it.each([
      ['周六上午9点', '2026-12-05T01:00:00.000Z', true],
      ['星期六 9:00', '2026-12-05T01:00:00.000Z', true],
      ['周六上午11点', '2026-11-28T03:00:00.000Z', false],
      ['周日上午9点', '2026-11-29T01:00:00.000Z', false],
    ])('GIVEN "%s" on Sat 28 Nov 10:00 THEN %s (rolled to next week: %s)', (text, iso, rolled) => {
      const result = parseChineseTime(text, SATURDAY, ZONE)
      expect(result).toEqual({ ok: true, at: new Date(iso), ...(rolled ? { rolledToNextWeek: true } : {}) })
    })

    it.each([['本周六上午9点'], ['今天上午9点'], ['11月28日 9:00']])('GIVEN "%s" (today named outright) THEN past, not rolled', (text) => {
      expect(parseChineseTime(text, SATURDAY, ZONE)).toEqual({ ok: false, reason: 'past' })
    })
  })
})

describe('formatChineseTime', () => {
  it.each([
    ['2026-12-05T01:00:00.000Z', ZONE, '12月5日(周六) 09:00'],
    ['2027-01-03T01:00:00.000Z', ZONE, '2027年1月3日(周日) 09:00'],
    ['2026-11-27T20:00:00.000Z', ZONE, '11月28日(周六) 04:00'],
    ['2026-11-27T20:00:00.000Z', 'UTC', '11月27日(周五) 20:00'],
  ])('GIVEN %s in %s THEN "%s"', (iso, zone, expected) => {
    expect(formatChineseTime(new Date(iso), zone, NOW)).toBe(expected)
  })

  it('GIVEN a formatted time THEN parsing it gives the same instant back', () => {
    const at = new Date('2026-12-05T01:00:00.000Z')
    expect(parseChineseTime(formatChineseTime(at, ZONE, NOW), NOW, ZONE)).toEqual({ ok: true, at })
  })
})
