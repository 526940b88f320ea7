import { UserError } from '../../texts/user-error.js'
import type { Reply } from '../../chat/reply.js'
import { texts } from '../../texts/index.js'
import { periodOf, studyHoursTarget } from '../meeting/meeting-rules.js'
import { wallClock } from '../time/wall-clock.js'
import { hours, STUDY_DEFAULTS } from './study-rules.js'
import type { StudyRepository } from './study.repository.js'

/** Self-reported study and the yearly total against the target. No ranking: each member sees only their own. */
export class StudyService {
  constructor(
    private readonly study: StudyRepository,
    private readonly timeZone: string,
  ) {}

  /** Records a 学习打卡 for a registration (in a group: the member there; in private: their first registration). */
  async log(input: { member: { id: number; name: string } | null; contactId: string; content: string; minutes: number; now: Date }): Promise<string> {
    if (input.minutes > STUDY_DEFAULTS.maxMinutes) throw new UserError('study.tooLong', { max: STUDY_DEFAULTS.maxMinutes / 60 })
    // Hours belong to the person, not to one organisation, so in a private chat any registration will do.
    const member = input.member ?? (await this.study.memberships(input.contactId))[0]
    if (!member) throw new UserError('common.notRegistered')
    await this.study.add({ memberId: member.id, content: input.content, minutes: input.minutes, at: input.now })
    return texts.study.logged({ name: member.name, content: input.content, hours: hours(input.minutes) })
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
    const text = texts.study.hours({
      name: first.name,
      year: wallClock(input.now, this.timeZone).year,
      total: hours(self + lectures),
      self: hours(self),
      lectures: hours(lectures),
      target,
      remaining: remaining > 0 ? hours(remaining) : null,
    })
    return input.inGroup ? [{ text: texts.study.sentPrivately() }, { text, privateTo: input.contactId }] : [{ text }]
  }
}
