import { describe, expect, it } from 'vitest'
import { checkCover, classifyUnitRow, jointCandidates, matchUnitHeaders, readUnitRow, readUnitType, shouldSplit, unitStanding, type UnitPicture } from './unit-rules.js'

const unit = (over: Partial<UnitPicture>): UnitPicture => ({ name: '甲公司', building: null, coveredByType: null, coveredBy: null, members: 0, fullMembers: 0, ...over })

describe('unit rules', () => {
  it.each([
    ['企业', '企业'], ['公司', '企业'], [' 社团 ', '社会组织'], ['写字楼', '商务楼宇'], ['市场', '专业市场'], ['工厂', null], ['', null],
  ])('reads the type word %s as %s', (word, type) => expect(readUnitType(word)).toBe(type))

  it.each([
    // type, already covered, adding → ok (a joint branch covers ≤ 5 units; other organisations are not limited here)
    ['联合党支部', 0, 5, true],
    ['联合党支部', 4, 1, true],
    ['联合党支部', 4, 2, false],
    ['联合党支部', 5, 1, false],
    ['党支部', 7, 3, true],
  ] as const)('%s covering %i units may add %i: %s', (type, covered, adding, ok) => {
    expect(checkCover(type, covered, adding).ok).toBe(ok)
  })

  it.each([
    [unit({ coveredByType: '党支部', coveredBy: '甲支部' }), 'own'],
    [unit({ coveredByType: '党总支', coveredBy: '甲总支' }), 'own'],
    [unit({ coveredByType: '联合党支部', coveredBy: '联合支部' }), 'joint'],
    [unit({ members: 3, fullMembers: 3 }), 'needsOwn'],
    [unit({ members: 4, fullMembers: 2 }), 'needsJoint'],
    [unit({ members: 1, fullMembers: 0 }), 'needsJoint'],
    [unit({ members: 0 }), 'noMembers'],
    [unit({ members: 0, coveredByType: '联合党支部', coveredBy: '联合支部' }), 'joint'],
  ] as const)('standing of %o is %s', (u, standing) => expect(unitStanding(u)).toBe(standing))

  it.each([
    // covered by, full members → should set up its own branch (支部工作条例第六条: 正式党员 3 人以上单独成立)
    [unit({ coveredByType: '联合党支部', coveredBy: '联合支部', members: 3, fullMembers: 3 }), true],
    [unit({ coveredByType: '联合党支部', coveredBy: '联合支部', members: 5, fullMembers: 4 }), true],
    [unit({ coveredByType: '联合党支部', coveredBy: '联合支部', members: 4, fullMembers: 2 }), false],
    [unit({ coveredByType: '联合党支部', coveredBy: '联合支部', members: 0, fullMembers: 0 }), false],
    [unit({ coveredByType: '党支部', coveredBy: '甲支部', members: 5, fullMembers: 5 }), false],
    [unit({ members: 3, fullMembers: 3 }), false],
  ] as const)('a unit %o should split off its own branch: %s', (u, split) => expect(shouldSplit(u)).toBe(split))

  it('names candidates for a joint branch in the same building only', () => {
    const all = [
      unit({ name: 'A', building: '金融大厦', members: 1, fullMembers: 1 }),
      unit({ name: 'B', building: '金融大厦', members: 2, fullMembers: 2 }),
      unit({ name: 'C', building: '金融大厦', coveredByType: '联合党支部', coveredBy: '金融大厦联合支部' }),
      unit({ name: 'D', building: '科技园', members: 1, fullMembers: 1 }),
      unit({ name: 'E', building: '科技园', coveredByType: '联合党支部', coveredBy: '科技园联合支部' }),
      unit({ name: 'F', building: null, members: 1, fullMembers: 1 }),
    ]
    const counts = new Map([['金融大厦联合支部', 1], ['科技园联合支部', 5]])
    expect(jointCandidates(all[0]!, all, counts)).toEqual({ branches: ['金融大厦联合支部'], units: ['B'] })
    expect(jointCandidates(all[3]!, all, counts)).toEqual({ branches: [], units: [] }) // the 科技园 joint branch is full
    expect(jointCandidates(all[5]!, all, counts)).toEqual({ branches: [], units: [] })
  })

  it('matches headers loosely, in any order, ignoring extra columns', () => {
    expect([...matchUnitHeaders(['序号', '单位名称（全称）', '所在楼宇', ' 类 型 ', '职工人数(人)', '联系电话'])]).toEqual([
      [1, 'name'], [2, 'building'], [3, 'type'], [4, 'staff'],
    ])
    expect([...matchUnitHeaders(['企业名称', '单位类别', '从业人员'])]).toEqual([[0, 'name'], [1, 'type'], [2, 'staff']])
  })

  it.each([
    [{ name: '甲公司', type: '企业', building: '金融大厦', staff: 120 }, { ok: true, row: { name: '甲公司', type: '企业', building: '金融大厦', staff: 120 } }],
    [{ name: ' 乙 协会 ', type: '协会', staff: '30人' }, { ok: true, row: { name: '乙协会', type: '社会组织', building: null, staff: 30 } }],
    [{ name: '', type: '企业' }, { ok: false, problem: { kind: 'missingName' } }],
    [{ name: '丙', type: '工厂' }, { ok: false, problem: { kind: 'badType', text: '工厂' } }],
    [{ name: '丙', type: '企业', staff: '很多' }, { ok: false, problem: { kind: 'badStaff', text: '很多' } }],
    [{ name: '丙', type: '企业', staff: 12.5 }, { ok: false, problem: { kind: 'badStaff', text: '12.5' } }],
    [{ name: '丙'.repeat(41), type: '企业' }, { ok: false, problem: { kind: 'longName' } }],
  ])('reads the row %o', (cells, result) => expect(readUnitRow(cells)).toEqual(result))

  it.each([
    [{ name: '甲', type: '企业', building: null, staff: null }, 'unchanged'],
    [{ name: '甲', type: '企业', building: 'X楼', staff: 10 }, 'unchanged'],
    [{ name: '甲', type: '企业', building: 'Y楼', staff: null }, 'updated'],
    [{ name: '甲', type: '社会组织', building: null, staff: null }, 'updated'],
    [{ name: '乙', type: '企业', building: null, staff: null }, 'new'],
  ] as const)('classifies %o as %s', (row, kind) => {
    expect(classifyUnitRow(row, [{ name: '甲', type: '企业', building: 'X楼', staff: 10 }])).toBe(kind)
  })
})

describe('who keeps a territory', () => {
  it.each([
    ['党工委', true], ['党委', true], ['党总支', false], ['党支部', false], ['联合党支部', false], ['党小组', false],
  ])('%s keeps units: %s', async (type, keeps) => {
    const { keepsTerritory } = await import('./unit-rules.js')
    expect(keepsTerritory(type)).toBe(keeps)
  })
})

describe('unitKey: one unit, named with or without its company form', () => {
  it.each([
    ['星辰科技有限公司', '星辰科技'], ['星辰科技', '星辰科技'], [' 星辰 科技 股份有限公司', '星辰科技'], ['海阔贸易有限责任公司', '海阔贸易'],
    ['云帆公司', '云帆'], ['A公司', 'A公司'], ['公司', '公司'], ['外滩商会', '外滩商会'],
  ])('%s → %s', async (name, key) => {
    const { unitKey } = await import('./unit-rules.js')
    expect(unitKey(name)).toBe(key)
  })
})
