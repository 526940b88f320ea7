import { z } from 'zod'
import type { Reply } from '../../chat/reply.js'
import type { QueuedMessage } from '../../outbox/outbox.js'
import { handlerFor, jobKind } from '../../scheduler/job-kind.js'
import type { JobRepository } from '../../scheduler/job.repository.js'
import type { JobHandler } from '../../scheduler/scheduler.js'
import { texts } from '../../texts/index.js'
import { UserError } from '../../texts/user-error.js'
import type { AuditRepository } from '../audit/audit.repository.js'
import type { Asker } from '../org/org.service.js'
import type { MemberRow, OrgRepository, OrgRow } from '../org/org.repository.js'
import { COMMITTEE_TITLES, holdsOver } from '../org/rights.js'
import { acceptTransfer, cancelTransfer, checkTransferOut, daysWaiting, transferReminderDue, transferStart } from './membership-rules.js'
import type { TransferRepository, TransferRow } from './transfer.repository.js'

const TRANSFER_JOBS = {
  remind: jobKind('transfer.remind', z.object({ transferId: z.number().int(), n: z.number().int().min(1) })),
}

/** Who is told when membership moves: the organisations' caches of registrations and rights. */
export interface MembershipCaches {
  forgetPerson(contactId: string, orgIds: number[]): void
}

/**
 * 组织关系转接: 转出 by an officer of the old organisation, 接收 by an officer of the new one (or
 * both at once by an officer over both); outside the tree a 转出 ends the membership. Reminders
 * to both sides' secretaries while a transfer waits.
 */
export class TransferService {
  constructor(
    private readonly transfers: TransferRepository,
    private readonly orgs: Pick<OrgRepository, 'findOrgByName' | 'findOrgById' | 'chainUp' | 'listMembers'>,
    private readonly audit: AuditRepository,
    private readonly jobs: JobRepository,
    private readonly caches: MembershipCaches,
  ) {}

  handlers(): Record<string, JobHandler> {
    return handlerFor(TRANSFER_JOBS.remind, (payload, now) => this.remind(payload, now))
  }

  /** 转出 @某人 到 <组织名>. */
  async transferOut(input: { org: OrgRow; asker: Asker; target: MemberRow; toName: string; now: Date }): Promise<Reply[]> {
    const { org, asker, target, toName, now } = input
    const destination = await this.orgs.findOrgByName(toName)
    const [pending, here] = await Promise.all([this.transfers.pendingOf(target.id), this.transfers.rowAt(org.id, target.contactId)])
    const refusal = checkTransferOut({
      fromOrgId: org.id,
      toOrgId: destination?.id ?? null,
      pending: pending !== null,
      flowingIn: here?.flow === 'in',
    })
    if (refusal) throw new UserError(`transfer.${refusal}`, { name: target.name, org: org.name, to: pending ? pending.toName : toName })

    const askerOverIt = destination !== null && (asker.isSuperAdmin || holdsOver(asker.roles, (await this.orgs.chainUp(destination.id)).map((o) => o.id), COMMITTEE_TITLES))
    const state = transferStart({ inTree: destination !== null, askerOverIt })
    const id = await this.transfers.create({ memberId: target.id, fromOrgId: org.id, toOrgId: destination?.id ?? null, toName, state, byContactId: asker.contactId, now })
    await this.audit.record({ at: now, actorContactId: asker.contactId, action: `member.transfer-${state}`, orgId: org.id, targetContactId: target.contactId, detail: { transferId: id, to: toName } })

    if (state === 'out') {
      await this.transfers.leave(target.id, now, asker.contactId)
      this.caches.forgetPerson(target.contactId, [org.id])
      return [{ text: texts.transfer.leftTree({ name: target.name, from: org.name, to: toName }) }]
    }
    if (!destination) throw new Error('unreachable: a transfer in the tree has a destination')
    if (state === 'accepted') {
      const folded = await this.arrive(target.id, target.contactId, destination.id, now, asker.contactId)
      this.caches.forgetPerson(target.contactId, [org.id, destination.id])
      return [{ text: texts.transfer.moved({ name: target.name, from: org.name, to: destination.name }) + (folded ? `\n${texts.transfer.folded({ name: target.name, org: destination.name })}` : '') }]
    }
    await this.jobs.schedule({ kind: TRANSFER_JOBS.remind.kind, key: `transfer:${id}:remind:1`, dueAt: transferReminderDue(now, 1), payload: { transferId: id, n: 1 }, now })
    const notice = texts.transfer.toDestination({ id, name: target.name, from: org.name, to: destination.name })
    const secretaries = await this.secretariesOf(destination.id)
    return [{ text: texts.transfer.pending({ id, name: target.name, from: org.name, to: destination.name }) }, ...secretaries.map((contactId) => ({ text: notice, privateTo: contactId }))]
  }

