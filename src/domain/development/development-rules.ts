/**
 * The path into the Party, by 中国共产党发展党员工作细则（2014）: 入党申请人 → 入党积极分子 →
 * 发展对象 → 预备党员 → 正式党员. Dates are YYYY-MM-DD (the day of the decision).
 */
export const DEVELOPMENT_STEPS = ['入党申请人', '入党积极分子', '发展对象', '预备党员', '正式党员'] as const
export type DevelopmentStep = (typeof DEVELOPMENT_STEPS)[number]

/** The words officers use for each step. */
const STEP_WORDS: ReadonlyMap<string, DevelopmentStep> = new Map([
  ['入党申请人', '入党申请人'], ['申请人', '入党申请人'], ['申请', '入党申请人'],
  ['入党积极分子', '入党积极分子'], ['积极分子', '入党积极分子'],
  ['发展对象', '发展对象'],
  ['预备党员', '预备党员'], ['预备', '预备党员'], ['接收', '预备党员'],
  ['正式党员', '正式党员'], ['转正', '正式党员'],
])
/** The short word for each step, as 发展's usage shows them. */
export const SHORT_STEP_WORDS: readonly string[] = ['申请人', '积极分子', '发展对象', '预备党员', '正式党员']
export const ACCEPTED_STEP_WORDS: readonly string[] = [...STEP_WORDS.keys()]

export function readDevelopmentStep(word: string): DevelopmentStep | null {
  return STEP_WORDS.get(word.trim()) ?? null
}

/**
 * The least time a step must follow the one before it, in months, and the article that says so.
 * 第十三条: 经过一年以上培养教育和考察的入党积极分子，可列为发展对象.
 * 第二十五条（及党章第七条）: 预备期为一年，从支部大会通过之日算起; 期满方可转正.
 */
export const MINIMUM_MONTHS: Partial<Record<DevelopmentStep, { months: number; article: DevelopmentArticle }>> = {
  发展对象: { months: 12, article: '第十三条' },
  正式党员: { months: 12, article: '第二十五条' },
}
export type DevelopmentArticle = '第十三条' | '第二十五条'

/** How long before a step becomes possible the secretary hears of it, in months: 预备期满 a month ahead (转正 needs a 支部大会 to be prepared). */
export const REMIND_MONTHS_AHEAD: Partial<Record<DevelopmentStep, number>> = { 正式党员: 1 }

/** 思想汇报: a practice, not a rule of the 细则 — every three months from 积极分子 and 预备党员, configurable. */
export const DEFAULT_THOUGHT_REPORT_MONTHS = 3

export interface StepTaken {
  step: DevelopmentStep
  on: string
}

/** `on` plus `months` calendar months (the 31st to a shorter month's last day). */
export function addMonths(on: string, months: number): string {
  const [y, m, d] = on.split('-').map(Number) as [number, number, number]
  const total = y * 12 + (m - 1) + months
  const year = Math.floor(total / 12)
  const month = (total % 12) + 1
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate()
  return `${year}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`
}

export type StepCheck =
  | { ok: true }
  | { ok: false; reason: 'notAfterCurrent'; current: DevelopmentStep }
  | { ok: false; reason: 'beforePrevious'; previous: StepTaken }
  | { ok: false; reason: 'tooEarly'; earliest: string; article: DevelopmentArticle }

/** The step the person is at: the furthest one taken. */
export function currentStep(history: readonly StepTaken[]): StepTaken | null {
  return [...history].sort((a, b) => DEVELOPMENT_STEPS.indexOf(b.step) - DEVELOPMENT_STEPS.indexOf(a.step))[0] ?? null
}

/** Whether `step` on `on` may be recorded after `history` (a person may enter the path at any step). */
export function checkStep(history: readonly StepTaken[], step: DevelopmentStep, on: string): StepCheck {
  const current = currentStep(history)
  if (!current) return { ok: true }
  if (DEVELOPMENT_STEPS.indexOf(step) <= DEVELOPMENT_STEPS.indexOf(current.step)) return { ok: false, reason: 'notAfterCurrent', current: current.step }
  if (on < current.on) return { ok: false, reason: 'beforePrevious', previous: current }
  const minimum = MINIMUM_MONTHS[step]
  const previous = history.find((h) => DEVELOPMENT_STEPS.indexOf(h.step) === DEVELOPMENT_STEPS.indexOf(step) - 1)
  if (minimum && previous) {
    const earliest = addMonths(previous.on, minimum.months)
    if (on < earliest) return { ok: false, reason: 'tooEarly', earliest, article: minimum.article }
  }
  return { ok: true }
}

