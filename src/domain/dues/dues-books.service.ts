import { UserError } from '../../texts/user-error.js'
import { texts } from '../../texts/index.js'
import type { QueuedMessage } from '../../outbox/outbox.js'
import type { Asker } from '../org/org.service.js'
import type { MemberRow, OrgRepository } from '../org/org.repository.js'
import { dueFor, MAX_MONTHS_AT_ONCE, monthNumber, monthOf, parseMonthSpec, withinBackPayment, yearOf, type LedgerInput, type Month, type MonthDue } from './dues-ledger.js'
import type { DuesBasis, DuesCategory, DuesOptions } from './dues-rate.js'
import type { AssessmentRow, DuesMemberRow, DuesRepository, PaymentRow } from './dues.repository.js'

/** Only Party members pay dues (党章 第八条; 预备党员 from the month admitted). */
export const PAYING_STAGES = ['正式党员', '预备党员']

export interface DuesServiceOptions {
  timeZone: string
  /** The collection-day reminders go out at this hour (TZ), default 9. */
  reminderHour: number
  /** Farmer amount and rounding for the rate engine (中组发〔2008〕3号 第六条). */
  rate: DuesOptions
  /**
   * A bare amount in 核定党费 above this many fen is taken for an income typed without 收入 and is
   * not saved until the officer says which it is. Default 1,000 元: a monthly due that high is
   * the level at which 中组发〔2008〕3号 treats a single payment as special (上缴中央), so no
   * ordinary member's monthly dues reach it.
   */
  bareAmountCeilingFen: number
  /** An assessment that changes the monthly amount by more than this factor asks for confirmation. */
  changeFactor: number
}

export const DEFAULT_DUES_SERVICE_OPTIONS: Omit<DuesServiceOptions, 'timeZone'> = {
  reminderHour: 9,
  rate: { farmerMonthlyFen: 20, rounding: 'fen' },
  bareAmountCeilingFen: 100_000,
  changeFactor: 3,
}

/** A member with their assessments and live payments: what every dues answer is computed from. */
export interface Ledger extends LedgerInput {
  member: DuesMemberRow
  assessments: AssessmentRow[]
  payments: PaymentRow[]
}

/**
 * Reading the dues books: members' ledgers, who receives dues messages, and the months typed.
 * Shared by the assessment, payment, statement and reminder services.
 */
export class DuesBooks {
  constructor(
    readonly repo: DuesRepository,
    readonly orgs: OrgRepository,
    readonly options: DuesServiceOptions,
  ) {}

  async ledgers(members: DuesMemberRow[]): Promise<Ledger[]> {
    const ids = members.map((m) => m.id)
    const [assessments, payments] = await Promise.all([this.repo.assessmentsOf(ids), this.repo.paymentsOf(ids)])
    return members.map((member) => ({
      member,
      duesFrom: member.duesFrom,
      assessments: assessments.filter((a) => a.memberId === member.id),
      payments: payments.filter((p) => p.memberId === member.id),
    }))
  }

  async ledgerOf(member: DuesMemberRow): Promise<Ledger> {
    const [ledger] = await this.ledgers([member])
    return ledger!
  }

  /** The member's dues row; a 流入 registration has none here (their dues stay at home: 流动党员). */
  async memberOf(member: MemberRow): Promise<DuesMemberRow> {
    if (await this.repo.isFlowingIn(member.id)) throw new UserError('transfer.paysAtHome', { name: member.name })
    const row = await this.repo.findMember(member.id)
    if (!row) throw new Error(`member ${member.id} vanished`)
    return row
  }

  /**
   * The members of the organisation holding the first title group that anyone holds: e.g. the
   * 组织委员, or the 书记 if there is none.
   */
  async recipients(orgId: number, preference: string[][]): Promise<{ contactId: string; name: string }[]> {
    const members = await this.orgs.listMembers(orgId)
    for (const titles of preference) {
      const holders = members.filter((m) => m.titles.some((t) => titles.includes(t)))
      if (holders.length > 0) return holders
    }
    return []
  }

