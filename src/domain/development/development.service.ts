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
import { checkStep, currentStep, DEVELOPMENT_STEPS, nextStep, thoughtReportsDue, type DevelopmentStep } from './development-rules.js'
import type { DevelopmentRepository, StepRow } from './development.repository.js'

const DEVELOPMENT_JOBS = {
  remind: jobKind('development.remind', z.object({ orgId: z.number().int(), memberId: z.number().int(), step: z.enum(DEVELOPMENT_STEPS) })),
}
/** Reminders go out in the morning of the day they are due. */
const REMIND_HOUR = 9

/** The development pipeline: steps recorded with their dates and rules, the 发展 overview, reminders to the secretary. */
export class DevelopmentService {
  constructor(
    private readonly steps: DevelopmentRepository,
    private readonly orgs: Pick<OrgRepository, 'listMembers' | 'updateMember' | 'findOrgById'>,
    private readonly jobs: JobRepository,
    private readonly timeZone: string,
  ) {}

  handlers(): Record<string, JobHandler> {
    return handlerFor(DEVELOPMENT_JOBS.remind, (payload) => this.remind(payload))
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
    return texts.development.recorded({ name: target.name, step, on, next })
  }

  async overview(org: OrgRow, now: Date): Promise<string> {
    const rows = await this.steps.stepsIn(org.id)
    if (rows.length === 0) return texts.development.overviewEmpty({ org: org.name })
    const today = this.dayOf(now)
    const people = new Map<number, StepRow[]>()
    for (const row of rows) people.set(row.memberId, [...(people.get(row.memberId) ?? []), row])
    const current = [...people.values()].flatMap((steps) => {
      const at = currentStep(steps)
      return at ? [{ name: steps[0]?.name ?? '', steps, at }] : []
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
        return texts.development.overviewLine({ name: c.name, step: c.at.step, since: c.at.on, next: nextText, reports: thoughtReportsDue(c.at, today) })
      })
    return [texts.development.overviewHeader({ org: org.name, counts }), ...lines].join('\n')
  }

  /** The reminder to the secretaries; nothing when the person has moved on (or back) since it was planned. */
  private async remind(payload: { orgId: number; memberId: number; step: DevelopmentStep }): Promise<QueuedMessage[]> {
    const next = nextStep(await this.steps.stepsOf(payload.memberId))
    if (!next || next.step !== payload.step || !next.possibleOn) return []
    const [members, org] = await Promise.all([this.orgs.listMembers(payload.orgId), this.orgs.findOrgById(payload.orgId)])
    const person = members.find((m) => m.id === payload.memberId)
    if (!person || !org) return []
    const secretaries = members.filter((m) => m.titles.includes('书记'))
    const text = texts.development.reminder({ org: org.name, name: person.name, step: next.step, possibleOn: next.possibleOn })
    return (secretaries.length ? secretaries : members.filter((m) => m.titles.includes('副书记'))).map((s) => ({
      to: { kind: 'private', contactId: s.contactId },
      text,
      idempotencyKey: `development:${payload.memberId}:${payload.step}:remind:${s.contactId}`,
    }))
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
