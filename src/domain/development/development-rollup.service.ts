import { texts } from '../../texts/index.js'
import type { OrgRepository, OrgRow } from '../org/org.repository.js'
import type { Period } from '../report/period.js'
import { wallClock } from '../time/wall-clock.js'
import { currentStep, emptyStageCounts, PIPELINE_STAGES, stageCountsByOrg, type StageCounts, type StepTaken } from './development-rules.js'
import type { DevelopmentRepository } from './development.repository.js'

export interface StageRollup {
  /** One row per organisation below an upper one (the organisation itself for a branch). */
  rows: Array<{ org: OrgRow; counts: StageCounts }>
  /** Over the whole tree, for an upper organisation; null for a branch. */
  total: StageCounts | null
  /** The people counted, at their stage on the day: for the export's detail sheet. */
  people: Array<{ org: OrgRow; name: string; step: string; since: string }>
}

/**
 * 统计's roll-up of the development pipeline: how many people are at each stage (申请人, 积极分子,
 * 发展对象, 预备党员) on the period's last day (today for a running period), per organisation.
 */
export class DevelopmentRollup {
  constructor(
    private readonly steps: Pick<DevelopmentRepository, 'stepsWithin'>,
    private readonly orgs: Pick<OrgRepository, 'descendantsOf'>,
    private readonly timeZone: string,
  ) {}

  async rollup(org: OrgRow, period: Period, now: Date): Promise<StageRollup> {
    const orgs = [org, ...(await this.orgs.descendantsOf(org.id))]
    const units = orgs.length > 1 ? orgs.slice(1) : orgs
    const upTo = this.dayOf(new Date(Math.min(period.end.getTime() - 1, now.getTime())))
    const steps = await this.steps.stepsWithin(orgs.map((o) => o.id))
    const counts = stageCountsByOrg(steps, upTo)
    // An organisation's row counts those recorded in it and below it (a 党总支 under the street holds its branches).
    const below = new Map(units.map((u) => [u.id, new Set([u.id])]))
    for (const o of orgs) {
      for (const [unitId, ids] of below) if (o.parentId !== null && ids.has(o.parentId)) below.get(unitId)?.add(o.id)
    }
    const sum = (ids: ReadonlySet<number>): StageCounts => {
      const c = emptyStageCounts()
      for (const id of ids) for (const stage of PIPELINE_STAGES) c[stage] += counts.get(id)?.[stage] ?? 0
      return c
    }
    const rows = units.map((u) => ({ org: u, counts: sum(below.get(u.id) ?? new Set([u.id])) }))
    const total = units.length === 1 && units[0] === org ? null : sum(new Set(orgs.map((o) => o.id)))
    const orgById = new Map(orgs.map((o) => [o.id, o]))
    const byPerson = new Map<number, Array<StepTaken & { orgId: number; name: string }>>()
    for (const s of steps) if (s.on <= upTo) byPerson.set(s.memberId, [...(byPerson.get(s.memberId) ?? []), s])
    const people = [...byPerson.values()].flatMap((history) => {
      const at = currentStep(history)
      const row = at && history.find((h) => h.step === at.step)
      const o = row && orgById.get(row.orgId)
      return row && o && row.step !== '正式党员' ? [{ org: o, name: row.name, step: row.step, since: row.on }] : []
    })
    return { rows, total, people }
  }

  /** The lines 统计 adds: none when nobody is on the path in the tree. */
  async lines(org: OrgRow, period: Period, now: Date): Promise<string[]> {
    const { rows, total, people } = await this.rollup(org, period, now)
    if (people.length === 0) return []
    const line = (name: string, c: StageCounts) => texts.development.rollupLine({ name, ...c })
    return [texts.development.rollupHeader(), ...rows.map((r) => line(r.org.name, r.counts)), ...(total ? [line(texts.report.total(), total)] : [])]
  }

  private dayOf(at: Date): string {
    const w = wallClock(at, this.timeZone)
    return `${w.year}-${String(w.month).padStart(2, '0')}-${String(w.day).padStart(2, '0')}`
  }
}
