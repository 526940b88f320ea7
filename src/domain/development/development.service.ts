import { z } from 'zod'
import type { QueuedMessage } from '../../outbox/outbox.js'
import { handlerFor, jobKind } from '../../scheduler/job-kind.js'
import type { JobHandler } from '../../scheduler/scheduler.js'
import type { JobRepository } from '../../scheduler/job.repository.js'
import { texts } from '../../texts/index.js'
import { UserError } from '../../texts/user-error.js'
import type { MemberRow, OrgRepository, OrgRow } from '../org/org.repository.js'
import type { MemberStage } from '../org/rights.js'
import { wallClock } from '../time/wall-clock.js'
import {
  addDays,
  addMonths,
  checkStep,
  currentStep,
  DEFAULT_THOUGHT_REPORT_MONTHS,
  DEVELOPMENT_STEPS,
  nextStep,
  THOUGHT_REPORT_REMIND_DAYS_AHEAD,
  THOUGHT_REPORTS_PLANNED,
  thoughtReportsDue,
  thoughtReportStanding,
  writesThoughtReports,
  type DevelopmentStep,
  type StepTaken,
} from './development-rules.js'
import type { DevelopmentRepository, StepRow } from './development.repository.js'

const DEVELOPMENT_JOBS = {
  remind: jobKind('development.remind', z.object({ orgId: z.number().int(), memberId: z.number().int(), step: z.enum(DEVELOPMENT_STEPS) })),
  /** The `number`-th 思想汇报 of the step taken on `since` falls due soon. */
  thoughtReport: jobKind(
    'development.thoughtReport',
    z.object({ orgId: z.number().int(), memberId: z.number().int(), step: z.enum(DEVELOPMENT_STEPS), since: z.string(), number: z.number().int().min(1) }),
  ),
}
/** Reminders go out in the morning of the day they are due. */
const REMIND_HOUR = 9

/**
 * The development pipeline: steps recorded with their dates and rules, 思想汇报 recorded, the 发展
 * overview, private reminders to the person and the secretary before each due step, and to the
 * person before each quarterly 思想汇报.
 */
export class DevelopmentService {
  constructor(
    private readonly steps: DevelopmentRepository,
    private readonly orgs: Pick<OrgRepository, 'listMembers' | 'updateMember' | 'findOrgById'>,
    private readonly jobs: JobRepository,
    private readonly timeZone: string,
  ) {}

  handlers(): Record<string, JobHandler> {
    return {
      ...handlerFor(DEVELOPMENT_JOBS.remind, (payload) => this.remind(payload)),
      ...handlerFor(DEVELOPMENT_JOBS.thoughtReport, (payload, now) => this.remindThoughtReport(payload, now)),
    }
  }

  async record(input: { org: OrgRow; target: MemberRow; step: DevelopmentStep; on: string; byContactId: string; now: Date }): Promise<string> {
    const { org, target, step, on, now } = input
    const history = await this.steps.stepsOf(target.id)
    const check = checkStep(history, step, on)
    if (!check.ok) {
      const base = { name: target.name, step }
      if (check.reason === 'tooEarly') throw new UserError('development.tooEarly', { ...base, earliest: check.earliest, article: check.article })
      if (check.reason === 'notAfterCurrent') throw new UserError('development.notAfterCurrent', { ...base, current: check.current })
      throw new UserError('development.beforePrevious', { ...base, previous: check.previous.step, previousOn: check.previous.on })
    }
    await this.steps.record({ orgId: org.id, memberId: target.id, step, on, byContactId: input.byContactId, now })
    // The registration shows the stage (入党申请人 is not one of the member stages 登记 knows).
    if (step !== '入党申请人') await this.orgs.updateMember(target.id, { name: target.name, stage: step as MemberStage, category: target.category })
    const next = nextStep([...history, { step, on }])
    if (next?.remindOn) {
      await this.jobs.schedule({ kind: DEVELOPMENT_JOBS.remind.kind, key: `development:${target.id}:${next.step}`, dueAt: this.morningOf(next.remindOn), payload: { orgId: org.id, memberId: target.id, step: next.step }, now })
    }
    const current = currentStep([...history, { step, on }])
    if (current?.step === step) await this.scheduleThoughtReports(org.id, target.id, current, now)
    return texts.development.recorded({ name: target.name, step, on, next })
  }

