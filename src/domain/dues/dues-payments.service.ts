import { UserError } from '../../texts/user-error.js'
import type { Reply } from '../../chat/reply.js'
import { texts } from '../../texts/index.js'
import type { AuditRepository } from '../audit/audit.repository.js'
import type { Asker, OrgContext } from '../org/org.service.js'
import type { MemberRow } from '../org/org.repository.js'
import {
  addMonths,
  BACK_PAYMENT_MONTHS,
  dueFor,
  formatMonth,
  formatMonths,
  goesToCentre,
  MAX_MONTHS_AT_ONCE,
  monthsBetween,
  splitEvenly,
  withinBackPayment,
  type Month,
} from './dues-ledger.js'
import { formatYuan, parseYuanToFen } from './dues-rate.js'
import { askerName, type DuesBooks } from './dues-books.service.js'
import type { DuesMemberRow, NewPayment } from './dues.repository.js'

interface Recorded {
  months: Month[]
  totalFen: number
  toCentre: boolean
  notes: string[]
  current: Month
}

/**
 * The dues ledger's entries: 收党费 (an officer records, confirmed at once), 交党费 (a member
 * reports, waiting for the 组织委员) and 确认党费. The bot never handles money: it keeps the book.
 */
export class DuesPaymentService {
  constructor(
    private readonly books: DuesBooks,
    private readonly audit: AuditRepository,
  ) {}

  /** 收党费: an officer records a payment, confirmed at once. Audited. */
  async collect(input: { context: OrgContext; asker: Asker; target: MemberRow; amountText: string; monthText: string | null; now: Date }): Promise<Reply[]> {
    const { context, asker, now } = input
    const member = await this.books.memberOf(input.target)
    const recorded = await this.record({ member, amountText: input.amountText, monthText: input.monthText, status: 'confirmed', byContactId: asker.contactId, now, usage: texts.dues.collectUsage() })
    await this.audit.record({
      at: now,
      actorContactId: asker.contactId,
      action: 'dues.collect',
      orgId: context.org.id,
      targetContactId: member.contactId,
      detail: { months: recorded.months, amountFen: recorded.totalFen, toCentre: recorded.toCentre },
    })
    const months = formatMonths(recorded.months, recorded.current)
    const amount = formatYuan(recorded.totalFen)
    const replies: Reply[] = [
      { text: texts.dues.recordedGroup({ name: member.name, months }) },
      { privateTo: asker.contactId, text: [texts.dues.recordedOfficer({ name: member.name, months, amount }), ...recorded.notes, texts.dues.account()].join('\n') },
    ]
    if (member.contactId !== asker.contactId) {
      replies.push({ privateTo: member.contactId, text: [texts.dues.recordedMember({ by: askerName(asker), months, amount }), ...recorded.notes].join('\n') })
    }
    return replies
  }

  /** 交党费: a member reports their own payment; it waits for the 组织委员, who is told privately. */
  async report(input: { context: OrgContext; asker: Asker; self: MemberRow; amountText: string; monthText: string | null; now: Date }): Promise<Reply[]> {
    const { context, asker, now } = input
    const member = await this.books.memberOf(input.self)
    const recorded = await this.record({ member, amountText: input.amountText, monthText: input.monthText, status: 'pending', byContactId: asker.contactId, now, usage: texts.dues.reportUsage() })
    const months = formatMonths(recorded.months, recorded.current)
    const amount = formatYuan(recorded.totalFen)
    const replies: Reply[] = [
      { text: texts.dues.reportedGroup({ name: member.name, months }) },
      { privateTo: member.contactId, text: [texts.dues.reportedMember({ months, amount }), ...recorded.notes, texts.dues.account()].join('\n') },
    ]
    for (const collector of await this.books.collectors(context.org.id)) {
      if (collector.contactId === member.contactId) continue
      replies.push({ privateTo: collector.contactId, text: [texts.dues.reportedCollector({ name: member.name, months, amount }), ...recorded.notes].join('\n') })
    }
    return replies
  }

