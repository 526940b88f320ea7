import * as zh from 'chrono-node/zh'
import { wallClock } from './wall-clock.js'

export type TimeParse =
  /** `rolledToNextWeek`: a bare weekday that named today at an hour already past (周六上午9点 on a
   * Saturday at 10:00) was read as the same day next week; the reply should say so. */
  | { ok: true; at: Date; rolledToNextWeek?: true }
  | { ok: false; reason: 'unreadable' | 'past' | 'no-hour' }

/** The examples shown to users when a time can't be read. */
export const ACCEPTED_TIME_FORMS: readonly string[] = Object.freeze([
  '明天下午3点',
  '下周六上午9点',
  '11月30日 9:00',
  '2026-12-01 14:00',
])

// No real time expression is this long; anything longer is rejected before any regex or chrono work,
// which keeps pasted walls of text (or 20 KB of emoji) cheap.
const MAX_INPUT_CHARS = 100

// What may be left over around the parsed time without changing its meaning.
const FILLER = /^[\s,，.。!！、~～]*$/
// chrono reads "明天下午" as a date plus a separate, hour-less "下午"; that is still a date without an hour.
const PERIOD_ONLY = /^[\s,，.。!！、~～]*(?:上午|下午|中午|晚上|早上|凌晨)[\s,，.。!！、~～]*$/

const ZH_DIGIT: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 }
// Monday-based (ISO) weekday numbers, so that 下周X means "X in next Mon–Sun week".
const ISO_WEEKDAY: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 日: 7, 天: 7 }
const RELATIVE_DAY: Record<string, number> = { 昨: -1, 今: 0, 明: 1, 后: 2, 大后: 3 }
const WEEK_SHIFT: Record<string, number> = { 上: -7, 这: 0, 本: 0, 下: 7, 下下: 14 }

/**
 * Reads a Chinese natural-language time relative to `now`, in the IANA zone `timeZone` (e.g. 'Asia/Shanghai').
 * A time of day with its period and no date (下午三点半) is today; a bare 9点 stays unreadable (9:00 or 21:00?).
 */
export function parseChineseTime(text: string, now: Date, timeZone: string): TimeParse {
  const trimmed = text.trim()
  if (trimmed === '' || trimmed.length > MAX_INPUT_CHARS) return { ok: false, reason: 'unreadable' }
  const today = civilToday(now, timeZone)
  const result = parseNormalised(normalise(trimmed, today, 0), now, timeZone)
  // 周六上午9点 typed on a Saturday at 10:00 means next Saturday, not a time already gone.
  if (!result.ok && result.reason === 'past' && namesTodayByWeekday(trimmed, today)) {
    const nextWeek = parseNormalised(normalise(trimmed, today, 7), now, timeZone)
    if (nextWeek.ok) return { ...nextWeek, rolledToNextWeek: true }
  }
  return result
}

function parseNormalised(normalised: string, now: Date, timeZone: string): TimeParse {
  // chrono only understands fixed offsets ('Asia/Shanghai' is silently ignored), so we pass minutes.
  // forwardDate changes nothing here: normalise() makes every date explicit and we reject the rest below.
  const offset = zoneOffsetMinutes(now, timeZone)
  const results = zh.hans.parse(normalised, { instant: now, timezone: offset }, { forwardDate: true })
  const first = results[0]
  if (!first) return { ok: false, reason: 'unreadable' }

  // normalise() turns every supported date form into an explicit 年月日, so an uncertain date means
  // chrono read something else (e.g. a bare "9点"), whose day chrono would guess in the host's zone.
  const { start } = first
  if (!start.isCertain('year') || !start.isCertain('month') || !start.isCertain('day')) {
    return { ok: false, reason: 'unreadable' }
  }
  // "明天下午3点开会" or "大概12月3日吧" must not silently become a time: only filler may remain.
  const rest = normalised.slice(0, first.index) + normalised.slice(first.index + first.text.length)
  const hasHour = start.isCertain('hour')
  if (!FILLER.test(rest) && (hasHour || !PERIOD_ONLY.test(rest))) return { ok: false, reason: 'unreadable' }
  // chrono silently fills in 12:00 for a bare date; we ask instead of guessing.
  if (!hasHour) return { ok: false, reason: 'no-hour' }

  let at = start.date()
  // chrono reads 晚上12点 as noon; in Chinese it is the midnight that ends that evening.
  if (start.get('hour') === 12 && /晚上\s*(?:12|十二)[点:]/.test(normalised)) {
    at = new Date(at.getTime() + 12 * 3_600_000)
  }
  // The offset was taken at `now`; if the zone observes DST and the target is on the other side
  // of a switch, shift by the difference so the wall-clock time the user typed is kept.
  at = new Date(at.getTime() + (offset - zoneOffsetMinutes(at, timeZone)) * 60_000)
  if (at.getTime() <= now.getTime()) return { ok: false, reason: 'past' }
  return { ok: true, at }
}

