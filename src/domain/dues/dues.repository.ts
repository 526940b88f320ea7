import type { Db } from '../../db/client.js'
import type { MemberRow } from '../org/org.repository.js'

/** A member as the dues ledger needs them: with the first month dues are owed. */
export type DuesMemberRow = MemberRow & { duesFrom: string | null }

export interface AssessmentRow {
  id: number
  memberId: number
  fromMonth: string
  monthlyFen: number
  category: string
  incomeFen: number | null
  rule: string
}

export interface PaymentRow {
  id: number
  memberId: number
  month: string
  amountFen: number
  status: string
  toCentre: boolean
  byContactId: string
}

export interface NewPayment {
  memberId: number
  month: string
  amountFen: number
  status: 'confirmed' | 'pending'
  byContactId: string
  note: string | null
  toCentre: boolean
  now: Date
}

const memberSelect = { id: true, orgId: true, contactId: true, name: true, stage: true, category: true, duesFrom: true } as const
const assessmentSelect = { id: true, memberId: true, fromMonth: true, monthlyFen: true, category: true, incomeFen: true, rule: true } as const
const paymentSelect = { id: true, memberId: true, month: true, amountFen: true, status: true, toCentre: true, byContactId: true } as const
/** Payments that count: a cancelled or superseded status (none yet) would be left out here. */
const LIVE_STATUSES = ['confirmed', 'pending']

/** Dues assessments and payments, and the members' dues fields: the only Prisma code for them. */
export class DuesRepository {
  constructor(private readonly db: Db) {}

  /** Runs `work` in one transaction, with a repository bound to it. */
  transaction<T>(work: (repo: DuesRepository) => Promise<T>): Promise<T> {
    return this.db.$transaction((tx) => work(new DuesRepository(tx as unknown as Db)))
  }

  findMember(memberId: number): Promise<DuesMemberRow | null> {
    return this.db.member.findUnique({ where: { id: memberId }, select: memberSelect })
  }

  /** Whether the registration is a 流入 one: the member pays dues at home, not here. */
  async isFlowingIn(memberId: number): Promise<boolean> {
    return (await this.db.member.findUnique({ where: { id: memberId }, select: { flow: true } }))?.flow === 'in'
  }

  /** Every registration of a contact, in any organisation (a private chat has no group to say which). */
  membersByContact(contactId: string): Promise<DuesMemberRow[]> {
    return this.db.member.findMany({ where: { contactId, leftAt: null, OR: [{ flow: null }, { flow: { not: 'in' } }] }, orderBy: { id: 'asc' }, select: memberSelect })
  }

  /** The members who owe dues here: not gone, and not 流入 (a flowing member pays at home). */
  membersOf(orgId: number): Promise<DuesMemberRow[]> {
    return this.db.member.findMany({ where: { orgId, leftAt: null, OR: [{ flow: null }, { flow: { not: 'in' } }] }, orderBy: { id: 'asc' }, select: memberSelect })
  }

  async setDuesFrom(memberId: number, month: string): Promise<void> {
    await this.db.member.update({ where: { id: memberId }, data: { duesFrom: month } })
  }

  createAssessment(data: Omit<AssessmentRow, 'id'> & { byContactId: string; now: Date }): Promise<AssessmentRow> {
    const { now, ...row } = data
    return this.db.duesAssessment.create({ data: { ...row, createdAt: now }, select: assessmentSelect })
  }

  /** Every assessment row of the members, oldest first (rows are history). */
  assessmentsOf(memberIds: number[]): Promise<AssessmentRow[]> {
    return this.db.duesAssessment.findMany({
      where: { memberId: { in: memberIds } },
      orderBy: [{ fromMonth: 'asc' }, { id: 'asc' }],
      select: assessmentSelect,
    })
  }

  /** Confirmed and pending payments of the members, oldest month first. */
  paymentsOf(memberIds: number[]): Promise<PaymentRow[]> {
    return this.db.duesPayment.findMany({
      where: { memberId: { in: memberIds }, status: { in: LIVE_STATUSES } },
      orderBy: [{ month: 'asc' }, { id: 'asc' }],
      select: paymentSelect,
    })
  }

  async createPayments(rows: NewPayment[]): Promise<void> {
    await this.db.duesPayment.createMany({
      data: rows.map((r) => ({
        memberId: r.memberId,
        month: r.month,
        amountFen: r.amountFen,
        status: r.status,
        byContactId: r.byContactId,
        note: r.note,
        toCentre: r.toCentre,
        createdAt: r.now,
        ...(r.status === 'confirmed' ? { confirmedAt: r.now, confirmedByContactId: r.byContactId } : {}),
      })),
    })
  }

  async confirmPayments(ids: number[], byContactId: string, now: Date): Promise<number> {
    const { count } = await this.db.duesPayment.updateMany({
      where: { id: { in: ids }, status: 'pending' },
      data: { status: 'confirmed', confirmedAt: now, confirmedByContactId: byContactId },
    })
    return count
  }

  /** Organisations that have registered members (dues are collected only where there are members). */
  async orgIdsWithMembers(): Promise<number[]> {
    const rows = await this.db.member.findMany({ where: { leftAt: null }, distinct: ['orgId'], select: { orgId: true }, orderBy: { orgId: 'asc' } })
    return rows.map((r) => r.orgId)
  }

  async setDuesDay(orgId: number, day: number): Promise<void> {
    await this.db.organization.update({ where: { id: orgId }, data: { duesDay: day } })
  }

  /** The organisation's collection day, or null for the default. */
  async duesDayOf(orgId: number): Promise<number | null> {
    return (await this.db.organization.findUnique({ where: { id: orgId }, select: { duesDay: true } }))?.duesDay ?? null
  }

  /** Whether the monthly run for this organisation and month has run (its audit marker; its messages may still be retried). */
  async monthlyRunDone(orgId: number, month: string): Promise<boolean> {
    const rows = await this.db.auditLog.findMany({
      where: { orgId, action: MONTHLY_RUN_ACTION, detail: { contains: month } },
      select: { detail: true },
    })
    return rows.some((r) => (JSON.parse(r.detail) as { month?: string }).month === month)
  }
}

/** The audit action that marks a monthly reminder run as done (its detail holds the month). */
export const MONTHLY_RUN_ACTION = 'dues.monthly-run'
