import { describe, it, expect } from 'vitest'
import {
  ACCEPTED_CATEGORY_WORDS,
  ACCEPTED_MEETING_WORDS,
  ACCEPTED_STAGE_WORDS,
  LEADING_BODY_MEETINGS,
  readMeetingType,
  readMemberCategory,
  readMemberStage,
  readRegistrationWords,
} from './vocabulary.js'
import { vocabularyTexts } from '../../texts/vocabulary.texts.js'

const PROTOTYPE_WORDS = ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf']

describe('readMemberStage', () => {
  it.each<[string, string | null]>([
    ['正式党员', '正式党员'], ['党员', '正式党员'], ['正式', '正式党员'], ['中共党员', '正式党员'],
    ['预备', '预备党员'], ['预备党员', '预备党员'], ['预备期', '预备党员'],
    ['发展对象', '发展对象'], ['发展', '发展对象'],
    ['积极分子', '入党积极分子'], ['积极份子', '入党积极分子'], ['入党积极分子', '入党积极分子'],
    [' 党员 ', '正式党员'], ['党员，', '正式党员'],
    ['群众', null], ['团员', null], ['入党申请人', null], ['', null],
    ...PROTOTYPE_WORDS.map((w): [string, null] => [w, null]),
  ])('GIVEN %j THEN %j', (word, expected) => {
    expect(readMemberStage(word)).toBe(expected)
  })
})

describe('readMemberCategory', () => {
  it.each<[string, string | null]>([
    ['在职', '在职'], ['上班', '在职'], ['职工', '在职'], ['在岗', '在职'], ['工作', '在职'],
    ['退休', '离退休'], ['离休', '离退休'], ['离退休', '离退休'],
    ['学生', '学生'], ['在校', '学生'], ['研究生', '学生'],
    ['农民', '农民'], ['务农', '农民'],
    ['个体', '个体'], ['个体户', '个体'], ['自由职业', '个体'], ['灵活就业', '个体'],
    ['失业', '失业'], ['下岗', '失业'], ['待业', '失业'],
    ['ＯＫ', null], ['老师', null], ['党员', null],
    ...PROTOTYPE_WORDS.map((w): [string, null] => [w, null]),
  ])('GIVEN %j THEN %j', (word, expected) => {
    expect(readMemberCategory(word)).toBe(expected)
  })
})

describe('readMeetingType', () => {
  it.each<[string, string | null]>([
    ['党员大会', '党员大会'], ['支部大会', '党员大会'], ['支部党员大会', '党员大会'], ['全体党员大会', '党员大会'],
    ['支委会', '支委会'], ['支委会议', '支委会'], ['支部委员会', '支委会'],
    ['党小组会', '党小组会'], ['小组会', '党小组会'], ['党小组会议', '党小组会'],
    ['党课', '党课'], ['微党课', '党课'],
    ['主题党日', '主题党日'], ['党日', '主题党日'], ['主题党日活动', '主题党日'],
    ['组织生活会', '组织生活会'], ['组织生活', '组织生活会'],
    // held by leading bodies, never by a branch
    ['民主生活会', null],
    ['座谈会', null], ['开会', null],
    ...PROTOTYPE_WORDS.map((w): [string, null] => [w, null]),
  ])('GIVEN %j THEN %j', (word, expected) => {
    expect(readMeetingType(word)).toBe(expected)
  })

  it('GIVEN 民主生活会 THEN it is known as a leading body meeting, and the reply points to 组织生活会', () => {
    expect(LEADING_BODY_MEETINGS.has('民主生活会')).toBe(true)
    expect(vocabularyTexts.leadingBodyMeeting({ word: '民主生活会' })).toContain('组织生活会')
  })
})

describe('readRegistrationWords', () => {
  it.each([
    [['党员', '退休'], '正式党员', '离退休', [], []],
    [['退休', '党员'], '正式党员', '离退休', [], []],
    [['预备', '学生'], '预备党员', '学生', [], []],
    [['学生', '积极分子'], '入党积极分子', '学生', [], []],
    [['上班'], null, '在职', [], []],
    [['发展对象'], '发展对象', null, [], []],
    [[], null, null, [], []],
    [['退休党员'], null, '离退休', [], []],
    [['预备', '学生党员'], '预备党员', '学生', [], []],
    [['党员', '退休', '退休'], '正式党员', '离退休', [], []],
    [['党员', '老干部'], '正式党员', null, ['老干部'], []],
    [['群众', '上班'], null, '在职', ['群众'], []],
    [['党员', '预备'], '正式党员', null, [], ['预备']],
    [['在职', '退休'], null, '在职', [], ['退休']],
    [['constructor', '__proto__', 'toString'], null, null, ['constructor', '__proto__', 'toString'], []],
  ])('GIVEN %j THEN stage %j, category %j, unknown %j, conflicting %j', (words, stage, category, unknownWords, conflictingWords) => {
    expect(readRegistrationWords(words)).toEqual({ stage, category, unknownWords, conflictingWords })
  })

  it('GIVEN a word not understood THEN the reply names it and lists the accepted words', () => {
    const { unknownWords } = readRegistrationWords(['党员', '老干部'])
    const reply = vocabularyTexts.unknownRegistrationWords({ words: unknownWords, stages: ACCEPTED_STAGE_WORDS, categories: ACCEPTED_CATEGORY_WORDS })
    expect(reply).toContain('「老干部」')
    expect(reply).toContain('退休')
    expect(reply).toContain('积极分子')
  })

  it('GIVEN the accepted word lists THEN each starts with the canonical values and every word reads back', () => {
    expect(ACCEPTED_STAGE_WORDS.slice(0, 4)).toEqual(['正式党员', '预备党员', '发展对象', '入党积极分子'])
    for (const w of ACCEPTED_STAGE_WORDS) expect(readMemberStage(w)).not.toBeNull()
    for (const w of ACCEPTED_CATEGORY_WORDS) expect(readMemberCategory(w)).not.toBeNull()
    for (const w of ACCEPTED_MEETING_WORDS) expect(readMeetingType(w)).not.toBeNull()
  })
})
