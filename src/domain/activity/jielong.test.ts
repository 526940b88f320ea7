import { describe, it, expect } from 'vitest'
import { diffJielong, isJielong, jielongNamesActivity, parseJielong, type Jielong } from './jielong.js'

const names = (j: Jielong | null) => j?.entries.map((e) => e.name)

// 接龙 as groups post them: native WeChat layout, phone keyboards, hand-edited re-posts.
const TEXTS: ReadonlyArray<[string, string, { title: string; entries: Array<[number, string, string]> }]> = [
  [
    'native layout, 1. style',
    '#接龙\n周六社区志愿服务\n\n1. 王芳\n2. 李四 带水\n3. 张三',
    { title: '周六社区志愿服务', entries: [[1, '王芳', ''], [2, '李四', '带水'], [3, '张三', '']] },
  ],
  [
    'with an example line',
    '#接龙\n党史学习读书会报名\n例 张三 带笔记本\n\n1. 王芳 带笔记本\n2. 李四',
    { title: '党史学习读书会报名', entries: [[1, '王芳', '带笔记本'], [2, '李四', '']] },
  ],
  [
    'example line with a colon',
    '#接龙\n清明祭扫\n例：张三 2人\n\n1. 王芳 2人',
    { title: '清明祭扫', entries: [[1, '王芳', '2人']] },
  ],
  [
    'a +1 written right after the name',
    '#接龙\n义诊\n\n1. 王芳+1\n2. 李四＋2 家属',
    { title: '义诊', entries: [[1, '王芳', '+1'], [2, '李四', '+2 家属']] },
  ],
  [
    '1、 style',
    '#接龙\n主题党日\n\n1、王芳\n2、李四（带家属）\n3、赵六',
    { title: '主题党日', entries: [[1, '王芳', ''], [2, '李四', '带家属'], [3, '赵六', '']] },
  ],
  [
    '"1 " style',
    '#接龙\n义务植树\n\n1 王芳\n2 李四 自带铁锹',
    { title: '义务植树', entries: [[1, '王芳', ''], [2, '李四', '自带铁锹']] },
  ],
  [
    '1． full-width style and full-width digits',
    '＃接龙\n敬老院慰问\n\n１．王芳\n２．李四',
    { title: '敬老院慰问', entries: [[1, '王芳', ''], [2, '李四', '']] },
  ],
  [
    'English WeChat: #Group Note',
    '#Group Note\nCommunity clean-up Saturday\n\n1. Wang Fang\n2. 李四',
    { title: 'Community clean-up Saturday', entries: [[1, 'Wang Fang', ''], [2, '李四', '']] },
  ],
  [
    'a line before the tag, tag not at the start of its line',
    '@所有人 请大家接龙\n周六活动 #接龙\n社区环境整治\n\n1. 王芳\n2. 李四',
    { title: '社区环境整治', entries: [[1, '王芳', ''], [2, '李四', '']] },
  ],
  [
    'title only before the tag',
    '周六社区志愿服务 #接龙\n\n1. 王芳\n2. 李四',
    { title: '周六社区志愿服务', entries: [[1, '王芳', ''], [2, '李四', '']] },
  ],
  [
    'title of two lines, one starting with a date',
    '#接龙\n12月5日 社区志愿服务\n上午9点 外滩社区集合\n\n1. 王芳',
    { title: '12月5日 社区志愿服务 上午9点 外滩社区集合', entries: [[1, '王芳', '']] },
  ],
  [
    'emoji around names',
    '#接龙\n读书会\n\n1. 王芳🌹\n2. 🙋李四\n3. 张三👍 带水',
    { title: '读书会', entries: [[1, '王芳', '🌹'], [2, '李四', ''], [3, '张三', '👍 带水']] },
  ],
  [
    'an entry over two lines',
    '#接龙\n党费收缴确认\n\n1. 王芳 已交\n2. 李四 已交11月\n12月下周交\n3. 张三',
    { title: '党费收缴确认', entries: [[1, '王芳', '已交'], [2, '李四', '已交11月 12月下周交'], [3, '张三', '']] },
  ],
  [
    'note after a comma, @ before the name',
    '#接龙\n组织生活会\n\n1. @王芳，带材料\n2. 李四,请假',
    { title: '组织生活会', entries: [[1, '王芳', '带材料'], [2, '李四', '请假']] },
  ],
  [
    'an empty numbered line is skipped',
    '#接龙\n党课\n\n1. 王芳\n2.\n3. 李四',
    { title: '党课', entries: [[1, '王芳', ''], [3, '李四', '']] },
  ],
  [
    'Windows line breaks and blank lines between entries',
    '#接龙\r\n重阳节活动\r\n\r\n1. 王芳\r\n\r\n2. 李四\r\n',
    { title: '重阳节活动', entries: [[1, '王芳', ''], [2, '李四', '']] },
  ],
  [
    'no entries yet',
    '#接龙\n周日义诊\n例 张三',
    { title: '周日义诊', entries: [] },
  ],
  [
    'the same name twice stays two lines here (the diff counts it once)',
    '#接龙\n读书会\n\n1. 王芳\n2. 王芳 带水',
    { title: '读书会', entries: [[1, '王芳', ''], [2, '王芳', '带水']] },
  ],
]

