import { UserError } from '../../texts/user-error.js'
import type { Reply } from '../../chat/reply.js'
import { texts } from '../../texts/index.js'
import { periodOf, studyHoursTarget } from './meeting-rules.js'
import type { StudyRepository } from './meeting.repository.js'

/**
 * Study time (学时). Common conversion, configurable (domain.md): branch study 1 学时 an hour; a
 * full day of training is 8, so one entry is capped there.
 */
export const STUDY_DEFAULTS = {
  /** 学习打卡 without a duration counts one hour. */
  defaultMinutes: 60,
  /** A single entry is at most a full day of training (8 学时). */
  maxMinutes: 8 * 60,
} as const

/** Self-reported study and the yearly total against the target. No ranking: each member sees only their own. */
export class StudyService {
  constructor(
    private readonly study: StudyRepository,
    private readonly timeZone: string,
  ) {}

  /** Records a 学习打卡 for a registration (in a group: the member there; in private: their first registration). */
  async log(input: { member: { id: number; name: string } | null; contactId: string; content: string; minutes: number; now: Date }): Promise<string> {
    if (input.minutes > STUDY_DEFAULTS.maxMinutes) throw new UserError('meeting.studyTooLong', { max: STUDY_DEFAULTS.maxMinutes / 60 })
    // Hours belong to the person, not to one organisation, so in a private chat any registration will do.
    const member = input.member ?? (await this.study.memberships(input.contactId))[0]
    if (!member) throw new UserError('common.notRegistered')
    await this.study.add({ memberId: member.id, content: input.content, minutes: input.minutes, at: input.now })
    return texts.meeting.studyLogged({ name: member.name, content: input.content, hours: hours(input.minutes) })
  }

  /**
   * The asker's hours this calendar year (in TZ) against the target of 党员教育管理工作条例 art. 20
   * (32, or 56 for officers). Personal: asked in a group, the answer goes privately.
   */
  async hours(input: { contactId: string; isOfficer: boolean; inGroup: boolean; now: Date }): Promise<Reply[]> {
    const memberships = await this.study.memberships(input.contactId)
    const first = memberships[0]
    if (!first) throw new UserError('common.notRegistered')
    const year = periodOf('yearly', input.now, this.timeZone)
    const logs = await this.study.logsOf(input.contactId, year.start, year.end)
    const self = logs.filter((l) => l.source !== 'meeting').reduce((sum, l) => sum + l.minutes, 0)
    const lectures = logs.filter((l) => l.source === 'meeting').reduce((sum, l) => sum + l.minutes, 0)
    const target = studyHoursTarget(input.isOfficer)
    const remaining = target * 60 - self - lectures
    const text = texts.meeting.studyHours({
      name: first.name,
      year: Number(year.label.replace('年', '')),
      total: hours(self + lectures),
      self: hours(self),
      lectures: hours(lectures),
      target,
      remaining: remaining > 0 ? hours(remaining) : null,
    })
    return input.inGroup ? [{ text: texts.meeting.sentPrivately() }, { text, privateTo: input.contactId }] : [{ text }]
  }
}

/** Minutes as 学时, to one decimal: 90 → '1.5', 120 → '2'. */
export function hours(minutes: number): string {
  return String(Math.round((minutes / 60) * 10) / 10)
}

const CHINESE_NUMBERS: Record<string, number> = { 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10, 半: 0.5 }

/**
 * Splits `学习党章第一章 2小时` into the content and the minutes: a trailing `<n>小时`, `<n>个小时`
 * or `<n>分钟` (digits, decimals, or 一 … 十 and 半). Without one, the default hour.
 */
export function readStudyEntry(text: string): { content: string; minutes: number } {
  const match = /\s*(\d+(?:\.\d+)?|[一二两三四五六七八九十半])\s*(?:个)?\s*(小时|钟头|分钟)$/.exec(text)
  if (!match) return { content: text.trim(), minutes: STUDY_DEFAULTS.defaultMinutes }
  const amount = /^\d/.test(match[1]!) ? Number(match[1]) : CHINESE_NUMBERS[match[1]!]!
  const minutes = Math.round(match[2] === '分钟' ? amount : amount * 60)
  return { content: text.slice(0, match.index).trim(), minutes }
}
