import { isUniqueViolation, type Db } from '../../db/client.js'
import type { HeldRole } from './rights.js'
import { covers } from './org-history.js'

export interface OrgRow {
  id: number
  name: string
  type: string
  parentId: number | null
}

export interface MemberRow {
  id: number
  orgId: number
  contactId: string
  name: string
  stage: string
  category: string
}

const orgSelect = { id: true, name: true, type: true, parentId: true } as const
const memberSelect = { id: true, orgId: true, contactId: true, name: true, stage: true, category: true } as const

/** Organisations, group bindings, members, roles and super-admins: the only Prisma code for them. */
/** Deeper than any real tree; a guard against a cycle. */
const MAX_TREE_DEPTH = 16

export class OrgRepository {
  constructor(private readonly db: Db) {}

  findOrgById(id: number): Promise<OrgRow | null> {
    return this.db.organization.findUnique({ where: { id }, select: orgSelect })
  }

  findOrgByName(name: string): Promise<OrgRow | null> {
    return this.db.organization.findUnique({ where: { name }, select: orgSelect })
  }

  createOrg(data: { name: string; type: string; parentId: number | null; now: Date }): Promise<OrgRow> {
    // Its first place in the tree is its history's first period, written with it.
    return this.db.organization.create({
      data: { name: data.name, type: data.type, parentId: data.parentId, createdAt: data.now, parentPeriods: { create: { parentId: data.parentId, from: data.now } } },
      select: orgSelect,
    })
  }

  /**
   * Puts an organisation under another (or at the top, with null) from `now`: the period under the
   * old parent closes and the new one opens in the same transaction as the move.
   */
  async setParent(orgId: number, parentId: number | null, now: Date): Promise<void> {
    await this.db.$transaction(async (tx) => {
      await tx.orgParentPeriod.updateMany({ where: { orgId, until: null }, data: { until: now } })
      await tx.orgParentPeriod.create({ data: { orgId, parentId, from: now } })
      await tx.organization.update({ where: { id: orgId }, data: { parentId } })
    })
  }

  /** The organisation and its ancestors, nearest first. */
  async chainUp(orgId: number): Promise<OrgRow[]> {
    const chain: OrgRow[] = []
    let next: number | null = orgId
    while (next !== null && chain.length < 32) {
      const org: OrgRow | null = await this.findOrgById(next)
      if (!org) break
      chain.push(org)
      next = org.parentId
    }
    return chain
  }

  /**
   * Every organisation below `orgId` (not itself), level by level; with `boundOnly`, those bound
   * to a group. The tree is a few levels deep (区 → 街道 → 支部 → 党小组): the depth cap guards
   * against a cycle made by hand in the database.
   */
  async descendantsOf(orgId: number, options: { boundOnly?: boolean } = {}): Promise<OrgRow[]> {
    const found: OrgRow[] = []
    let level = [orgId]
    for (let depth = 0; level.length > 0 && depth < MAX_TREE_DEPTH; depth++) {
      const children = await this.db.organization.findMany({
        where: { parentId: { in: level } },
        orderBy: { id: 'asc' },
        select: { ...orgSelect, groups: { select: { id: true }, take: 1 } },
      })
      for (const { groups, ...org } of children) if (!options.boundOnly || groups.length > 0) found.push(org)
      level = children.map((c) => c.id)
    }
    return found
  }

  /**
   * Every organisation below `rootId` (not itself) in the tree as it was at `at`, level by level:
   * each counts under the parent it had then (src/domain/org/org-history.ts); with `boundOnly`,
   * those bound to a group. Reports for a past period use it with the period's last day.
   */
  async orgsUnderAt(rootId: number, at: Date, options: { boundOnly?: boolean } = {}): Promise<OrgRow[]> {
    const found: OrgRow[] = []
    const seen = new Set([rootId])
    let level = [rootId]
    for (let depth = 0; level.length > 0 && depth < MAX_TREE_DEPTH; depth++) {
      // A period under one of them that covers `at` (periods never overlap: it is the one);
      // an organisation without any history counts under its present parent.
      const periods = await this.db.orgParentPeriod.findMany({ where: { parentId: { in: level } }, select: { orgId: true, parentId: true, from: true, until: true } })
      const ids = periods.filter((p) => covers(p, at)).map((p) => p.orgId)
      const children = await this.db.organization.findMany({
        where: { OR: [{ id: { in: ids } }, { parentId: { in: level }, parentPeriods: { none: {} } }] },
        orderBy: { id: 'asc' },
        select: { ...orgSelect, groups: { select: { id: true }, take: 1 } },
      })
      level = []
      for (const { groups, ...org } of children) {
        if (seen.has(org.id)) continue
        seen.add(org.id)
        level.push(org.id)
        if (!options.boundOnly || groups.length > 0) found.push(org)
      }
    }
    return found
  }

  /** The group bound to each of the organisations, by organisation id. */
  async roomsOf(orgIds: number[]): Promise<Map<number, string>> {
    const rows = await this.db.groupBinding.findMany({ where: { orgId: { in: orgIds } }, select: { orgId: true, roomId: true } })
    return new Map(rows.map((r) => [r.orgId, r.roomId]))
  }

