/**
 * Study time (学时). Common conversion, configurable: branch study 1 学时 an hour; a full day of
 * training is 8, so one entry is capped there.
 */
export const STUDY_DEFAULTS = {
  /** 学习打卡 without a duration counts one hour. */
  defaultMinutes: 60,
  /** A single entry is at most a full day of training (8 学时). */
  maxMinutes: 8 * 60,
} as const

/** Minutes as 学时, to one decimal: 90 → '1.5', 120 → '2'. */
export function hours(minutes: number): string {
  return String(Math.round((minutes / 60) * 10) / 10)
}

const CHINESE_NUMBERS: ReadonlyMap<string, number> = new Map([
  ['一', 1], ['二', 2], ['两', 2], ['三', 3], ['四', 4], ['五', 5], ['六', 6], ['七', 7], ['八', 8], ['九', 9], ['十', 10], ['半', 0.5],
])

/**
 * Splits `学习党章第一章 2小时` into the content and the minutes: a trailing `<n>小时`, `<n>个小时`
 * or `<n>分钟` (digits, decimals, or 一 … 十 and 半). Without one, the default hour.
 */
export function readStudyEntry(text: string): { content: string; minutes: number } {
  const match = /\s*(\d+(?:\.\d+)?|[一二两三四五六七八九十半])\s*(?:个)?\s*(小时|钟头|分钟)$/.exec(text)
  if (!match) return { content: text.trim(), minutes: STUDY_DEFAULTS.defaultMinutes }
  const amount = /^\d/.test(match[1]!) ? Number(match[1]) : (CHINESE_NUMBERS.get(match[1]!) ?? 0)
  const minutes = Math.round(match[2] === '分钟' ? amount : amount * 60)
  return { content: text.slice(0, match.index).trim(), minutes }
}