  /** 撤销转出 @某人: the old organisation takes back a 转出 not yet accepted. */
  async cancel(input: { org: OrgRow; asker: Asker; target: MemberRow; now: Date }): Promise<string> {
    const { org, target, now } = input
    const pending = await this.transfers.pendingOf(target.id)
    if (!pending || pending.fromOrgId !== org.id) throw new UserError('transfer.noneToCancel', { name: target.name })
    if (!cancelTransfer(pending.state).ok || !(await this.transfers.markCancelled(pending.id))) throw new UserError('transfer.taken', { label: target.name })
    await this.jobs.cancelPending(`transfer:${pending.id}:`)
    await this.audit.record({ at: now, actorContactId: input.asker.contactId, action: 'member.transfer-cancelled', orgId: org.id, targetContactId: target.contactId, detail: { transferId: pending.id, to: pending.toName } })
    return texts.transfer.cancelled({ id: pending.id, name: target.name, to: pending.toName })
  }

  /** 接收: the transfers waiting for this organisation. */
  async pendingList(org: OrgRow): Promise<string> {
    const waiting = await this.transfers.pendingTo(org.id)
    if (waiting.length === 0) return texts.transfer.noneWaiting({ org: org.name })
    const lines = await Promise.all(waiting.map(async (t) => texts.transfer.waitingLine({ id: t.id, name: t.memberName, from: (await this.orgs.findOrgById(t.fromOrgId))?.name ?? '', since: t.createdAt.toISOString().slice(0, 10) })))
    return [texts.transfer.waitingHeader({ org: org.name, count: waiting.length }), ...lines].join('\n')
  }

  /** 接收 张三 (or 接收 #编号): completes a transfer waiting for this organisation. */
  async accept(input: { org: OrgRow; asker: Asker; name?: string; id?: number; now: Date }): Promise<string> {
    const { org, asker, now } = input
    const waiting = await this.transfers.pendingTo(org.id)
    const matches = waiting.filter((t) => (input.id !== undefined ? t.id === input.id : t.memberName === input.name))
    const label = input.id !== undefined ? `#${input.id}` : (input.name ?? '')
    if (matches.length === 0) throw new UserError('transfer.notWaiting', { label, org: org.name, waiting: waiting.map((t) => `${t.memberName}（#${t.id}）`) })
    if (matches.length > 1) throw new UserError('transfer.severalWaiting', { label, ids: matches.map((t) => t.id) })
    const transfer = matches[0]
    if (!transfer) throw new Error('unreachable')
    if (!acceptTransfer(transfer.state).ok || !(await this.transfers.markAccepted(transfer.id, asker.contactId, now))) throw new UserError('transfer.taken', { label })
    const folded = await this.arrive(transfer.memberId, transfer.contactId, org.id, now, asker.contactId)
    await this.jobs.cancelPending(`transfer:${transfer.id}:`)
    this.caches.forgetPerson(transfer.contactId, [transfer.fromOrgId, org.id])
    const from = (await this.orgs.findOrgById(transfer.fromOrgId))?.name ?? ''
    await this.audit.record({ at: now, actorContactId: asker.contactId, action: 'member.transfer-accepted', orgId: org.id, targetContactId: transfer.contactId, detail: { transferId: transfer.id, from, folded } })
    const moved = texts.transfer.moved({ name: transfer.memberName, from, to: org.name })
    return folded ? `${moved}\n${texts.transfer.folded({ name: transfer.memberName, org: org.name })}` : moved
  }

  /**
   * Moves the member in; a registration the person already has there (登记 in its group meanwhile,
   * 流入, one left behind earlier) is folded into the member in the same transaction. Whether one was.
   */
  private async arrive(memberId: number, contactId: string, orgId: number, now: Date, byContactId: string): Promise<boolean> {
    const there = await this.transfers.rowAt(orgId, contactId)
    if (there) await this.transfers.foldAndMove(memberId, there.id, orgId, now, byContactId)
    else await this.transfers.move(memberId, orgId, now, byContactId)
    return there !== null
  }

  /** Every 30 days a transfer waits, both sides' secretaries hear of it privately. */
  private async remind(payload: { transferId: number; n: number }, now: Date): Promise<QueuedMessage[]> {
    const transfer = await this.transfers.find(payload.transferId)
    if (!transfer || transfer.state !== 'pending' || transfer.toOrgId === null) return []
    const [from, to] = await Promise.all([this.orgs.findOrgById(transfer.fromOrgId), this.orgs.findOrgById(transfer.toOrgId)])
    if (!from || !to) return []
    const next = payload.n + 1
    await this.jobs.schedule({ kind: TRANSFER_JOBS.remind.kind, key: `transfer:${transfer.id}:remind:${next}`, dueAt: transferReminderDue(transfer.createdAt, next), payload: { transferId: transfer.id, n: next }, now })
    const text = texts.transfer.reminder({ id: transfer.id, name: transfer.memberName, from: from.name, to: to.name, days: daysWaiting(transfer.createdAt, now) })
    const people = [...new Set([...(await this.secretariesOf(from.id)), ...(await this.secretariesOf(to.id))])]
    return people.map((contactId) => ({ to: { kind: 'private', contactId }, text, idempotencyKey: `transfer:${transfer.id}:remind:${payload.n}:${contactId}` }))
  }

  /** The 书记 of an organisation (the 副书记 when it has none). */
  private async secretariesOf(orgId: number): Promise<string[]> {
    const members = await this.orgs.listMembers(orgId)
    const secretaries = members.filter((m) => m.titles.includes('书记'))
    return (secretaries.length ? secretaries : members.filter((m) => m.titles.includes('副书记'))).map((m) => m.contactId)
  }
}