  /** Who keeps the books day to day: the 组织委员 (中组发〔2008〕3号), else the 书记, else the 副书记. */
  collectors(orgId: number): Promise<{ contactId: string; name: string }[]> {
    return this.recipients(orgId, [['组织委员'], ['书记'], ['副书记']])
  }

  currentMonth(now: Date): Month {
    return monthOf(now, this.options.timeZone)
  }

  readMonths(text: string, current: Month): Month[] {
    const spec = parseMonthSpec(text, current)
    if (spec.ok) return spec.months
    const input = text.slice(0, 30)
    switch (spec.reason) {
      case 'reversed':
        throw new UserError('dues.monthsReversed', { input })
      case 'too-many':
        throw new UserError('dues.tooManyMonths', { max: MAX_MONTHS_AT_ONCE })
      case 'unreadable':
        throw new UserError('dues.badMonth', { input })
    }
  }

  readOneMonth(text: string, current: Month): Month {
    const months = this.readMonths(text, current)
    if (months.length !== 1) throw new UserError('dues.oneMonthOnly', { input: text.slice(0, 30) })
    return months[0]!
  }
}

export interface MonthSheet {
  paid: string[]
  pending: string[]
  unpaid: string[]
  exempt: string[]
  unassessed: string[]
}

/** Who of the paying members has paid `month`, is waiting for confirmation, owes it, is exempt, or has no assessment. */
export function monthSheet(ledgers: Ledger[], month: Month): MonthSheet {
  const sheet: MonthSheet = { paid: [], pending: [], unpaid: [], exempt: [], unassessed: [] }
  for (const ledger of ledgers) {
    const { member } = ledger
    const payments = ledger.payments.filter((p) => p.month === month)
    if (payments.some((p) => p.status === 'confirmed')) sheet.paid.push(member.name)
    else if (payments.some((p) => p.status === 'pending')) sheet.pending.push(member.name)
    else if (!PAYING_STAGES.includes(member.stage)) continue
    else {
      const fen = dueFor(ledger, month)
      if (fen === null) sheet.unassessed.push(member.name)
      else if (fen === 0) sheet.exempt.push(member.name)
      else sheet.unpaid.push(member.name)
    }
  }
  return sheet
}

/**
 * Owed months still payable (补交最多 6 个月, 中组发〔2008〕3号) and those past it, which no payment
 * can settle any more: members are told of those apart, so they never try to pay what is refused.
 */
export function splitByBackPayment(owed: MonthDue[], current: Month): { payable: MonthDue[]; lapsed: MonthDue[] } {
  return { payable: owed.filter((o) => withinBackPayment(o.month, current)), lapsed: owed.filter((o) => !withinBackPayment(o.month, current)) }
}

/** Categories whose amount is fixed whatever the income (中组发〔2008〕3号). */
export function isFixedCategory(category: DuesCategory): boolean {
  return ['学生', '失业', '低保', '农民'].includes(category)
}

/** The rate engine's input for a category and an income (个体: the income is the previous quarter's monthly average). */
export function basisFor(category: DuesCategory, incomeFen: number, reducedFen: number): DuesBasis {
  switch (category) {
    case '在职':
    case '年薪制':
    case '离退休':
      return { category, monthlyIncomeFen: incomeFen }
    case '个体':
      return { category, previousQuarterFen: [incomeFen, incomeFen, incomeFen] }
    case '学生':
    case '失业':
    case '低保':
    case '农民':
      return { category }
    case '困难':
      return { category, reducedFen }
  }
}

/** '2026-11' → '2026年11月'. */
export function longMonth(month: Month): string {
  return texts.dues.longMonth({ year: yearOf(month), month: monthNumber(month) })
}

export function askerName(asker: Asker): string {
  return asker.member?.name ?? asker.name
}

/** A private message a job queues, with the key that makes a retry queue it only once. */
export function privately(contactId: string, text: string, idempotencyKey?: string): QueuedMessage {
  return { to: { kind: 'private', contactId }, text, ...(idempotencyKey ? { idempotencyKey } : {}) }
}
