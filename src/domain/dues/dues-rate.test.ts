import { describe, it, expect } from 'vitest'
import {
  assessMonthlyDues,
  DEFAULT_DUES_OPTIONS,
  DUES_CATEGORIES,
  formatYuan,
  parseDuesCategory,
  parseYuanToFen,
  type DuesBasis,
  type DuesCategory,
  type DuesOptions,
} from './dues-rate.js'
import { BUILT_IN_NAMES } from '../../../test/support/built-in-names.js'

const yuan = (text: string): number => {
  const fen = parseYuanToFen(text)
  if (fen === null) throw new Error(`bad test amount ${text}`)
  return fen
}
const dues = (basis: DuesBasis, options?: DuesOptions): string => formatYuan(assessMonthlyDues(basis, options).monthlyFen)

describe('assessMonthlyDues — 在职 (whole-amount tiers, 中组发〔2008〕3号 第二条)', () => {
  it.each<[string, string, number, string]>([
    ['0', '0.00', 50, '在职 3000元及以下 0.5%'],
    ['0.01', '0.00', 50, '在职 3000元及以下 0.5%'], // 0.005 分 rounds down
    ['1', '0.01', 50, '在职 3000元及以下 0.5%'], // exactly 0.5 分 rounds half up
    ['2999.99', '15.00', 50, '在职 3000元及以下 0.5%'],
    ['3000', '15.00', 50, '在职 3000元及以下 0.5%'], // upper bound inclusive
    ['3000.01', '30.00', 100, '在职 3000元以上至5000元 1%'], // whole base jumps to 1%, not marginal
    ['4900', '49.00', 100, '在职 3000元以上至5000元 1%'],
    ['5000', '50.00', 100, '在职 3000元以上至5000元 1%'],
    ['5000.01', '75.00', 150, '在职 5000元以上至10000元 1.5%'],
    ['5100', '76.50', 150, '在职 5000元以上至10000元 1.5%'],
    ['6543.21', '98.15', 150, '在职 5000元以上至10000元 1.5%'], // 9814.815 分 → 9815
    ['10000', '150.00', 150, '在职 5000元以上至10000元 1.5%'],
    ['10000.01', '200.00', 200, '在职 10000元以上 2%'],
    ['12000', '240.00', 200, '在职 10000元以上 2%'],
    ['10000000', '200000.00', 200, '在职 10000元以上 2%'],
  ])('GIVEN 在职 income %s 元 THEN %s 元', (income, expected, rate, rule) => {
    const result = assessMonthlyDues({ category: '在职', monthlyIncomeFen: yuan(income) })
    expect(formatYuan(result.monthlyFen)).toBe(expected)
    expect(result.rateBasisPoints).toBe(rate)
    expect(result.baseFen).toBe(yuan(income))
    expect(result.rule).toBe(rule)
  })

  it('GIVEN 5100 元 THEN exactly 7650 fen with no float drift', () => {
    expect(assessMonthlyDues({ category: '在职', monthlyIncomeFen: 510_000 })).toEqual({
      monthlyFen: 7650,
      rateBasisPoints: 150,
      baseFen: 510_000,
      rule: '在职 5000元以上至10000元 1.5%',
    })
  })
})

describe('assessMonthlyDues — 年薪制 uses the in-service tiers (第三条)', () => {
  it.each<[string, string, string]>([
    ['3000', '15.00', '年薪制 3000元及以下 0.5%'],
    ['5100', '76.50', '年薪制 5000元以上至10000元 1.5%'],
    ['30000', '600.00', '年薪制 10000元以上 2%'], // a month that paid out a large share of the annual salary
  ])('GIVEN 年薪制 received %s 元 this month THEN %s 元', (income, expected, rule) => {
    const result = assessMonthlyDues({ category: '年薪制', monthlyIncomeFen: yuan(income) })
    expect(formatYuan(result.monthlyFen)).toBe(expected)
    expect(result.rule).toBe(rule)
  })
})

