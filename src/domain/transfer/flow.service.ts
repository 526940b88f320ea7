import { texts } from '../../texts/index.js'
import { UserError } from '../../texts/user-error.js'
import type { AuditRepository } from '../audit/audit.repository.js'
import type { Asker } from '../org/org.service.js'
import type { MemberRow, OrgRepository, OrgRow } from '../org/org.repository.js'
import { MEMBER_CATEGORIES, MEMBER_STAGES, type MemberCategory, type MemberStage } from '../org/rights.js'
import type { MembershipCaches } from './transfer.service.js'
import type { TransferRepository } from './transfer.repository.js'

/** What a 流入 registration records when the person has no registration elsewhere in the tree. */
const DEFAULT_STAGE: MemberStage = '正式党员'
const DEFAULT_CATEGORY: MemberCategory = '在职'

/**
 * 流动党员: 流入 registers here someone whose formal relationship is elsewhere (they take part in
 * meetings, activities and study here; their dues stay at home); 流出 marks a member working away.
 */
export class FlowService {
  constructor(
    private readonly transfers: TransferRepository,
    private readonly orgs: Pick<OrgRepository, 'findOrgByName' | 'findOrgById' | 'findMember' | 'createMember'>,
    private readonly audit: AuditRepository,
    private readonly caches: MembershipCaches,
  ) {}

  /** 流入 @某人 [来自 <组织名/单位>]. */
  async flowIn(input: { org: OrgRow; asker: Asker; contactId: string; displayName: string; from: string | null; now: Date }): Promise<string> {
    const { org, asker, contactId, now } = input
    const existing = await this.orgs.findMember(org.id, contactId)
    if (existing) throw new UserError('transfer.alreadyMember', { name: existing.name, org: org.name })
    // Their formal registration in the tree, if any: the one named after 来自, else the first.
    const named = input.from ? await this.orgs.findOrgByName(input.from) : null
    const homes = (await this.transfers.homesOf(contactId)).filter((h) => h.orgId !== org.id)
    const home = homes.find((h) => h.orgId === named?.id) ?? homes[0] ?? null
    const homeOrg = home ? await this.orgs.findOrgById(home.orgId) : null
    const member = await this.orgs.createMember({
      orgId: org.id,
      contactId,
      name: home?.name ?? input.displayName,
      stage: toStage(home?.stage),
      category: toCategory(home?.category),
      now,
      flow: 'in',
      flowPlace: input.from ?? homeOrg?.name ?? null,
      since: now,
    })
    this.caches.forgetPerson(contactId, [org.id])
    await this.audit.record({ at: now, actorContactId: asker.contactId, action: 'member.flow-in', orgId: org.id, targetContactId: contactId, detail: { from: input.from, home: homeOrg?.name ?? null } })
    return texts.transfer.flowedIn({ name: member.name, org: org.name, from: input.from ?? homeOrg?.name ?? null, home: homeOrg?.name ?? null })
  }

  /** 流出 @某人 到 <地点>. */
  async flowOut(input: { org: OrgRow; asker: Asker; target: MemberRow; place: string; now: Date }): Promise<string> {
    const { org, target, place, now } = input
    const row = await this.transfers.rowAt(org.id, target.contactId)
    if (row?.flow === 'in') throw new UserError('transfer.flowOutOfFlowIn', { name: target.name })
    await this.transfers.setFlow(target.id, 'out', place)
    await this.audit.record({ at: now, actorContactId: input.asker.contactId, action: 'member.flow-out', orgId: org.id, targetContactId: target.contactId, detail: { place } })
    return texts.transfer.flowedOut({ name: target.name, org: org.name, place })
  }
}

function toStage(stage: string | undefined): MemberStage {
  return MEMBER_STAGES.find((s) => s === stage) ?? DEFAULT_STAGE
}

function toCategory(category: string | undefined): MemberCategory {
  return MEMBER_CATEGORIES.find((c) => c === category) ?? DEFAULT_CATEGORY
}
