import { isUniqueViolation, type Db } from '../../db/client.js'
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

  /** The organisation the member is registered in now (a transfer moves them): where reminders go. */
  async orgOfMember(memberId: number): Promise<number | null> {
    return (await this.db.member.findUnique({ where: { id: memberId }, select: { orgId: true } }))?.orgId ?? null
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

  /** The days of the person's recorded 思想汇报. */
  async reportsOf(memberId: number): Promise<string[]> {
    return (await this.db.thoughtReport.findMany({ where: { memberId }, orderBy: { on: 'asc' }, select: { on: true } })).map((r) => r.on)
  }

  /** Every 思想汇报 recorded in the organisation, by person. */
  async reportsIn(orgId: number): Promise<Map<number, string[]>> {
    const rows = await this.db.thoughtReport.findMany({ where: { orgId }, orderBy: { on: 'asc' }, select: { memberId: true, on: true } })
    const byMember = new Map<number, string[]>()
    for (const r of rows) byMember.set(r.memberId, [...(byMember.get(r.memberId) ?? []), r.on])
    return byMember
  }

  /** Records a 思想汇报; false when one of that day is already recorded. */
  async recordReport(data: { orgId: number; memberId: number; on: string; byContactId: string; now: Date }): Promise<boolean> {
    const { now, ...report } = data
    try {
      await this.db.thoughtReport.create({ data: { ...report, recordedAt: now } })
      return true
    } catch (error) {
      if (isUniqueViolation(error)) return false
      throw error
    }
  }

  /** Every step recorded in the organisations, with the person's registered name (统计's roll-up). */
  async stepsWithin(orgIds: readonly number[]): Promise<Array<StepRow & { orgId: number }>> {
    const rows = await this.db.developmentStep.findMany({
      where: { orgId: { in: [...orgIds] } },
      orderBy: { id: 'asc' },
      select: { orgId: true, memberId: true, step: true, on: true },
    })
    const names = new Map(
      (await this.db.member.findMany({ where: { id: { in: [...new Set(rows.map((r) => r.memberId))] } }, select: { id: true, name: true } })).map((m) => [m.id, m.name]),
    )
    return rows.map((r) => ({ orgId: r.orgId, memberId: r.memberId, name: names.get(r.memberId) ?? '', step: r.step as DevelopmentStep, on: r.on }))
  }
}