describe('assessMonthlyDues — 离退休 (第五条)', () => {
  it.each<[string, string, number]>([
    ['0', '0.00', 50],
    ['3000', '15.00', 50],
    ['5000', '25.00', 50], // upper bound inclusive
    ['5000.01', '50.00', 100],
    ['6000', '60.00', 100],
    ['12000', '120.00', 100], // no 1.5%/2% tier for pensions
  ])('GIVEN 离退休 pension %s 元 THEN %s 元', (income, expected, rate) => {
    const result = assessMonthlyDues({ category: '离退休', monthlyIncomeFen: yuan(income) })
    expect(formatYuan(result.monthlyFen)).toBe(expected)
    expect(result.rateBasisPoints).toBe(rate)
  })
})

describe('assessMonthlyDues — 个体: previous quarter average, in-service tiers (第四条)', () => {
  it.each<[[string, string, string], number, string, string]>([
    [['4000', '5000', '6000'], 500_000, '50.00', '个体 上季度月均 3000元以上至5000元 1%'],
    [['0', '0', '0'], 0, '0.00', '个体 上季度月均 3000元及以下 0.5%'],
    [['3000', '3000', '3000.02'], 300_001, '30.00', '个体 上季度月均 3000元以上至5000元 1%'], // 300000.67 → 300001
    [['3000', '3000', '3000.01'], 300_000, '15.00', '个体 上季度月均 3000元及以下 0.5%'], // 300000.33 → 300000
    [['0', '0', '30000'], 1_000_000, '150.00', '个体 上季度月均 5000元以上至10000元 1.5%'],
  ])('GIVEN 个体 quarter %j THEN base %i fen and %s 元', (quarter, base, expected, rule) => {
    const result = assessMonthlyDues({ category: '个体', previousQuarterFen: [yuan(quarter[0]), yuan(quarter[1]), yuan(quarter[2])] })
    expect(result.baseFen).toBe(base)
    expect(formatYuan(result.monthlyFen)).toBe(expected)
    expect(result.rule).toBe(rule)
  })
})

describe('assessMonthlyDues — fixed monthly amounts (第六条, 第七条)', () => {
  it.each<[string, DuesBasis, DuesOptions | undefined, number, string]>([
    ['学生', { category: '学生' }, undefined, 20, '学生 每月0.2元'],
    ['失业', { category: '失业' }, undefined, 20, '失业 每月0.2元'],
    ['低保', { category: '低保' }, undefined, 20, '低保 每月0.2元'],
    ['农民 with defaults', { category: '农民' }, undefined, 20, '农民 每月0.2元'],
    ['农民 configured 0.5 元', { category: '农民' }, { farmerMonthlyFen: 50, rounding: 'fen' }, 50, '农民 每月0.5元'],
    ['农民 configured 1 元', { category: '农民' }, { farmerMonthlyFen: 100, rounding: 'fen' }, 100, '农民 每月1元'],
    ['困难 exempted (0)', { category: '困难', reducedFen: 0 }, undefined, 0, '困难 免交（上级党委批准）'],
    ['困难 reduced to 1.50 元', { category: '困难', reducedFen: 150 }, undefined, 150, '困难 减交 每月1.5元（上级党委批准）'],
    ['学生 with yuan rounding (fixed amounts are never rounded)', { category: '学生' }, { farmerMonthlyFen: 20, rounding: 'yuan' }, 20, '学生 每月0.2元'],
    ['农民 with jiao rounding', { category: '农民' }, { farmerMonthlyFen: 25, rounding: 'jiao' }, 25, '农民 每月0.25元'],
  ])('GIVEN %s THEN %i fen', (_what, basis, options, expected, rule) => {
    expect(assessMonthlyDues(basis, options)).toEqual({ monthlyFen: expected, rateBasisPoints: null, baseFen: null, rule })
  })

  it('GIVEN 学生 THEN 0.20 元 and 农民 default THEN 0.20 元', () => {
    expect(dues({ category: '学生' })).toBe('0.20')
    expect(dues({ category: '农民' })).toBe('0.20')
    expect(dues({ category: '农民' }, { ...DEFAULT_DUES_OPTIONS, farmerMonthlyFen: 100 })).toBe('1.00')
    expect(dues({ category: '困难', reducedFen: 0 })).toBe('0.00')
  })
})

