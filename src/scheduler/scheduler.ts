import cron, { type ScheduledTask } from 'node-cron'
import type { Logger } from 'pino'
import type { Clock } from '../clock.js'
import { toNewOutboxMessage, type QueuedMessage } from '../outbox/outbox-row.js'
import { yieldToEventLoop } from '../util/event-loop.js'
import type { JobRepository, JobRow } from './job.repository.js'

/**
 * Job messages go as soon as pacing allows, coalescible or not: the business clock may be a
 * manual one (the simulator), so no hold is computed from it.
 */
const SEND_WHEN_PACING_ALLOWS = new Date(0)

/** Runs one kind of job: reads its payload and says what to send. Throwing means "try again later". */
export type JobHandler = (payload: unknown, now: Date) => Promise<QueuedMessage[]>

export interface SchedulerOptions {
  /** A job more than this late (the bot was down) is skipped and logged instead of run. */
  graceMs: number
  /** A job left running longer than this by a dead scheduler is run again. */
  leaseMs: number
  /** Tries before a failing job is parked with its error. */
  maxAttempts: number
  /** First retry after this long, doubling each time. */
  retryBaseMs: number
  timeZone: string
}

export const DEFAULT_SCHEDULER_OPTIONS: Omit<SchedulerOptions, 'timeZone'> = {
  graceMs: 6 * 3_600_000,
  leaseMs: 10 * 60_000,
  maxAttempts: 5,
  retryBaseMs: 60_000,
}

/**
 * Jobs are rows, not timers: a node-cron tick each minute (in TZ) claims the due ones with a
 * conditional update, runs them, and queues their messages in the same transaction that marks
 * them done. Restarts lose nothing; two schedulers on one database never run a job twice.
 */
export class Scheduler {
  #task: ScheduledTask | null = null
  /** Ticks never overlap: the cron tick and the simulator's clock endpoint share one chain. */
  #chain: Promise<unknown> = Promise.resolve()
  readonly #handlers: Map<string, JobHandler>

  constructor(
    private readonly deps: {
      jobs: JobRepository
      handlers: Record<string, JobHandler>
      clock: Clock
      logger: Logger
      instanceId: string
      options: SchedulerOptions
      /** Told after a tick queued messages, so the outbox wakes up. */
      onQueued?: () => void
      /** Other schedulers known to be dead (their heartbeat stopped): their running jobs are taken over at once. */
      deadInstances?: () => Promise<string[]>
      /** The logged-in account, if known: a group nobody speaks in yet becomes its own (see AccountsRepository). */
      account?: () => string | null
    },
  ) {
    this.#handlers = new Map(Object.entries(deps.handlers))
  }

  /** Runs what is due now (catching up after a restart), then every minute. */
  async start(): Promise<void> {
    await this.tick()
    this.#task = cron.schedule('* * * * *', () => void this.tick(), { timezone: this.deps.options.timeZone, name: `zhibu-scheduler-${this.deps.instanceId}` })
  }

  async stop(): Promise<void> {
    await this.#task?.stop()
    this.#task = null
    await this.#chain
  }

  /** Runs every job due by the clock's now; resolves when they have run and their messages are queued. */
  tick(): Promise<void> {
    const next = this.#chain.then(() => this.runDue())
    this.#chain = next.catch((err) => this.deps.logger.error({ err }, 'scheduler tick failed'))
    return next
  }

  private async runDue(): Promise<void> {
    const { jobs, clock, options, instanceId, logger } = this.deps
    const dead = ((await this.deps.deadInstances?.()) ?? []).filter((id) => id !== instanceId)
    const takenOver = await jobs.reclaimFrom(dead)
    if (takenOver > 0) logger.warn({ takenOver }, 'scheduler: jobs left running by a dead process are pending again')
    const reclaimed = await jobs.reclaimAbandoned(new Date(clock.now().getTime() - options.leaseMs))
    if (reclaimed > 0) logger.warn({ reclaimed }, 'scheduler: jobs left running by a stopped scheduler are pending again')
    let queued = 0
    for (;;) {
      const now = clock.now()
      const due = await jobs.due(now, 100)
      if (due.length === 0) break
      for (const job of due) {
        if (!(await jobs.claim(job.id, instanceId, now))) continue
        queued += await this.run(job, now)
        // Thousands of jobs due at once (SQLite answers synchronously) must not hold the event loop.
        await yieldToEventLoop()
      }
    }
    if (queued > 0) this.deps.onQueued?.()
  }

  /** Runs one claimed job; returns how many messages it queued. */
  private async run(job: JobRow, now: Date): Promise<number> {
    const { jobs, options, logger } = this.deps
    const late = now.getTime() - job.dueAt.getTime()
    if (late > options.graceMs) {
      logger.warn({ jobId: job.id, kind: job.kind, key: job.key, dueAt: job.dueAt, lateMinutes: Math.round(late / 60_000) }, 'scheduler: job missed by more than the grace period, skipped')
      await jobs.skip(job.id, now, `missed by ${Math.round(late / 60_000)} min`)
      return 0
    }
    try {
      const handler = this.#handlers.get(job.kind)
      if (!handler) throw new Error(`no handler for job kind "${job.kind}"`)
      const messages = await handler(JSON.parse(job.payload), now)
      await jobs.finish(
        job.id,
        now,
        messages.map((m) => toNewOutboxMessage(m, { createdAt: now, coalesceUntil: SEND_WHEN_PACING_ALLOWS })),
        this.deps.account?.() ?? null,
      )
      logger.info({ jobId: job.id, kind: job.kind, key: job.key, messages: messages.length }, 'scheduler: job done')
      return messages.length
    } catch (err) {
      const attempts = job.attempts + 1
      const error = err instanceof Error ? err.message : String(err)
      if (attempts >= options.maxAttempts) {
        logger.error({ err, jobId: job.id, kind: job.kind, key: job.key, attempts }, 'scheduler: job failed too often, parked')
        await jobs.park(job.id, attempts, error)
      } else {
        const retryAt = new Date(now.getTime() + options.retryBaseMs * 2 ** (attempts - 1))
        logger.warn({ err, jobId: job.id, kind: job.kind, attempts, retryAt }, 'scheduler: job failed, will retry')
        await jobs.retry(job.id, attempts, retryAt, error)
      }
      return 0
    }
  }
}
