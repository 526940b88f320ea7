import { describe, it, expect } from 'vitest'
import { normalizeText, parseArgs, splitCommand } from './grammar.js'
import { BUILT_IN_NAMES } from '../../test/support/built-in-names.js'

describe('normalizeText', () => {
  it.each([
    ['报名 ＃３', '报名 #3'],
    ['发起活动 读书会 时间：明天下午３点', '发起活动 读书会 时间:明天下午3点'],
    ['代报名 ＠王五', '代报名 @王五'],
    ['认证 ＡＢｃｄ１２３４', '认证 ABcd1234'],
    ['报名\u3000#3', '报名 #3'], // ideographic space from a Chinese keyboard
    ['报名\u00A0#3', '报名 #3'],
    ['报名\t#3', '报名 #3'],
    ['报名     #3    带水', '报名 #3 带水'],
    ['\u3000 报名 #3 \u3000', '报名 #3'],
    ['', ''],
    ['   ', ''],
    ['报名 #3', '报名 #3'], // already ASCII: unchanged
  ])('GIVEN %j THEN %j', (text, expected) => {
    expect(normalizeText(text)).toBe(expected)
  })

  it('GIVEN full-width brackets and punctuation THEN they become ASCII, like every full-width form', () => {
    expect(normalizeText('第一党支部（联合），好！')).toBe('第一党支部(联合),好!')
  })

  it('GIVEN a command typed over several lines THEN line breaks stay and spaces around them go', () => {
    expect(normalizeText('发起活动 学习会 \n 时间　明天下午３点\r\n地点 会议室')).toBe('发起活动 学习会\n时间 明天下午3点\n地点 会议室')
  })
})

describe('splitCommand', () => {
  it.each([['收到！'], ['收到。'], ['报名~']])('GIVEN %s THEN the punctuation after the command word is dropped', (text) => {
    expect(splitCommand(normalizeText(text), (w) => w === '收到' || w === '报名')?.rest).toBe('')
  })

  const words = new Set(['报名', '取消报名', '发起活动', '帮助', 'help'])
  const isCommand = (word: string) => words.has(word)
  const split = (text: string) => splitCommand(text, isCommand)

  it.each([
    ['报名', { word: '报名', rest: '' }],
    ['报名 #3 带两瓶水', { word: '报名', rest: '#3 带两瓶水' }],
    ['/报名 #3', { word: '报名', rest: '#3' }],
    ['#报名 #3', { word: '报名', rest: '#3' }],
    ['/ 报名', { word: '报名', rest: '' }],
    ['help', { word: 'help', rest: '' }],
    ['报名#3', { word: '报名', rest: '#3' }],
    ['报名#3 带两瓶水', { word: '报名', rest: '#3 带两瓶水' }],
    ['取消报名#12', { word: '取消报名', rest: '#12' }],
    ['/报名#3', { word: '报名', rest: '#3' }],
    ['发起活动 读书会\n时间 明天下午3点', { word: '发起活动', rest: '读书会\n时间 明天下午3点' }],
  ])('GIVEN %j THEN %j', (text, expected) => {
    expect(split(text)).toEqual(expected)
  })

  it.each([
    [''],
    ['/'],
    ['#'],
    ['报名了吗'], // ordinary chat starting with a command word
    ['报名了吗 #3'],
    ['今天天气不错'],
    ['#3'],
    ['我要报名'],
    ['REPORT'],
    ['#报名了吗'],
    ['了吗#3'],
  ])('GIVEN %j THEN not a command (null)', (text) => {
    expect(split(text)).toBeNull()
  })
})