/** Formats an instant for users in the zone, e.g. '12月5日(周六) 09:00' ('2027年1月3日(周日) 09:00' in another year than `now`). */
export function formatChineseTime(at: Date, timeZone: string, now: Date): string {
  const w = wallClock(at, timeZone)
  const weekday = '日一二三四五六'[new Date(Date.UTC(w.year, w.month - 1, w.day)).getUTCDay()]
  const year = w.year === wallClock(now, timeZone).year ? '' : `${w.year}年`
  return `${year}${w.month}月${w.day}日(周${weekday}) ${pad(w.hour)}:${pad(w.minute)}`
}

interface CivilDate {
  year: number
  month: number
  day: number
}

/**
 * Rewrites the input so chrono only ever sees explicit "YYYY年M月D日" dates plus a time of day.
 * chrono's zh parsers compute 明天 / 周五 / year-less dates from the host's local clock (not the
 * reference zone), treat 下周日 as the coming Sunday, and roll year-less dates by a comparison that is
 * off by the host/zone offset; doing the date arithmetic here on the zone's calendar avoids all of that.
 */
function normalise(text: string, today: CivilDate, bareWeekdayTodayShift: 0 | 7): string {
  const ymd = (d: CivilDate) => `${d.year}年${d.month}月${d.day}日`
  const todayIsoWeekday = isoWeekday(today)
  const dated = text
      // Full-width digits, colon, slash and ideographic space → ASCII.
      .normalize('NFKC')
      // 2026-12-01 / 2026/12/01 / 2026.12.01 (optionally ISO "T") → 2026年12月01日
      .replace(/(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?!\d)T?/g, '$1年$2月$3日')
      // 12/3 and 12.3 → 12月3日 (month first, as written in China); 12.3 never before 点/: (not an hour).
      .replace(/(?<![\d/.])(1[0-2]|0?[1-9])[/.](3[01]|[12]\d|0?[1-9])(?![\d/.:点时])/g, '$1月$2日')
      // 下个月3号 / 本月15日 → that day of that month; 月底 / 下个月底 → its last day.
      .replace(/(下下|下|本|这)个?月(?:([\d一二两三四五六七八九十]{1,3})[日号]|底)/g, (whole, shift: string, d: string | undefined) => {
        const month = addMonths(today, MONTH_SHIFT.get(shift) ?? 0)
        const day = d === undefined ? daysInMonth(month) : zhNumber(d)
        return Number.isNaN(day) ? whole : ymd({ ...month, day })
      })
      .replace(/(?<![\d一二两三四五六七八九十年个])月底/g, () => ymd({ ...addMonths(today, 0), day: daysInMonth(today) }))
      // Our own output format "12月5日(周六) 09:00" should read back: drop the redundant weekday.
      .replace(/([日号])\s*[(（](?:周|星期|礼拜)[一二三四五六日天][)）]/g, '$1')
      // 今天 / 明天 / 后天 / 大后天 / 昨天, and 今晚 / 明早 (the 早/晚 stays for the rule below).
      .replace(/(大后|后|明|今|昨)(?:天|日|(?=[早晚夜]))/g, (_, rel: string) =>
        ymd(addDays(today, RELATIVE_DAY[rel] ?? 0)),
      )
      // 下周六 = Saturday of next Monday-based week; bare 周五 = the next Friday, today included.
      .replace(
        /(下下|上|下|这|本)?个?(?:周|星期|礼拜)([一二三四五六日天])/g,
        (_, shift: string | undefined, wd: string) => {
          const target = ISO_WEEKDAY[wd] ?? 1
          const days =
            shift === undefined
              ? (target - todayIsoWeekday + 7) % 7 || (target === todayIsoWeekday ? bareWeekdayTodayShift : 0)
              : target - todayIsoWeekday + (WEEK_SHIFT[shift] ?? 0)
          return ymd(addDays(today, days))
        },
      )
      // Year-less 11月30日: this year unless that day is already over, then next year.
      .replace(
        /(?<!年\s*|[\d〇零一二两三四五六七八九十])([\d一二两三四五六七八九十]{1,3})月([\d一二两三四五六七八九十]{1,3})[日号]?/g,
        (whole, m: string, d: string) => {
          const month = zhNumber(m)
          const day = zhNumber(d)
          if (Number.isNaN(month) || Number.isNaN(day)) return whole
          const passed = month * 100 + day < today.month * 100 + today.day
          return ymd({ year: today.year + (passed ? 1 : 0), month, day })
        },
      )
      // chrono reads 晚上 but not a lone 晚 ("晚7点"), and reads 夜8点 as 08:00.
      .replace(/夜晚?|晚(?!上)/g, '晚上')
      .replace(/早晨|早(?!上)/g, '早上')
  // 下午三点半 with no date at all is today (a bare 9点 is not: it could be morning or evening).
  return /\d{4}年/.test(dated) ? dated : dated.replace(/^(?=(?:上午|下午|中午|晚上|早上|凌晨)\s*[\d一二两三四五六七八九十]+\s*[点:])/, ymd(today))
}

