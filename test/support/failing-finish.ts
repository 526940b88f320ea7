import { createCapabilities } from '../../src/capabilities/index.js'
import { silentLogger } from '../../src/logger.js'
import type { JobRepository } from '../../src/scheduler/job.repository.js'
import { DEFAULT_SCHEDULER_OPTIONS, Scheduler } from '../../src/scheduler/scheduler.js'
import { ADMIN_TOKEN, type Bench } from './conversation.js'

/**
 * A scheduler over the bench's database and clock whose first `jobs.finish` for each job fails:
 * the step that queues a job's messages and marks it done, in one transaction, is lost to a full
 * disk or a dropped connection — after the job's own writes (its markers) went through. The
 * scheduler's backoff retries each job a minute later.
 */
export function schedulerFailingFirstFinish(bench: Bench): { scheduler: Scheduler; failedJobs: Set<number> } {
  const jobs: JobRepository = bench.services.jobs
  const failedJobs = new Set<number>()
  const faulty: JobRepository = Object.create(jobs)
  faulty.finish = async (id, now, messages) => {
    if (!failedJobs.has(id)) {
      failedJobs.add(id)
      throw new Error('injected: the commit of the queued messages failed')
    }
    return jobs.finish(id, now, messages)
  }
  // The same job handlers as the bot's, over the same database.
  const { jobs: handlers } = createCapabilities(bench.db, { timeZone: 'Asia/Shanghai', adminToken: ADMIN_TOKEN })
  const scheduler = new Scheduler({
    jobs: faulty,
    handlers,
    clock: bench.clock,
    logger: silentLogger,
    instanceId: 'faulty-scheduler',
    options: { ...DEFAULT_SCHEDULER_OPTIONS, timeZone: 'Asia/Shanghai' },
  })
  return { scheduler, failedJobs }
}
