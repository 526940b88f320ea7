import { z } from 'zod'
import type { QueuedMessage } from '../../outbox/outbox.js'
import { handlerFor, jobKind } from '../../scheduler/job-kind.js'
import type { JobRepository } from '../../scheduler/job.repository.js'
import type { JobHandler } from '../../scheduler/scheduler.js'
import { texts } from '../../texts/index.js'
import { groupMessage } from '../../outbox/job-message.js'
import { formatChineseTime } from '../time/parse-time.js'
import type { ActivityRepository, ActivityRow } from './activity.repository.js'

const activityId = z.number().int().positive()

export const ACTIVITY_JOBS = {
  /** The reminder some hours before the start. Key `activity:<id>:remind:<hours>`. */
  remind: jobKind('activity.remind', z.object({ activityId, hours: z.number().positive() })),
  /** Sign-up closes. Key `activity:<id>:deadline`. */
  deadline: jobKind('activity.deadline', z.object({ activityId })),
} as const

export interface ActivityReminderOptions {
  timeZone: string
  /** Reminders go out this many hours before the start (default 24 and 1). */
  reminderHours: readonly number[]
  /** The group bound to an organisation, where its reminders go. */
  roomOf(orgId: number): Promise<string | null>
}

/**
 * An activity's jobs: the reminders before its start (@-mentioning those signed up) and the
 * notice when sign-up closes. They write nothing but their messages, so a retry recomputes them
 * from the activity as it is; each message is keyed by the activity and the time it is about.
 */
export class ActivityReminders {
  constructor(
    private readonly activities: ActivityRepository,
    private readonly jobs: JobRepository,
    private readonly options: ActivityReminderOptions,
  ) {}

  /** The scheduler's handlers, by kind. */
  handlers(): Record<string, JobHandler> {
    return { ...handlerFor(ACTIVITY_JOBS.remind, this.remind), ...handlerFor(ACTIVITY_JOBS.deadline, this.deadline) }
  }

  /** Schedules (or moves) the reminders and the deadline notice of an activity. */
  async plan(activity: ActivityRow, now: Date): Promise<void> {
    for (const hours of this.options.reminderHours) {
      const key = `${jobKeyPrefix(activity.id)}remind:${hours}`
      const dueAt = new Date(activity.startsAt.getTime() - hours * 3_600_000)
      if (dueAt.getTime() > now.getTime()) {
        await this.jobs.schedule({ kind: ACTIVITY_JOBS.remind.kind, key, dueAt, payload: { activityId: activity.id, hours }, now })
      } else {
        await this.jobs.cancelPending(key)
      }
    }
    const deadlineKey = `${jobKeyPrefix(activity.id)}deadline`
    if (activity.deadline && activity.deadline.getTime() > now.getTime()) {
      await this.jobs.schedule({ kind: ACTIVITY_JOBS.deadline.kind, key: deadlineKey, dueAt: activity.deadline, payload: { activityId: activity.id }, now })
    } else {
      await this.jobs.cancelPending(deadlineKey)
    }
  }

  /** Cancels every pending job of the activity. */
  async cancel(activityId: number): Promise<void> {
    await this.jobs.cancelPending(jobKeyPrefix(activityId))
  }

  /** Job: the reminder before an activity, @-mentioning only those signed up. */
  private readonly remind = async ({ activityId, hours }: z.infer<typeof ACTIVITY_JOBS.remind.payload>, now: Date): Promise<QueuedMessage[]> => {
    const open = await this.openWithRoom(activityId)
    if (!open) return []
    const { activity, roomId } = open
    const confirmed = (await this.activities.activeSignUps(activity.id)).filter((s) => s.status === 'confirmed')
    const text = texts.activity.reminder({
      id: activity.id,
      title: activity.title,
      time: formatChineseTime(activity.startsAt, this.options.timeZone, now),
      hours,
      place: activity.place,
      count: confirmed.length,
    })
    // A moved activity is reminded again: the start time is part of what the reminder is about.
    const key = `${jobKeyPrefix(activity.id)}remind:${hours}:${activity.startsAt.toISOString()}`
    return [groupMessage(roomId, { text, mentionIds: confirmed.map((s) => s.member.contactId) }, key)]
  }

  /** Job: sign-up closes at the deadline; the group hears how many are in. */
  private readonly deadline = async ({ activityId }: z.infer<typeof ACTIVITY_JOBS.deadline.payload>): Promise<QueuedMessage[]> => {
    const open = await this.openWithRoom(activityId)
    if (!open) return []
    const { activity, roomId } = open
    const queue = await this.activities.activeSignUps(activity.id)
    const confirmed = queue.filter((s) => s.status === 'confirmed').length
    const text = texts.activity.deadlineReached({ id: activity.id, title: activity.title, count: confirmed, waiting: queue.length - confirmed })
    return [groupMessage(roomId, { text }, `${jobKeyPrefix(activity.id)}deadline:${activity.deadline?.toISOString() ?? ''}`)]
  }

  /** The activity if it is still open and its organisation has a group. */
  private async openWithRoom(activityId: number): Promise<{ activity: ActivityRow; roomId: string } | null> {
    const activity = await this.activities.findById(activityId)
    if (!activity || activity.status !== 'open') return null
    const roomId = await this.options.roomOf(activity.orgId)
    return roomId ? { activity, roomId } : null
  }
}

function jobKeyPrefix(activityId: number): string {
  return `activity:${activityId}:`
}