  /** 思想汇报 @某人 <日期>: an officer records the report the person handed in. */
  async recordThoughtReport(input: { org: OrgRow; target: MemberRow; on: string | null; byContactId: string; now: Date }): Promise<string> {
    const { org, target, now } = input
    const today = this.dayOf(now)
    const on = input.on ?? today
    const current = currentStep(await this.steps.stepsOf(target.id))
    if (!current || !writesThoughtReports(current.step)) throw new UserError('development.notWritingReports', { name: target.name, step: current?.step ?? null })
    if (on > today) throw new UserError('development.reportInFuture', { on })
    if (!(await this.steps.recordReport({ orgId: org.id, memberId: target.id, on, byContactId: input.byContactId, now }))) {
      throw new UserError('development.reportRepeated', { name: target.name, on })
    }
    const reports = await this.steps.reportsOf(target.id)
    const standing = thoughtReportStanding(current, reports, today)
    if (!standing) throw new UserError('development.notWritingReports', { name: target.name, step: current.step })
    return texts.development.reportRecorded({ name: target.name, on, step: current.step, ...standing })
  }

  async overview(org: OrgRow, now: Date): Promise<string> {
    const [rows, reports] = await Promise.all([this.steps.stepsIn(org.id), this.steps.reportsIn(org.id)])
    if (rows.length === 0) return texts.development.overviewEmpty({ org: org.name })
    const today = this.dayOf(now)
    const people = new Map<number, StepRow[]>()
    for (const row of rows) people.set(row.memberId, [...(people.get(row.memberId) ?? []), row])
    const current = [...people.values()].flatMap((steps) => {
      const at = currentStep(steps)
      return at ? [{ name: steps[0]?.name ?? '', memberId: steps[0]?.memberId ?? 0, steps, at }] : []
    })
    const counts = DEVELOPMENT_STEPS.map((step) => ({ step, count: current.filter((c) => c.at.step === step).length }))
      .filter((c) => c.count > 0)
      .map((c) => texts.development.stageCount(c))
      .join('，')
    const lines = current
      .filter((c) => c.at.step !== '正式党员')
      .map((c) => {
        const next = nextStep(c.steps)
        const nextText = !next ? null : next.possibleOn ? texts.development.nextDue({ step: next.step, possibleOn: next.possibleOn, ready: next.possibleOn <= today }) : texts.development.nextOpen({ step: next.step })
        const given = thoughtReportStanding(c.at, reports.get(c.memberId) ?? [], today)?.given ?? 0
        return texts.development.overviewLine({ name: c.name, step: c.at.step, since: c.at.on, next: nextText, reports: thoughtReportsDue(c.at, today), given })
      })
    return [texts.development.overviewHeader({ org: org.name, counts }), ...lines].join('\n')
  }

  /** The reminder to the secretaries; nothing when the person has moved on (or back) since it was planned. */
  private async remind(payload: { orgId: number; memberId: number; step: DevelopmentStep }): Promise<QueuedMessage[]> {
    const next = nextStep(await this.steps.stepsOf(payload.memberId))
    if (!next || next.step !== payload.step || !next.possibleOn) return []
    // Planned in one branch, the person may have moved since (转接, 合并, 拆分): their branch now is told.
    const orgId = (await this.steps.orgOfMember(payload.memberId)) ?? payload.orgId
    const [members, org] = await Promise.all([this.orgs.listMembers(orgId), this.orgs.findOrgById(orgId)])
    const person = members.find((m) => m.id === payload.memberId)
    if (!person || !org) return []
    const secretaries = members.filter((m) => m.titles.includes('书记'))
    const text = texts.development.reminder({ org: org.name, name: person.name, step: next.step, possibleOn: next.possibleOn })
    const toOfficers: QueuedMessage[] = (secretaries.length ? secretaries : members.filter((m) => m.titles.includes('副书记'))).map((s) => ({
      to: { kind: 'private', contactId: s.contactId },
      text,
      idempotencyKey: `development:${payload.memberId}:${payload.step}:remind:${s.contactId}`,
    }))
    // The person hears it too, privately: what comes next and by when (转正: the application a month ahead).
    const toPerson: QueuedMessage = {
      to: { kind: 'private', contactId: person.contactId },
      text: texts.development.memberReminder({ org: org.name, step: next.step, possibleOn: next.possibleOn }),
      idempotencyKey: `development:${payload.memberId}:${payload.step}:remind:member`,
    }
    return [toPerson, ...toOfficers.filter((m) => m.to.kind === 'private' && m.to.contactId !== person.contactId)]
  }

