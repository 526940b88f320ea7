import type { Reply } from '../../chat/reply.js'
import { texts } from '../../texts/index.js'
import { UserError } from '../../texts/user-error.js'
import type { AuditRepository } from '../audit/audit.repository.js'
import type { OrgRepository, OrgRow } from './org.repository.js'
import type { Asker, OrgContext } from './org.service.js'
import { BINDER_TITLES, holdsOver, SECRETARY_TITLES } from './rights.js'

/**
 * 属地管理 is about organisations moving: a branch bound before its street committee is put under
 * it later, a firm's branch moves to another street. Moving needs rights over the new parent (or
 * over the old one, to detach); a move under one's own descendant is refused (it would make a
 * circle). Both parents' secretaries are told; the audit log keeps the date.
 */
export class OrgTreeService {
  constructor(
    private readonly orgs: OrgRepository,
    private readonly audit: AuditRepository,
    /** Told after a move: cached group contexts hold the old chain. */
    private readonly onMoved: () => void,
  ) {}

  async moveUnder(input: { context: OrgContext; asker: Asker; parentName: string | null; now: Date }): Promise<Reply[]> {
    const { context, asker, now } = input
    const org = context.org
    const oldParent = context.chain[1] ?? null
    const parent = input.parentName === null ? null : await this.orgs.findOrgByName(input.parentName)
    if (input.parentName !== null && !parent) throw new UserError('org.parentMissing', { name: input.parentName })
    const parentChain = parent ? await this.orgs.chainUp(parent.id) : []
    // Rights over where it goes; to detach, over where it was. Checked first: the answer to
    // someone without them says nothing about the tree.
    const over = parent ? parentChain.map((o) => o.id) : context.chain.slice(1).map((o) => o.id)
    if (!asker.isSuperAdmin && (over.length === 0 || !holdsOver(asker.roles, over, BINDER_TITLES))) throw new UserError('org.moveNoRight')
    if ((parent?.id ?? null) === (oldParent?.id ?? null)) throw new UserError('org.parentUnchanged', { name: org.name, parent: parent?.name ?? texts.org.noParent() })
    if (parentChain.some((o) => o.id === org.id)) throw new UserError('org.moveCycle', { name: org.name, parent: parent!.name })

    await this.orgs.setParent(org.id, parent?.id ?? null, now)
    this.onMoved()
    await this.audit.record({
      at: now,
      actorContactId: asker.contactId,
      action: 'org.move',
      orgId: org.id,
      detail: { from: oldParent?.id ?? null, to: parent?.id ?? null, on: now.toISOString() },
    })
    const told = texts.org.movedNotice({ name: org.name, from: oldParent?.name ?? texts.org.noParent(), to: parent?.name ?? texts.org.noParent() })
    const officers = [...(await this.secretariesOf(oldParent)), ...(await this.secretariesOf(parent))].filter((id) => id !== asker.contactId)
    return [
      { text: texts.org.moved({ name: org.name, parent: parent?.name ?? texts.org.noParent() }) },
      ...[...new Set(officers)].map((contactId) => ({ text: told, privateTo: contactId })),
    ]
  }

  private async secretariesOf(org: OrgRow | null): Promise<string[]> {
    if (!org) return []
    return (await this.orgs.listMembers(org.id)).filter((m) => m.titles.some((t) => (SECRETARY_TITLES as readonly string[]).includes(t))).map((m) => m.contactId)
  }
}