  findBindingByRoom(roomId: string): Promise<{ org: OrgRow } | null> {
    return this.db.groupBinding.findUnique({ where: { roomId }, select: { org: { select: orgSelect } } })
  }

  findBindingByOrg(orgId: number): Promise<{ roomId: string } | null> {
    return this.db.groupBinding.findFirst({ where: { orgId }, select: { roomId: true } })
  }

  async createBinding(data: { roomId: string; topic: string; orgId: number; byContactId: string; now: Date }): Promise<void> {
    await this.db.groupBinding.create({
      data: { roomId: data.roomId, topic: data.topic, orgId: data.orgId, boundByContactId: data.byContactId, boundAt: data.now },
    })
  }

  /** The contact's registration in the organisation; null also when they have left it (转出). */
  findMember(orgId: number, contactId: string): Promise<MemberRow | null> {
    return this.db.member.findFirst({ where: { orgId, contactId, leftAt: null }, select: memberSelect })
  }

  async registeredOrgIds(contactId: string): Promise<number[]> {
    return (await this.db.member.findMany({ where: { contactId, leftAt: null }, orderBy: { orgId: 'asc' }, select: { orgId: true } })).map((m) => m.orgId)
  }

  listMembers(orgId: number): Promise<(MemberRow & { titles: string[]; flow: string | null; flowPlace: string | null })[]> {
    return this.db.member
      .findMany({
        where: { orgId, leftAt: null },
        orderBy: { id: 'asc' },
        select: { ...memberSelect, flow: true, flowPlace: true, roles: { where: { revokedAt: null }, orderBy: { id: 'asc' }, select: { title: true } } },
      })
      .then((rows) => rows.map(({ roles, ...member }) => ({ ...member, titles: roles.map((r) => r.title) })))
  }

  /**
   * Registers a member, with their membership period (since before the bot knew). Someone who
   * left the organisation (转出) and registers again gets their old row back, and a new period from now.
   * `unit`: where the member works (登记 … 单位 <名称>), when they said.
   */
  async createMember(data: Omit<MemberRow, 'id'> & { now: Date; unit?: string; flow?: string | null; flowPlace?: string | null; since?: Date | null }): Promise<MemberRow> {
    const { now, flow = null, flowPlace = null, since = null, ...member } = data
    return this.db.$transaction(async (tx) => {
      const gone = await tx.member.findUnique({ where: { orgId_contactId: { orgId: member.orgId, contactId: member.contactId } }, select: { id: true } })
      if (gone) {
        await tx.memberMembership.create({ data: { memberId: gone.id, orgId: member.orgId, from: now } })
        return tx.member.update({ where: { id: gone.id }, data: { name: member.name, stage: member.stage, category: member.category, ...(member.unit === undefined ? {} : { unit: member.unit }), leftAt: null, flow, flowPlace }, select: memberSelect })
      }
      return tx.member.create({ data: { ...member, flow, flowPlace, registeredAt: now, memberships: { create: { orgId: member.orgId, from: since } } }, select: memberSelect })
    })
  }

  updateMember(id: number, data: Pick<MemberRow, 'name' | 'stage' | 'category'> & { unit?: string }): Promise<MemberRow> {
    return this.db.member.update({ where: { id }, data, select: memberSelect })
  }

  /** Every office the contact holds now, in any organisation, in the order they were given (lists of them read the same each time). */
  async activeRolesOf(contactId: string): Promise<HeldRole[]> {
    return this.db.roleAssignment.findMany({
      where: { revokedAt: null, member: { contactId } },
      orderBy: { id: 'asc' },
      select: { orgId: true, title: true },
    })
  }

  findActiveRole(memberId: number, title: string): Promise<{ id: number } | null> {
    return this.db.roleAssignment.findFirst({ where: { memberId, title, revokedAt: null }, select: { id: true } })
  }

  /** Records the office; false when the member already holds it (the database keeps one active). */
  async assignRole(data: { orgId: number; memberId: number; title: string; byContactId: string; now: Date }): Promise<boolean> {
    try {
      await this.db.roleAssignment.create({
        data: { orgId: data.orgId, memberId: data.memberId, title: data.title, assignedByContactId: data.byContactId, assignedAt: data.now },
      })
      return true
    } catch (error) {
      if (isUniqueViolation(error)) return false
      throw error
    }
  }

  async revokeRole(id: number, byContactId: string, now: Date): Promise<void> {
    await this.db.roleAssignment.update({ where: { id }, data: { revokedAt: now, revokedByContactId: byContactId } })
  }

  async isSuperAdmin(contactId: string): Promise<boolean> {
    return (await this.db.superAdmin.findUnique({ where: { contactId }, select: { id: true } })) !== null
  }

  async superAdminIds(): Promise<string[]> {
    return (await this.db.superAdmin.findMany({ select: { contactId: true }, orderBy: { id: 'asc' } })).map((a) => a.contactId)
  }

  async addSuperAdmin(contactId: string, now: Date): Promise<void> {
    await this.db.superAdmin.create({ data: { contactId, since: now } })
  }
}
