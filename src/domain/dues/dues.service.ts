import { UserError } from '../../texts/user-error.js'
import type { Reply } from '../../chat/reply.js'
import { texts } from '../../texts/index.js'
import type { QueuedMessage } from '../../outbox/outbox.js'
import type { JobRepository } from '../../scheduler/job.repository.js'
import type { AuditRepository } from '../audit/audit.repository.js'
import type { Asker, OrgContext, OrgService } from '../org/org.service.js'
import type { MemberRow, OrgRepository } from '../org/org.repository.js'
import {
  addMonths,
  ARREARS_WARNING_MONTHS,
  arrearsRun,
  assessmentFor,
  BACK_PAYMENT_MONTHS,
  collectionTime,
  dueFor,
  formatDay,
  formatMonth,
  formatMonths,
  goesToCentre,
  LAPSE_MONTHS,
  MAX_MONTHS_AT_ONCE,
  monthNumber,
  monthOf,
  monthsBetween,
  owedMonths,
  parseMonthSpec,
  splitEvenly,
  withinBackPayment,
  yearOf,
  type LedgerInput,
  type Month,
  type MonthDue,
} from './dues-ledger.js'
import { assessMonthlyDues, formatYuan, parseDuesCategory, parseYuanToFen, type DuesBasis, type DuesCategory, type DuesOptions } from './dues-rate.js'
import { MONTHLY_RUN_ACTION, type AssessmentRow, type DuesMemberRow, type DuesRepository, type NewPayment, type PaymentRow } from './dues.repository.js'

export const DUES_JOBS = { monthly: 'dues.monthly' } as const

/** Who assesses and collects dues: the 组织委员 and the secretaries (of the organisation or above). */

/** Only Party members pay dues (党章 第八条; 预备党员 from the month admitted). */
const PAYING_STAGES = ['正式党员', '预备党员']
/** The bot itself, as the actor of audit rows it writes on its own. */
const BOT_ACTOR = 'zhibu'

export interface DuesServiceOptions {
  timeZone: string
  /** The collection-day reminders go out at this hour (TZ), default 9. */
  reminderHour: number
  /** Farmer amount and rounding for the rate engine (中组发〔2008〕3号 第六条). */
  rate: DuesOptions
  /** Usage lines quoted back when an amount can't be read. */
  usage: { assess: string; collect: string; report: string }
}

export const DEFAULT_DUES_SERVICE_OPTIONS: Omit<DuesServiceOptions, 'timeZone'> = {
  reminderHour: 9,
  rate: { farmerMonthlyFen: 20, rounding: 'fen' },
  usage: {
    assess: '核定党费 @某人 <金额> 或 核定党费 @某人 收入 <月收入> [类别] [从 YYYY-MM]',
    collect: '收党费 @某人 <金额> [月份或月份范围]',
    report: '交党费 <金额> [月份或月份范围]',
  },
}

interface Ledger extends LedgerInput {
  member: DuesMemberRow
  assessments: AssessmentRow[]
  payments: PaymentRow[]
}

/**
 * Party dues (中组发〔2008〕3号): the yearly assessment, the ledger of payments, private answers,
 * and the collection-day reminders and arrears warnings. Amounts and incomes go to private chats
 * only; a group hears names, months and counts.
 */
export class DuesService {
  constructor(
    private readonly repo: DuesRepository,
    private readonly orgs: OrgRepository,
    private readonly org: OrgService,
    private readonly audit: AuditRepository,
    private readonly jobs: JobRepository,
    private readonly options: DuesServiceOptions,
  ) {}

