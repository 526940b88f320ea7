/**
 * Party dues rate engine (中组发〔2008〕3号《关于中国共产党党费收缴、使用和管理的规定》).
 * Pure rules. Every amount is an integer number of fen (分); percentages are basis points and the
 * product is divided with BigInt, so no floating-point money ever appears.
 */
import { texts } from '../../texts/index.js'

/** Dues categories. 学生/失业/低保 share the 0.2 元 rate; 困难 is a branch decision. */
export const DUES_CATEGORIES = ['在职', '年薪制', '个体', '离退休', '学生', '失业', '低保', '农民', '困难'] as const
export type DuesCategory = (typeof DUES_CATEGORIES)[number]

export type DuesRounding = 'fen' | 'jiao' | 'yuan'

export interface DuesOptions {
  /** 农民党员 pay 0.2–1 元 a month (中组发〔2008〕3号 第六条); in fen, 20..100. */
  farmerMonthlyFen: number
  /** The rule does not fix rounding centrally; default to the fen. */
  rounding: DuesRounding
}

export const DEFAULT_DUES_OPTIONS: DuesOptions = Object.freeze({ farmerMonthlyFen: 20, rounding: 'fen' as const })

export type DuesBasis =
  | { category: '在职' | '年薪制' | '离退休'; monthlyIncomeFen: number } // 年薪制: income actually received that month
  | { category: '个体'; previousQuarterFen: [number, number, number] } // average of the previous quarter's monthly net income
  | { category: '学生' | '失业' | '低保' | '农民' }
  | { category: '困难'; reducedFen: number } // hardship: the branch decides (0 allowed), upper committee approves

export interface DuesAssessment {
  monthlyFen: number
  /** e.g. 150 = 1.5%; null for a fixed monthly amount. */
  rateBasisPoints: number | null
  /** The after-tax monthly income the rate applies to; null for a fixed monthly amount. */
  baseFen: number | null
  /** Short Chinese description, e.g. '在职 5000元以上至10000元 1.5%'. */
  rule: string
}

interface Tier {
  /** Inclusive upper bound in fen; null = no upper bound. */
  upToFen: number | null
  basisPoints: number
  label: string
}

// Whole-amount tiers: the whole base takes its tier's rate (not marginal), upper bounds inclusive.
const IN_SERVICE_TIERS: readonly Tier[] = [
  // 中组发〔2008〕3号 第二条: 3000元以下（含3000元）者，交纳月工资收入（税后）的0.5%
  { upToFen: 300_000, basisPoints: 50, label: '3000元及以下 0.5%' },
  // 中组发〔2008〕3号 第二条: 3000元以上至5000元（含5000元）者，交纳1%
  { upToFen: 500_000, basisPoints: 100, label: '3000元以上至5000元 1%' },
  // 中组发〔2008〕3号 第二条: 5000元以上至10000元（含10000元）者，交纳1.5%
  { upToFen: 1_000_000, basisPoints: 150, label: '5000元以上至10000元 1.5%' },
  // 中组发〔2008〕3号 第二条: 10000元以上者，交纳2%
  { upToFen: null, basisPoints: 200, label: '10000元以上 2%' },
]

const RETIRED_TIERS: readonly Tier[] = [
  // 中组发〔2008〕3号 第五条: 离退休费或养老金总额5000元以下（含5000元）的按0.5%交纳
  { upToFen: 500_000, basisPoints: 50, label: '5000元及以下 0.5%' },
  // 中组发〔2008〕3号 第五条: 5000元以上的按1%交纳
  { upToFen: null, basisPoints: 100, label: '5000元以上 1%' },
]

// 中组发〔2008〕3号 第六条: 学生、下岗失业、依靠抚恤或救济生活、领取低保的党员，每月交纳0.2元
const SUBSISTENCE_MONTHLY_FEN = 20
// 中组发〔2008〕3号 第六条: 农民党员每月交纳0.2元至1元
const FARMER_MIN_FEN = 20
const FARMER_MAX_FEN = 100

