import { bindAll } from '../commands/command.js'
import { ActivityReminders } from '../domain/activity/activity-reminders.service.js'
import { ActivityRepository } from '../domain/activity/activity.repository.js'
import { ActivityService } from '../domain/activity/activity.service.js'
import { activityCommands } from '../../handlers/activity.js'
import type { Capability, SharedDeps } from './capability.js'

/** Activities: 发起活动, 报名 with its waitlist, reminders before the start and at the deadline. */
export function createActivity(
  shared: Pick<SharedDeps, 'db' | 'audit' | 'jobs' | 'timeZone' | 'roomOf'>,
  reminderHours: readonly number[],
): Capability<{ activity: ActivityService }> {
  const activities = new ActivityRepository(shared.db)
  const reminders = new ActivityReminders(activities, shared.jobs, { timeZone: shared.timeZone, reminderHours, roomOf: shared.roomOf })
  const activity = new ActivityService(activities, shared.audit, reminders, shared.timeZone)
  return { services: { activity }, jobs: reminders.handlers(), commands: bindAll(activityCommands, { activity }) }
}
