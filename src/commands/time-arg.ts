import { ACCEPTED_TIME_FORMS, parseChineseTime } from '../domain/time/parse-time.js'
import { UserError } from '../texts/user-error.js'
import { texts } from '../texts/index.js'

/** Reads a future time typed by a user, or explains in Chinese why it can't. */
export function readFutureTime(input: string, now: Date, timeZone: string): Date {
  const result = parseChineseTime(input, now, timeZone)
  if (result.ok) return result.at
  switch (result.reason) {
    case 'past':
      throw new UserError('common.pastTime', { input })
    case 'no-hour':
      throw new UserError('common.noHour', { input })
    case 'unreadable':
      throw new UserError('common.badTime', { input: input.slice(0, 40), forms: ACCEPTED_TIME_FORMS.join('、') })
  }
}