  /** 确认党费: an officer confirms a member's own reports (all waiting ones, or those of the months given). Audited. */
  async confirm(input: { context: OrgContext; asker: Asker; target: MemberRow; monthText: string | null; now: Date }): Promise<Reply[]> {
    const { context, asker, now } = input
    const { repo } = this.books
    const member = await this.books.memberOf(input.target)
    const current = this.books.currentMonth(now)
    const wanted = input.monthText ? this.books.readMonths(input.monthText, current) : null
    const pending = (await repo.paymentsOf([member.id])).filter((p) => p.status === 'pending' && (!wanted || wanted.includes(p.month)))
    if (pending.length === 0) throw new UserError('dues.nothingPending', { name: member.name, months: wanted ? formatMonths(wanted, current) : null })
    await repo.confirmPayments(pending.map((p) => p.id), asker.contactId, now)
    const monthList = pending.map((p) => p.month)
    const totalFen = pending.reduce((sum, p) => sum + p.amountFen, 0)
    await this.audit.record({
      at: now,
      actorContactId: asker.contactId,
      action: 'dues.confirm',
      orgId: context.org.id,
      targetContactId: member.contactId,
      detail: { months: monthList, amountFen: totalFen, paymentIds: pending.map((p) => p.id) },
    })
    const months = formatMonths(monthList, current)
    const amount = formatYuan(totalFen)
    const replies: Reply[] = [
      { text: texts.dues.confirmedGroup({ name: member.name, months }) },
      { privateTo: asker.contactId, text: texts.dues.confirmedOfficer({ name: member.name, months, amount }) },
    ]
    if (member.contactId !== asker.contactId) {
      replies.push({ privateTo: member.contactId, text: texts.dues.confirmedMember({ months, amount, by: askerName(asker) }) })
    }
    return replies
  }

  /** Checks and writes a payment over the months typed (default this month), split evenly. */
  private async record(input: {
    member: DuesMemberRow
    amountText: string
    monthText: string | null
    status: 'confirmed' | 'pending'
    byContactId: string
    now: Date
    usage: string
  }): Promise<Recorded> {
    const { member, now } = input
    const totalFen = parseYuanToFen(input.amountText)
    if (totalFen === null || totalFen === 0) throw new UserError('dues.badAmount', { input: input.amountText.slice(0, 20), usage: input.usage })
    const current = this.books.currentMonth(now)
    const months = input.monthText ? this.books.readMonths(input.monthText, current) : [current]

    // 中组发〔2008〕3号: 补交党费最多 6 个月.
    const tooOld = months.filter((m) => !withinBackPayment(m, current))
    if (tooOld.length > 0) {
      throw new UserError('dues.backPaymentRefused', { months: formatMonths(tooOld, current), earliest: formatMonth(addMonths(current, -BACK_PAYMENT_MONTHS), current) })
    }
    const tooFar = months.find((m) => monthsBetween(current, m) >= MAX_MONTHS_AT_ONCE)
    if (tooFar) throw new UserError('dues.tooFarAhead', { month: formatMonth(tooFar, current) })

    const ledger = await this.books.ledgerOf(member)
    const dues = months.map((m) => dueFor(ledger, m))
    const unassessed = months.filter((_, i) => dues[i] === null)
    const expectedFen = unassessed.length > 0 ? null : dues.reduce<number>((sum, fen) => sum + fen!, 0)
    const toCentre = goesToCentre(totalFen, expectedFen)
    const amounts = splitEvenly(totalFen, months.length)

    await this.books.repo.transaction(async (repo) => {
      // Checked inside the transaction, so two officers recording the same month at once leave one row.
      const existing = (await repo.paymentsOf([member.id])).filter((p) => months.includes(p.month))
      const confirmed = existing.filter((p) => p.status === 'confirmed').map((p) => p.month)
      if (confirmed.length > 0) throw new UserError('dues.alreadyPaid', { name: member.name, months: formatMonths(confirmed, current) })
      const pending = existing.filter((p) => p.status === 'pending').map((p) => p.month)
      if (pending.length > 0) {
        throw input.status === 'pending'
          ? new UserError('dues.alreadyReported', { months: formatMonths(pending, current) })
          : new UserError('dues.pendingExists', { name: member.name, months: formatMonths(pending, current) })
      }
      const rows: NewPayment[] = months.map((month, i) => ({
        memberId: member.id,
        month,
        amountFen: amounts[i]!,
        status: input.status,
        byContactId: input.byContactId,
        note: null,
        toCentre,
        now,
      }))
      await repo.createPayments(rows)
    })

    const notes: string[] = []
    if (unassessed.length > 0) notes.push(texts.dues.notAssessedFor({ months: formatMonths(unassessed, current) }))
    else if (expectedFen !== totalFen) {
      const sameRate = dues.every((fen) => fen === dues[0])
      notes.push(
        texts.dues.difference({
          monthly: sameRate ? formatYuan(dues[0]!) : null,
          expected: formatYuan(expectedFen!),
          count: months.length,
          diff: formatYuan(Math.abs(totalFen - expectedFen!)),
          more: totalFen > expectedFen!,
        }),
      )
    }
    if (toCentre) notes.push(texts.dues.toCentre())
    return { months, totalFen, toCentre, notes, current }
  }
}
