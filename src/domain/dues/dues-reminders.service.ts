import { z } from 'zod'
import { texts } from '../../texts/index.js'
import type { QueuedMessage } from '../../outbox/outbox.js'
import { jobKind } from '../../scheduler/job-kind.js'
import type { JobRepository } from '../../scheduler/job.repository.js'
import type { AuditRepository } from '../audit/audit.repository.js'
import type { Asker, OrgContext } from '../org/org.service.js'
import { addMonths, ARREARS_WARNING_MONTHS, arrearsRun, collectionTime, formatDay, formatMonth, formatMonths, LAPSE_MONTHS, owedMonths, type Month } from './dues-ledger.js'
import { formatYuan } from './dues-rate.js'
import { monthSheet, PAYING_STAGES, privately, splitByBackPayment, type DuesBooks } from './dues-books.service.js'
import { MONTHLY_RUN_ACTION } from './dues.repository.js'

/** The collection-day job of one organisation and month. */
export const DUES_MONTHLY_JOB = jobKind(
  'dues.monthly',
  z.object({ orgId: z.number().int().positive(), month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/) }),
)

/** The bot itself, as the actor of audit rows it writes on its own. */
const BOT_ACTOR = 'zhibu'

export function monthlyJobKey(orgId: number, month: Month): string {
  return `dues:${orgId}:${month}`
}

/**
 * The collection day (收缴日): each organisation's day of the month, and the job that day sends —
 * private reminders to members who owe, the summary to the 组织委员, and arrears warnings to the
 * 书记 (党章 第九条).
 */
export class DuesReminderService {
  constructor(
    private readonly books: DuesBooks,
    private readonly audit: AuditRepository,
    private readonly jobs: JobRepository,
  ) {}

  /**
   * Sets the organisation's collection day (收缴日, default the 5th) and moves this month's (if
   * still ahead) and next month's reminders to it. A day already past this month keeps this
   * month's reminder where it was.
   */
  async setCollectionDay(input: { context: OrgContext; asker: Asker; day: number; now: Date }): Promise<string> {
    const { context, asker, day, now } = input
    await this.books.repo.setDuesDay(context.org.id, day)
    await this.scheduleMonthly(context.org.id, now)
    await this.audit.record({ at: now, actorContactId: asker.contactId, action: 'dues.collection-day', orgId: context.org.id, detail: { day } })
    return texts.dues.collectionDaySet({ org: context.org.name, day, hour: this.books.options.reminderHour })
  }

  /**
   * Schedules the collection-day job of this month (when still ahead) and of next month for every
   * organisation with registered members. Call at start-up; 核定党费 does it for its organisation.
   */
  async ensureMonthlyJobs(now: Date): Promise<number> {
    let scheduled = 0
    for (const orgId of await this.books.repo.orgIdsWithMembers()) scheduled += await this.scheduleMonthly(orgId, now)
    return scheduled
  }

  /** Schedules one organisation's jobs of this month (when still ahead) and next month. */
  async scheduleMonthly(orgId: number, now: Date): Promise<number> {
    const current = this.books.currentMonth(now)
    let scheduled = 0
    for (const month of [current, addMonths(current, 1)]) scheduled += await this.scheduleJob(orgId, month, now)
    return scheduled
  }

