import { describe, expect, it } from 'vitest'
import { matchMemberName } from './member-name.js'

const members = [
  { id: 3, name: '张三' },
  { id: 1, name: '李四' },
  { id: 7, name: '张三' },
  { id: 9, name: '王五2' },
  { id: 5, name: '赵六' },
]

describe('matchMemberName: a member named in a private chat', () => {
  it.each<[string, string]>([
    ['李四', 'one:1'],
    ['@李四', 'one:1'],
    ['＠李四', 'one:1'],
    ['张三', 'several:3,7'],
    ['张三1', 'one:3'],
    ['张三2', 'one:7'],
    ['张三3', 'none'],
    ['赵六1', 'none'], // numbering only picks among namesakes
    ['王五2', 'one:9'], // a name that ends in a digit is still found as typed
    ['王五', 'none'],
    ['钱七', 'none'],
    ['constructor', 'none'],
  ])('%s → %s', (typed, expected) => {
    const match = matchMemberName(members, typed)
    const shown = match.kind === 'one' ? `one:${match.member.id}` : match.kind === 'several' ? `several:${match.members.map((m) => m.id).join(',')}` : 'none'
    expect(shown).toBe(expected)
  })
})
