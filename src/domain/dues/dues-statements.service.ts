import { UserError } from '../../texts/user-error.js'
import type { Reply } from '../../chat/reply.js'
import { texts } from '../../texts/index.js'
import type { Asker, OrgContext } from '../org/org.service.js'
import { assessmentFor, formatMonth, formatMonths, owedMonths, yearOf, type Month } from './dues-ledger.js'
import { formatYuan } from './dues-rate.js'
import { longMonth, monthSheet, splitByBackPayment, type DuesBooks, type Ledger } from './dues-books.service.js'
import type { DuesMemberRow } from './dues.repository.js'

/** 我的党费 and 党费情况: reading the books back, always with the amounts in a private chat. */
export class DuesStatementService {
  constructor(private readonly books: DuesBooks) {}

  /**
   * 我的党费: the asker's assessed amount, months paid this year and months owed — always in a
   * private chat. Asked in a group, the group hears only 已私信你. Asked privately, every
   * organisation the asker is registered in is answered.
   */
  async mine(input: { asker: Asker; group: OrgContext | null; now: Date }): Promise<Reply[]> {
    const { asker, group, now } = input
    let members: DuesMemberRow[]
    if (group) {
      if (!asker.member) throw new UserError('common.notRegistered')
      members = [await this.books.memberOf(asker.member)]
    } else {
      members = await this.books.repo.membersByContact(asker.contactId)
      if (members.length === 0) throw new UserError('dues.notRegisteredAnywhere')
    }
    const current = this.books.currentMonth(now)
    const sections: string[] = []
    for (const member of members) {
      const ledger = await this.books.ledgerOf(member)
      const orgName = (await this.books.orgs.findOrgById(member.orgId))?.name ?? ''
      sections.push(mineSection(ledger, orgName, current))
    }
    const details: Reply = { privateTo: asker.contactId, text: sections.join('\n\n') }
    return group ? [{ text: texts.dues.sentPrivately() }, details] : [{ text: details.text }]
  }

  /** 党费情况: who has paid a month (default this month) and what was collected; the group hears counts. */
  async status(input: { context: OrgContext; asker: Asker; monthText: string | null; now: Date }): Promise<Reply[]> {
    const { context, asker, now } = input
    const current = this.books.currentMonth(now)
    const month = input.monthText ? this.books.readOneMonth(input.monthText, current) : current
    const ledgers = await this.books.ledgers(await this.books.repo.membersOf(context.org.id))
    const sheet = monthSheet(ledgers, month)
    const label = formatMonth(month, current)
    const collected = ledgers.flatMap((l) => l.payments).filter((p) => p.month === month && p.status === 'confirmed')
    const totalFen = collected.reduce((sum, p) => sum + p.amountFen, 0)
    const centreFen = collected.filter((p) => p.toCentre).reduce((sum, p) => sum + p.amountFen, 0)
    const line = texts.dues.statusLine
    const details = [
      texts.dues.statusHeader({ org: context.org.name, month: label }),
      line({ label: texts.dues.labelPaid(), names: sheet.paid }),
      sheet.pending.length ? line({ label: texts.dues.labelPending(), names: sheet.pending }) : null,
      line({ label: texts.dues.labelUnpaid(), names: sheet.unpaid }),
      sheet.exempt.length ? line({ label: texts.dues.labelExempt(), names: sheet.exempt }) : null,
      sheet.unassessed.length ? line({ label: texts.dues.labelUnassessed(), names: sheet.unassessed }) : null,
      texts.dues.statusTotal({ amount: formatYuan(totalFen) }),
      centreFen ? texts.dues.statusCentre({ amount: formatYuan(centreFen) }) : null,
    ]
      .filter((l): l is string => l !== null)
      .join('\n')
    const inGroup = { text: texts.dues.statusGroup({ month: label, paid: sheet.paid.length, unpaid: sheet.unpaid.length, pending: sheet.pending.length }) }
    return [inGroup, { privateTo: asker.contactId, text: details }]
  }
}

function mineSection(ledger: Ledger, orgName: string, current: Month): string {
  const lines = [texts.dues.mineHeader({ org: orgName })]
  const assessment = assessmentFor(ledger.assessments, current) ?? ledger.assessments.at(-1)
  if (!assessment) {
    lines.push(texts.dues.mineNotAssessed())
    return lines.join('\n')
  }
  lines.push(texts.dues.mineAssessed({ from: longMonth(assessment.fromMonth), amount: formatYuan(assessment.monthlyFen), rule: assessment.rule }))
  const thisYear = ledger.payments.filter((p) => yearOf(p.month) === yearOf(current))
  const confirmed = thisYear.filter((p) => p.status === 'confirmed')
  lines.push(
    texts.dues.minePaid({
      year: yearOf(current),
      months: confirmed.length ? formatMonths(confirmed.map((p) => p.month), current) : null,
      amount: formatYuan(confirmed.reduce((sum, p) => sum + p.amountFen, 0)),
    }),
  )
  const pending = ledger.payments.filter((p) => p.status === 'pending')
  if (pending.length) lines.push(texts.dues.minePending({ months: formatMonths(pending.map((p) => p.month), current) }))
  const { payable, lapsed } = splitByBackPayment(owedMonths(ledger, current), current)
  if (payable.length) {
    lines.push(texts.dues.mineOwed({ months: formatMonths(payable.map((o) => o.month), current), amount: formatYuan(payable.reduce((sum, o) => sum + o.fen, 0)) }))
  }
  if (lapsed.length) lines.push(texts.dues.pastBackPayment({ months: formatMonths(lapsed.map((o) => o.month), current) }))
  if (payable.length) lines.push(texts.dues.mineHowTo())
  else if (!lapsed.length) lines.push(texts.dues.mineClear())
  return lines.join('\n')
}
