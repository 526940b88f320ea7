import { describe, expect, it } from 'vitest'
import { matchMemberName, matchNameOrNickname } from './member-name.js'

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

describe('matchNameOrNickname: a 接龙 line names a member by registered name or by 群昵称', () => {
  const registered = [
    { id: 1, contactId: 'wx_li', name: '李建国' },
    { id: 2, contactId: 'wx_zhang', name: '张三' },
    { id: 3, contactId: 'wx_wang1', name: '王芳' },
    { id: 4, contactId: 'wx_wang2', name: '王芳' },
    { id: 5, contactId: 'wx_zhao', name: '赵六' },
  ]
  const directory = [
    { contactId: 'wx_li', name: 'Jianguo', alias: '老李' },
    { contactId: 'wx_zhang', name: '张三', alias: '李建国' }, // a nickname that is someone else's registered name
    { contactId: 'wx_zhao', name: '六六', alias: '小赵' },
    { contactId: 'wx_sun', name: '孙七', alias: '老孙' }, // in the group, not registered
    { contactId: 'wx_wang1', name: '芳', alias: '王老师' },
    { contactId: 'wx_wang2', name: '芳芳', alias: '王老师' },
  ]
  it.each<[string, number | null]>([
    ['李建国', 1], // the registered name wins over a nickname
    ['老李', 1],
    ['@老李', 1],
    ['Jianguo', 1], // the WeChat name shown in the group
    ['小赵', 5],
    ['六六', 5],
    ['老孙', null], // in the group but not registered
    ['王老师', null], // a nickname two members share
    ['王芳', null], // a registered name two members share
    ['王芳2', 4],
    ['陌生人', null],
    ['', null],
  ])('%s → %s', (typed, expected) => {
    expect(matchNameOrNickname(registered, directory, typed)?.id ?? null).toBe(expected)
  })

  it('without a directory only registered names match', () => {
    expect(matchNameOrNickname(registered, [], '老李')).toBeNull()
    expect(matchNameOrNickname(registered, [], '张三')?.id).toBe(2)
  })
})
