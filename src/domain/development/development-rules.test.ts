import { describe, expect, it } from 'vitest'
import { addDays, addMonths, checkStep, nextStep, readDevelopmentStep, stageCountsByOrg, thoughtReportsDue, thoughtReportStanding, type StepTaken } from './development-rules.js'

const activist: StepTaken[] = [{ step: '入党申请人', on: '2025-05-01' }, { step: '入党积极分子', on: '2025-11-01' }]
const probationer: StepTaken[] = [{ step: '发展对象', on: '2025-09-01' }, { step: '预备党员', on: '2026-01-10' }]

describe('checkStep: 中国共产党发展党员工作细则（2014）', () => {
  it.each([
    [[], '发展对象', '2026-01-01', { ok: true }], // a person may enter the path at any step (imported mid-way)
    [activist, '发展对象', '2026-11-01', { ok: true }], // 第十三条: one year as 积极分子, to the day
    [activist, '发展对象', '2026-10-31', { ok: false, reason: 'tooEarly', earliest: '2026-11-01', article: '第十三条' }],
    [activist, '预备党员', '2027-01-01', { ok: true }], // no 发展对象 recorded: no waiting time to check
    [probationer, '正式党员', '2027-01-10', { ok: true }], // 第二十五条: the probationary year
    [probationer, '正式党员', '2027-01-09', { ok: false, reason: 'tooEarly', earliest: '2027-01-10', article: '第二十五条' }],
    [activist, '入党申请人', '2026-12-01', { ok: false, reason: 'notAfterCurrent', current: '入党积极分子' }],
    [activist, '入党积极分子', '2026-12-01', { ok: false, reason: 'notAfterCurrent', current: '入党积极分子' }],
    [activist, '发展对象', '2025-10-01', { ok: false, reason: 'beforePrevious', previous: { step: '入党积极分子', on: '2025-11-01' } }],
  ] as const)('%j then %s on %s → %j', (history, step, on, expected) => {
    expect(checkStep(history, step, on)).toEqual(expected)
  })
})

describe('nextStep: when the secretary hears of the next step (预备期满 a month ahead)', () => {
  it.each([
    [[], null],
    [activist, { step: '发展对象', possibleOn: '2026-11-01', remindOn: '2026-11-01' }],
    [probationer, { step: '正式党员', possibleOn: '2027-01-10', remindOn: '2026-12-10' }],
    [[{ step: '发展对象', on: '2026-01-01' }], { step: '预备党员', possibleOn: null, remindOn: null }],
    [[{ step: '正式党员', on: '2026-01-01' }], null],
  ] as const)('%j → %j', (history, expected) => {
    expect(nextStep(history)).toEqual(expected)
  })
})

describe('thoughtReportsDue: quarterly 思想汇报 (a practice, configurable)', () => {
  it.each([
    [{ step: '入党积极分子', on: '2026-03-01' }, '2026-05-31', 3, 0],
    [{ step: '入党积极分子', on: '2026-03-01' }, '2026-06-01', 3, 1],
    [{ step: '入党积极分子', on: '2026-03-01' }, '2026-11-27', 3, 2],
    [{ step: '预备党员', on: '2026-01-10' }, '2026-11-27', 3, 3],
    [{ step: '预备党员', on: '2026-01-10' }, '2026-11-27', 6, 1], // a branch asking every half year
    [{ step: '发展对象', on: '2026-01-10' }, '2026-11-27', 3, 0],
  ] as const)('%j by %s every %i months → %i', (current, today, every, expected) => {
    expect(thoughtReportsDue(current, today, every)).toBe(expected)
  })
})

describe('addMonths and readDevelopmentStep', () => {
  it.each([
    ['2025-11-01', 12, '2026-11-01'],
    ['2024-02-29', 12, '2025-02-28'],
    ['2026-03-31', -1, '2026-02-28'],
    ['2027-01-10', -1, '2026-12-10'],
  ] as const)('%s + %i → %s', (on, months, expected) => {
    expect(addMonths(on, months)).toBe(expected)
  })
  it.each([
    ['积极分子', '入党积极分子'], ['申请人', '入党申请人'], ['预备', '预备党员'], ['接收', '预备党员'], ['转正', '正式党员'], ['积极份子', null],
  ] as const)('%s → %s', (word, expected) => {
    expect(readDevelopmentStep(word)).toBe(expected)
  })
})

