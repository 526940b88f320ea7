import { describe, expect, it } from 'vitest'
import { lastOrgPair, namedOrg, postedToGroup, withoutOrgName } from './org-scope.js'

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

describe('lastOrgPair: only the last 组织 <名> of a private command is a candidate', () => {
  it.each<[string, readonly string[], { name: string; rest: string } | null]>([
    ['周五开会', [], null],
    ['明天组织生活会 请准时', [], null],
    ['周五开会 组织 第一党支部', [], { name: '第一党支部', rest: '周五开会' }],
    ['周五开会 组织:第一党支部', [], { name: '第一党支部', rest: '周五开会' }],
    ['请各 组织 委员 周五前交材料', [], { name: '委员 周五前交材料', rest: '请各' }],
    ['请各 组织 委员 交材料 组织 第一党支部', [], { name: '第一党支部', rest: '请各 组织 委员 交材料' }],
    ['第二党支部 组织 外滩街道党委 到 第一党支部', ['到'], { name: '外滩街道党委', rest: '第二党支部 到 第一党支部' }],
    ['周五开会 组织', [], { name: '', rest: '周五开会' }],
  ])('%j (keywords %j) → %j', (rest, keywords, expected) => {
    expect(lastOrgPair(rest, keywords)).toEqual(expected)
  })
})

describe('namedOrg: the pair names the organisation only when it is one, for a notice; other commands keep the name (unknown ones are refused later)', () => {
  const orgs = { findOrgByName: async (name: string) => (['第一党支部', '第二党支部'].includes(name) ? { id: 1, name } : null) } as unknown as Parameters<typeof namedOrg>[0]
  it.each<[{ name: string; rest: string } | null, boolean, string | undefined]>([
    [null, true, undefined],
    [{ name: '第一党支部', rest: '周五开会' }, true, '第一党支部'],
    [{ name: '委员 周五前交材料', rest: '请各' }, true, undefined],
    [{ name: '不存在的支部', rest: '周五开会' }, true, undefined],
    [{ name: '', rest: '周五开会' }, true, undefined],
    [{ name: '不存在的支部', rest: '' }, false, '不存在的支部'],
    [{ name: '第二党支部', rest: '10月' }, false, '第二党支部'],
  ])('%j (prose %j) → %j', async (pair, prose, expected) => {
    expect(await namedOrg(orgs, pair, prose)).toBe(expected)
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