const ROUNDING_UNIT: ReadonlyMap<DuesRounding, bigint> = new Map([['fen', 1n], ['jiao', 10n], ['yuan', 100n]])

export function assessMonthlyDues(basis: DuesBasis, options: DuesOptions = DEFAULT_DUES_OPTIONS): DuesAssessment {
  checkOptions(options)
  switch (basis.category) {
    case '在职':
    case '年薪制':
      // 年薪制: 中组发〔2008〕3号 第三条: 以当月实际领取的薪酬收入为计算基数，参照第二条比例
      return byTier(basis.category, checkFen(basis.monthlyIncomeFen, 'monthlyIncomeFen'), IN_SERVICE_TIERS, options)
    case '离退休':
      return byTier(basis.category, checkFen(basis.monthlyIncomeFen, 'monthlyIncomeFen'), RETIRED_TIERS, options)
    case '个体': {
      // 中组发〔2008〕3号 第四条: 不按月取得收入的个体经营者，以上季度月平均纯收入为计算基数，参照第二条比例
      if (basis.previousQuarterFen.length !== 3) throw new RangeError('previousQuarterFen must hold exactly three months')
      const [a, b, c] = basis.previousQuarterFen.map((fen, i) => checkFen(fen, `previousQuarterFen[${i}]`))
      return byTier('个体 上季度月均', averageOfThree(a!, b!, c!), IN_SERVICE_TIERS, options)
    }
    case '学生':
    case '失业':
    case '低保':
      return fixed(SUBSISTENCE_MONTHLY_FEN, `${basis.category} 每月0.2元`)
    case '农民':
      return fixed(options.farmerMonthlyFen, `农民 每月${formatYuanShort(options.farmerMonthlyFen)}元`)
    case '困难': {
      // 中组发〔2008〕3号 第七条: 经党支部研究，报上一级党委批准后，可以少交或免交
      const reduced = checkFen(basis.reducedFen, 'reducedFen')
      return fixed(reduced, reduced === 0 ? texts.dues.hardshipWaived() : texts.dues.hardshipReduced({ amount: formatYuanShort(reduced) }))
    }
    default: {
      const unknown: never = basis
      throw new RangeError(`unknown dues category: ${JSON.stringify((unknown as { category: unknown }).category)}`)
    }
  }
}

function byTier(label: string, baseFen: number, tiers: readonly Tier[], options: DuesOptions): DuesAssessment {
  const tier = tiers.find((t) => t.upToFen === null || baseFen <= t.upToFen)!
  return {
    monthlyFen: applyRate(baseFen, tier.basisPoints, options.rounding),
    rateBasisPoints: tier.basisPoints,
    baseFen,
    rule: `${label} ${tier.label}`,
  }
}

/**
 * base × bp / 10000, rounded half up straight to the configured unit (one rounding step, so a
 * 'yuan' result never depends on an intermediate fen rounding).
 */
function applyRate(baseFen: number, basisPoints: number, rounding: DuesRounding): number {
  const unit = ROUNDING_UNIT.get(rounding)!
  const divisor = 10_000n * unit
  const numerator = BigInt(baseFen) * BigInt(basisPoints)
  return Number(((numerator + divisor / 2n) / divisor) * unit)
}

/** Average rounded half up at the fen (a third never lands exactly on a half). */
function averageOfThree(a: number, b: number, c: number): number {
  return Number((BigInt(a) + BigInt(b) + BigInt(c) + 1n) / 3n)
}

/** Fixed amounts are set by the rule itself and are never rounded (0.2 元 would vanish at 'yuan'). */
function fixed(monthlyFen: number, rule: string): DuesAssessment {
  return { monthlyFen, rateBasisPoints: null, baseFen: null, rule }
}

function checkFen(fen: number, name: string): number {
  if (!Number.isSafeInteger(fen) || fen < 0) throw new RangeError(`${name} must be a non-negative integer of fen, got ${fen}`)
  return fen
}