describe('thoughtReportStanding: 思想汇报 every quarter at 积极分子 and 预备党员 (a practice, configurable)', () => {
  const at = (step: StepTaken['step'], on: string): StepTaken => ({ step, on })
  it.each([
    // current, reports recorded, today → standing
    [at('入党积极分子', '2026-03-01'), [], '2026-05-31', { due: 0, given: 0, missing: 0, nextDue: '2026-06-01', nextNumber: 1 }],
    [at('入党积极分子', '2026-03-01'), [], '2026-06-01', { due: 1, given: 0, missing: 1, nextDue: '2026-09-01', nextNumber: 2 }],
    [at('入党积极分子', '2026-03-01'), ['2026-05-20'], '2026-06-01', { due: 1, given: 1, missing: 0, nextDue: '2026-09-01', nextNumber: 2 }],
    [at('入党积极分子', '2026-03-01'), ['2026-02-20', '2026-08-01'], '2026-09-15', { due: 2, given: 1, missing: 1, nextDue: '2026-12-01', nextNumber: 3 }], // one from before the step does not count
    [at('预备党员', '2026-01-10'), ['2026-04-01', '2026-07-01', '2026-10-01', '2026-12-01'], '2026-11-27', { due: 3, given: 3, missing: 0, nextDue: '2027-01-10', nextNumber: 4 }], // one ahead of today not yet
    [at('入党积极分子', '2026-03-01'), ['2026-05-20'], '2026-05-25', { due: 0, given: 1, missing: 0, nextDue: '2026-09-01', nextNumber: 2 }], // handed in ahead: the next is the second
    [at('发展对象', '2026-01-10'), [], '2026-11-27', null],
    [at('入党申请人', '2026-01-10'), [], '2026-11-27', null],
  ] as const)('%j with %j on %s → %j', (current, reports, today, expected) => {
    expect(thoughtReportStanding(current, reports, today)).toEqual(expected)
  })
  it.each([
    ['2026-01-31', 1, '2026-02-01'], ['2026-03-01', -7, '2026-02-22'], ['2026-12-28', 7, '2027-01-04'], ['2028-02-28', 1, '2028-02-29'],
  ] as const)('addDays(%s, %i) = %s', (on, days, expected) => expect(addDays(on, days)).toBe(expected))
  it('takes another interval', () => expect(thoughtReportStanding(at('预备党员', '2026-01-10'), [], '2026-03-10', 2)?.due).toBe(1))
})

describe('stageCountsByOrg: 统计 counts people at each stage per organisation', () => {
  const steps = [
    { memberId: 1, orgId: 10, step: '入党申请人', on: '2025-03-01' },
    { memberId: 1, orgId: 10, step: '入党积极分子', on: '2025-06-01' },
    { memberId: 2, orgId: 10, step: '预备党员', on: '2025-10-01' },
    { memberId: 2, orgId: 10, step: '正式党员', on: '2026-10-01' },
    { memberId: 3, orgId: 20, step: '发展对象', on: '2026-02-01' },
    { memberId: 4, orgId: 20, step: '入党申请人', on: '2026-11-20' },
  ] as const
  it.each([
    ['2026-11-30', { 10: { 入党申请人: 0, 入党积极分子: 1, 发展对象: 0, 预备党员: 0 }, 20: { 入党申请人: 1, 入党积极分子: 0, 发展对象: 1, 预备党员: 0 } }],
    ['2026-09-30', { 10: { 入党申请人: 0, 入党积极分子: 1, 发展对象: 0, 预备党员: 1 }, 20: { 入党申请人: 0, 入党积极分子: 0, 发展对象: 1, 预备党员: 0 } }], // 2 not yet full, 4 not yet applied
    ['2025-04-01', { 10: { 入党申请人: 1, 入党积极分子: 0, 发展对象: 0, 预备党员: 0 } }],
    ['2024-12-31', {}],
  ])('up to %s → %j', (upTo, expected) => {
    expect(Object.fromEntries(stageCountsByOrg(steps, upTo))).toEqual(expected)
  })
})