const MONTH_SHIFT: ReadonlyMap<string, number> = new Map([['本', 0], ['这', 0], ['下', 1], ['下下', 2]])

/** Whether the text names today by a bare weekday (周六 on a Saturday), the only case rolled to next week. */
function namesTodayByWeekday(text: string, today: CivilDate): boolean {
  const todayIsoWeekday = isoWeekday(today)
  for (const m of text.normalize('NFKC').matchAll(/(下下|上|下|这|本)?个?(?:周|星期|礼拜)([一二三四五六日天])/g)) {
    if (m[1] === undefined && ISO_WEEKDAY[m[2]!] === todayIsoWeekday) return true
  }
  return false
}

/** 1–99 written as digits or Chinese numerals (九, 十, 十二, 二十一); NaN otherwise. */
function zhNumber(s: string): number {
  if (/^\d+$/.test(s)) return Number(s)
  const tens = /^([一二两三四五六七八九])?十([一二三四五六七八九])?$/.exec(s)
  if (tens) return (tens[1] ? (ZH_DIGIT[tens[1]] ?? 0) : 1) * 10 + (tens[2] ? (ZH_DIGIT[tens[2]] ?? 0) : 0)
  return s.length === 1 ? (ZH_DIGIT[s] ?? Number.NaN) : Number.NaN
}


function zoneOffsetMinutes(at: Date, timeZone: string): number {
  const w = wallClock(at, timeZone)
  // Compare against `at` truncated to the minute, since the wall clock above has no seconds.
  const atMinute = Math.floor(at.getTime() / 60_000) * 60_000
  return (Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute) - atMinute) / 60_000
}

function civilToday(now: Date, timeZone: string): CivilDate {
  const { year, month, day } = wallClock(now, timeZone)
  return { year, month, day }
}

// Calendar arithmetic in UTC, where every day is 24 h, so DST never shifts the date.
function addDays(d: CivilDate, days: number): CivilDate {
  const t = new Date(Date.UTC(d.year, d.month - 1, d.day + days))
  return { year: t.getUTCFullYear(), month: t.getUTCMonth() + 1, day: t.getUTCDate() }
}

function addMonths(d: CivilDate, months: number): { year: number; month: number } {
  const index = d.year * 12 + (d.month - 1) + months
  return { year: Math.floor(index / 12), month: (index % 12) + 1 }
}

function daysInMonth(m: { year: number; month: number }): number {
  return new Date(Date.UTC(m.year, m.month, 0)).getUTCDate()
}

function isoWeekday(d: CivilDate): number {
  return new Date(Date.UTC(d.year, d.month - 1, d.day)).getUTCDay() || 7
}

const pad = (n: number) => String(n).padStart(2, '0')
