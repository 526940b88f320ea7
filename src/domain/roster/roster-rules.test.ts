import { describe, expect, it } from 'vitest'
import { classifyRow, matchHeaders, readRosterRow, readSheetDate, type RosterRow } from './roster-rules.js'

describe('readSheetDate: dates as rosters hold them', () => {
  it.each([
    ['1990-05-01', '1990-05-01'],
    ['1990/5/1', '1990-05-01'],
    ['1990.05.01', '1990-05-01'],
    ['1990年5月1日', '1990-05-01'],
    ['19900501', '1990-05-01'],
    ['1990-05', '1990-05'],
    ['1990.5', '1990-05'],
    ['1990年5月', '1990-05'],
    ['199005', '1990-05'],
    [' 1990 年 5 月 ', '1990-05'],
    [new Date(Date.UTC(1990, 4, 1)), '1990-05-01'],
    [32994, '1990-05-01'], // Excel's serial number for 1990-05-01
    ['1990年13月', null],
    ['1990-02-30', null],
    ['九零年五月', null],
    ['1990', null],
    ['1850-01', null],
    [1.5, null],
    ['', null],
    [null, null],
  ] as const)('%s → %s', (input, expected) => {
    expect(readSheetDate(input)).toBe(expected)
  })
})

describe('matchHeaders: loose header names, any order, extra columns ignored', () => {
  it.each([
    [['姓名', '性别', '出生年月'], { 0: 'name', 1: 'gender', 2: 'birthMonth' }],
    [['手机号', '姓 名', '党员类别', '身份证号'], { 1: 'name', 2: 'stage' }],
    [['序号', '党员姓名', '出生日期', '入党日期', '转正日期', '工作单位', '所在支部'], { 1: 'name', 2: 'birthMonth', 3: 'joinedOn', 4: 'fullOn', 5: 'unit', 6: 'branchName' }],
    [['姓名（必填）', '人员类别', '单位'], { 0: 'name', 1: 'stage', 2: 'unit' }],
    [['姓名', '姓名'], { 0: 'name' }], // the second 姓名 column is not read twice
    [['名单', '电话'], {}],
  ] as const)('%j', (cells, expected) => {
    expect(Object.fromEntries(matchHeaders(cells))).toEqual(expected)
  })
})

describe('readRosterRow: a row is kept or rejected with its reason', () => {
  it.each([
    [{ name: '张三', birthMonth: '1990.05', stage: '党员', joinedOn: '2015-07-01' }, { ok: true, row: { name: '张三', gender: null, birthMonth: '1990-05', stage: '正式党员', joinedOn: '2015-07-01', fullOn: null, unit: null, branchName: null } }],
    [{ name: ' 张 三 ', stage: '预备' }, { ok: true, row: expect.objectContaining({ name: '张三', stage: '预备党员' }) }],
    [{ name: '' }, { ok: false, problem: { kind: 'noName' } }],
    [{ name: '张三1' }, { ok: false, problem: { kind: 'badName', name: '张三1' } }],
    [{ name: '张三', joinedOn: '去年' }, { ok: false, problem: { kind: 'badDate', field: 'joinedOn', text: '去年' } }],
    [{ name: '张三', stage: '群众' }, { ok: false, problem: { kind: 'badStage', text: '群众' } }],
    // 党章第七条: 预备期满才能转正, so 转正 never precedes 入党.
    [{ name: '张三', joinedOn: '2016-07-01', fullOn: '2015-07-01' }, { ok: false, problem: { kind: 'fullBeforeJoined' } }],
  ] as const)('%j', (cells, expected) => {
    expect(readRosterRow(cells)).toEqual(expected)
  })
})

describe('classifyRow: what 确认导入 would do', () => {
  const row = (fields: Partial<RosterRow>): RosterRow => ({ name: '张三', gender: null, birthMonth: '1990-05', stage: null, joinedOn: null, fullOn: null, unit: null, branchName: null, ...fields })
  const held = [row({ unit: '甲公司' })]
  it.each([
    [row({ unit: '甲公司' }), held, [], 'unchanged'],
    [row({}), held, [], 'unchanged'], // an empty cell keeps what the roster holds
    [row({ unit: '乙公司' }), held, [], 'updated'],
    [row({ birthMonth: null, unit: '乙公司' }), held, [], 'updated'],
    [row({ birthMonth: '1970-01' }), held, ['张三'], 'registered'], // another 张三: not the one on the roster
    [row({ name: '李四' }), held, ['李四'], 'registered'],
    [row({ name: '李四' }), held, [], 'new'],
  ] as const)('%j against %j (registered %j) → %s', (input, entries, registered, expected) => {
    expect(classifyRow(input, entries, new Set(registered))).toBe(expected)
  })
})
