import type { Db } from '../../db/client.js'
import type { TransferState } from './membership-rules.js'

type Tx = Parameters<Parameters<Db['$transaction']>[0]>[0]

export interface TransferRow {
  id: number
  memberId: number
  fromOrgId: number
  toOrgId: number | null
  toName: string
  state: TransferState
  createdAt: Date
  memberName: string
  contactId: string
}

const transferSelect = {
  id: true,
  memberId: true,
  fromOrgId: true,
  toOrgId: true,
  toName: true,
  state: true,
  createdAt: true,
} as const

/**
 * Transfers (组织关系转接), membership periods and 流动党员 marks: the only Prisma code for them.
 * A move closes the member's open period and opens one in the new organisation in one
 * transaction; the member's history rows are never touched (they hang on the member).
 */
export class TransferRepository {
  constructor(private readonly db: Db) {}

  async pendingOf(memberId: number): Promise<TransferRow | null> {
    const row = await this.db.memberTransfer.findFirst({ where: { memberId, state: 'pending' }, select: transferSelect })
    return row ? this.withMember(row) : null
  }

  async find(id: number): Promise<TransferRow | null> {
    const row = await this.db.memberTransfer.findUnique({ where: { id }, select: transferSelect })
    return row ? this.withMember(row) : null
  }

  /** Transfers waiting for 接收 into the organisation, oldest first. */
  async pendingTo(orgId: number): Promise<TransferRow[]> {
    const rows = await this.db.memberTransfer.findMany({ where: { toOrgId: orgId, state: 'pending' }, orderBy: { id: 'asc' }, select: transferSelect })
    return Promise.all(rows.map((r) => this.withMember(r)))
  }

  async create(data: { memberId: number; fromOrgId: number; toOrgId: number | null; toName: string; state: TransferState; byContactId: string; now: Date }): Promise<number> {
    const { now, ...rest } = data
    const done = data.state === 'pending' ? {} : { acceptedAt: now, acceptedByContactId: data.byContactId }
    return (await this.db.memberTransfer.create({ data: { ...rest, createdAt: now, ...done }, select: { id: true } })).id
  }

  /** Takes a pending transfer for 接收: false when another 接收 (or a change) got there first. */
  async markAccepted(id: number, byContactId: string, now: Date): Promise<boolean> {
    const { count } = await this.db.memberTransfer.updateMany({ where: { id, state: 'pending' }, data: { state: 'accepted', acceptedAt: now, acceptedByContactId: byContactId } })
    return count === 1
  }

  /** Takes back a pending transfer (撤销转出): false when it was accepted meanwhile. */
  async markCancelled(id: number): Promise<boolean> {
    const { count } = await this.db.memberTransfer.updateMany({ where: { id, state: 'pending' }, data: { state: 'cancelled' } })
    return count === 1
  }

  /** Whether the contact has a registration (current or gone) in the organisation: the one row a person may have there. */
  async rowAt(orgId: number, contactId: string): Promise<{ id: number; leftAt: Date | null; flow: string | null } | null> {
    return this.db.member.findUnique({ where: { orgId_contactId: { orgId, contactId } }, select: { id: true, leftAt: true, flow: true } })
  }

  /**
   * Moves the member to another organisation at `at`: the open period closes, a new one opens,
   * the offices held in the old organisation end (an officer who leaves holds no office there),
 * and the person's development steps and 思想汇报 move with them.
   */
  async move(memberId: number, toOrgId: number, at: Date, byContactId: string): Promise<void> {
    await this.db.$transaction((tx) => moveWithin(tx, memberId, toOrgId, at, byContactId))
  }

  /**
   * Moves members together (合并, 拆分): an accepted transfer record and a move each, all or none.
   * A registration a member already has at the destination is folded into the moving member first,
   * in the same transaction (as at 接收). The number of registrations folded.
   */
  async moveAll(memberIds: readonly number[], fromOrgId: number, to: { id: number; name: string }, at: Date, byContactId: string): Promise<number> {
    return this.db.$transaction(async (tx) => {
      let folded = 0
      for (const memberId of memberIds) {
        const { contactId } = await tx.member.findUniqueOrThrow({ where: { id: memberId }, select: { contactId: true } })
        const there = await tx.member.findUnique({ where: { orgId_contactId: { orgId: to.id, contactId } }, select: { id: true } })
        if (there) {
          await foldWithin(tx, memberId, there.id)
          folded++
        }
        await tx.memberTransfer.create({ data: { memberId, fromOrgId, toOrgId: to.id, toName: to.name, state: 'accepted', byContactId, createdAt: at, acceptedAt: at, acceptedByContactId: byContactId } })
        await moveWithin(tx, memberId, to.id, at, byContactId)
      }
      return folded
    })
  }

  /**
   * 接收 of someone who had meanwhile typed 登记 at the destination: the second registration is folded
   * into the transferred member and deleted, then the member moves, in one transaction. What the
   * second row gathered (attendance, study, dues, offices there, …) now hangs on the member; where
   * both hold a row for the same meeting, notice, step or report, the transferred member's stays.
   * The unit the person named at 登记 is kept when the member had none.
   */
  async foldAndMove(memberId: number, duplicateId: number, toOrgId: number, at: Date, byContactId: string): Promise<void> {
    await this.db.$transaction(async (tx) => {
      await foldWithin(tx, memberId, duplicateId)
      await moveWithin(tx, memberId, toOrgId, at, byContactId)
    })
  }

