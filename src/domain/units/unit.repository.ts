import type { Db } from '../../db/client.js'
import type { UnitRow, UnitType } from './unit-rules.js'

export interface UnitRecord extends UnitRow {
  id: number
  orgId: number
  coveredByOrgId: number | null
}

/** Where a Party member works, as the coverage reads it: a registration or an unclaimed roster record. */
export interface MemberAtUnit {
  /** The person: a contact id, or the roster record for one not yet registered. */
  person: string
  unit: string
  stage: string | null
}

const unitSelect = { id: true, orgId: true, name: true, type: true, building: true, staff: true, coveredByOrgId: true } as const
/** A pending import's kind in PendingImport (the roster's rows are 'roster'). */
const UNITS_KIND = 'units'

/** Units in the territory, who covers them, and where members work: the only Prisma code for them. */
export class UnitRepository {
  constructor(private readonly db: Db) {}

  async unitsIn(orgIds: readonly number[]): Promise<UnitRecord[]> {
    const rows = await this.db.unit.findMany({ where: { orgId: { in: [...orgIds] } }, orderBy: { id: 'asc' }, select: unitSelect })
    return rows.map((r) => ({ ...r, type: r.type as UnitType }))
  }

  async coveredCount(orgId: number): Promise<number> {
    return this.db.unit.count({ where: { coveredByOrgId: orgId } })
  }

  /** Writes new units and updates of existing ones (by name in the committee) in one transaction. */
  async saveUnits(orgId: number, rows: readonly UnitRow[], now: Date): Promise<void> {
    await this.db.$transaction(
      rows.map((row) =>
        this.db.unit.upsert({
          where: { orgId_name: { orgId, name: row.name } },
          create: { orgId, ...row, createdAt: now, updatedAt: now },
          // What a row leaves empty keeps what was registered.
          update: { type: row.type, ...(row.building !== null ? { building: row.building } : {}), ...(row.staff !== null ? { staff: row.staff } : {}), updatedAt: now },
        }),
      ),
    )
  }

  /** Covers the units by the organisation, unless another took one of them first; whether all were covered. */
  async cover(unitIds: readonly number[], byOrgId: number, now: Date): Promise<boolean> {
    return this.db.$transaction(async (tx) => {
      const { count } = await tx.unit.updateMany({
        where: { id: { in: [...unitIds] }, OR: [{ coveredByOrgId: null }, { coveredByOrgId: byOrgId }] },
        data: { coveredByOrgId: byOrgId, updatedAt: now },
      })
      if (count !== unitIds.length) throw new CoverRace()
      return true
    }).catch((error: unknown) => {
      if (error instanceof CoverRace) return false
      throw error
    })
  }

  /** The units covered by any of the organisations. */
  async coveredBy(orgIds: readonly number[]): Promise<UnitRecord[]> {
    const rows = await this.db.unit.findMany({ where: { coveredByOrgId: { in: [...orgIds] } }, orderBy: { id: 'asc' }, select: unitSelect })
    return rows.map((r) => ({ ...r, type: r.type as UnitType }))
  }

  /** Moves a unit's coverage to another organisation (拆分). */
  async setCoveredBy(unitId: number, orgId: number, now: Date): Promise<void> {
    await this.db.unit.update({ where: { id: unitId }, data: { coveredByOrgId: orgId, updatedAt: now } })
  }

  /** The organisation's roster records no registration has claimed yet, with a unit. */
  async unclaimedRoster(orgId: number): Promise<Array<{ id: number; unit: string; stage: string | null }>> {
    const rows = await this.db.rosterEntry.findMany({ where: { orgId, memberId: null, unit: { not: null } }, select: { id: true, unit: true, stage: true } })
    return rows.flatMap((r) => (r.unit ? [{ id: r.id, unit: r.unit, stage: r.stage }] : []))
  }

  /** Moves roster records (the ones given, and those the members given claimed) to another organisation. */
  async moveRoster(fromOrgId: number, entryIds: readonly number[], memberIds: readonly number[], toOrgId: number): Promise<void> {
    await this.db.rosterEntry.updateMany({ where: { orgId: fromOrgId, OR: [{ id: { in: [...entryIds] } }, { memberId: { in: [...memberIds] } }] }, data: { orgId: toOrgId } })
  }

  /** Where each current member of the organisation works: the unit said at 登记, else the claimed roster record's. */
  async unitsOfMembers(orgId: number): Promise<Map<number, string>> {
    const members = await this.db.member.findMany({ where: { orgId, leftAt: null }, select: { id: true, unit: true } })
    const entries = await this.db.rosterEntry.findMany({ where: { memberId: { in: members.map((m) => m.id) }, unit: { not: null } }, select: { memberId: true, unit: true } })
    const entryUnit = new Map(entries.map((e) => [e.memberId, e.unit]))
    const found = new Map<number, string>()
    for (const m of members) {
      const unit = m.unit ?? entryUnit.get(m.id) ?? null
      if (unit) found.set(m.id, unit)
    }
    return found
  }

  /** Registered members with a unit, and roster records with one that no registration has claimed. */
  async membersAtUnits(orgIds: readonly number[]): Promise<MemberAtUnit[]> {
    const [members, entries] = await Promise.all([
      this.db.member.findMany({ where: { orgId: { in: [...orgIds] } }, select: { id: true, contactId: true, stage: true, unit: true } }),
      this.db.rosterEntry.findMany({ where: { orgId: { in: [...orgIds] }, unit: { not: null } }, select: { id: true, stage: true, unit: true, memberId: true } }),
    ])
    const entryOf = new Map(entries.filter((e) => e.memberId !== null).map((e) => [e.memberId, e]))
    const found: MemberAtUnit[] = []
    for (const m of members) {
      // The unit said at 登记 wins; else the one on the claimed roster record.
      const unit = m.unit ?? entryOf.get(m.id)?.unit ?? null
      if (unit) found.push({ person: m.contactId, unit, stage: m.stage })
    }
    for (const e of entries) if (e.memberId === null && e.unit) found.push({ person: `roster:${e.id}`, unit: e.unit, stage: e.stage })
    return found
  }

  async savePending(data: { orgId: number; contactId: string; rows: string; now: Date; expiresAt: Date }): Promise<void> {
    const { orgId, contactId, rows, now, expiresAt } = data
    await this.db.pendingImport.upsert({
      where: { orgId_contactId: { orgId, contactId } },
      create: { orgId, contactId, rows, kind: UNITS_KIND, createdAt: now, expiresAt },
      update: { rows, kind: UNITS_KIND, createdAt: now, expiresAt },
    })
  }

  /** Whether the officer's pending import (the latest preview) is a unit list. */
  async hasPending(orgId: number, contactId: string): Promise<boolean> {
    const pending = await this.db.pendingImport.findUnique({ where: { orgId_contactId: { orgId, contactId } }, select: { kind: true } })
    return pending?.kind === UNITS_KIND
  }

  /** Takes the officer's pending unit list (used once); null when none or expired. */
  async takePending(orgId: number, contactId: string, now: Date): Promise<string | null> {
    const pending = await this.db.pendingImport.findUnique({ where: { orgId_contactId: { orgId, contactId } } })
    if (!pending || pending.kind !== UNITS_KIND) return null
    await this.db.pendingImport.deleteMany({ where: { id: pending.id } })
    return pending.expiresAt > now ? pending.rows : null
  }
}

class CoverRace extends Error {}
