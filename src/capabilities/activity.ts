import { bindAll } from '../commands/command.js'
import { ActivityRepository } from '../domain/activity/activity.repository.js'
import { ACTIVITY_JOBS, ActivityService } from '../domain/activity/activity.service.js'
import { activityCommands } from '../../handlers/activity.js'
import type { Capability, SharedDeps } from './capability.js'

/** Activities: 发起活动, 报名 with its waitlist, reminders before the start and at the deadline. */
export function createActivity(
  shared: Pick<SharedDeps, 'db' | 'audit' | 'jobs' | 'timeZone' | 'roomOf'>,
  reminderHours: readonly number[],
): Capability<{ activity: ActivityService }> {
  const activity = new ActivityService(new ActivityRepository(shared.db), shared.audit, shared.jobs, {
    timeZone: shared.timeZone,
    reminderHours,
    roomOf: shared.roomOf,
  })
  return {
    services: { activity },
    jobs: { [ACTIVITY_JOBS.remind]: activity.remindJob, [ACTIVITY_JOBS.deadline]: activity.deadlineJob },
    commands: bindAll(activityCommands, { activity }),
  }
}
