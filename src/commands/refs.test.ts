import { describe, it, expect } from 'vitest'
import { normalizeText } from './grammar.js'
import { readLeadingRefs } from './refs.js'

describe('readLeadingRefs', () => {
  it.each([
    // what follows 报名 / 取消报名 / 活动
    ['1', [1], ''],
    ['#1', [1], ''],
    ['1 带两瓶水', [1], '带两瓶水'],
    ['#3 带两瓶水', [3], '带两瓶水'],
    ['#2 #4', [2, 4], ''],
    ['#2#4', [2, 4], ''],
    ['#2、#4', [2, 4], ''],
    ['#2，#4 带水', [2, 4], '带水'],
    ['2 4', [2, 4], ''],
    ['#2 #2', [2], ''],
    ['＃３', [3], ''],
    ['１２', [12], ''],
    // not references
    ['', [], ''],
    ['带两瓶水', [], '带两瓶水'],
    ['2人', [], '2人'],
    ['2瓶水', [], '2瓶水'],
    ['带 2 瓶水', [], '带 2 瓶水'],
    ['#', [], '#'],
    ['1.5', [], '1.5'],
    ['12345678901', [], '12345678901'],
  ])('GIVEN 报名 %j THEN refs %j and note %j', (rest, refs, note) => {
    expect(readLeadingRefs(normalizeText(rest))).toEqual({ refs, rest: note })
  })
})