/** A bad configuration is a developer mistake: fail loudly rather than charge a wrong amount. */
function checkOptions(options: DuesOptions): void {
  const { farmerMonthlyFen, rounding } = options
  if (!Number.isInteger(farmerMonthlyFen) || farmerMonthlyFen < FARMER_MIN_FEN || farmerMonthlyFen > FARMER_MAX_FEN) {
    throw new RangeError(`farmerMonthlyFen must be an integer from ${FARMER_MIN_FEN} to ${FARMER_MAX_FEN}, got ${farmerMonthlyFen}`)
  }
  if (!ROUNDING_UNIT.has(rounding)) throw new RangeError(`unknown rounding: ${String(rounding)}`)
}

/** 7650 → '76.50'; 20 → '0.20'; -50 → '-0.50'. No thousands separators. */
export function formatYuan(fen: number): string {
  if (!Number.isSafeInteger(fen)) throw new RangeError(`fen must be a safe integer, got ${fen}`)
  const sign = fen < 0 ? '-' : ''
  const abs = Math.abs(fen)
  return `${sign}${Math.trunc(abs / 100)}.${String(abs % 100).padStart(2, '0')}`
}

/** 20 → '0.2', 100 → '1', 150 → '1.5': for rule text, where trailing zeros read oddly. */
function formatYuanShort(fen: number): string {
  return formatYuan(fen).replace(/\.?0+$/, '')
}

/** 1000万元: no monthly income is larger; a bigger number is a typo. */
const MAX_FEN = 1_000_000_000

/**
 * Reads a user-typed amount of yuan. Accepts full-width digits and punctuation, a leading ¥/￥,
 * a trailing 元, and ',' thousands separators in groups of three ('5,100'). Returns null for
 * negatives, more than 2 decimals, anything not a number, and amounts over 10,000,000 元.
 */
export function parseYuanToFen(text: string): number | null {
  const ascii = toHalfWidth(text).trim()
  const match = /^¥?\s*(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{1,2}))?\s*元?$/.exec(ascii)
  if (!match) return null
  const whole = match[1]!.replaceAll(',', '')
  if (whole.replace(/^0+/, '').length > 8) return null // keeps Number() exact; 8 digits already exceeds MAX_FEN
  const fen = Number(whole) * 100 + Number((match[2] ?? '').padEnd(2, '0'))
  return fen > MAX_FEN ? null : fen
}

/** Full-width ASCII (U+FF01–U+FF5E) and the ideographic space to their half-width forms. */
function toHalfWidth(text: string): string {
  return text
    .replace(/[\uFF01-\uFF5E]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
    .replaceAll('\u3000', ' ')
    .replaceAll('\uFFE5', '¥') // ￥ full-width yen sign lies outside the FF01–FF5E block
}

/** A Map, not an object: a typed word such as `constructor` must never find Object.prototype. */
const CATEGORY_ALIASES: ReadonlyMap<string, DuesCategory> = new Map([
  ['在岗', '在职'],
  ['年薪', '年薪制'],
  ['退休', '离退休'],
  ['离休', '离退休'],
  ['下岗', '失业'],
  ['下岗失业', '失业'],
  ['低保户', '低保'],
  ['个体户', '个体'],
  ['困难党员', '困难'],
])

/**
 * Reads a user-typed category word (aliases: 在岗→在职, 退休/离休→离退休, 下岗→失业, 低保户→低保,
 * 个体户→个体, 困难党员→困难), or null. A trailing 党员 is ignored ('学生党员' → 学生).
 */
export function parseDuesCategory(word: string): DuesCategory | null {
  const trimmed = toHalfWidth(word).trim()
  for (const candidate of [trimmed, trimmed.replace(/党员$/, '')]) {
    if (candidate === '') continue
    if ((DUES_CATEGORIES as readonly string[]).includes(candidate)) return candidate as DuesCategory
    const alias = CATEGORY_ALIASES.get(candidate)
    if (alias) return alias
  }
  return null
}
