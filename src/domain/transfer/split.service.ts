import type { Reply } from '../../chat/reply.js'
import { texts } from '../../texts/index.js'
import { UserError } from '../../texts/user-error.js'
import type { AuditRepository } from '../audit/audit.repository.js'
import type { Asker, OrgContext } from '../org/org.service.js'
import type { OrgRepository, OrgRow } from '../org/org.repository.js'
import { DEFAULT_ORG_TYPE } from '../org/rights.js'
import { JOINT_BRANCH_TYPE, OWN_BRANCH_MIN_FULL_MEMBERS, unitKey } from '../units/unit-rules.js'
import type { UnitRepository } from '../units/unit.repository.js'
import type { MergeService } from './merge.service.js'

/** The stage a full member is registered with. */
const FULL_MEMBER = '正式党员'

/**
 * 拆分 <单位名称> [为 <新组织名>]: a unit a joint branch covers that has 3 or more full members of its
 * own gets its own 党支部 (支部工作条例第六条) under the joint branch's parent; the members who work
 * there move to it as in 合并 (membership periods: their history stays theirs, past reports count
 * them at the joint branch), the unit's coverage moves, the step is audited and the officers of
 * the committee above hear of it. The new branch has no group until one is bound to it.
 */
export class SplitService {
  constructor(
    private readonly units: UnitRepository,
    private readonly orgs: Pick<OrgRepository, 'findOrgByName' | 'findOrgById' | 'descendantsOf' | 'listMembers' | 'createOrg' | 'findBindingByOrg'>,
    private readonly audit: AuditRepository,
    private readonly merge: Pick<MergeService, 'moveMembers' | 'upperOfficers'>,
  ) {}

  /** Within the organisation the command came from: the joint branch itself or a committee above it (the dispatcher checked the asker is an officer there). */
  async split(input: { context: OrgContext; asker: Asker; unitName: string; newName: string | null; now: Date }): Promise<Reply[]> {
    const { context, asker, now } = input
    const scope = [context.org, ...(await this.orgs.descendantsOf(context.org.id))]
    const key = unitKey(input.unitName)
    const unit = (await this.units.coveredBy(scope.map((o) => o.id))).find((u) => unitKey(u.name) === key)
    const joint = unit ? scope.find((o) => o.id === unit.coveredByOrgId) : undefined
    if (!unit || !joint) throw new UserError('units.splitUnitMissing', { unit: input.unitName })
    if (joint.type !== JOINT_BRANCH_TYPE) throw new UserError('units.splitNotJoint', { unit: unit.name, org: joint.name, type: joint.type })

    const unitOf = await this.units.unitsOfMembers(joint.id)
    const members = (await this.orgs.listMembers(joint.id)).filter((m) => unitKey(unitOf.get(m.id) ?? '') === unitKey(unit.name))
    // Roster records of people working there who have not joined the group yet count, and move, too (as 覆盖 counts them).
    const roster = (await this.units.unclaimedRoster(joint.id)).filter((e) => unitKey(e.unit) === unitKey(unit.name))
    const full = [...members, ...roster].filter((m) => m.stage === FULL_MEMBER).length
    if (full < OWN_BRANCH_MIN_FULL_MEMBERS) throw new UserError('units.splitTooFew', { unit: unit.name, full })
    const name = input.newName ?? `${unit.name}${DEFAULT_ORG_TYPE}`
    const parent = joint.parentId !== null ? await this.orgs.findOrgById(joint.parentId) : null

    const created = (await this.leftBehind(name, joint.parentId)) ?? (await this.orgs.createOrg({ name, type: DEFAULT_ORG_TYPE, parentId: joint.parentId, now }))
    await this.merge.moveMembers(members, joint, created, asker, now)
    await this.units.moveRoster(joint.id, roster.map((e) => e.id), members.map((m) => m.id), created.id)
    await this.units.setCoveredBy(unit.id, created.id, now)
    await this.audit.record({ at: now, actorContactId: asker.contactId, action: 'org.split', orgId: created.id, detail: { unit: unit.name, from: joint.name, to: name, members: members.length, roster: roster.length } })

    const officers = await this.merge.upperOfficers([joint.parentId ?? undefined], asker)
    const told = texts.units.splitToUpper({ unit: unit.name, joint: joint.name, org: name, members: members.length, by: asker.name })
    const done = texts.units.split({ unit: unit.name, joint: joint.name, org: name, parent: parent?.name ?? '', members: members.length })
    return [{ text: done }, ...officers.map((contactId) => ({ text: told, privateTo: contactId }))]
  }

  /**
   * An organisation of that name already there: the one a 拆分 cut short left behind (a 党支部 under
   * the same parent with no members, no group, no units, nothing below) is taken up again; any
   * other is a name taken.
   */
  private async leftBehind(name: string, parentId: number | null): Promise<OrgRow | null> {
    const existing = await this.orgs.findOrgByName(name)
    if (!existing) return null
    const empty =
      existing.type === DEFAULT_ORG_TYPE &&
      existing.parentId === parentId &&
      (await this.orgs.listMembers(existing.id)).length === 0 &&
      !(await this.orgs.findBindingByOrg(existing.id)) &&
      (await this.orgs.descendantsOf(existing.id)).length === 0 &&
      (await this.units.coveredBy([existing.id])).length === 0
    if (!empty) throw new UserError('units.splitNameTaken', { org: name })
    return existing
  }
}
