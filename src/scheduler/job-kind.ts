import type { z } from 'zod'
import type { QueuedMessage } from '../outbox/outbox.js'
import type { JobHandler } from './scheduler.js'

/**
 * A kind of scheduled job and the shape of its payload. Payloads are stored as JSON and read
 * back with the schema, so a row written by an older version fails loudly (and is parked)
 * instead of running on a wrong shape.
 */
export interface JobKind<P> {
  kind: string
  payload: z.ZodType<P>
}

export function jobKind<P>(kind: string, payload: z.ZodType<P>): JobKind<P> {
  return { kind, payload }
}

/** The handler for one job kind: its payload parsed before `run` sees it. */
export function handlerFor<P>(job: JobKind<P>, run: (payload: P, now: Date) => Promise<QueuedMessage[]>): Record<string, JobHandler> {
  return { [job.kind]: async (raw, now) => run(job.payload.parse(raw), now) }
}