describe('assessMonthlyDues — rounding option', () => {
  it.each<['在职' | '离退休', string, DuesOptions['rounding'], string]>([
    ['在职', '5100', 'fen', '76.50'],
    ['在职', '5100', 'jiao', '76.50'],
    ['在职', '5100', 'yuan', '77.00'], // 76.50 half up
    ['在职', '5099', 'jiao', '76.50'], // 76.485 → 76.5
    ['在职', '5099', 'yuan', '76.00'], // 76.485 → 76, one rounding step (not 76.49 → 76.5 → 77)
    ['在职', '6543.21', 'fen', '98.15'],
    ['在职', '6543.21', 'jiao', '98.10'], // 98.148
    ['在职', '6543.21', 'yuan', '98.00'],
    ['在职', '3003', 'jiao', '30.00'], // 30.03
    ['在职', '3005', 'jiao', '30.10'], // 30.05 half up
    ['在职', '50', 'yuan', '0.00'], // 0.25 元
    ['在职', '100', 'yuan', '1.00'], // 0.50 元 half up
    ['离退休', '6001', 'jiao', '60.00'], // 60.01
    ['离退休', '4999', 'yuan', '25.00'], // 24.995
  ])('GIVEN %s %s 元 rounded to the %s THEN %s 元', (category, income, rounding, expected) => {
    expect(dues({ category, monthlyIncomeFen: yuan(income) }, { farmerMonthlyFen: 20, rounding })).toBe(expected)
  })

  it('GIVEN no options THEN DEFAULT_DUES_OPTIONS (0.2 元 farmers, to the fen)', () => {
    expect(DEFAULT_DUES_OPTIONS).toEqual({ farmerMonthlyFen: 20, rounding: 'fen' })
    expect(Object.isFrozen(DEFAULT_DUES_OPTIONS)).toBe(true)
  })
})

describe('assessMonthlyDues — developer errors throw RangeError', () => {
  it.each<[string, DuesBasis, DuesOptions | undefined]>([
    ['negative income', { category: '在职', monthlyIncomeFen: -1 }, undefined],
    ['negative pension', { category: '离退休', monthlyIncomeFen: -100 }, undefined],
    ['fractional fen', { category: '在职', monthlyIncomeFen: 0.5 }, undefined],
    ['NaN income', { category: '年薪制', monthlyIncomeFen: Number.NaN }, undefined],
    ['Infinity income', { category: '在职', monthlyIncomeFen: Number.POSITIVE_INFINITY }, undefined],
    ['a negative month in the quarter', { category: '个体', previousQuarterFen: [400_000, -1, 600_000] }, undefined],
    ['a quarter of two months', { category: '个体', previousQuarterFen: [400_000, 500_000] as unknown as [number, number, number] }, undefined],
    ['negative hardship amount', { category: '困难', reducedFen: -20 }, undefined],
    ['farmer amount below 0.2 元', { category: '农民' }, { farmerMonthlyFen: 10, rounding: 'fen' }],
    ['farmer amount above 1 元', { category: '农民' }, { farmerMonthlyFen: 101, rounding: 'fen' }],
    ['farmer amount not whole fen', { category: '农民' }, { farmerMonthlyFen: 20.5, rounding: 'fen' }],
    ['a bad farmer option even for another category', { category: '在职', monthlyIncomeFen: 0 }, { farmerMonthlyFen: 0, rounding: 'fen' }],
    ['unknown rounding', { category: '在职', monthlyIncomeFen: 0 }, { farmerMonthlyFen: 20, rounding: 'cent' as 'fen' }],
    ['unknown category', { category: '干部' } as unknown as DuesBasis, undefined],
  ])('GIVEN %s THEN RangeError', (_what, basis, options) => {
    expect(() => assessMonthlyDues(basis, options)).toThrow(RangeError)
  })
})

