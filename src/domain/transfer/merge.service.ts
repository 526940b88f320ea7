import type { Reply } from '../../chat/reply.js'
import { texts } from '../../texts/index.js'
import { UserError } from '../../texts/user-error.js'
import type { AuditRepository } from '../audit/audit.repository.js'
import type { Asker, OrgContext } from '../org/org.service.js'
import type { MemberRow, OrgRepository, OrgRow } from '../org/org.repository.js'
import { COMMITTEE_TITLES } from '../org/rights.js'
import type { MembershipCaches } from './transfer.service.js'
import type { TransferRepository } from './transfer.repository.js'

/** The caches a merger touches: people's registrations, and groups' organisations (a group is rebound). */
export interface MergeCaches extends MembershipCaches {
  forgetGroups(): void
}

/**
 * 合并 <组织名> 到 <组织名>: every member of the first organisation moves to the second (a
 * membership period each, so their history stays theirs and past reports still count them where
 * they were), the first organisation's group is bound to the second, the step is audited and the
 * officers of the committee above are told privately. The emptied organisation stays as a record:
 * its meetings, activities and notices keep their place in past reports.
 */
export class MergeService {
  constructor(
    private readonly transfers: TransferRepository,
    private readonly orgs: Pick<OrgRepository, 'findOrgByName' | 'chainUp' | 'descendantsOf' | 'listMembers'>,
    private readonly audit: AuditRepository,
    private readonly caches: MergeCaches,
  ) {}

  /**
   * Merges within the organisation the command came from (its group, or the asker's office
   * privately): the dispatcher has checked the asker is an officer there or above, so both
   * organisations being in its scope means the asker is over both (属地管理).
   */
  async merge(input: { context: OrgContext; asker: Asker; fromName: string; toName: string; now: Date }): Promise<Reply[]> {
    const { context, asker, now } = input
    if (input.fromName === input.toName) throw new UserError('transfer.mergeSame', { name: input.fromName })
    const [from, to] = await Promise.all([this.orgs.findOrgByName(input.fromName), this.orgs.findOrgByName(input.toName)])
    if (!from) throw new UserError('transfer.mergeOrgMissing', { name: input.fromName })
    if (!to) throw new UserError('transfer.mergeOrgMissing', { name: input.toName })
    const scope = new Set([context.org.id, ...(await this.orgs.descendantsOf(context.org.id)).map((o) => o.id)])
    if (!scope.has(from.id) || !scope.has(to.id)) throw new UserError('transfer.mergeNoRight', { from: from.name, to: to.name })
    const [fromChain, toChain] = await Promise.all([this.orgs.chainUp(from.id), this.orgs.chainUp(to.id)])
    if (toChain.some((o) => o.id === from.id) || (await this.orgs.descendantsOf(from.id)).length > 0) throw new UserError('transfer.mergeHasChildren', { name: from.name })

    // A member already registered at the destination (登记 in its group too) is no refusal: the two registrations fold into one, as at 接收.
    const members = await this.orgs.listMembers(from.id)
    const folded = await this.moveMembers(members, from, to, asker, now)
    const rebound = await this.transfers.rebindGroups(from.id, to.id)
    this.caches.forgetGroups()
    await this.audit.record({ at: now, actorContactId: asker.contactId, action: 'org.merge', orgId: to.id, detail: { from: from.name, to: to.name, members: members.length, groups: rebound, folded } })

    // The officers of the committees right above the two organisations hear of it privately.
    const officers = await this.upperOfficers([fromChain[1]?.id, toChain[1]?.id], asker)
    const told = texts.transfer.mergedToUpper({ from: from.name, to: to.name, members: members.length, by: asker.name })
    const merged = texts.transfer.merged({ from: from.name, to: to.name, members: members.length, group: rebound > 0 })
    return [{ text: folded > 0 ? `${merged}\n${texts.transfer.mergeFolded({ count: folded, to: to.name })}` : merged }, ...officers.map((contactId) => ({ text: told, privateTo: contactId }))]
  }

  /**
   * Moves the members from one organisation to another at `now` (合并, 拆分): a transfer record
   * each and a membership period, so their history stays theirs and past reports count them where
   * they were; the offices they held in the old organisation end. All of them or none. A second
   * registration a member has at the destination is folded into theirs: the number folded.
   */
  async moveMembers(members: readonly MemberRow[], from: OrgRow, to: OrgRow, asker: Asker, now: Date): Promise<number> {
    const folded = await this.transfers.moveAll(members.map((m) => m.id), from.id, to, now, asker.contactId)
    for (const member of members) this.caches.forgetPerson(member.contactId, [from.id, to.id])
    return folded
  }

  /** The officers (委员) of the committees given, but the asker: who hears of a reorganisation privately. */
  async upperOfficers(orgIds: ReadonlyArray<number | undefined>, asker: Asker): Promise<string[]> {
    const officers = new Set<string>()
    for (const orgId of new Set(orgIds.filter((id): id is number => id !== undefined))) {
      for (const m of await this.orgs.listMembers(orgId)) if (m.titles.some((t) => (COMMITTEE_TITLES as readonly string[]).includes(t))) officers.add(m.contactId)
    }
    officers.delete(asker.contactId)
    return [...officers]
  }
}