  /** 党费标准: the monthly amount for an income and category. A general calculation, not personal data. */
  standard(input: { words: string[]; defaultCategory: string | null }): string {
    const categoryWords = input.words.filter((w) => parseDuesCategory(w) !== null)
    const others = input.words.filter((w) => parseDuesCategory(w) === null)
    if (categoryWords.length > 1 || others.length > 1) {
      const odd = others.find((w) => parseYuanToFen(w) === null) ?? input.words.join(' ')
      throw new UserError('dues.badCategory', { input: odd.slice(0, 20) })
    }
    const category: DuesCategory = categoryWords[0] ? parseDuesCategory(categoryWords[0])! : (parseDuesCategory(input.defaultCategory ?? '') ?? '在职')
    if (category === '困难') throw new UserError('dues.hardshipDecided')
    const incomeText = others[0]
    const fixed = isFixedCategory(category)
    if (incomeText === undefined && !fixed) throw new UserError('dues.incomeNeeded', { category })
    const incomeFen = incomeText === undefined ? null : parseYuanToFen(incomeText)
    if (incomeText !== undefined && incomeFen === null) throw new UserError('dues.badIncome', { input: incomeText.slice(0, 20) })
    const result = assessMonthlyDues(basisFor(category, incomeFen ?? 0, 0), this.options.rate)
    const text = texts.dues.rate({
      basis: fixed ? null : incomeLabel(category, incomeFen!),
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
    now: Date
  }): Promise<Reply[]> {
    const { context, asker, target, now } = input
    const member = await this.memberOf(target)
    if (!PAYING_STAGES.includes(member.stage)) throw new UserError('dues.notPartyMember', { name: member.name, stage: member.stage })
    const current = this.currentMonth(now)
    const fromMonth = input.fromText ? this.readOneMonth(input.fromText, current) : current

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
      const result = assessMonthlyDues(basisFor(category, incomeFen, 0), this.options.rate)
      monthlyFen = result.monthlyFen
      rule = result.rule
    } else {
      const amount = parseYuanToFen(input.amountText ?? '')
      if (amount === null) throw new UserError('dues.badAmount', { input: (input.amountText ?? '').slice(0, 20), usage: this.options.usage.assess })
      monthlyFen = amount
      // 困难: the branch's reduced amount (0 = exempt) carries the rule's wording; others are set by hand.
      rule = category === '困难' ? assessMonthlyDues({ category, reducedFen: amount }, this.options.rate).rule : `${category} 支部核定`
    }

    // 预备党员 pay from the month they were admitted (中组发〔2008〕3号): an earlier 从 moves it back.
    const duesFrom =
      member.stage === '预备党员' && (member.duesFrom === null || monthsBetween(fromMonth, member.duesFrom) > 0) ? fromMonth : null
    await this.repo.transaction(async (repo) => {
      await repo.createAssessment({ memberId: member.id, fromMonth, monthlyFen, category, incomeFen, rule, byContactId: asker.contactId, now })
      if (duesFrom) await repo.setDuesFrom(member.id, duesFrom)
    })
    await this.audit.record({
      at: now,
      actorContactId: asker.contactId,
      action: 'dues.assess',
      orgId: context.org.id,
      targetContactId: member.contactId,
      detail: { fromMonth, monthlyFen, category, incomeFen, rule, ...(duesFrom ? { duesFrom } : {}) },
    })
    await this.scheduleMonthly(member.orgId, now)

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

  /** 收党费: an officer records a payment, confirmed at once. Audited. */
  async collect(input: { context: OrgContext; asker: Asker; target: MemberRow; amountText: string; monthText: string | null; now: Date }): Promise<Reply[]> {
    const { context, asker, now } = input
    const member = await this.memberOf(input.target)
    const recorded = await this.record({ member, amountText: input.amountText, monthText: input.monthText, status: 'confirmed', byContactId: asker.contactId, now, usage: this.options.usage.collect })
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
  async report(input: { context: OrgContext; asker: Asker; amountText: string; monthText: string | null; now: Date }): Promise<Reply[]> {
    const { context, asker, now } = input
    const member = await this.memberOf(asker.member!)
    const recorded = await this.record({ member, amountText: input.amountText, monthText: input.monthText, status: 'pending', byContactId: asker.contactId, now, usage: this.options.usage.report })
    const months = formatMonths(recorded.months, recorded.current)
    const amount = formatYuan(recorded.totalFen)
    const replies: Reply[] = [
      { text: texts.dues.reportedGroup({ name: member.name, months }) },
      { privateTo: member.contactId, text: [texts.dues.reportedMember({ months, amount }), ...recorded.notes, texts.dues.account()].join('\n') },
    ]
    for (const collector of await this.recipients(context.org.id, [['组织委员'], ['书记'], ['副书记']])) {
      if (collector.contactId === member.contactId) continue
      replies.push({ privateTo: collector.contactId, text: [texts.dues.reportedCollector({ name: member.name, months, amount }), ...recorded.notes].join('\n') })
    }
    return replies
  }

  /** 确认党费: an officer confirms a member's own reports (all waiting ones, or those of the months given). Audited. */
  async confirm(input: { context: OrgContext; asker: Asker; target: MemberRow; monthText: string | null; now: Date }): Promise<Reply[]> {
    const { context, asker, now } = input
    const member = await this.memberOf(input.target)
    const current = this.currentMonth(now)
    const wanted = input.monthText ? this.readMonths(input.monthText, current) : null
    const pending = (await this.repo.paymentsOf([member.id])).filter((p) => p.status === 'pending' && (!wanted || wanted.includes(p.month)))
    if (pending.length === 0) throw new UserError('dues.nothingPending', { name: member.name, months: wanted ? formatMonths(wanted, current) : null })
    await this.repo.confirmPayments(pending.map((p) => p.id), asker.contactId, now)
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
      members = [await this.memberOf(asker.member)]
    } else {
      members = await this.repo.membersByContact(asker.contactId)
      if (members.length === 0) throw new UserError('dues.notRegisteredAnywhere')
    }
    const current = this.currentMonth(now)
    const sections: string[] = []
    for (const member of members) {
      const [ledger] = await this.ledgers([member])
      const orgName = (await this.orgs.findOrgById(member.orgId))?.name ?? ''
      sections.push(this.mineSection(ledger!, orgName, current))
    }
    const details: Reply = { privateTo: asker.contactId, text: sections.join('\n\n') }
    return group ? [{ text: texts.dues.sentPrivately() }, details] : [{ text: details.text }]
  }

  /** 党费情况: who has paid a month (default this month) and what was collected; the group hears counts. */
  async status(input: { context: OrgContext; asker: Asker; monthText: string | null; now: Date }): Promise<Reply[]> {
    const { context, asker, now } = input
    const current = this.currentMonth(now)
    const month = input.monthText ? this.readOneMonth(input.monthText, current) : current
    const ledgers = await this.ledgers(await this.repo.membersOf(context.org.id))
    const sheet = monthSheet(ledgers, month)
    const label = formatMonth(month, current)
    const collected = ledgers.flatMap((l) => l.payments).filter((p) => p.month === month && p.status === 'confirmed')
    const totalFen = collected.reduce((sum, p) => sum + p.amountFen, 0)
    const centreFen = collected.filter((p) => p.toCentre).reduce((sum, p) => sum + p.amountFen, 0)
    const details = [
      texts.dues.statusHeader({ org: context.org.name, month: label }),
      texts.dues.statusLine({ label: '已交', names: sheet.paid }),
      sheet.pending.length ? texts.dues.statusLine({ label: '待确认', names: sheet.pending }) : null,
      texts.dues.statusLine({ label: '未交', names: sheet.unpaid }),
      sheet.exempt.length ? texts.dues.statusLine({ label: '免交', names: sheet.exempt }) : null,
      sheet.unassessed.length ? texts.dues.statusLine({ label: '未核定', names: sheet.unassessed }) : null,
      texts.dues.statusTotal({ amount: formatYuan(totalFen) }),
      centreFen ? texts.dues.statusCentre({ amount: formatYuan(centreFen) }) : null,
    ]
      .filter((l): l is string => l !== null)
      .join('\n')
    const inGroup = { text: texts.dues.statusGroup({ month: label, paid: sheet.paid.length, unpaid: sheet.unpaid.length, pending: sheet.pending.length }) }
    return [inGroup, { privateTo: asker.contactId, text: details }]
  }

  /**
   * Schedules the collection-day job of this month (when still ahead) and of next month for every
   * organisation with registered members. Call at start-up; 核定党费 does it for its organisation.
   */
  /**
   * Sets the organisation's collection day (收缴日, default the 5th) and moves this month's (if
   * still ahead) and next month's reminders to it. A day already past this month keeps this
   * month's reminder where it was.
   */
  async setCollectionDay(input: { context: OrgContext; asker: Asker; day: number; now: Date }): Promise<string> {
    const { context, asker, day, now } = input
    await this.repo.setDuesDay(context.org.id, day)
    await this.scheduleMonthly(context.org.id, now)
    await this.audit.record({ at: now, actorContactId: asker.contactId, action: 'dues.collection-day', orgId: context.org.id, detail: { day } })
    return texts.dues.collectionDaySet({ org: context.org.name, day, hour: this.options.reminderHour })
  }

  async ensureMonthlyJobs(now: Date): Promise<number> {
    let scheduled = 0
    for (const orgId of await this.repo.orgIdsWithMembers()) scheduled += await this.scheduleMonthly(orgId, now)
    return scheduled
  }

  /**
   * Job `dues.monthly` (key `dues:<orgId>:<YYYY-MM>`), on the collection day at 09:00: one private
   * reminder to each member who owes; a private summary to the 组织委员 (or 书记); a private warning
   * to the 书记 for each member 3 or more months in arrears. Then next month's job is scheduled.
   * A second run for the same organisation and month sends nothing.
   */
  monthlyJob = async (payload: unknown, now: Date): Promise<QueuedMessage[]> => {
    const { orgId, month } = payload as { orgId: number; month: Month }
    await this.scheduleJob(orgId, addMonths(month, 1), now)
    const org = await this.orgs.findOrgById(orgId)
    if (!org || (await this.repo.monthlyRunDone(orgId, month))) return []
    const ledgers = (await this.ledgers(await this.repo.membersOf(orgId))).filter((l) => PAYING_STAGES.includes(l.member.stage) && l.assessments.length > 0)
    if (ledgers.length === 0) return []

    const messages: QueuedMessage[] = []
    const label = formatMonth(month, month)
    for (const ledger of ledgers) {
      const { payable, lapsed } = splitByBackPayment(owedMonths(ledger, month), month)
      if (payable.length === 0) continue
      const thisMonth = payable.find((o) => o.month === month)
      const text = texts.dues.reminder({
        name: ledger.member.name,
        month: label,
        amount: thisMonth ? formatYuan(thisMonth.fen) : null,
        months: formatMonths(payable.map((o) => o.month), month),
        total: formatYuan(payable.reduce((sum, o) => sum + o.fen, 0)),
      })
      const older = lapsed.length ? `\n${texts.dues.pastBackPayment({ months: formatMonths(lapsed.map((o) => o.month), month) })}` : ''
      messages.push(privately(ledger.member.contactId, text + older))
    }
    const reminded = messages.length

    const sheet = monthSheet(ledgers, month)
    const summary = texts.dues.summary({ org: org.name, month: label, paid: sheet.paid.length, pending: sheet.pending.length, unpaid: sheet.unpaid })
    for (const officer of await this.recipients(orgId, [['组织委员'], ['书记'], ['副书记']])) messages.push(privately(officer.contactId, summary))

    // 党章 第九条: 连续六个月不交纳党费 → 自行脱党. The secretary hears from the 3rd month on, every month.
    const warned: string[] = []
    const secretaries = await this.recipients(orgId, [['书记'], ['副书记']])
    for (const ledger of ledgers) {
      const run = arrearsRun(ledger, month)
      if (!run || run.months.length < ARREARS_WARNING_MONTHS) continue
      warned.push(ledger.member.contactId)
      const text = texts.dues.arrearsWarning({
        name: ledger.member.name,
        count: run.months.length,
        months: formatMonths(run.months, month),
        lapseDay: formatDay(run.lapseDate),
        lapsed: run.months.length >= LAPSE_MONTHS,
      })
      for (const secretary of secretaries) messages.push(privately(secretary.contactId, text))
    }
    await this.audit.record({ at: now, actorContactId: BOT_ACTOR, action: MONTHLY_RUN_ACTION, orgId, detail: { month, reminded, warned } })
    return messages
  }

  // ── helpers ──

  /** Checks and writes a payment over the months typed (default this month), split evenly. */
  private async record(input: {
    member: DuesMemberRow
    amountText: string
    monthText: string | null
    status: 'confirmed' | 'pending'
    byContactId: string
    now: Date
    usage: string
  }): Promise<{ months: Month[]; totalFen: number; toCentre: boolean; notes: string[]; current: Month }> {
    const { member, now } = input
    const totalFen = parseYuanToFen(input.amountText)
    if (totalFen === null || totalFen === 0) throw new UserError('dues.badAmount', { input: input.amountText.slice(0, 20), usage: input.usage })
    const current = this.currentMonth(now)
    const months = input.monthText ? this.readMonths(input.monthText, current) : [current]

    // 中组发〔2008〕3号: 补交党费最多 6 个月.
    const tooOld = months.filter((m) => !withinBackPayment(m, current))
    if (tooOld.length > 0) {
      throw new UserError('dues.backPaymentRefused', { months: formatMonths(tooOld, current), earliest: formatMonth(addMonths(current, -BACK_PAYMENT_MONTHS), current) })
    }
    const tooFar = months.find((m) => monthsBetween(current, m) >= MAX_MONTHS_AT_ONCE)
    if (tooFar) throw new UserError('dues.tooFarAhead', { month: formatMonth(tooFar, current) })

    const [ledger] = await this.ledgers([member])
    const dues = months.map((m) => dueFor(ledger!, m))
    const unassessed = months.filter((_, i) => dues[i] === null)
    const expectedFen = unassessed.length > 0 ? null : dues.reduce<number>((sum, fen) => sum + fen!, 0)
    const toCentre = goesToCentre(totalFen, expectedFen)
    const amounts = splitEvenly(totalFen, months.length)

    await this.repo.transaction(async (repo) => {
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

  private mineSection(ledger: Ledger, orgName: string, current: Month): string {
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

  private async ledgers(members: DuesMemberRow[]): Promise<Ledger[]> {
    const ids = members.map((m) => m.id)
    const [assessments, payments] = await Promise.all([this.repo.assessmentsOf(ids), this.repo.paymentsOf(ids)])
    return members.map((member) => ({
      member,
      duesFrom: member.duesFrom,
      assessments: assessments.filter((a) => a.memberId === member.id),
      payments: payments.filter((p) => p.memberId === member.id),
    }))
  }

  private async memberOf(member: MemberRow): Promise<DuesMemberRow> {
    const row = await this.repo.findMember(member.id)
    if (!row) throw new Error(`member ${member.id} vanished`)
    return row
  }

  /**
   * The members of the organisation holding the first title group that anyone holds: e.g. the
   * 组织委员, or the 书记 if there is none.
   */
  private async recipients(orgId: number, preference: string[][]): Promise<{ contactId: string; name: string }[]> {
    const members = await this.orgs.listMembers(orgId)
    for (const titles of preference) {
      const holders = members.filter((m) => m.titles.some((t) => titles.includes(t)))
      if (holders.length > 0) return holders
    }
    return []
  }

  private async scheduleMonthly(orgId: number, now: Date): Promise<number> {
    const current = this.currentMonth(now)
    let scheduled = 0
    for (const month of [current, addMonths(current, 1)]) scheduled += await this.scheduleJob(orgId, month, now)
    return scheduled
  }

  /**
   * Schedules one organisation's collection-day job for a month, only while it is still ahead:
   * scheduling moves a job by its key, so a month whose job has run is never set running again.
   */
  private async scheduleJob(orgId: number, month: Month, now: Date): Promise<number> {
    const dueAt = collectionTime(month, await this.repo.duesDayOf(orgId), this.options.reminderHour, this.options.timeZone)
    if (dueAt.getTime() <= now.getTime()) return 0
    await this.jobs.schedule({ kind: DUES_JOBS.monthly, key: monthlyJobKey(orgId, month), dueAt, payload: { orgId, month }, now })
    return 1
  }

  private currentMonth(now: Date): Month {
    return monthOf(now, this.options.timeZone)
  }

  private readMonths(text: string, current: Month): Month[] {
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

  private readOneMonth(text: string, current: Month): Month {
    const months = this.readMonths(text, current)
    if (months.length !== 1) throw new UserError('dues.oneMonthOnly', { input: text.slice(0, 30) })
    return months[0]!
  }
}

export function monthlyJobKey(orgId: number, month: Month): string {
  return `dues:${orgId}:${month}`
}

interface MonthSheet {
  paid: string[]
  pending: string[]
  unpaid: string[]
  exempt: string[]
  unassessed: string[]
}

/** Who of the paying members has paid `month`, is waiting for confirmation, owes it, is exempt, or has no assessment. */
function monthSheet(ledgers: Ledger[], month: Month): MonthSheet {
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
function splitByBackPayment(owed: MonthDue[], current: Month): { payable: MonthDue[]; lapsed: MonthDue[] } {
  return { payable: owed.filter((o) => withinBackPayment(o.month, current)), lapsed: owed.filter((o) => !withinBackPayment(o.month, current)) }
}

function isFixedCategory(category: DuesCategory): boolean {
  return ['学生', '失业', '低保', '农民'].includes(category)
}

/** The rate engine's input for a category and an income (个体: the income is the previous quarter's monthly average). */
function basisFor(category: DuesCategory, incomeFen: number, reducedFen: number): DuesBasis {
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

function incomeLabel(category: DuesCategory, incomeFen: number): string {
  return `${category === '个体' ? '上季度月均收入' : '月收入'} ${formatYuan(incomeFen)} 元`
}

/** '2026-11' → '2026年11月'. */
function longMonth(month: Month): string {
  return `${yearOf(month)}年${monthNumber(month)}月`
}

function askerName(asker: Asker): string {
  return asker.member?.name ?? asker.name
}

function privately(contactId: string, text: string): QueuedMessage {
  return { to: { kind: 'private', contactId }, text }
}
