import { describe, it, expect } from 'vitest'
import { BINDER_TITLES, BINDERS, DUES_OFFICERS, OFFICER_TITLES, OFFICERS, OFFICERS_ANYWHERE, SECRETARIES, SECRETARY_TITLES, holdsOver, isOfficerTitle, type HeldRole, type TitleRights } from './rights.js'
import { BUILT_IN_NAMES } from '../../../test/support/built-in-names.js'

// 1 街道党工委 ─┬─ 2 第一党总支 ─┬─ 4 第一党支部 ── 6 第一党小组
//               │               └─ 5 第二党支部
//               └─ 3 第二党总支
// A chain lists the organisation acted in, then its ancestors up to the root.
const chain = {
  street: [1],
  general1: [2, 1],
  general2: [3, 1],
  branch1: [4, 2, 1],
  branch2: [5, 2, 1],
  group1: [6, 4, 2, 1],
} as const

const role = (orgId: number, title: string): HeldRole => ({ orgId, title })

describe('holdsOver', () => {
  it.each<[string, boolean, HeldRole[], readonly number[]]>([
    ['书记 of the branch itself', true, [role(4, '书记')], chain.branch1],
    ['书记 of its parent 总支', true, [role(2, '书记')], chain.branch1],
    ['书记 of the root 党工委', true, [role(1, '书记')], chain.group1],
    ['组织委员 of the grandparent', true, [role(2, '组织委员')], chain.group1],
    ['书记 of a sibling branch', false, [role(5, '书记')], chain.branch1],
    ['书记 of an uncle 总支', false, [role(3, '书记')], chain.branch1],
    ['党小组长 of a child group', false, [role(6, '党小组长')], chain.branch1],
    ['书记 of a child branch acting in the 党工委', false, [role(4, '书记')], chain.street],
    ['no roles', false, [], chain.branch1],
    ['a sibling role and an ancestor role', true, [role(5, '书记'), role(1, '宣传委员')], chain.branch1],
    ['a title that is not an office', false, [role(4, '党员')], chain.branch1],
    ['a built-in name as a title', false, [role(4, 'constructor'), role(4, 'toString')], chain.branch1],
  ])('GIVEN %s THEN holds over: %s', (_what, expected, roles, orgChain) => {
    expect(holdsOver(roles, orgChain)).toBe(expected)
  })

  it.each<[string, boolean, HeldRole[], readonly number[], readonly string[]]>([
    ['组织委员 of the branch, secretaries only', false, [role(4, '组织委员')], chain.branch1, SECRETARY_TITLES],
    ['副书记 of the branch, secretaries only', true, [role(4, '副书记')], chain.branch1, SECRETARY_TITLES],
    ['书记 of the parent, secretaries only', true, [role(2, '书记')], chain.branch1, SECRETARY_TITLES],
    ['组织委员 of the branch and 书记 of a sibling, secretaries only', false, [role(4, '组织委员'), role(5, '书记')], chain.branch1, SECRETARY_TITLES],
    ['组织委员 of the parent, binders', true, [role(2, '组织委员')], chain.branch1, BINDER_TITLES],
    ['宣传委员 of the branch, binders', false, [role(4, '宣传委员')], chain.branch1, BINDER_TITLES],
    ['书记 of the branch, no titles at all', false, [role(4, '书记')], chain.branch1, []],
  ])('GIVEN %s THEN holds over: %s', (_what, expected, roles, orgChain, titles) => {
    expect(holdsOver(roles, orgChain, titles)).toBe(expected)
  })

  it('GIVEN an empty chain THEN nothing is held', () => {
    expect(holdsOver([role(4, '书记')], [])).toBe(false)
  })
})

describe('isOfficerTitle', () => {
  it.each(OFFICER_TITLES.map((title) => [title]))('GIVEN %s THEN an office', (title) => {
    expect(isOfficerTitle(title)).toBe(true)
  })

  it.each([['党员'], ['正式党员'], ['主任'], [''], [' 书记'], ['书记 '], ['书'], ['总书记'], ...BUILT_IN_NAMES.map((n): [string] => [n])])('GIVEN %j THEN not an office', (word) => {
    expect(isOfficerTitle(word)).toBe(false)
  })
})

describe('the declared rights', () => {
  // 支部工作条例 第十八条: the committee is 书记、副书记、委员; a 党小组长 is not on it.
  it.each<[string, TitleRights, string, boolean]>([
    ['OFFICERS', OFFICERS, '宣传委员', true],
    ['OFFICERS', OFFICERS, '纪检委员', true],
    ['OFFICERS', OFFICERS, '党小组长', false],
    ['OFFICERS_ANYWHERE', OFFICERS_ANYWHERE, '党小组长', false],
    ['OFFICERS_ANYWHERE', OFFICERS_ANYWHERE, '组织委员', true],
    ['DUES_OFFICERS', DUES_OFFICERS, '宣传委员', false],
    ['DUES_OFFICERS', DUES_OFFICERS, '党小组长', false],
    ['SECRETARIES', SECRETARIES, '组织委员', false],
    ['BINDERS', BINDERS, '党小组长', false],
  ])('GIVEN %s and a %s of the branch THEN allowed: %s', (_name, rights, title, expected) => {
    expect(holdsOver([role(4, title)], chain.branch1, rights.titles)).toBe(expected)
  })

  it('GIVEN the 党小组长 THEN still an office one can be appointed to', () => {
    expect(isOfficerTitle('党小组长')).toBe(true)
  })
})