describe('parseJielong', () => {
  it.each(TEXTS)('GIVEN %s THEN title and entries are read', (_label, text, expected) => {
    expect(parseJielong(text)).toEqual({
      title: expected.title,
      entries: expected.entries.map(([n, name, note]) => ({ n, name, note })),
    })
  })

  it.each([
    ['ordinary chat', '大家周六记得来参加志愿服务'],
    ['a numbered agenda without the tag', '会议议程：\n1. 学习党章\n2. 讨论发展对象'],
    ['the word 接龙 without the tag', '我们接龙报名吧\n1. 王芳'],
    ['empty', ''],
  ])('GIVEN %s THEN not a 接龙', (_label, text) => {
    expect(parseJielong(text)).toBeNull()
  })

  it('GIVEN a pasted wall of text THEN null, quickly', () => {
    const started = performance.now()
    expect(parseJielong(`#接龙\n${'1. 王芳\n'.repeat(5000)}`)).toBeNull()
    expect(performance.now() - started).toBeLessThan(50)
  })
})

describe('diffJielong', () => {
  const post = (...entries: string[]) => parseJielong(`#接龙\n周六社区志愿服务\n\n${entries.map((e, i) => `${i + 1}. ${e}`).join('\n')}`)!

  it('GIVEN the first copy THEN every name is added', () => {
    expect(diffJielong(null, post('王芳', '李四'))).toEqual({ added: ['王芳', '李四'], removed: [] })
  })

  it.each([
    ['one name added at the end', ['王芳', '李四'], ['王芳', '李四', '张三'], ['张三'], []],
    ['a note edited mid-list', ['王芳', '李四'], ['王芳', '李四 带水'], [], []],
    ['a name removed mid-list and the rest renumbered', ['王芳', '李四', '张三'], ['王芳', '张三'], [], ['李四']],
    ['one removed and one added in the same re-post', ['王芳', '李四'], ['王芳', '赵六'], ['赵六'], ['李四']],
    ['the same name written twice', ['王芳'], ['王芳', '李四', '李四 带家属'], ['李四'], []],
    ['a duplicate line deleted', ['王芳', '王芳'], ['王芳'], [], []],
    ['order changed', ['王芳', '李四'], ['李四', '王芳'], [], []],
    ['an emoji added after a name', ['王芳'], ['王芳🌹'], [], []],
    ['everyone gone', ['王芳', '李四'], [], [], ['王芳', '李四']],
  ])('GIVEN %s THEN the added and removed names', (_label, before, after, added, removed) => {
    expect(diffJielong(post(...before), post(...after))).toEqual({ added, removed })
  })

  it('GIVEN three re-posts THEN the sign-ups and cancellations add up', () => {
    const copies = [post('王芳'), post('王芳', '李四'), post('王芳', '李四', '张三'), post('王芳', '张三', '赵六')]
    const signedUp = new Set<string>()
    for (let i = 0; i < copies.length; i++) {
      const { added, removed } = diffJielong(copies[i - 1] ?? null, copies[i]!)
      added.forEach((n) => signedUp.add(n))
      removed.forEach((n) => signedUp.delete(n))
    }
    expect([...signedUp]).toEqual(['王芳', '张三', '赵六'])
    expect(names(copies.at(-1)!)).toEqual(['王芳', '张三', '赵六'])
  })
})

describe('jielongNamesActivity: which open activity a 接龙 is for', () => {
  it.each([
    ['社区志愿服务', '社区志愿服务', true],
    ['周六社区志愿服务（外滩）', '社区志愿服务', true],
    ['社区 志愿 服务🙋', '社区志愿服务', true],
    ['志愿服务', '周六社区志愿服务活动', true],
    ['Party Day', 'party day', true],
    ['周末聚餐', '社区志愿服务', false],
    ['六', '周六学习会', false], // one character names nothing
    ['', '学习会', false],
    ['学习会', '志愿服务', false],
  ])('%s → %s: %s', (jielong, activity, expected) => {
    expect(jielongNamesActivity(jielong, activity)).toBe(expected)
  })
})

describe('isJielong: the dispatcher asks it of every group message', () => {
  it.each([
    ['#接龙\n学习会\n\n1. 张三', true],
    ['周六学习会 #接龙\n1. 张三', true],
    ['大家接龙一下吧', false],
    ['报名 #3', false],
    ['#接龙', true], // a 接龙 just started, no names yet: read, and nothing changes
    [`#接龙\n学习会\n1. ${'长'.repeat(20_001)}`, false],
  ])('%j → %s', (text, expected) => {
    expect(isJielong(text)).toBe(expected)
  })
})
