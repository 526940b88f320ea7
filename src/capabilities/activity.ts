import { bindAll } from '../commands/command.js'
import { ActivityReminders } from '../domain/activity/activity-reminders.service.js'
import { ActivityRepository } from '../domain/activity/activity.repository.js'
import { ActivityService } from '../domain/activity/activity.service.js'
import { JielongRepository } from '../domain/activity/jielong.repository.js'
import { JielongService } from '../domain/activity/jielong.service.js'
import { activityCommands } from '../../handlers/activity.js'
import type { Capability, SharedDeps } from './capability.js'

/** Activities: 发起活动, 报名 with its waitlist (also from WeChat's 接龙), reminders before the start and at the deadline. */
export function createActivity(
  shared: Pick<SharedDeps, 'db' | 'audit' | 'jobs' | 'timeZone' | 'roomOf'>,
  reminderHours: readonly number[],
): Capability<{ activity: ActivityService; jielong: JielongService }> {
  const activities = new ActivityRepository(shared.db)
  const jielongs = new JielongRepository(shared.db)
  const reminders = new ActivityReminders(activities, shared.jobs, { timeZone: shared.timeZone, reminderHours, roomOf: shared.roomOf })
  const activity = new ActivityService(activities, shared.audit, reminders, shared.timeZone, jielongs)
  const jielong = new JielongService(activity, jielongs)
  return { services: { activity, jielong }, jobs: reminders.handlers(), commands: bindAll(activityCommands, { activity, jielong }) }
}