describe('formatYuan', () => {
  it.each<[number, string]>([
    [7650, '76.50'],
    [0, '0.00'],
    [1, '0.01'],
    [20, '0.20'],
    [100, '1.00'],
    [300_001, '3000.01'],
    [510_000, '5100.00'],
    [1_000_000_000, '10000000.00'],
    [-50, '-0.50'],
    [-12_345, '-123.45'],
  ])('GIVEN %i fen THEN %s', (fen, expected) => {
    expect(formatYuan(fen)).toBe(expected)
  })

  it.each([0.5, Number.NaN, Number.POSITIVE_INFINITY])('GIVEN %s THEN RangeError', (fen) => {
    expect(() => formatYuan(fen)).toThrow(RangeError)
  })
})

describe('parseYuanToFen', () => {
  it.each<[string, number]>([
    ['5100', 510_000],
    ['3000.01', 300_001],
    ['76.5', 7650],
    ['76.50', 7650],
    ['0', 0],
    ['0.00', 0],
    ['0.2', 20],
    ['0.05', 5],
    ['１２００', 120_000], // full-width digits
    ['３０００．０１', 300_001], // full-width point
    ['5,100', 510_000],
    ['1,234,567.89', 123_456_789],
    ['５，１００', 510_000], // full-width comma
    ['  5100 ', 510_000],
    ['\u30005100\u3000', 510_000], // ideographic spaces
    ['5100元', 510_000],
    ['¥5100', 510_000],
    ['￥76.50', 7650],
    ['05100', 510_000],
    ['10000000', 1_000_000_000], // the limit itself
    ['10,000,000.00', 1_000_000_000],
  ])('GIVEN %j THEN %i fen', (text, expected) => {
    expect(parseYuanToFen(text)).toBe(expected)
  })

  it.each<[string, string]>([
    ['-5', 'negative'],
    ['－5', 'full-width negative'],
    ['-0', 'negative zero'],
    ['+5', 'explicit sign'],
    ['3000.001', 'three decimals'],
    ['76.', 'dangling point'],
    ['.5', 'no whole part'],
    ['1.2.3', 'two points'],
    ['', 'empty'],
    ['   ', 'blank'],
    ['abc', 'not a number'],
    ['五千', 'Chinese numerals'],
    ['5100abc', 'trailing junk'],
    ['1e4', 'exponent'],
    ['0x10', 'hex'],
    ['Infinity', 'Infinity'],
    ['NaN', 'NaN'],
    ['51,00', 'misplaced thousands separator'],
    ['5,1000', 'group of four'],
    [',100', 'leading separator'],
    ['5 100', 'inner space'],
    ['10000000.01', 'just over 10,000,000 元'],
    ['99999999', 'absurd'],
    ['123456789012345678901234567890', 'huge'],
    ['5100元元', 'unit twice'],
  ])('GIVEN %j (%s) THEN null', (text) => {
    expect(parseYuanToFen(text)).toBeNull()
  })
})

describe('parseDuesCategory', () => {
  it.each<[string, DuesCategory]>([
    ...DUES_CATEGORIES.map((c): [string, DuesCategory] => [c, c]),
    ['在岗', '在职'],
    ['退休', '离退休'],
    ['离休', '离退休'],
    ['下岗', '失业'],
    ['下岗失业', '失业'],
    ['低保户', '低保'],
    ['个体户', '个体'],
    ['困难党员', '困难'],
    ['年薪', '年薪制'],
    ['学生党员', '学生'],
    ['农民党员', '农民'],
    ['离退休党员', '离退休'],
    ['退休党员', '离退休'],
    [' 在职 ', '在职'],
    ['\u3000退休', '离退休'],
  ])('GIVEN %j THEN %s', (word, expected) => {
    expect(parseDuesCategory(word)).toBe(expected)
  })

  it.each(['', ' ', '党员', '干部', '工人', '在职在职', '在 职', 'zaizhi', '预备党员', '退休了', ...BUILT_IN_NAMES, ...BUILT_IN_NAMES.map((n) => `${n}党员`)])(
    'GIVEN %j THEN null',
    (word) => {
      expect(parseDuesCategory(word)).toBeNull()
    },
  )
})
