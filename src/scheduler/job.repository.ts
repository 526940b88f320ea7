import { retryOnUniqueViolation, type Db } from '../db/client.js'
import { queueMessages, type NewOutboxMessage } from '../outbox/outbox.repository.js'

export interface JobRow {
  id: number
  kind: string
  key: string
  dueAt: Date
  payload: string
  attempts: number
}

const jobSelect = { id: true, kind: true, key: true, dueAt: true, payload: true, attempts: true } as const

/** Scheduled jobs: the only Prisma code for them. */
export class JobRepository {
  /**
   * @param onDueNow told when a job is scheduled for now or earlier (a broadcast, say), so the
   *   scheduler runs it at once instead of at the next minute's tick.
   */
  constructor(
    private readonly db: Db,
    private readonly onDueNow: () => void = () => {},
  ) {}

  /** Schedules the job with this key, or moves it (a new time, payload and a fresh start) if it exists. */
  async schedule(job: { kind: string; key: string; dueAt: Date; payload: unknown; now: Date }): Promise<void> {
    // Scheduling again what already ran for the same time (start-up re-ensuring a monthly chain,
    // perhaps with an earlier clock) must not run it twice.
    const existing = await this.db.job.findUnique({ where: { key: job.key }, select: { state: true, dueAt: true } })
    if (existing && (existing.state === 'done' || existing.state === 'skipped') && existing.dueAt.getTime() === job.dueAt.getTime()) return
    const fresh = { kind: job.kind, dueAt: job.dueAt, payload: JSON.stringify(job.payload), state: 'pending', attempts: 0, claimedBy: null, claimedAt: null, doneAt: null, lastError: null }
    await this.db.job.upsert({ where: { key: job.key }, create: { key: job.key, ...fresh, createdAt: job.now }, update: fresh })
    if (job.dueAt.getTime() <= job.now.getTime()) this.onDueNow()
  }

  /** Cancels the pending jobs whose key starts with `keyPrefix` (e.g. every job of one activity). */
  async cancelPending(keyPrefix: string): Promise<number> {
    const { count } = await this.db.job.updateMany({ where: { key: { startsWith: keyPrefix }, state: 'pending' }, data: { state: 'cancelled' } })
    return count
  }

  due(now: Date, limit: number): Promise<JobRow[]> {
    return this.db.job.findMany({
      where: { state: 'pending', dueAt: { lte: now } },
      orderBy: [{ dueAt: 'asc' }, { id: 'asc' }],
      take: limit,
      select: jobSelect,
    })
  }

  /** When the earliest pending job at or before `upTo` is due, if there is one. */
  async nextDueAt(upTo: Date): Promise<Date | null> {
    const job = await this.db.job.findFirst({ where: { state: 'pending', dueAt: { lte: upTo } }, orderBy: { dueAt: 'asc' }, select: { dueAt: true } })
    return job?.dueAt ?? null
  }

  /** Takes a job to run; false when another scheduler took it first (works alike on SQLite and PostgreSQL). */
  async claim(id: number, by: string, now: Date): Promise<boolean> {
    const { count } = await this.db.job.updateMany({
      where: { id, state: 'pending', claimedAt: null },
      data: { state: 'running', claimedBy: by, claimedAt: now },
    })
    return count === 1
  }

  /**
   * Marks the job done and queues its messages, in one transaction: both happen or neither. A
   * message whose idempotency key the outbox already holds (a retried run) is not queued again;
   * each goes from the account that owns its group (`account`, the scheduler's, for a new group).
   */
  async finish(id: number, now: Date, messages: NewOutboxMessage[], account: string | null = null): Promise<void> {
    await retryOnUniqueViolation(() =>
      this.db.$transaction(async (tx) => {
        await queueMessages(tx, messages, account)
        await tx.job.update({ where: { id }, data: { state: 'done', doneAt: now } })
      }),
    )
  }

  async retry(id: number, attempts: number, dueAt: Date, error: string): Promise<void> {
    await this.db.job.update({ where: { id }, data: { state: 'pending', attempts, dueAt, lastError: error, claimedBy: null, claimedAt: null } })
  }

  async park(id: number, attempts: number, error: string): Promise<void> {
    await this.db.job.update({ where: { id }, data: { state: 'parked', attempts, lastError: error } })
  }

  async skip(id: number, now: Date, reason: string): Promise<void> {
    await this.db.job.update({ where: { id }, data: { state: 'skipped', doneAt: now, lastError: reason } })
  }

  /** Jobs left running by a scheduler that died (claimed before `claimedBefore`) go back to pending. */
  async reclaimAbandoned(claimedBefore: Date): Promise<number> {
    const { count } = await this.db.job.updateMany({
      where: { state: 'running', claimedAt: { lt: claimedBefore } },
      data: { state: 'pending', claimedBy: null, claimedAt: null },
    })
    return count
  }

  /** Jobs left running by processes known to be dead go back to pending at once. */
  async reclaimFrom(deadInstances: string[]): Promise<number> {
    if (deadInstances.length === 0) return 0
    const { count } = await this.db.job.updateMany({
      where: { state: 'running', claimedBy: { in: deadInstances } },
      data: { state: 'pending', claimedBy: null, claimedAt: null },
    })
    return count
  }

  /**
   * Whether the job with this key has finished: its messages were queued in the same transaction,
   * so a job that runs again (a retry after a failed finish) can tell a committed run from a lost one.
   */
  async isDone(key: string): Promise<boolean> {
    return (await this.db.job.findUnique({ where: { key }, select: { state: true } }))?.state === 'done'
  }

  parked(limit = 20) {
    return this.db.job.findMany({
      where: { state: 'parked' },
      orderBy: { id: 'desc' },
      take: limit,
      select: { id: true, kind: true, key: true, dueAt: true, attempts: true, lastError: true },
    })
  }
}

/** What the super-admin's 任务 command reads. */
export type ParkedJobs = Pick<JobRepository, 'parked'>
