import { UserError } from '../../texts/user-error.js'
import type { Reply } from '../../chat/reply.js'
import { texts } from '../../texts/index.js'
import { TtlCache } from '../../util/ttl-cache.js'
import type { AuditRepository } from '../audit/audit.repository.js'
import type { MemberRow, OrgRow } from '../org/org.repository.js'
import { formatChineseTime } from '../time/parse-time.js'
import type { ActivityReminders } from './activity-reminders.service.js'
import type { ActivityRepository, ActivityRow } from './activity.repository.js'
import type { JielongRepository } from './jielong.repository.js'
import { signUpWindow } from './signup-rules.js'

export interface NewActivity {
  org: OrgRow
  title: string
  startsAt: Date
  place: string | null
  capacity: number | null
  deadline: Date | null
  byContactId: string
  now: Date
  /** The time named a weekday that was today at an hour already past, and was read as next week's. */
  rolledToNextWeek?: boolean
}

/** Activity publishing and sign-up, with capacity and a first-come waitlist, and its reminders. */
export class ActivityService {
  /**
   * Each organisation's open activities (报名 without #n needs them on every message). Changes
   * made here drop the entry at once; another process's show within the TTL.
   */
  readonly #open = new TtlCache<number, { since: Date; list: ActivityRow[] }>(30_000)

  constructor(
    private readonly activities: ActivityRepository,
    private readonly audit: AuditRepository,
    private readonly reminders: ActivityReminders,
    private readonly timeZone: string,
    /** Which other kind of record a number is, when it is not one of the organisation's activities. */
    private readonly otherRecords: Pick<JielongRepository, 'otherRecordKind'>,
  ) {}

  /** Publishes, answering with the activity and the reply. */
  async publish(input: NewActivity): Promise<{ activity: ActivityRow; text: string }> {
    if (!input.title.trim()) throw new UserError('activity.titleMissing')
    if (input.deadline && input.deadline.getTime() > input.startsAt.getTime()) throw new UserError('activity.deadlineAfterStart')
    const activity = await this.activities.create({
      orgId: input.org.id,
      title: input.title.trim(),
      startsAt: input.startsAt,
      place: input.place,
      capacity: input.capacity,
      deadline: input.deadline,
      byContactId: input.byContactId,
      now: input.now,
    })
    this.#open.delete(input.org.id)
    await this.reminders.plan(activity, input.now)
    const text = texts.activity.created({
      id: activity.id,
      title: activity.title,
      time: this.time(activity.startsAt, input.now),
      timeNote: input.rolledToNextWeek ? this.rolledNote(activity.startsAt) : null,
      place: activity.place,
      capacity: activity.capacity,
      deadline: activity.deadline ? this.time(activity.deadline, input.now) : null,
    })
    return { activity, text }
  }

  /**
   * The activity a command is about: `#n` when given, else the organisation's only upcoming
   * activity; with several upcoming, the user is asked which.
   */
  async resolve(org: OrgRow, ref: number | undefined, now: Date): Promise<ActivityRow> {
    if (ref !== undefined) return this.find(org, ref)
    const upcoming = await this.upcoming(org.id, now)
    if (upcoming.length === 0) throw new UserError('activity.none')
    if (upcoming.length > 1) {
      const list = upcoming.map((a) => texts.activity.choiceLine({ id: a.id, title: a.title, time: this.time(a.startsAt, now) })).join('\n')
      throw new UserError('activity.whichOne', { list })
    }
    return upcoming[0]!
  }

  /** Signs `member` up (a place, or the waitlist when full). Signing up twice keeps one place. */
  async signUp(input: { org: OrgRow; ref: number | undefined; member: MemberRow; note: string | null; byContactId: string; now: Date }): Promise<string> {
    const { member, now } = input
    const activity = await this.resolve(input.org, input.ref, now)
    this.requireOpen(activity, now)
    const outcome = await this.activities.takePlace({ activityId: activity.id, memberId: member.id, capacity: activity.capacity, note: input.note, byContactId: input.byContactId, now })
    if (!outcome) {
      // Signing up twice is common ("报名" again to be sure): the insert did nothing; say where they stand.
      const existing = await this.activities.findActiveSignUp(activity.id, member.id)
      // Cancelled between the two statements: try again.
      if (!existing) return this.signUp(input)
      if (existing.status === 'confirmed') return texts.activity.alreadySignedUp({ name: member.name, id: activity.id })
      const position = await this.activities.waitlistPosition(activity.id, existing)
      return texts.activity.alreadyWaiting({ name: member.name, id: activity.id, position })
    }
    if (input.byContactId !== member.contactId) {
      await this.audit.record({
        at: now,
        actorContactId: input.byContactId,
        action: 'activity.signup-for',
        orgId: input.org.id,
        targetContactId: member.contactId,
        detail: { activityId: activity.id, note: input.note, status: outcome.status },
      })
    }
    if (outcome.status === 'waitlisted') {
      return texts.activity.waitlisted({ name: member.name, id: activity.id, title: activity.title, position: outcome.position })
    }
    return texts.activity.signedUp({ name: member.name, id: activity.id, title: activity.title, count: outcome.confirmedBefore + 1, capacity: activity.capacity })
  }

