import { describe, expect, it } from 'vitest'
import { postedToGroup, withoutOrgName } from './org-scope.js'

describe('withoutOrgName: the prose of a notice sent privately, without the 组织 <名> that named its organisation', () => {
  it.each<[string, string]>([
    ['周五开会 组织 第一党支部', '周五开会'],
    ['周五开会\n请准时参加。\n组织 第一党支部', '周五开会\n请准时参加。'],
    ['周五开会 组织：第一党支部', '周五开会'],
    ['本周五组织生活会 组织 第一党支部', '本周五组织生活会'],
    ['本周五组织生活会', '本周五组织生活会'],
    ['请各组织委员报送 组织 第一党支部', '请各组织委员报送'],
  ])('%j → %j', (raw, expected) => {
    expect(withoutOrgName(raw)).toBe(expected)
  })
})

describe('postedToGroup: a post made privately', () => {
  const post = { roomId: 'room1', orgName: '第一党支部' }
  it('sends what the group would hear to the group and tells the asker the first line', () => {
    expect(postedToGroup([{ text: '📢 通知 #3：周五开会\n请回复「收到」确认。' }], post)).toEqual([
      { text: '📢 通知 #3：周五开会\n请回复「收到」确认。', toRoom: 'room1' },
      { text: '已发到「第一党支部」群：📢 通知 #3：周五开会' },
    ])
  })
  it('keeps private replies private', () => {
    expect(postedToGroup([{ text: '已发起活动 #2「植树」' }, { text: '名单', privateTo: 'wx_li' }], post)).toEqual([
      { text: '已发起活动 #2「植树」', toRoom: 'room1' },
      { text: '名单', privateTo: 'wx_li' },
      { text: '已发到「第一党支部」群：已发起活动 #2「植树」' },
    ])
  })
})
