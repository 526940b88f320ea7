import { monthOf } from '../dues/dues-ledger.js'
import { periodOf, type Period } from '../meeting/meeting-rules.js'

export type { Period }

export const PERIOD_WORDS = ['本月', '上月', '本季度', '上季度', '本年', '去年'] as const

/**
 * The reporting period a user names: 本月 上月 本季度 上季度 本年 去年, `2026-11` or `2026年11月`
 * (default 本月), in the zone `tz`. Null when the word is none of these.
 */
export function parsePeriod(word: string | undefined, now: Date, tz: string): Period | null {
  const previous = (p: Period) => (frequency: 'monthly' | 'quarterly' | 'yearly') => periodOf(frequency, new Date(p.start.getTime() - 1), tz)
  switch (word ?? '本月') {
    case '本月':
      return periodOf('monthly', now, tz)
    case '上月':
      return previous(periodOf('monthly', now, tz))('monthly')
    case '本季度':
      return periodOf('quarterly', now, tz)
    case '上季度':
      return previous(periodOf('quarterly', now, tz))('quarterly')
    case '本年':
      return periodOf('yearly', now, tz)
    case '去年':
      return previous(periodOf('yearly', now, tz))('yearly')
  }
  const match = /^(\d{4})(?:-|年)(\d{1,2})月?$/.exec(word!)
  if (!match) return null
  const [year, month] = [Number(match[1]), Number(match[2])]
  if (month < 1 || month > 12 || year < 2000 || year > 2100) return null
  // Noon on the 15th is inside the month in every zone.
  return periodOf('monthly', new Date(Date.UTC(year, month - 1, 15, 12)), tz)
}

/** The months (YYYY-MM) a period covers, in `tz`. */
export function monthsOf(period: Period, tz: string): string[] {
  const months: string[] = []
  for (let at = period.start; at < period.end; at = periodOf('monthly', at, tz).end) {
    months.push(monthOf(at, tz))
  }
  return months
}
