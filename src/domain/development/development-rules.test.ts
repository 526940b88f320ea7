import { describe, expect, it } from 'vitest'
import { addMonths, checkStep, nextStep, readDevelopmentStep, thoughtReportsDue, type StepTaken } from './development-rules.js'

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
