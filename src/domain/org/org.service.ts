import { UserError } from '../../texts/user-error.js'
import { texts } from '../../texts/index.js'
import { TtlCache } from '../../util/ttl-cache.js'
import type { AuditRepository } from '../audit/audit.repository.js'
import type { MemberRow, OrgRepository, OrgRow } from './org.repository.js'
import { BINDER_TITLES, holdsOver, SECRETARY_TITLES, type HeldRole, type MemberCategory, type MemberStage, type OfficerTitle } from './rights.js'

/** What the bot knows about the person asking, within one organisation. */
export interface Asker {
  contactId: string
  name: string
  isSuperAdmin: boolean
  /** Offices held anywhere (rights reach down the tree: see `may`). */
  roles: HeldRole[]
  /** Registration in the organisation of the chat, if any. */
  member: MemberRow | null
}

export interface OrgContext {
  org: OrgRow
  /** The organisation and its ancestors, nearest first. */
  chain: OrgRow[]
}

/** What an imported roster adds to 登记 (the record claimed) and 成员 (who has not joined the group yet). */
export interface RosterLink {
  claimOnRegister(member: MemberRow, now: Date): Promise<string | null>
  notJoinedLines(orgId: number): Promise<string[]>
}

/** How long another process's change to bindings, offices or registrations may take to show here. */
const CACHE_TTL_MS = 30_000

export class OrgService {
  // Every message needs the group's organisation and the asker's rights: read them once, not per message.
  readonly #groups = new TtlCache<string, OrgContext | null>(CACHE_TTL_MS)
  readonly #rights = new TtlCache<string, { isSuperAdmin: boolean; roles: HeldRole[] }>(CACHE_TTL_MS)
  readonly #members = new TtlCache<string, MemberRow | null>(CACHE_TTL_MS)

  constructor(
    private readonly orgs: OrgRepository,
    private readonly audit: AuditRepository,
    private readonly roster?: RosterLink,
  ) {}

  /** The tree changed (an organisation moved): every group's chain is read afresh. */
  forgetGroups(): void {
    this.#groups.clear()
  }

  /** Someone moved between organisations (转接, 流入, 合并): their registrations and rights are read afresh. */
  forgetPerson(contactId: string, orgIds: number[]): void {
    this.#rights.delete(contactId)
    for (const orgId of orgIds) this.#members.delete(`${orgId}:${contactId}`)
  }

  /** Someone's rights changed elsewhere (became super-admin): read them afresh. */
  forgetRights(contactId: string): void {
    this.#rights.delete(contactId)
  }

