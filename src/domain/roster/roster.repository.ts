import type { Db } from '../../db/client.js'
import type { RosterRow } from './roster-rules.js'

export interface RosterEntryRow extends RosterRow {
  id: number
  orgId: number
  memberId: number | null
}

const entrySelect = {
  id: true, orgId: true, name: true, gender: true, birthMonth: true, stage: true, joinedOn: true, fullOn: true, unit: true, branchName: true, memberId: true,
} as const

/** A row to write on 确认导入: a new entry, an update of one, or a new entry linked to a registered member. */
export type RosterWrite = { row: RosterRow; entryId: number | null; memberId: number | null }

export class RosterRepository {
  constructor(private readonly db: Db) {}

  entriesOf(orgId: number): Promise<RosterEntryRow[]> {
    return this.db.rosterEntry.findMany({ where: { orgId }, orderBy: { id: 'asc' }, select: entrySelect })
  }

  unclaimedNamed(orgId: number, name: string): Promise<RosterEntryRow[]> {
    return this.db.rosterEntry.findMany({ where: { orgId, name, memberId: null }, orderBy: { id: 'asc' }, select: entrySelect })
  }

  unclaimed(orgId: number): Promise<RosterEntryRow[]> {
    return this.db.rosterEntry.findMany({ where: { orgId, memberId: null }, orderBy: { id: 'asc' }, select: entrySelect })
  }

  /** Links an entry to a registration, unless someone claimed it first. */
  async claim(entryId: number, memberId: number, now: Date): Promise<boolean> {
    const { count } = await this.db.rosterEntry.updateMany({ where: { id: entryId, memberId: null }, data: { memberId, updatedAt: now } })
    return count === 1
  }

  async savePending(data: { orgId: number; contactId: string; rows: string; now: Date; expiresAt: Date }): Promise<void> {
    const { orgId, contactId, rows, now, expiresAt } = data
    await this.db.pendingImport.upsert({
      where: { orgId_contactId: { orgId, contactId } },
      create: { orgId, contactId, rows, kind: 'roster', createdAt: now, expiresAt },
      update: { rows, kind: 'roster', createdAt: now, expiresAt },
    })
  }

  /** Takes the officer's pending import (it is used once); null when none or expired. */
  async takePending(orgId: number, contactId: string, now: Date): Promise<string | null> {
    const pending = await this.db.pendingImport.findUnique({ where: { orgId_contactId: { orgId, contactId } } })
    // The officer's latest preview was a unit list (单位名单): not a roster to write.
    if (!pending || pending.kind !== 'roster') return null
    await this.db.pendingImport.deleteMany({ where: { id: pending.id } })
    return pending.expiresAt > now ? pending.rows : null
  }

  /** Writes a confirmed import in one transaction. */
  async write(orgId: number, writes: readonly RosterWrite[], now: Date): Promise<void> {
    await this.db.$transaction(
      writes.map(({ row, entryId, memberId }) =>
        entryId === null
          ? this.db.rosterEntry.create({ data: { orgId, ...row, memberId, importedAt: now, updatedAt: now } })
          : this.db.rosterEntry.update({ where: { id: entryId }, data: { ...withoutNulls(row), updatedAt: now } }),
      ),
    )
  }
}

/** An update keeps what the sheet leaves empty. */
function withoutNulls(row: RosterRow): Partial<RosterRow> {
  return Object.fromEntries(Object.entries(row).filter(([, v]) => v !== null)) as Partial<RosterRow>
}
