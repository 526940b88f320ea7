import type { Db } from '../../db/client.js'
import type { DevelopmentStep, StepTaken } from './development-rules.js'

export interface StepRow extends StepTaken {
  memberId: number
  name: string
}

export class DevelopmentRepository {
  constructor(private readonly db: Db) {}

  async stepsOf(memberId: number): Promise<StepTaken[]> {
    const rows = await this.db.developmentStep.findMany({ where: { memberId }, select: { step: true, on: true } })
    return rows.map((r) => ({ step: r.step as DevelopmentStep, on: r.on }))
  }

  /** Every step recorded in the organisation, with the person's registered name. */
  async stepsIn(orgId: number): Promise<StepRow[]> {
    const rows = await this.db.developmentStep.findMany({ where: { orgId }, orderBy: { id: 'asc' }, select: { memberId: true, step: true, on: true } })
    const names = new Map(
      (await this.db.member.findMany({ where: { id: { in: [...new Set(rows.map((r) => r.memberId))] } }, select: { id: true, name: true } })).map((m) => [m.id, m.name]),
    )
    return rows.map((r) => ({ memberId: r.memberId, name: names.get(r.memberId) ?? '', step: r.step as DevelopmentStep, on: r.on }))
  }

  async record(data: { orgId: number; memberId: number; step: DevelopmentStep; on: string; byContactId: string; now: Date }): Promise<void> {
    const { now, ...step } = data
    await this.db.developmentStep.create({ data: { ...step, recordedAt: now } })
  }
}
