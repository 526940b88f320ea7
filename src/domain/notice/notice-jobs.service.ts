import { z } from 'zod'
import type { QueuedMessage } from '../../outbox/outbox.js'
import { handlerFor, jobKind } from '../../scheduler/job-kind.js'
import type { JobRepository } from '../../scheduler/job.repository.js'
import type { JobHandler } from '../../scheduler/scheduler.js'
import { texts } from '../../texts/index.js'
import { groupMessage } from '../../outbox/job-message.js'
import { nudgeCutoff, nudgeReply, progressOf } from './notice-progress.service.js'
import type { NoticeRepository, NoticeRow } from './notice.repository.js'

const noticeId = z.number().int().positive()

export const NOTICE_JOBS = {
  /** Posts a broadcast copy in its organisation's group. Key `notice:<copyId>:deliver`, due at once. */
  deliver: jobKind('notice.deliver', z.object({ noticeId })),
  /**
   * @-mentions those who have not acknowledged. Key `notice:<id>:nudge`: the automatic one, some
   * hours after the notice; `notice:<id>:nudge-now:<ms>`: a 催办 from above for a group elsewhere
   * (`requestedAt`: that ms; rows queued before it was recorded carry none).
   */
  nudge: jobKind(
    'notice.nudge',
    z.object({
      noticeId,
      /** The automatic nudge takes the 30-minute right itself; a 催办 from above has already taken it. */
      auto: z.boolean(),
      requestedAt: z.number().int().optional(),
    }),
  ),
} as const

export interface NoticeJobOptions {
  /** One nudge per notice within this many minutes. */
  nudgeIntervalMinutes: number
  /** The scheduler nudges once by itself this many hours after a notice. */
  autoNudgeHours: number
  /** The group bound to an organisation, where its notices go. */
  roomOf(orgId: number): Promise<string | null>
}

/**
 * A notice's jobs: posting a broadcast copy in the group below, and nudging those who have not
 * acknowledged. A retry recomputes the messages as on the first run (the automatic nudge's claim
 * names the job, so the job's own claim never silences it); each message is keyed by the notice.
 */
export class NoticeJobs {
  constructor(
    private readonly notices: NoticeRepository,
    private readonly jobs: JobRepository,
    private readonly options: NoticeJobOptions,
  ) {}

  /** The scheduler's handlers, by kind. */
  handlers(): Record<string, JobHandler> {
    return { ...handlerFor(NOTICE_JOBS.deliver, this.deliver), ...handlerFor(NOTICE_JOBS.nudge, this.nudge) }
  }

  async scheduleDelivery(copy: NoticeRow, now: Date): Promise<void> {
    await this.jobs.schedule({ kind: NOTICE_JOBS.deliver.kind, key: `notice:${copy.id}:deliver`, dueAt: now, payload: { noticeId: copy.id }, now })
  }

  /** The automatic nudge, some hours after the notice. */
  async planAutoNudge(notice: NoticeRow, now: Date): Promise<void> {
    const dueAt = new Date(notice.createdAt.getTime() + this.options.autoNudgeHours * 3_600_000)
    await this.jobs.schedule({ kind: NOTICE_JOBS.nudge.kind, key: autoNudgeKey(notice.id), dueAt, payload: { noticeId: notice.id, auto: true }, now })
  }

  /** A 催办 for a group other than the one it was typed in: the nudge right is already taken. */
  async scheduleNudgeNow(noticeId: number, now: Date): Promise<void> {
    const payload = { noticeId, auto: false, requestedAt: now.getTime() }
    await this.jobs.schedule({ kind: NOTICE_JOBS.nudge.kind, key: `notice:${noticeId}:nudge-now:${now.getTime()}`, dueAt: now, payload, now })
  }

  /** Job: posts a broadcast copy in its organisation's group. */
  private readonly deliver = async ({ noticeId }: z.infer<typeof NOTICE_JOBS.deliver.payload>): Promise<QueuedMessage[]> => {
    const notice = await this.notices.findById(noticeId)
    if (!notice) return []
    const roomId = await this.options.roomOf(notice.orgId)
    if (!roomId) return []
    const original = notice.parentId === null ? null : await this.notices.findById(notice.parentId)
    const from = (original && (await this.notices.orgNames([original.orgId])).get(original.orgId)) ?? texts.notice.upperOrg()
    return [groupMessage(roomId, { text: texts.notice.copy({ id: notice.id, text: notice.text, from }) }, `notice:${notice.id}:deliver`)]
  }

  /** Job: @-mentions those who have not acknowledged in the notice's group; nothing when all have. */
  private readonly nudge = async (payload: z.infer<typeof NOTICE_JOBS.nudge.payload>, now: Date): Promise<QueuedMessage[]> => {
    const notice = await this.notices.findById(payload.noticeId)
    if (!notice) return []
    const { pending } = await progressOf(this.notices, notice)
    if (pending.length === 0) return []
    const roomId = await this.options.roomOf(notice.orgId)
    if (!roomId) return []
    // The automatic nudge gives way to a 催办 made shortly before it (but not to its own claim on a retry).
    const key = autoNudgeKey(notice.id)
    if (payload.auto && !(await this.notices.claimNudge(notice.id, now, nudgeCutoff(now, this.options.nudgeIntervalMinutes), key))) return []
    const which = payload.auto ? 'auto' : String(payload.requestedAt ?? 'now')
    return [groupMessage(roomId, nudgeReply(notice, pending), `notice:${notice.id}:nudge:${which}`)]
  }
}

function autoNudgeKey(noticeId: number): string {
  return `notice:${noticeId}:nudge`
}