  /** `报名 #2 #4`: every activity is checked first, so the member gets all of them or a refusal and none. */
  async signUpAll(input: Omit<Parameters<ActivityService['signUp']>[0], 'ref'> & { refs: readonly (number | undefined)[] }): Promise<string> {
    const { refs, ...rest } = input
    if (refs.length === 1) return this.signUp({ ...rest, ref: refs[0] })
    for (const ref of refs) this.requireOpen(await this.resolve(input.org, ref, input.now), input.now)
    const lines = []
    for (const ref of refs) lines.push(await this.signUp({ ...rest, ref }))
    return texts.activity.severalSignedUp({ lines })
  }

  /** Cancels the member's sign-up; a freed place goes to the first on the waitlist, who is told. */
  async cancelSignUp(input: { org: OrgRow; ref: number | undefined; member: MemberRow; now: Date }): Promise<Reply[]> {
    const { member, now } = input
    const activity = await this.resolve(input.org, input.ref, now)
    this.requireOpen(activity, now)
    const outcome = await this.activities.cancelAndPromote(activity.id, member.id, now)
    if (!outcome) throw new UserError('activity.notSignedUp', { name: member.name, id: activity.id })
    const replies: Reply[] = [{ text: texts.activity.cancelledSignUp({ name: member.name, id: activity.id, title: activity.title }) }]
    if (outcome.promotedContactId) {
      replies.push({
        text: texts.activity.promoted({ id: activity.id, title: activity.title }),
        mentionIds: [outcome.promotedContactId],
      })
    }
    return replies
  }

  async listUpcoming(org: OrgRow, now: Date): Promise<string> {
    const upcoming = await this.upcoming(org.id, now)
    if (upcoming.length === 0) return texts.activity.none()
    const lines = await Promise.all(
      upcoming.map(async (a) => {
        const queue = await this.activities.activeSignUps(a.id)
        const count = queue.filter((s) => s.status === 'confirmed').length
        return texts.activity.listLine({ id: a.id, title: a.title, time: this.time(a.startsAt, now), count, capacity: a.capacity, waiting: queue.length - count })
      }),
    )
    return [texts.activity.listHeader(), ...lines].join('\n')
  }

  async detail(org: OrgRow, ref: number, now: Date): Promise<string> {
    const activity = await this.find(org, ref)
    const queue = await this.activities.activeSignUps(activity.id)
    const label = (s: (typeof queue)[number]) => (s.note ? `${s.member.name}（${s.note}）` : s.member.name)
    return texts.activity.detail({
      id: activity.id,
      title: activity.title,
      time: this.time(activity.startsAt, now),
      place: activity.place,
      capacity: activity.capacity,
      deadline: activity.deadline ? this.time(activity.deadline, now) : null,
      status: activity.status,
      roster: queue.filter((s) => s.status === 'confirmed').map(label),
      waitlist: queue.filter((s) => s.status === 'waitlisted').map(label),
    })
  }

  /** Cancels the activity; everyone signed up or waiting is @-mentioned. Their sign-up rows stay as history. */
  async cancel(input: { org: OrgRow; ref: number; byContactId: string; now: Date }): Promise<Reply> {
    const { now } = input
    const activity = await this.find(input.org, input.ref)
    if (activity.status === 'cancelled') throw new UserError('activity.isCancelled', { id: activity.id })
    const queue = await this.activities.activeSignUps(activity.id)
    await this.activities.markCancelled(activity.id, now)
    this.#open.delete(input.org.id)
    await this.reminders.cancel(activity.id)
    await this.audit.record({ at: now, actorContactId: input.byContactId, action: 'activity.cancel', orgId: input.org.id, detail: { activityId: activity.id } })
    return {
      text: texts.activity.activityCancelled({ id: activity.id, title: activity.title, time: this.time(activity.startsAt, now) }),
      mentionIds: queue.map((s) => s.member.contactId),
    }
  }

