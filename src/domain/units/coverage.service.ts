import type { Reply } from '../../chat/reply.js'
import { texts } from '../../texts/index.js'
import type { OrgRepository, OrgRow } from '../org/org.repository.js'
import { jointCandidates, shouldSplit, unitKey, unitStanding, type UnitPicture, type UnitStanding } from './unit-rules.js'
import type { UnitRepository } from './unit.repository.js'
import { writeWorkbook } from '../../util/workbook.js'

/** The stage a full member is registered with (登记, 名册). */
const FULL_MEMBER = '正式党员'
const STANDINGS: readonly UnitStanding[] = ['own', 'joint', 'needsOwn', 'needsJoint', 'noMembers']

export interface CoverageRow extends UnitPicture {
  type: string
  staff: number | null
  /** The committee whose territory holds the unit. */
  territory: string
  standing: UnitStanding
}

interface Picture {
  rows: CoverageRow[]
  /** Units each covering organisation covers, by its name (for a joint branch's room left). */
  coveredCount: Map<string, number>
}

/**
 * 覆盖: for the asker's territory (the organisation and those below it), each unit's standing —
 * covered by its own organisation or a joint branch, Party members without one, no members —
 * counts for the group, the lists privately, and 导出 覆盖 as a workbook.
 */
export class CoverageService {
  constructor(
    private readonly units: UnitRepository,
    private readonly orgs: Pick<OrgRepository, 'descendantsOf' | 'findOrgById'>,
  ) {}

  async report(input: { org: OrgRow; askerContactId: string; inGroup: boolean }): Promise<Reply[]> {
    const { org } = input
    const { rows, coveredCount } = await this.picture(org)
    if (rows.length === 0) return [{ text: texts.units.coverageEmpty({ org: org.name }) }]
    const counts = this.counts(rows)
    const splits = rows.filter(shouldSplit).length
    const summary = texts.units.coverageCounts({ org: org.name, ...counts }) + (splits > 0 ? `\n${texts.units.splitCount({ count: splits })}` : '')
    const lists = this.lists(rows, coveredCount)
    return input.inGroup
      ? [{ text: `${summary}\n${texts.units.listsSentPrivately()}` }, { text: lists, privateTo: input.askerContactId }]
      : [{ text: `${summary}\n\n${lists}` }]
  }

  /** 导出 覆盖: a summary sheet per territory committee (and the total), a detail sheet per unit. */
  async exportFile(org: OrgRow): Promise<{ name: string; base64: string }> {
    const { rows } = await this.picture(org)
    const territories = [...new Set(rows.map((r) => r.territory))]
    const summaryRow = (name: string, of: CoverageRow[]) => {
      const c = this.counts(of)
      const members = of.reduce((sum, r) => sum + r.members, 0)
      return [name, c.units, c.own, c.joint, texts.units.percent({ part: c.own + c.joint, whole: c.units }), c.needsOwn + c.needsJoint, c.needsOwn, c.noMembers, members]
    }
    const summary = [texts.units.summaryColumns(), ...territories.map((t) => summaryRow(t, rows.filter((r) => r.territory === t))), summaryRow(texts.units.total(), rows)]
    const detail = [
      texts.units.detailColumns(),
      ...rows.map((r) => [
        r.name,
        r.type,
        r.building ?? '',
        r.staff ?? '',
        r.territory,
        texts.units.listTitle({ standing: r.standing }),
        r.coveredBy ?? '',
        r.members,
        r.fullMembers,
        shouldSplit(r) ? texts.units.splitSuggestion() : texts.units.suggestion({ standing: r.standing }),
      ]),
    ]
    const base64 = await writeWorkbook([
      { name: texts.units.summarySheet(), rows: summary },
      { name: texts.units.detailSheet(), rows: detail },
    ])
    return { name: texts.units.exportFile({ org: org.name }), base64 }
  }

  private async picture(org: OrgRow): Promise<Picture> {
    const orgs = [org, ...(await this.orgs.descendantsOf(org.id))]
    const orgIds = orgs.map((o) => o.id)
    const [units, people] = await Promise.all([this.units.unitsIn(orgIds), this.units.membersAtUnits(orgIds)])
    const orgById = new Map(orgs.map((o) => [o.id, o]))
    for (const id of new Set(units.flatMap((u) => (u.coveredByOrgId !== null && !orgById.has(u.coveredByOrgId) ? [u.coveredByOrgId] : [])))) {
      const other = await this.orgs.findOrgById(id)
      if (other) orgById.set(id, other)
    }
    // One person counts once at a unit (registered in two groups), a full member if any registration says so; names match without the company form.
    const atUnit = new Map<string, Map<string, boolean>>()
    for (const p of people) {
      const unit = unitKey(p.unit)
      const persons = atUnit.get(unit) ?? new Map<string, boolean>()
      persons.set(p.person, (persons.get(p.person) ?? false) || p.stage === FULL_MEMBER)
      atUnit.set(unit, persons)
    }
    const coveredCount = new Map<string, number>()
    const rows = units.map((u): CoverageRow => {
      const coveredBy = u.coveredByOrgId !== null ? (orgById.get(u.coveredByOrgId) ?? null) : null
      if (coveredBy) coveredCount.set(coveredBy.name, (coveredCount.get(coveredBy.name) ?? 0) + 1)
      const persons = [...(atUnit.get(unitKey(u.name))?.values() ?? [])]
      const picture: UnitPicture = {
        name: u.name,
        building: u.building,
        coveredByType: coveredBy?.type ?? null,
        coveredBy: coveredBy?.name ?? null,
        members: persons.length,
        fullMembers: persons.filter(Boolean).length,
      }
      return { ...picture, type: u.type, staff: u.staff, territory: orgById.get(u.orgId)?.name ?? '', standing: unitStanding(picture) }
    })
    return { rows, coveredCount }
  }

  private counts(rows: readonly CoverageRow[]) {
    const count = (s: UnitStanding) => rows.filter((r) => r.standing === s).length
    return { units: rows.length, own: count('own'), joint: count('joint'), needsOwn: count('needsOwn'), needsJoint: count('needsJoint'), noMembers: count('noMembers') }
  }

  private lists(rows: readonly CoverageRow[], coveredCount: ReadonlyMap<string, number>): string {
    const u = texts.units
    return STANDINGS.flatMap((standing) => {
      const of = rows.filter((r) => r.standing === standing)
      if (of.length === 0) return []
      const lines = of.map((r) => {
        if (shouldSplit(r)) return u.jointSplitLine({ unit: r.name, org: r.coveredBy ?? '', full: r.fullMembers })
        if (standing === 'own' || standing === 'joint') return u.coveredLine({ unit: r.name, org: r.coveredBy ?? '' })
        if (standing === 'needsOwn') return u.needsOwnLine({ unit: r.name, members: r.members, full: r.fullMembers })
        if (standing === 'needsJoint') return u.needsJointLine({ unit: r.name, members: r.members, full: r.fullMembers, building: r.building, ...jointCandidates(r, rows, coveredCount) })
        return u.plainLine({ unit: r.name })
      })
      return [u.listHeader({ title: u.listTitle({ standing }), count: of.length }), ...lines]
    }).join('\n')
  }
}
