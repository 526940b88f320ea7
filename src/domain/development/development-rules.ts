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