  /** The organisation a group is bound to, with its ancestors; null for an unbound group. */
  contextOfGroup(roomId: string): Promise<OrgContext | null> {
    return this.#groups.get(roomId, async () => {
      const binding = await this.orgs.findBindingByRoom(roomId)
      if (!binding) return null
      return { org: binding.org, chain: await this.orgs.chainUp(binding.org.id) }
    })
  }

  async asker(contactId: string, name: string, org: OrgRow | null): Promise<Asker> {
    const rights = await this.#rights.get(contactId, async () => ({
      isSuperAdmin: await this.orgs.isSuperAdmin(contactId),
      roles: await this.orgs.activeRolesOf(contactId),
    }))
    const member = org ? await this.#members.get(`${org.id}:${contactId}`, () => this.orgs.findMember(org.id, contactId)) : null
    return { contactId, name, ...rights, member }
  }

  /** Whether the asker holds one of `titles` in the organisation or above it (or is a super-admin). */
  may(asker: Asker, context: OrgContext, titles?: readonly string[]): boolean {
    return asker.isSuperAdmin || holdsOver(asker.roles, context.chain.map((o) => o.id), titles)
  }

  superAdminIds(): Promise<string[]> {
    return this.orgs.superAdminIds()
  }

  /**
   * Binds a group to an organisation, creating it when new. A super-admin may bind anything;
   * an officer of the named parent may bind an organisation below it.
   */
  async bindGroup(input: { roomId: string; topic: string; name: string; type: string; parentName: string | null; asker: Asker; now: Date }): Promise<string> {
    const { asker, now } = input
    const existing = await this.orgs.findBindingByRoom(input.roomId)
    if (existing) throw new UserError('org.alreadyBound', { name: existing.org.name })

    const parent = input.parentName ? await this.orgs.findOrgByName(input.parentName) : null
    if (input.parentName && !parent) throw new UserError('org.parentMissing', { name: input.parentName })
    // An organisation already in the tree (拆分 set it up) binds under its own parent when none is named.
    const known = input.parentName ? null : await this.orgs.findOrgByName(input.name)
    const above = parent ?? (known?.parentId ? await this.orgs.findOrgById(known.parentId) : null)
    const parentChain = above ? (await this.orgs.chainUp(above.id)).map((o) => o.id) : []
    if (!asker.isSuperAdmin && !(above && holdsOver(asker.roles, parentChain, BINDER_TITLES))) {
      throw new UserError('org.bindNoRight')
    }

    let org = await this.orgs.findOrgByName(input.name)
    const created = !org
    if (org) {
      if (await this.orgs.findBindingByOrg(org.id)) throw new UserError('org.orgBoundElsewhere', { name: org.name })
      if (parent && org.parentId !== parent.id) {
        const actual = org.parentId ? await this.orgs.findOrgById(org.parentId) : null
        throw new UserError('org.parentMismatch', { name: org.name, parent: actual?.name ?? texts.org.noParent() })
      }
    } else {
      org = await this.orgs.createOrg({ name: input.name, type: input.type, parentId: parent?.id ?? null, now })
    }
    await this.orgs.createBinding({ roomId: input.roomId, topic: input.topic, orgId: org.id, byContactId: asker.contactId, now })
    this.#groups.delete(input.roomId)
    await this.audit.record({
      at: now,
      actorContactId: asker.contactId,
      action: 'group.bind',
      orgId: org.id,
      detail: { roomId: input.roomId, created, parent: parent?.name ?? null },
    })
    const parentName = parent?.name ?? (org.parentId ? (await this.orgs.findOrgById(org.parentId))?.name ?? null : null)
    return texts.org.bound({ name: org.name, type: org.type, parent: parentName, created })
  }

  /** Registers the speaker in the group's organisation, or updates their own registration. */
  async register(input: { org: OrgRow; contactId: string; name: string; stage: MemberStage; category: MemberCategory; unit?: string | null; now: Date }): Promise<string> {
    const existing = await this.orgs.findMember(input.org.id, input.contactId)
    this.#members.delete(`${input.org.id}:${input.contactId}`)
    // 单位 <名称>: where the member works (the coverage counts by it); not said, the last one stays.
    const unit = input.unit ? { unit: input.unit } : {}
    const unitLine = input.unit ? `\n${texts.units.memberUnit({ unit: input.unit })}` : ''
    if (existing) {
      await this.orgs.updateMember(existing.id, { name: input.name, stage: input.stage, category: input.category, ...unit })
      return texts.org.reRegistered({ name: input.name, stage: input.stage, category: input.category }) + unitLine
    }
    const member = await this.orgs.createMember({
      orgId: input.org.id,
      contactId: input.contactId,
      name: input.name,
      stage: input.stage,
      category: input.category,
      ...unit,
      now: input.now,
    })
    const registered = texts.org.registered({ name: input.name, org: input.org.name, stage: input.stage, category: input.category }) + unitLine
    const claim = await this.roster?.claimOnRegister(member, input.now)
    return claim ? `${registered}\n${claim}` : registered
  }

  /** The registered member a mention points at, or a UserError saying why there is none. */
  async memberByContact(org: OrgRow, contactId: string, displayName: string): Promise<MemberRow> {
    const member = await this.orgs.findMember(org.id, contactId)
    if (!member) throw new UserError('common.mentionNotMember', { name: displayName })
    return member
  }

  async appoint(input: { context: OrgContext; asker: Asker; target: MemberRow; title: OfficerTitle; now: Date }): Promise<string> {
    const { context, asker, target, title, now } = input
    if (await this.orgs.findActiveRole(target.id, title)) throw new UserError('org.alreadyHolds', { name: target.name, title })
    // A concurrent 任命 of the same person and title loses at the unique index: the same answer.
    if (!(await this.orgs.assignRole({ orgId: context.org.id, memberId: target.id, title, byContactId: asker.contactId, now }))) throw new UserError('org.alreadyHolds', { name: target.name, title })
    this.#rights.delete(target.contactId)
    await this.audit.record({
      at: now,
      actorContactId: asker.contactId,
      action: 'role.appoint',
      orgId: context.org.id,
      targetContactId: target.contactId,
      detail: { title },
    })
    return texts.org.appointed({ name: target.name, title, org: context.org.name })
  }

  async dismiss(input: { context: OrgContext; asker: Asker; target: MemberRow; title: OfficerTitle; now: Date }): Promise<string> {
    const { context, asker, target, title, now } = input
    const role = await this.orgs.findActiveRole(target.id, title)
    if (!role) throw new UserError('org.notHolding', { name: target.name, title })
    await this.orgs.revokeRole(role.id, asker.contactId, now)
    this.#rights.delete(target.contactId)
    await this.audit.record({
      at: now,
      actorContactId: asker.contactId,
      action: 'role.dismiss',
      orgId: context.org.id,
      targetContactId: target.contactId,
      detail: { title },
    })
    return texts.org.dismissed({ name: target.name, title })
  }

  /** An organisation with its ancestors, as a group's binding gives it: for commands sent privately. */
  async contextOfOrg(orgId: number): Promise<OrgContext | null> {
    const chain = await this.orgs.chainUp(orgId)
    return chain[0] ? { org: chain[0], chain } : null
  }

  /** The group an organisation is bound to, or null when it has none. */
  async roomOf(orgId: number): Promise<string | null> {
    return (await this.orgs.roomsOf([orgId])).get(orgId) ?? null
  }

  findOrgByName(name: string): Promise<OrgRow | null> {
    return this.orgs.findOrgByName(name)
  }

  /** The organisations the contact is registered in. */
  registeredOrgIds(contactId: string): Promise<number[]> {
    return this.orgs.registeredOrgIds(contactId)
  }

  /** The organisation's registered members (to find one named in a private chat). */
  membersOf(orgId: number): Promise<MemberRow[]> {
    return this.orgs.listMembers(orgId)
  }

  async memberList(org: OrgRow): Promise<string> {
    const members = await this.orgs.listMembers(org.id)
    const notJoined = (await this.roster?.notJoinedLines(org.id)) ?? []
    if (members.length === 0) return [texts.org.noMembers({ org: org.name }), ...notJoined].join('\n')
    return [
      texts.org.membersHeader({ org: org.name, count: members.length }),
      ...members.map((m) => texts.org.memberLine({ name: m.name, stage: m.stage, titles: m.titles.join('、') }) + texts.transfer.flowMark({ flow: m.flow, place: m.flowPlace })),
      ...notJoined,
    ].join('\n')
  }

}

/** Compares secrets in constant time, whatever their lengths. */