  /**
   * Changes an activity's time, place, capacity or deadline. Reminders move with it; a larger
   * capacity promotes from the waitlist; everyone signed up is told.
   */
  async edit(input: {
    org: OrgRow
    ref: number
    changes: { startsAt?: Date; place?: string; capacity?: number; deadline?: Date }
    byContactId: string
    now: Date
    rolledToNextWeek?: boolean
  }): Promise<Reply[]> {
    const { changes, now } = input
    const activity = await this.find(input.org, input.ref)
    if (activity.status === 'cancelled') throw new UserError('activity.isCancelled', { id: activity.id })
    if (Object.keys(changes).length === 0) throw new UserError('activity.nothingToChange')
    const startsAt = changes.startsAt ?? activity.startsAt
    const deadline = changes.deadline ?? activity.deadline
    if (deadline && deadline.getTime() > startsAt.getTime()) throw new UserError('activity.deadlineAfterStart')
    const { updated, promoted } = await this.activities.transaction(async (repo) => {
      const updated = await repo.update(activity.id, changes)
      const promoted = []
      if (changes.capacity !== undefined) {
        let confirmed = await repo.countConfirmed(activity.id)
        for (let next = await repo.firstWaiting(activity.id); next && confirmed < changes.capacity; next = await repo.firstWaiting(activity.id)) {
          await repo.promote(next.id, now)
          promoted.push(next)
          confirmed += 1
        }
      }
      return { updated, promoted }
    })
    this.#open.delete(input.org.id)
    await this.reminders.plan(updated, now)
    await this.audit.record({ at: now, actorContactId: input.byContactId, action: 'activity.edit', orgId: input.org.id, detail: { activityId: activity.id, ...changes } })
    const queue = await this.activities.activeSignUps(activity.id)
    const edited = texts.activity.edited({
      id: activity.id,
      title: activity.title,
      time: changes.startsAt ? this.time(updated.startsAt, now) : undefined,
      timeNote: changes.startsAt && input.rolledToNextWeek ? this.rolledNote(updated.startsAt) : undefined,
      place: changes.place ? (updated.place ?? undefined) : undefined,
      capacity: changes.capacity !== undefined ? (updated.capacity ?? undefined) : undefined,
      deadline: changes.deadline ? this.time(changes.deadline, now) : undefined,
    })
    const replies: Reply[] = [{ text: edited, mentionIds: queue.map((s) => s.member.contactId) }]
    for (const p of promoted) replies.push({ text: texts.activity.promoted({ id: activity.id, title: activity.title }), mentionIds: [p.member.contactId] })
    return replies
  }

  /** How many activities are open for sign-up (+1 means 报名 only when exactly one is). */
  async openCount(orgId: number, now: Date): Promise<number> {
    return (await this.upcoming(orgId, now)).length
  }

  /** Open activities that have not started by `now`, soonest first. */
  async upcoming(orgId: number, now: Date): Promise<ActivityRow[]> {
    let cached = await this.#open.get(orgId, async () => ({ since: now, list: await this.activities.listOpen(orgId, now) }))
    // The cache holds what was open after its own `since`; a clock that went back needs a fresh read.
    if (cached.since.getTime() > now.getTime()) {
      this.#open.delete(orgId)
      cached = await this.#open.get(orgId, async () => ({ since: now, list: await this.activities.listOpen(orgId, now) }))
    }
    return cached.list.filter((a) => a.startsAt.getTime() > now.getTime())
  }

  /** `#ref` among the organisation's activities; a number that is a meeting's or a notice's says so. */
  private async find(org: OrgRow, ref: number): Promise<ActivityRow> {
    const activity = await this.activities.findInOrg(ref, org.id)
    if (activity) return activity
    const other = await this.otherRecords.otherRecordKind(ref, org.id)
    if (other === 'meeting') throw new UserError('activity.refIsMeeting', { id: ref })
    if (other === 'notice') throw new UserError('activity.refIsNotice', { id: ref })
    throw new UserError('activity.notFound', { id: ref })
  }

  /** Refuses unless members may still sign up for the activity. */
  requireOpen(activity: ActivityRow, now: Date): void {
    switch (signUpWindow(activity, now)) {
      case 'cancelled':
        throw new UserError('activity.isCancelled', { id: activity.id })
      case 'started':
        throw new UserError('activity.started', { id: activity.id })
      case 'deadline-passed':
        throw new UserError('activity.closed', { id: activity.id })
      case 'open':
        return
    }
  }

  /** 已按下周六安排: the weekday of the time read, in the organisation's zone. */
  private rolledNote(at: Date): string {
    const weekday = new Intl.DateTimeFormat('zh-CN', { weekday: 'short', timeZone: this.timeZone }).format(at)
    return texts.activity.rolledToNextWeek({ weekday })
  }

  private time(at: Date, now: Date): string {
    return formatChineseTime(at, this.timeZone, now)
  }
}

