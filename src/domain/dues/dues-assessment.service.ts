import { UserError } from '../../texts/user-error.js'
import type { Reply } from '../../chat/reply.js'
import { texts } from '../../texts/index.js'
import type { AuditRepository } from '../audit/audit.repository.js'
import type { Asker, OrgContext } from '../org/org.service.js'
import type { MemberRow } from '../org/org.repository.js'
import { monthsBetween } from './dues-ledger.js'
import { assessMonthlyDues, formatYuan, parseDuesCategory, parseYuanToFen, type DuesCategory } from './dues-rate.js'
import { checkAssessedAmount, type AmountForm } from './dues-amount-check.js'
import { basisFor, isFixedCategory, longMonth, PAYING_STAGES, type DuesBooks } from './dues-books.service.js'
import type { DuesReminderService } from './dues-reminders.service.js'

/**
 * 党费标准 and 核定党费 (中组发〔2008〕3号): what a member owes each month, from an income and a
 * category or set by the branch. Amounts and incomes go to private chats only.
 */
export class DuesAssessmentService {
  constructor(
    private readonly books: DuesBooks,
    private readonly audit: AuditRepository,
    private readonly reminders: DuesReminderService,
  ) {}

  /** 党费标准: the monthly amount for an income and category. A general calculation, not personal data. */
  standard(input: { words: string[]; defaultCategory: string | null }): string {
    const categoryWords = input.words.filter((w) => parseDuesCategory(w) !== null)
    const others = input.words.filter((w) => parseDuesCategory(w) === null)
    if (categoryWords.length > 1 || others.length > 1) {
      const odd = others.find((w) => parseYuanToFen(w) === null) ?? input.words.join(' ')
      throw new UserError('dues.badCategory', { input: odd.slice(0, 20) })
    }
    const category: DuesCategory = parseDuesCategory(categoryWords[0] ?? input.defaultCategory ?? '') ?? '在职'
    if (category === '困难') throw new UserError('dues.hardshipDecided')
    const incomeText = others[0]
    const fixed = isFixedCategory(category)
    if (incomeText === undefined && !fixed) throw new UserError('dues.incomeNeeded', { category })
    const incomeFen = incomeText === undefined ? 0 : parseYuanToFen(incomeText)
    if (incomeFen === null) throw new UserError('dues.badIncome', { input: (incomeText ?? '').slice(0, 20) })
    const result = assessMonthlyDues(basisFor(category, incomeFen, 0), this.books.options.rate)
    const text = texts.dues.rate({
      basis: fixed ? null : incomeLabel(category, incomeFen),
      category,
      amount: formatYuan(result.monthlyFen),
      rule: result.rule,
    })
    return fixed ? text : `${text}\n${texts.dues.rateNote()}`
  }

