import { UserError } from '../../commands/errors.js'
import type { Reply } from '../../commands/reply.js'
import { texts } from '../../commands/texts.js'
import type { AuditRepository } from '../audit/audit.repository.js'
import type { MemberRow, OrgRow } from '../org/org.repository.js'
import { formatChineseTime } from '../time/parse-time.js'
import type { ActivityRepository, ActivityRow } from './activity.repository.js'
import { placeFor, signUpWindow } from './signup-rules.js'

export interface NewActivity {
  org: OrgRow
  title: string
  startsAt: Date
  place: string | null
  capacity: number | null
  deadline: Date | null
  byContactId: string
  now: Date
}

/** Activity publishing and sign-up, with capacity and a first-come waitlist. */
export class ActivityService {
  constructor(
    private readonly activities: ActivityRepository,
    private readonly audit: AuditRepository,
    private readonly timeZone: string,
  ) {}

  async publish(input: NewActivity): Promise<string> {
    if (!input.title.trim()) throw new UserError(texts.activity.titleMissing())
    if (input.deadline && input.deadline.getTime() > input.startsAt.getTime()) throw new UserError(texts.activity.deadlineAfterStart())
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
    return texts.activity.created({
      id: activity.id,
      title: activity.title,
      time: this.time(activity.startsAt, input.now),
      place: activity.place,
      capacity: activity.capacity,
      deadline: activity.deadline ? this.time(activity.deadline, input.now) : null,
    })
  }

  /**
   * The activity a command is about: `#n` when given, else the organisation's only upcoming
   * activity; with several upcoming, the user is asked which.
   */
  async resolve(org: OrgRow, ref: number | undefined, now: Date): Promise<ActivityRow> {
    if (ref !== undefined) {
      const activity = await this.activities.findInOrg(ref, org.id)
      if (!activity) throw new UserError(texts.activity.notFound({ id: ref }))
      return activity
    }
    const upcoming = await this.activities.listUpcoming(org.id, now)
    if (upcoming.length === 0) throw new UserError(texts.activity.none())
    if (upcoming.length > 1) {
      const list = upcoming.map((a) => `#${a.id}「${a.title}」${this.time(a.startsAt, now)}`).join('\n')
      throw new UserError(texts.activity.whichOne({ list }))
    }
    return upcoming[0]!
  }

  /** Signs `member` up (a place, or the waitlist when full). Signing up twice keeps one place. */
  async signUp(input: { org: OrgRow; ref: number | undefined; member: MemberRow; note: string | null; byContactId: string; now: Date }): Promise<string> {
    const { member, now } = input
    const activity = await this.resolve(input.org, input.ref, now)
    this.requireOpen(activity, now)
    const outcome = await this.activities.transaction(async (repo) => {
      const existing = await repo.findActiveSignUp(activity.id, member.id)
      if (existing) return { existing }
      const status = placeFor(await repo.countConfirmed(activity.id), activity.capacity)
      await repo.createSignUp({ activityId: activity.id, memberId: member.id, status, note: input.note, byContactId: input.byContactId, now })
      return { status, queue: await repo.activeSignUps(activity.id) }
    })
    if ('existing' in outcome) {
      const existing = outcome.existing!
      if (existing.status === 'confirmed') return texts.activity.alreadySignedUp({ name: member.name, id: activity.id })
      const queue = await this.activities.activeSignUps(activity.id)
      return texts.activity.alreadyWaiting({ name: member.name, id: activity.id, position: waitlistPosition(queue, member.id) })
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
      return texts.activity.waitlisted({ name: member.name, id: activity.id, title: activity.title, position: waitlistPosition(outcome.queue, member.id) })
    }
    const count = outcome.queue.filter((s) => s.status === 'confirmed').length
    return texts.activity.signedUp({ name: member.name, id: activity.id, title: activity.title, count, capacity: activity.capacity })
  }

  /** Cancels the member's sign-up; a freed place goes to the first on the waitlist, who is told. */
  async cancelSignUp(input: { org: OrgRow; ref: number | undefined; member: MemberRow; now: Date }): Promise<Reply[]> {
    const { member, now } = input
    const activity = await this.resolve(input.org, input.ref, now)
    this.requireOpen(activity, now)
    const promoted = await this.activities.transaction(async (repo) => {
      const signUp = await repo.findActiveSignUp(activity.id, member.id)
      if (!signUp) throw new UserError(texts.activity.notSignedUp({ name: member.name, id: activity.id }))
      await repo.markSignUpCancelled(signUp.id, now)
      if (signUp.status !== 'confirmed') return null
      const next = await repo.firstWaiting(activity.id)
      if (next) await repo.promote(next.id, now)
      return next
    })
    const replies: Reply[] = [{ text: texts.activity.cancelledSignUp({ name: member.name, id: activity.id, title: activity.title }) }]
    if (promoted) {
      replies.push({
        text: texts.activity.promoted({ id: activity.id, title: activity.title }),
        mentionIds: [promoted.member.contactId],
      })
    }
    return replies
  }

  async listUpcoming(org: OrgRow, now: Date): Promise<string> {
    const upcoming = await this.activities.listUpcoming(org.id, now)
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
    const activity = await this.activities.findInOrg(ref, org.id)
    if (!activity) throw new UserError(texts.activity.notFound({ id: ref }))
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
    const activity = await this.activities.findInOrg(input.ref, input.org.id)
    if (!activity) throw new UserError(texts.activity.notFound({ id: input.ref }))
    if (activity.status === 'cancelled') throw new UserError(texts.activity.isCancelled({ id: activity.id }))
    const queue = await this.activities.activeSignUps(activity.id)
    await this.activities.markCancelled(activity.id, now)
    await this.audit.record({ at: now, actorContactId: input.byContactId, action: 'activity.cancel', orgId: input.org.id, detail: { activityId: activity.id } })
    return {
      text: texts.activity.activityCancelled({ id: activity.id, title: activity.title, time: this.time(activity.startsAt, now) }),
      mentionIds: queue.map((s) => s.member.contactId),
    }
  }

  private requireOpen(activity: ActivityRow, now: Date): void {
    switch (signUpWindow(activity, now)) {
      case 'cancelled':
        throw new UserError(texts.activity.isCancelled({ id: activity.id }))
      case 'started':
        throw new UserError(texts.activity.started({ id: activity.id }))
      case 'deadline-passed':
        throw new UserError(texts.activity.closed({ id: activity.id }))
      case 'open':
        return
    }
  }

  private time(at: Date, now: Date): string {
    return formatChineseTime(at, this.timeZone, now)
  }
}

function waitlistPosition(queue: { memberId: number; status: string }[], memberId: number): number {
  return queue.filter((s) => s.status === 'waitlisted').findIndex((s) => s.memberId === memberId) + 1
}
