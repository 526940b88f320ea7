import { texts } from '../../texts/index.js'
import { UserError } from '../../texts/user-error.js'
import type { OrgRow } from '../org/org.repository.js'
import { formatChineseTime } from '../time/parse-time.js'
import { wallClock } from '../time/wall-clock.js'
import type { MeetingRepository, MeetingRow, MeetingStatus } from './meeting.repository.js'

/** Finding the meeting a command is about, and showing meetings and their times (in TZ). */
export class MeetingLookup {
  constructor(
    private readonly meetings: MeetingRepository,
    private readonly timeZone: string,
  ) {}

  async find(org: OrgRow, ref: number): Promise<MeetingRow> {
    const meeting = await this.meetings.findInOrg(ref, org.id)
    if (!meeting) throw new UserError('meeting.notFound', { id: ref })
    return meeting
  }

  /** The meeting a command is about: `#n` when given, else the organisation's only meeting in `statuses`. */
  async resolve(org: OrgRow, ref: number | undefined, statuses: MeetingStatus[], command: string, none: UserError, now: Date): Promise<MeetingRow> {
    if (ref !== undefined) return this.find(org, ref)
    return this.only(await this.meetings.listByStatus(org.id, statuses), command, none, now)
  }

  /** 开始签到 without #n: the scheduled meeting starting within 12 hours (or the only scheduled one). */
  async pickToOpen(org: OrgRow, now: Date): Promise<MeetingRow> {
    const scheduled = await this.meetings.listByStatus(org.id, ['scheduled'])
    const soon = scheduled.filter((m) => m.startsAt.getTime() <= now.getTime() + 12 * 3_600_000)
    return this.only(soon.length > 0 ? soon : scheduled, '开始签到', new UserError('meeting.noneToOpen'), now)
  }

  listLine(meeting: MeetingRow, now: Date): string {
    return texts.meeting.listLine({ id: meeting.id, type: meeting.type, topic: meeting.topic, time: this.time(meeting.startsAt, now), open: meeting.status === 'open' })
  }

  time(at: Date, now: Date): string {
    return formatChineseTime(at, this.timeZone, now)
  }

  /** '10月15日' (with the year when it is not `now`'s), from the date itself. */
  date(at: Date, now: Date): string {
    const day = wallClock(at, this.timeZone)
    return texts.meeting.shortDate({ year: day.year === wallClock(now, this.timeZone).year ? null : day.year, month: day.month, day: day.day })
  }

  private only(candidates: MeetingRow[], command: string, none: UserError, now: Date): MeetingRow {
    const [first, ...others] = candidates
    if (!first) throw none
    if (others.length > 0) throw new UserError('meeting.whichOne', { command, list: candidates.map((m) => this.listLine(m, now)).join('\n') })
    return first
  }
}