  /**
   * 核定党费: sets a member's monthly amount from a month on (default this month), from an amount
   * or from an income. Audited; the group hears only that it was done.
   */
  async assess(input: {
    context: OrgContext
    asker: Asker
    target: MemberRow
    amountText: string | null
    incomeText: string | null
    categoryText: string | null
    fromText: string | null
    /** `党费 <金额>` was written: the number is the monthly dues, not an income typed without 收入. */
    explicitDues: boolean
    /** `确认` was appended: a change beyond the factor is meant. */
    confirmed: boolean
    now: Date
  }): Promise<Reply[]> {
    const { context, asker, target, now } = input
    const { repo, options } = this.books
    const member = await this.books.memberOf(target)
    if (!PAYING_STAGES.includes(member.stage)) throw new UserError('dues.notPartyMember', { name: member.name, stage: member.stage })
    const current = this.books.currentMonth(now)
    const fromMonth = input.fromText ? this.books.readOneMonth(input.fromText, current) : current

    let category: DuesCategory
    if (input.categoryText) {
      const parsed = parseDuesCategory(input.categoryText)
      if (!parsed) throw new UserError('dues.badCategory', { input: input.categoryText.slice(0, 20) })
      category = parsed
    } else {
      category = parseDuesCategory(member.category) ?? '在职'
    }

    let monthlyFen: number
    let incomeFen: number | null = null
    let rule: string
    if (input.incomeText !== null) {
      if (category === '困难') throw new UserError('dues.hardshipDecided')
      incomeFen = parseYuanToFen(input.incomeText)
      if (incomeFen === null) throw new UserError('dues.badIncome', { input: input.incomeText.slice(0, 20) })
      const result = assessMonthlyDues(basisFor(category, incomeFen, 0), options.rate)
      monthlyFen = result.monthlyFen
      rule = result.rule
    } else {
      const amount = parseYuanToFen(input.amountText ?? '')
      if (amount === null) throw new UserError('dues.badAmount', { input: (input.amountText ?? '').slice(0, 20), usage: texts.dues.assessUsage() })
      monthlyFen = amount
      // 困难: the branch's reduced amount (0 = exempt) carries the rule's wording; others are set by hand.
      rule = category === '困难' ? assessMonthlyDues({ category, reducedFen: amount }, options.rate).rule : texts.dues.ruleBranchSet({ category })
    }

    const form: AmountForm = input.incomeText !== null ? 'income' : input.explicitDues ? 'dues' : 'bare'
    // The last assessment written (not the one for the latest month): what the officer last set.
    const history = await repo.assessmentsOf([member.id])
    const lastFen = history.length ? history.reduce((a, b) => (b.id > a.id ? b : a)).monthlyFen : null
    const { bareAmountCeilingFen: bareCeilingFen, changeFactor } = options
    switch (checkAssessedAmount({ form, monthlyFen, lastFen, bareCeilingFen, changeFactor, confirmed: input.confirmed })) {
      case 'ask-income-or-dues':
        throw new UserError('dues.incomeOrDues', { name: member.name })
      case 'ask-confirm-change':
        return [
          { text: texts.dues.changeToConfirmGroup({ name: member.name, factor: changeFactor }) },
          { privateTo: asker.contactId, text: texts.dues.changeToConfirm({ name: member.name, last: formatYuan(lastFen ?? 0), next: formatYuan(monthlyFen), factor: changeFactor }) },
        ]
      case 'save':
        break
    }

    // 预备党员 pay from the month they were admitted (中组发〔2008〕3号): an earlier 从 moves it back.
    const duesFrom =
      member.stage === '预备党员' && (member.duesFrom === null || monthsBetween(fromMonth, member.duesFrom) > 0) ? fromMonth : null
    await repo.transaction(async (tx) => {
      await tx.createAssessment({ memberId: member.id, fromMonth, monthlyFen, category, incomeFen, rule, byContactId: asker.contactId, now })
      if (duesFrom) await tx.setDuesFrom(member.id, duesFrom)
    })
    await this.audit.record({
      at: now,
      actorContactId: asker.contactId,
      action: 'dues.assess',
      orgId: context.org.id,
      targetContactId: member.contactId,
      detail: { fromMonth, monthlyFen, category, incomeFen, rule, ...(duesFrom ? { duesFrom } : {}) },
    })
    await this.reminders.scheduleMonthly(member.orgId, now)

    const amount = formatYuan(monthlyFen)
    const from = longMonth(fromMonth)
    const replies: Reply[] = [
      { text: texts.dues.assessedGroup({ name: member.name }) },
      {
        privateTo: asker.contactId,
        text: texts.dues.assessedOfficer({
          name: member.name,
          from,
          amount,
          basis: incomeFen === null || isFixedCategory(category) ? null : incomeLabel(category, incomeFen),
          rule,
          duesFrom: duesFrom ? longMonth(duesFrom) : null,
        }),
      },
    ]
    if (member.contactId !== asker.contactId) {
      replies.push({ privateTo: member.contactId, text: texts.dues.assessedMember({ name: member.name, from, amount, rule }) })
    }
    return replies
  }
}

/** 个体 pay on the previous quarter's monthly average (中组发〔2008〕3号), the others on last month's income. */
function incomeLabel(category: DuesCategory, incomeFen: number): string {
  return texts.dues.incomeLabel({ individual: category === '个体', amount: formatYuan(incomeFen) })
}