/** The next step and the day it becomes possible (null: no waiting time), or null at the end of the path. */
export function nextStep(history: readonly StepTaken[]): { step: DevelopmentStep; possibleOn: string | null; remindOn: string | null } | null {
  const current = currentStep(history)
  if (!current) return null
  const step = DEVELOPMENT_STEPS[DEVELOPMENT_STEPS.indexOf(current.step) + 1]
  if (!step) return null
  const minimum = MINIMUM_MONTHS[step]
  if (!minimum) return { step, possibleOn: null, remindOn: null }
  const possibleOn = addMonths(current.on, minimum.months)
  return { step, possibleOn, remindOn: addMonths(possibleOn, -(REMIND_MONTHS_AHEAD[step] ?? 0)) }
}

/** 思想汇报 expected so far at the current step (积极分子 and 预备党员 write them), one per `everyMonths`. */
export function thoughtReportsDue(current: StepTaken, today: string, everyMonths = DEFAULT_THOUGHT_REPORT_MONTHS): number {
  if (current.step !== '入党积极分子' && current.step !== '预备党员') return 0
  let count = 0
  while (addMonths(current.on, (count + 1) * everyMonths) <= today) count++
  return count
}

/** Whether the step writes 思想汇报 (the practice: 入党积极分子 and 预备党员). */
export function writesThoughtReports(step: DevelopmentStep): boolean {
  return step === '入党积极分子' || step === '预备党员'
}

/**
 * The 思想汇报 at the current step: how many were due by `today`, how many were handed in since
 * the step began (`reports`: the days recorded), and the next due day — the k-th falls `k ×
 * everyMonths` after the step's date. Null for steps that write none.
 */
export function thoughtReportStanding(
  current: StepTaken,
  reports: readonly string[],
  today: string,
  everyMonths = DEFAULT_THOUGHT_REPORT_MONTHS,
): { due: number; given: number; missing: number; nextDue: string; nextNumber: number } | null {
  if (!writesThoughtReports(current.step)) return null
  const due = thoughtReportsDue(current, today, everyMonths)
  const given = reports.filter((on) => on >= current.on && on <= today).length
  // One handed in ahead of its day counts for it: the next is the one after.
  const nextNumber = Math.max(due, given) + 1
  return { due, given, missing: Math.max(0, due - given), nextDue: addMonths(current.on, nextNumber * everyMonths), nextNumber }
}

/** The stages of the path a roll-up counts (正式党员 have left it). */
export const PIPELINE_STAGES = ['入党申请人', '入党积极分子', '发展对象', '预备党员'] as const
export type PipelineStage = (typeof PIPELINE_STAGES)[number]
export type StageCounts = Record<PipelineStage, number>

export function emptyStageCounts(): StageCounts {
  return { 入党申请人: 0, 入党积极分子: 0, 发展对象: 0, 预备党员: 0 }
}

/**
 * 统计's roll-up: people at each stage on `upTo` (steps taken later do not count yet), by the
 * organisation that recorded their current step. A person who has become 正式党员 is not counted.
 */
export function stageCountsByOrg(steps: ReadonlyArray<StepTaken & { memberId: number; orgId: number }>, upTo: string): Map<number, StageCounts> {
  const byPerson = new Map<number, Array<StepTaken & { orgId: number }>>()
  for (const s of steps) if (s.on <= upTo) byPerson.set(s.memberId, [...(byPerson.get(s.memberId) ?? []), s])
  const counts = new Map<number, StageCounts>()
  for (const history of byPerson.values()) {
    const at = currentStep(history)
    const row = at && history.find((h) => h.step === at.step)
    if (!row || row.step === '正式党员') continue
    const c = counts.get(row.orgId) ?? emptyStageCounts()
    c[row.step]++
    counts.set(row.orgId, c)
  }
  return counts
}

/**
 * How many 思想汇报 reminders are planned when the step is recorded: the probationary year holds
 * four; an activist's 培养考察 usually one to two years (eight, then the next series).
 */
export const THOUGHT_REPORTS_PLANNED: Partial<Record<DevelopmentStep, number>> = { 入党积极分子: 8, 预备党员: 4 }

/** The person hears of a 思想汇报 this many days before it falls due (a practice, configurable). */
export const THOUGHT_REPORT_REMIND_DAYS_AHEAD = 7

/** `on` plus `days` calendar days (negative: before). */
export function addDays(on: string, days: number): string {
  const [y, m, d] = on.split('-').map(Number) as [number, number, number]
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10)
}
