import { commandsOf } from '../src/commands/command.js'
import { texts } from '../src/texts/index.js'
import { formatChineseTime } from '../src/domain/time/parse-time.js'
import type { ParkedJobs } from '../src/scheduler/job.repository.js'

/** The services these commands call. */
export type AdminNeeds = { jobs: ParkedJobs }
const command = commandsOf<AdminNeeds>('other')

/** Jobs that failed too often and were parked: the super-admin sees them here (and in the logs). */
export const parkedJobs = command({
  name: '任务',
  aliases: ['故障任务'],
  summary: texts.summaries.parkedJobs(),
  usage: '任务',
  example: '任务',
  where: 'private',
  access: 'superAdmin',
  run: async (ctx, _args, services) => {
    const parked = await services.jobs.parked()
    if (parked.length === 0) return texts.admin.noParkedJobs()
    return [
      texts.admin.parkedHeader({ count: parked.length }),
      ...parked.map((job) =>
        texts.admin.parkedLine({
          id: job.id,
          kind: job.kind,
          dueAt: formatChineseTime(job.dueAt, ctx.timeZone, ctx.now),
          attempts: job.attempts,
          error: (job.lastError ?? '').slice(0, 120),
        }),
      ),
    ].join('\n')
  },
})

export const adminCommands = [parkedJobs]