describe('parseArgs', () => {
  const activityKeys = ['时间', '地点', '名额', '截止'] as const

  it.each([
    ['', [], undefined, ''],
    ['#3', [], 3, ''],
    ['#3 带两瓶水', ['带两瓶水'], 3, '带两瓶水'],
    ['带两瓶水 #3', ['带两瓶水'], 3, '带两瓶水'], // #n anywhere among the positional words
    ['第一党支部 党支部', ['第一党支部', '党支部'], undefined, '第一党支部 党支部'],
    ['#3 #4', ['#4'], 3, '#4'], // only the first #n is the ref
    ['#0', [], 0, ''],
    ['#abc', ['#abc'], undefined, '#abc'],
    ['#3号', ['#3号'], undefined, '#3号'],
    ['#1234567890', [], 1234567890, ''], // any length is read; commands bound the range
    ['# 3', ['#', '3'], undefined, '# 3'],
  ])('GIVEN %j THEN words %j, ref %j, text %j', (rest, words, ref, text) => {
    const parsed = parseArgs(rest)
    expect(parsed.words).toEqual(words)
    expect(parsed.ref).toBe(ref)
    expect(parsed.text).toBe(text)
    expect(parsed.keys).toEqual({})
  })

  it('GIVEN no #n THEN the result has no ref key at all', () => {
    expect(parseArgs('带两瓶水')).not.toHaveProperty('ref')
  })

  it.each([
    [
      '社区志愿服务 时间 下周六上午9点 地点 外滩社区 名额 2',
      ['社区志愿服务'],
      { 时间: '下周六上午9点', 地点: '外滩社区', 名额: '2' },
    ],
    ['读书会 时间:明天下午3点', ['读书会'], { 时间: '明天下午3点' }],
    ['读书会 时间: 明天下午3点', ['读书会'], { 时间: '明天下午3点' }],
    ['读书会 时间:明天 下午3点 地点:党群服务中心', ['读书会'], { 时间: '明天 下午3点', 地点: '党群服务中心' }],
    ['读书会 地点 外滩 社区 三楼 时间 明天下午3点', ['读书会'], { 地点: '外滩 社区 三楼', 时间: '明天下午3点' }],
    ['时间 明天下午3点', [], { 时间: '明天下午3点' }],
    ['读书会 时间', ['读书会'], { 时间: '' }], // keyword without a value: present but empty
    ['时间管理讲座 时间 明天下午3点', ['时间管理讲座'], { 时间: '明天下午3点' }], // a word merely starting with a keyword
    ['读书会 名额 #3', ['读书会'], { 名额: '#3' }], // #n after a keyword belongs to that keyword
    ['读书会 截止 明天 截止 后天', ['读书会'], { 截止: '明天 后天' }], // a repeated keyword appends
  ])('GIVEN %j THEN words %j and keys %j', (rest, words, keys) => {
    const parsed = parseArgs(rest, activityKeys)
    expect(parsed.words).toEqual(words)
    expect(parsed.text).toBe(words.join(' '))
    expect(parsed.keys).toEqual(keys)
  })

  it.each(BUILT_IN_NAMES)('GIVEN the built-in name %s as a word or keyword value THEN it is an ordinary word and no key appears', (name) => {
    const parsed = parseArgs(`${name} 时间 ${name}`, activityKeys)
    expect(parsed.words).toEqual([name])
    expect(parsed.keys).toEqual({ 时间: name })
    expect(parsed.keys[name]).toBeUndefined()
    expect(Object.keys(parsed.keys)).toEqual(['时间'])
  })

  it('GIVEN keywords not declared for the command THEN they are ordinary words', () => {
    expect(parseArgs('读书会 时间 明天')).toEqual({ words: ['读书会', '时间', '明天'], text: '读书会 时间 明天', keys: {} })
  })

  it('GIVEN several positional words THEN text joins them with one space', () => {
    expect(parseArgs('社区 志愿 服务 #7 时间 明天', activityKeys)).toEqual({
      ref: 7,
      words: ['社区', '志愿', '服务'],
      text: '社区 志愿 服务',
      keys: { 时间: '明天' },
    })
  })

  it('GIVEN a multi-line command (normalised) THEN keywords on new lines are read', () => {
    const rest = normalizeText('社区志愿服务\n时间 下周六上午9点\n地点 外滩社区')
    expect(parseArgs(rest, activityKeys)).toEqual({
      words: ['社区志愿服务'],
      text: '社区志愿服务',
      keys: { 时间: '下周六上午9点', 地点: '外滩社区' },
    })
  })
})
