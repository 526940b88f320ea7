import { ACCEPTED_TIME_FORMS, parseChineseTime } from '../domain/time/parse-time.js'
import { UserError } from '../texts/user-error.js'
import { texts } from '../texts/index.js'

/** A future time as read, and whether a weekday that named today was moved to next week (the reply says so). */
export interface FutureTime {
  at: Date
  rolledToNextWeek: boolean
}

/** Reads a future time typed by a user, or explains in Chinese why it can't. */
export function readFutureTime(input: string, now: Date, timeZone: string): Date {
  return readFutureTimeNoting(input, now, timeZone).at
}

/** `readFutureTime`, also telling whether `周六上午9点` said on a Saturday after 9 was read as next Saturday. */
export function readFutureTimeNoting(input: string, now: Date, timeZone: string): FutureTime {
  const result = parseChineseTime(input, now, timeZone)
  if (result.ok) return { at: result.at, rolledToNextWeek: result.rolledToNextWeek === true }
  switch (result.reason) {
    case 'past':
      throw new UserError('common.pastTime', { input })
    case 'no-hour':
      throw new UserError('common.noHour', { input })
    case 'unreadable':
      throw new UserError('common.badTime', { input: input.slice(0, 40), forms: ACCEPTED_TIME_FORMS.join('、') })
  }
}

// A time of day with no day before it (下午三点半): parse-time reads it as today.
const TIME_OF_DAY_FIRST = /^\s*(?:上午|下午|中午|晚上|早上|凌晨|傍晚)/

/** Whether `input` names only a time of day, so that "already past" means "already past today". */
export function namesTimeOfDayOnly(input: string): boolean {
  return TIME_OF_DAY_FIRST.test(input)
}