  /** Ends the membership at `at` (转出 outside the tree): the row and its history stay, marked gone. */
  async leave(memberId: number, at: Date, byContactId: string): Promise<void> {
    await this.db.$transaction(async (tx) => {
      await tx.memberMembership.updateMany({ where: { memberId, until: null }, data: { until: at } })
      await tx.roleAssignment.updateMany({ where: { memberId, revokedAt: null }, data: { revokedAt: at, revokedByContactId: byContactId } })
      await tx.member.update({ where: { id: memberId }, data: { leftAt: at } })
    })
  }

  /** Binds the groups of one organisation to another (合并): the number of groups rebound. */
  async rebindGroups(fromOrgId: number, toOrgId: number): Promise<number> {
    return (await this.db.groupBinding.updateMany({ where: { orgId: fromOrgId }, data: { orgId: toOrgId } })).count
  }

  async setFlow(memberId: number, flow: 'in' | 'out' | null, place: string | null): Promise<void> {
    await this.db.member.update({ where: { id: memberId }, data: { flow, flowPlace: place } })
  }

  /** The contact's formal registrations (not 流入) that are current: where a flowing member's relationship is. */
  homesOf(contactId: string): Promise<Array<{ id: number; orgId: number; name: string; stage: string; category: string }>> {
    return this.db.member.findMany({
      where: { contactId, leftAt: null, OR: [{ flow: null }, { flow: 'out' }] },
      orderBy: { id: 'asc' },
      select: { id: true, orgId: true, name: true, stage: true, category: true },
    })
  }

  private async withMember(row: { id: number; memberId: number; fromOrgId: number; toOrgId: number | null; toName: string; state: string; createdAt: Date }): Promise<TransferRow> {
    const member = await this.db.member.findUniqueOrThrow({ where: { id: row.memberId }, select: { name: true, contactId: true } })
    return { ...row, state: row.state as TransferState, memberName: member.name, contactId: member.contactId }
  }
}

/** Closes the member's open period and opens one in the new organisation; their offices in the old one end; their development file goes with them. */
async function moveWithin(tx: Tx, memberId: number, toOrgId: number, at: Date, byContactId: string): Promise<void> {
  const member = await tx.member.findUniqueOrThrow({ where: { id: memberId }, select: { orgId: true } })
  await tx.memberMembership.updateMany({ where: { memberId, until: null }, data: { until: at } })
  await tx.memberMembership.create({ data: { memberId, orgId: toOrgId, from: at } })
  await tx.roleAssignment.updateMany({ where: { memberId, orgId: member.orgId, revokedAt: null }, data: { revokedAt: at, revokedByContactId: byContactId } })
  await tx.member.update({ where: { id: memberId }, data: { orgId: toOrgId } })
  // The development file (入党 steps, 思想汇报) goes with the person: the new branch's 发展 lists it, its secretary is reminded.
  await tx.developmentStep.updateMany({ where: { memberId }, data: { orgId: toOrgId } })
  await tx.thoughtReport.updateMany({ where: { memberId }, data: { orgId: toOrgId } })
}

/**
 * Folds a second registration of the same person into the member (接收, 合并): what the duplicate
 * gathered (attendance, study, dues, offices, …) now hangs on the member and the duplicate row is
 * deleted; where both hold a row for the same meeting, notice, step or report, the member's stays.
 * The unit named at 登记 is kept when the member had none.
 */
async function foldWithin(tx: Tx, memberId: number, duplicateId: number): Promise<void> {
  const dup = await tx.member.findUniqueOrThrow({ where: { id: duplicateId }, select: { unit: true } })
  const from = { memberId: duplicateId }
  const to = { memberId }
  // Rows both hold (one per meeting, notice, step, report): the transferred member's stays.
  const meetings = (await tx.attendance.findMany({ where: to, select: { meetingId: true } })).map((r) => r.meetingId)
  await tx.attendance.deleteMany({ where: { ...from, meetingId: { in: meetings } } })
  const notices = (await tx.noticeAck.findMany({ where: to, select: { noticeId: true } })).map((r) => r.noticeId)
  await tx.noticeAck.deleteMany({ where: { ...from, noticeId: { in: notices } } })
  const steps = (await tx.developmentStep.findMany({ where: to, select: { step: true } })).map((r) => r.step)
  await tx.developmentStep.deleteMany({ where: { ...from, step: { in: steps } } })
  const reports = (await tx.thoughtReport.findMany({ where: to, select: { on: true } })).map((r) => r.on)
  await tx.thoughtReport.deleteMany({ where: { ...from, on: { in: reports } } })
  await tx.attendance.updateMany({ where: from, data: to })
  await tx.noticeAck.updateMany({ where: from, data: to })
  await tx.developmentStep.updateMany({ where: from, data: to })
  await tx.thoughtReport.updateMany({ where: from, data: to })
  await tx.roleAssignment.updateMany({ where: from, data: to })
  await tx.signUp.updateMany({ where: from, data: to })
  await tx.studyLog.updateMany({ where: from, data: to })
  await tx.duesAssessment.updateMany({ where: from, data: to })
  await tx.duesPayment.updateMany({ where: from, data: to })
  await tx.rosterEntry.updateMany({ where: from, data: to })
  await tx.memberTransfer.updateMany({ where: from, data: to })
  await tx.memberMembership.deleteMany({ where: from })
  await tx.member.delete({ where: { id: duplicateId } })
  if (dup.unit) await tx.member.updateMany({ where: { id: memberId, unit: null }, data: { unit: dup.unit } })
}
