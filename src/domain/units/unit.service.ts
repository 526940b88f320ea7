import type { AuditRepository } from '../audit/audit.repository.js'
import { texts } from '../../texts/index.js'
import { UserError } from '../../texts/user-error.js'
import type { OrgRepository, OrgRow } from '../org/org.repository.js'
import { checkCover, classifyUnitRow, keepsTerritory, readUnitRow, unitKey, type UnitProblem, type UnitRow } from './unit-rules.js'
import type { UnitRecord, UnitRepository } from './unit.repository.js'
import { readUnitFile } from './unit-sheet.js'

/** How long a previewed unit list waits for 确认导入 (as a roster does). */
export const PENDING_UNITS_HOURS = 24

/**
 * Units in a committee's territory: 单位 登记 and the unit list's preview and 确认导入 (by the
 * street or district committee), 覆盖单位 (by the organisation that covers them).
 */
export class UnitService {
  constructor(
    private readonly units: UnitRepository,
    private readonly orgs: Pick<OrgRepository, 'chainUp' | 'findOrgById'>,
    private readonly audit: AuditRepository,
  ) {}

  /** 单位 登记: a new unit in the committee's territory, or new facts about one already there. */
  async register(input: { org: OrgRow; row: UnitRow; byContactId: string; now: Date }): Promise<string> {
    const { org, row, now } = input
    this.mustKeepTerritory(org)
    const existing = await this.units.unitsIn([org.id])
    const updated = existing.some((u) => u.name === row.name)
    await this.units.saveUnits(org.id, [row], now)
    const saved = (await this.units.unitsIn([org.id])).find((u) => u.name === row.name)
    await this.audit.record({ at: now, actorContactId: input.byContactId, action: updated ? 'unit.update' : 'unit.register', orgId: org.id, detail: { unit: row.name } })
    return texts.units.registered({ org: org.name, name: row.name, type: row.type, building: saved?.building ?? null, staff: saved?.staff ?? null, updated })
  }

  /** Reads a unit list sent privately and answers with the preview; keeps the rows until 确认导入. */
  async preview(input: { org: OrgRow; contactId: string; file: { name: string; base64: string }; now: Date }): Promise<string> {
    const { org, now } = input
    this.mustKeepTerritory(org)
    const rows = await readUnitFile(input.file)
    const existing = await this.units.unitsIn([org.id])
    const counts = { new: 0, updated: 0, unchanged: 0 }
    const rejected: Array<{ line: number; problem: UnitProblem }> = []
    const accepted: Array<{ line: number; row: UnitRow }> = []
    for (const { line, cells } of rows) {
      const reading = readUnitRow(cells)
      if (!reading.ok) {
        rejected.push({ line, problem: reading.problem })
        continue
      }
      const first = accepted.find((a) => a.row.name === reading.row.name)
      if (first) {
        rejected.push({ line, problem: { kind: 'repeated', firstLine: first.line } })
        continue
      }
      accepted.push({ line, row: reading.row })
      counts[classifyUnitRow(reading.row, existing)]++
    }
    const toWrite = accepted.map((a) => a.row).filter((row) => classifyUnitRow(row, existing) !== 'unchanged')
    if (toWrite.length > 0) {
      const expiresAt = new Date(now.getTime() + PENDING_UNITS_HOURS * 3_600_000)
      await this.units.savePending({ orgId: org.id, contactId: input.contactId, rows: JSON.stringify(toWrite), now, expiresAt })
    }
    return texts.units.preview({ org: org.name, rows: rows.length, created: counts.new, updated: counts.updated, unchanged: counts.unchanged, rejected, hours: PENDING_UNITS_HOURS })
  }

  /** Whether the officer's latest preview in this organisation was a unit list (确认导入 writes it). */
  hasPending(org: OrgRow, contactId: string): Promise<boolean> {
    return this.units.hasPending(org.id, contactId)
  }

  async confirm(input: { org: OrgRow; contactId: string; now: Date }): Promise<string> {
    const { org, now } = input
    const pending = await this.units.takePending(org.id, input.contactId, now)
    if (!pending) throw new UserError('roster.nothingPending')
    const rows = JSON.parse(pending) as UnitRow[]
    const existing = await this.units.unitsIn([org.id])
    const updated = rows.filter((r) => existing.some((u) => u.name === r.name)).length
    await this.units.saveUnits(org.id, rows, now)
    await this.audit.record({ at: now, actorContactId: input.contactId, action: 'unit.import', orgId: org.id, detail: { created: rows.length - updated, updated } })
    return texts.units.imported({ org: org.name, created: rows.length - updated, updated })
  }

  /**
   * 覆盖单位 <名称>…: the organisation covers these units of its own or an upper committee's
   * territory; a joint branch covers at most five; a unit another organisation covers is refused.
   * Without names: the units it covers.
   */
  async cover(input: { org: OrgRow; names: readonly string[]; byContactId: string; now: Date }): Promise<string> {
    const { org, now } = input
    const chain = await this.orgs.chainUp(org.id)
    const territory = await this.units.unitsIn(chain.map((o) => o.id))
    if (input.names.length === 0) return texts.units.coverList({ org: org.name, names: territory.filter((u) => u.coveredByOrgId === org.id).map((u) => u.name) })

    const names = [...new Set(input.names)]
    // The nearest committee's unit of that name, when two levels registered the same name.
    // 星辰科技有限公司 names 星辰科技 too, when no unit has the very name.
    const byName = (name: string): UnitRecord | undefined =>
      chain.map((o) => territory.find((u) => u.orgId === o.id && u.name === name)).find(Boolean) ??
      chain.map((o) => territory.find((u) => u.orgId === o.id && unitKey(u.name) === unitKey(name))).find(Boolean)
    const missing = names.filter((n) => !byName(n))
    if (missing.length) throw new UserError('units.notFound', { names: missing })
    const units = [...new Map(names.map(byName).flatMap((u) => (u ? [[u.id, u] as const] : []))).values()]
    for (const u of units) {
      if (u.coveredByOrgId !== null && u.coveredByOrgId !== org.id) {
        const other = await this.orgs.findOrgById(u.coveredByOrgId)
        throw new UserError('units.coveredByOther', { unit: u.name, org: other?.name ?? String(u.coveredByOrgId) })
      }
    }
    const already = await this.units.coveredCount(org.id)
    const adding = units.filter((u) => u.coveredByOrgId !== org.id).length
    const check = checkCover(org.type, already, adding)
    if (!check.ok) throw new UserError('units.jointFull', { org: org.name, max: check.max, covered: check.covered, adding })
    if (!(await this.units.cover(units.map((u) => u.id), org.id, now))) throw new UserError('units.coverRace')
    const covered = units.map((u) => u.name)
    await this.audit.record({ at: now, actorContactId: input.byContactId, action: 'unit.cover', orgId: org.id, detail: { units: covered } })
    return texts.units.covered({ org: org.name, names: covered, total: already + adding })
  }

  private mustKeepTerritory(org: OrgRow): void {
    if (!keepsTerritory(org.type)) throw new UserError('units.notTerritory', { org: org.name, type: org.type })
  }
}
