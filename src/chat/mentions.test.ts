import { describe, it, expect } from 'vitest'
import { scanMentions, type GroupMember, type MentionScan } from './mentions.js'

const BOT = 'bot'
const members: GroupMember[] = [
  { contactId: 'zs', name: '张三' },
  { contactId: 'zsf', name: '张三丰' },
  { contactId: 'ls', name: 'Lisi', alias: '李四' }, // 群昵称 differs from WeChat name
  { contactId: 'ww1', name: '王五' },
  { contactId: 'ww2', name: '王五' }, // same name, another person
  { contactId: 'zl', name: '赵六', alias: '赵六' }, // alias equal to name: still one person
  { contactId: BOT, name: '支部助手' },
]

const scan = (text: string): MentionScan => scanMentions(text, members, [BOT])

describe('scanMentions', () => {
  it.each<[string, string, MentionScan['mentions']]>([
    ['任命 @张三 组织委员', '任命 组织委员', [{ name: '张三', contactIds: ['zs'] }]],
    ['任命 @张三丰 组织委员', '任命 组织委员', [{ name: '张三丰', contactIds: ['zsf'] }]], // longest name wins
    ['@张三丰\u2005报名', '报名', [{ name: '张三丰', contactIds: ['zsf'] }]], // WeChat puts U+2005 after a mention
    ['代报名 @李四 #3', '代报名 #3', [{ name: '李四', contactIds: ['ls'] }]], // by 群昵称
    ['代报名 @Lisi #3', '代报名 #3', [{ name: 'Lisi', contactIds: ['ls'] }]], // by WeChat name
    ['代报名 @赵六 #3', '代报名 #3', [{ name: '赵六', contactIds: ['zl'] }]],
    ['代报名 @王五 #3', '代报名 #3', [{ name: '王五', contactIds: ['ww1', 'ww2'] }]], // ambiguous
    ['代报名 @陌生人 #3', '代报名 #3', [{ name: '陌生人', contactIds: [] }]], // unknown
    ['@张三 @李四', '', [{ name: '张三', contactIds: ['zs'] }, { name: '李四', contactIds: ['ls'] }]],
    ['@张三@李四 好', '好', [{ name: '张三', contactIds: ['zs'] }, { name: '李四', contactIds: ['ls'] }]],
    ['请 @张三 明天来', '请 明天来', [{ name: '张三', contactIds: ['zs'] }]], // in the middle
  ])('GIVEN %j THEN text %j and mentions %j', (text, expectedText, expectedMentions) => {
    expect(scan(text)).toEqual({ text: expectedText, mentions: expectedMentions })
  })

  it.each([
    ['@支部助手 帮助', '帮助'],
    ['@支部助手\u2005报名 #3', '报名 #3'],
    ['报名 #3 @支部助手', '报名 #3'],
  ])('GIVEN the bot mentioned in %j THEN it is removed from the text and not listed', (text, expectedText) => {
    expect(scan(text)).toEqual({ text: expectedText, mentions: [] })
  })

  it('GIVEN the bot and a member mentioned THEN only the member is listed', () => {
    expect(scan('@支部助手 代报名 @张三 #3')).toEqual({ text: '代报名 #3', mentions: [{ name: '张三', contactIds: ['zs'] }] })
  })

  it.each([
    ['报名 #3 带两瓶水'],
    [''],
    ['大家好'],
  ])('GIVEN %j without mentions THEN the text is unchanged and nothing is listed', (text) => {
    expect(scan(text)).toEqual({ text, mentions: [] })
  })

  it.each([
    ['@', '@'],
    ['报名 @ 带水', '报名 @ 带水'],
    ['报名 #3 @', '报名 #3 @'],
  ])('GIVEN a lone @ in %j THEN it is kept and nothing is listed', (text, expectedText) => {
    expect(scan(text)).toEqual({ text: expectedText, mentions: [] })
  })

  it('GIVEN no selfIds THEN the bot is an ordinary member', () => {
    expect(scanMentions('@支部助手 帮助', members)).toEqual({ text: '帮助', mentions: [{ name: '支部助手', contactIds: [BOT] }] })
  })

  it('GIVEN an empty directory THEN every mention is unknown, named up to the next space', () => {
    expect(scanMentions('任命 @张三 组织委员', [])).toEqual({ text: '任命 组织委员', mentions: [{ name: '张三', contactIds: [] }] })
  })
})