  /**
   * Job `dues.monthly` (key `dues:<orgId>:<YYYY-MM>`), on the collection day at 09:00: one private
   * reminder to each member who owes; a private summary to the 组织委员 (or 书记); a private warning
   * to the 书记 for each member 3 or more months in arrears. Then next month's job is scheduled.
   *
   * Retries (D1): the audit marker records that the month ran, but never silences the job itself:
   * until the scheduler has marked this job done (which commits its messages in the same
   * transaction), a run recomputes every message, and each carries an idempotency key per
   * recipient so the outbox keeps one. Once done, a second run of the month sends nothing.
   */
  monthlyJob = async ({ orgId, month }: { orgId: number; month: Month }, now: Date): Promise<QueuedMessage[]> => {
    const { repo } = this.books
    await this.scheduleJob(orgId, addMonths(month, 1), now)
    const org = await this.books.orgs.findOrgById(orgId)
    const jobKey = monthlyJobKey(orgId, month)
    if (!org || (await this.jobs.isDone(jobKey))) return []
    const ledgers = (await this.books.ledgers(await repo.membersOf(orgId))).filter((l) => PAYING_STAGES.includes(l.member.stage) && l.assessments.length > 0)
    if (ledgers.length === 0) return []

    const messages: QueuedMessage[] = []
    const label = formatMonth(month, month)
    for (const ledger of ledgers) {
      const { payable, lapsed } = splitByBackPayment(owedMonths(ledger, month), month)
      if (payable.length === 0) continue
      const thisMonth = payable.find((o) => o.month === month)
      const text = texts.dues.reminder({
        name: ledger.member.name,
        month: label,
        amount: thisMonth ? formatYuan(thisMonth.fen) : null,
        months: formatMonths(payable.map((o) => o.month), month),
        total: formatYuan(payable.reduce((sum, o) => sum + o.fen, 0)),
      })
      const older = lapsed.length ? `\n${texts.dues.pastBackPayment({ months: formatMonths(lapsed.map((o) => o.month), month) })}` : ''
      messages.push(privately(ledger.member.contactId, text + older, `${jobKey}:remind:${ledger.member.contactId}`))
    }
    const reminded = messages.length

    const sheet = monthSheet(ledgers, month)
    const summary = texts.dues.summary({ org: org.name, month: label, paid: sheet.paid.length, pending: sheet.pending.length, unpaid: sheet.unpaid })
    for (const officer of await this.books.collectors(orgId)) messages.push(privately(officer.contactId, summary, `${jobKey}:summary:${officer.contactId}`))

    // 党章 第九条: 连续六个月不交纳党费 → 自行脱党. The secretary hears from the 3rd month on, every month.
    const warned: string[] = []
    const secretaries = await this.books.recipients(orgId, [['书记'], ['副书记']])
    for (const ledger of ledgers) {
      const run = arrearsRun(ledger, month)
      if (!run || run.months.length < ARREARS_WARNING_MONTHS) continue
      warned.push(ledger.member.contactId)
      const text = texts.dues.arrearsWarning({
        name: ledger.member.name,
        count: run.months.length,
        months: formatMonths(run.months, month),
        lapseDay: formatDay(run.lapseDate),
        lapsed: run.months.length >= LAPSE_MONTHS,
      })
      for (const secretary of secretaries) {
        messages.push(privately(secretary.contactId, text, `${jobKey}:arrears:${ledger.member.contactId}:${secretary.contactId}`))
      }
    }
    // Written once: a retry of the same run finds it and leaves it (the messages are recomputed regardless).
    if (!(await repo.monthlyRunDone(orgId, month))) {
      await this.audit.record({ at: now, actorContactId: BOT_ACTOR, action: MONTHLY_RUN_ACTION, orgId, detail: { month, reminded, warned } })
    }
    return messages
  }

  /**
   * Schedules one organisation's collection-day job for a month, only while it is still ahead and
   * the month has not run: scheduling moves a job by its key, so a collection day moved later
   * after the run would otherwise set the month running again.
   */
  private async scheduleJob(orgId: number, month: Month, now: Date): Promise<number> {
    const { options, repo } = this.books
    const dueAt = collectionTime(month, await repo.duesDayOf(orgId), options.reminderHour, options.timeZone)
    if (dueAt.getTime() <= now.getTime() || (await repo.monthlyRunDone(orgId, month))) return 0
    await this.jobs.schedule({ kind: DUES_MONTHLY_JOB.kind, key: monthlyJobKey(orgId, month), dueAt, payload: { orgId, month }, now })
    return 1
  }
}