  /** The reminder before the person's next 思想汇报 falls due, unless it is in; then the one after is planned. */
  private async remindThoughtReport(payload: { orgId: number; memberId: number; step: DevelopmentStep; since: string; number: number }, now: Date): Promise<QueuedMessage[]> {
    const current = currentStep(await this.steps.stepsOf(payload.memberId))
    // The person moved on (or back) since: the new step planned its own.
    if (!current || current.step !== payload.step || current.on !== payload.since) return []
    const orgId = (await this.steps.orgOfMember(payload.memberId)) ?? payload.orgId
    const [members, org, reports] = await Promise.all([this.orgs.listMembers(orgId), this.orgs.findOrgById(orgId), this.steps.reportsOf(payload.memberId)])
    const person = members.find((m) => m.id === payload.memberId)
    if (!person || !org) return []
    const dueOn = addDays(this.dayOf(now), THOUGHT_REPORT_REMIND_DAYS_AHEAD)
    const standing = thoughtReportStanding(current, reports, dueOn)
    // An activist may stay longer than the reminders planned: the last one plans the next series.
    if (payload.number % (THOUGHT_REPORTS_PLANNED[current.step] ?? 0) === 0) await this.scheduleThoughtReports(orgId, payload.memberId, current, now, payload.number + 1)
    if (!standing || standing.given >= payload.number) return []
    return [
      {
        to: { kind: 'private', contactId: person.contactId },
        text: texts.development.thoughtReportReminder({ org: org.name, step: current.step, number: payload.number, dueOn: this.dueDay(current, payload.number), missing: payload.number - standing.given }),
        idempotencyKey: `development:${payload.memberId}:thought:${payload.since}:${payload.number}:member`,
      },
    ]
  }

  /**
   * Plans the reminders a week before each 思想汇报 of the step (those not yet past): each job
   * checks at its time whether that report is in. Planned ahead, not chained, so a reminder skipped
   * while the bot was down does not end the series.
   */
  private async scheduleThoughtReports(orgId: number, memberId: number, current: StepTaken, now: Date, from = 1): Promise<void> {
    const planned = THOUGHT_REPORTS_PLANNED[current.step]
    if (!planned) return
    const today = this.dayOf(now)
    for (let n = from; n < from + planned; n++) {
      const remindOn = addDays(this.dueDay(current, n), -THOUGHT_REPORT_REMIND_DAYS_AHEAD)
      if (remindOn < today) continue
      await this.jobs.schedule({
        kind: DEVELOPMENT_JOBS.thoughtReport.kind,
        key: `development:${memberId}:thought:${current.on}:${n}`,
        dueAt: this.morningOf(remindOn),
        payload: { orgId, memberId, step: current.step, since: current.on, number: n },
        now,
      })
    }
  }

  /** The day the `number`-th 思想汇报 of the step falls due. */
  private dueDay(current: StepTaken, number: number): string {
    return addMonths(current.on, number * DEFAULT_THOUGHT_REPORT_MONTHS)
  }

  private dayOf(at: Date): string {
    const w = wallClock(at, this.timeZone)
    return `${w.year}-${String(w.month).padStart(2, '0')}-${String(w.day).padStart(2, '0')}`
  }

  /** REMIND_HOUR on that calendar day in the bot's time zone. */
  private morningOf(day: string): Date {
    const guess = new Date(`${day}T${String(REMIND_HOUR).padStart(2, '0')}:00:00Z`)
    const w = wallClock(guess, this.timeZone)
    const shown = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute)
    return new Date(2 * guess.getTime() - shown)
  }
}
