import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { AccountsRepository } from '../src/outbox/accounts.repository.js'
import { OutboxRepository } from '../src/outbox/outbox.repository.js'
import { Bench, type Group, type Person } from './support/conversation.js'

/** 换号: with two bot accounts in one group, an officer picks the one that speaks there. */
describe('an officer moves a group to another bot account', () => {
  let bench: Bench
  let admin: Person
  let secretary: Person
  let member: Person
  let group: Group
  let accounts: AccountsRepository
  beforeEach(async () => {
    bench = await Bench.start()
    admin = bench.person('管理员')
    secretary = bench.person('王书记')
    member = bench.person('张三')
    group = await bench.branch('第一支部群', '第一党支部', admin, secretary, [member])
    accounts = new AccountsRepository(bench.db)
    const now = bench.clock.now()
    // Both accounts are in the group and alive; the first heard it first and speaks there.
    for (const [account, name] of [['wxid_bot1', '支部助手1'], ['wxid_bot2', '支部助手2']] as const) {
      await accounts.named(account, name, `${account}-proc`, now)
      await accounts.joinedGroup(account, group.roomId, now)
    }
  })
  afterEach(() => bench.close())

  it('GIVEN 换号 alone THEN the officer sees the accounts in the group, numbered, and which one speaks', async () => {
    expect(await group.ask(secretary, '换号')).toBe(
      ['本群里的机器人账号：', '1. 支部助手1（正在本群发言）', '2. 支部助手2', '发送「换号 编号」或「换号 账号名」改由该账号在本群发言。'].join('\n'),
    )
  })

  it('GIVEN 换号 2 THEN the group is the second account’s, its waiting messages too, and the move is audited', async () => {
    const queued = new OutboxRepository(bench.db)
    queued.actAs('wxid_bot1')
    const now = bench.clock.now()
    await queued.insert({ toKind: 'group', toId: group.roomId, text: '还没发出的提醒', mentionIds: [], notBefore: now, createdAt: now })
    expect(await group.ask(secretary, '换号 2')).toBe('好的，本群今后由 支部助手2 发言（原来是 支部助手1），提醒和回复都从这个账号发出。')
    expect(await accounts.ownerOf(group.roomId)).toBe('wxid_bot2')
    expect((await bench.db.outboxMessage.findFirstOrThrow({ where: { text: '还没发出的提醒' } })).account).toBe('wxid_bot2')
    const audit = await bench.db.auditLog.findFirstOrThrow({ where: { action: 'group.account-move' } })
    expect(audit.actorContactId).toBe(secretary.contactId)
    expect(JSON.parse(audit.detail)).toEqual({ roomId: group.roomId, from: 'wxid_bot1', to: 'wxid_bot2' })
    // By name, back again.
    expect(await group.ask(admin, '换号 支部助手1')).toContain('本群今后由 支部助手1 发言')
    expect(await accounts.ownerOf(group.roomId)).toBe('wxid_bot1')
  })

  it.each([
    ['an account not in the group', '换号 3', '本群没有「3」这个机器人账号'],
    ['the account already speaking', '换号 支部助手1', '本群已经由 支部助手1 发言'],
  ])('GIVEN %s THEN it is refused and nothing moves', async (_, text, words) => {
    expect(await group.ask(secretary, text)).toContain(words)
    expect(await accounts.ownerOf(group.roomId)).toBe('wxid_bot1')
    expect(await bench.db.auditLog.count({ where: { action: 'group.account-move' } })).toBe(0)
  })

  it('GIVEN the other account logged out THEN 换号 to it is refused', async () => {
    await accounts.loggedOut('wxid_bot2', bench.clock.now())
    expect(await group.ask(secretary, '换号 2')).toBe('支部助手2 现在离线，不能接管本群。请等它重新登录后再换。')
    expect(await accounts.ownerOf(group.roomId)).toBe('wxid_bot1')
  })

  it('GIVEN a member who is no officer THEN 换号 is refused', async () => {
    expect(await group.ask(member, '换号 2')).toContain('无权')
    expect(await accounts.ownerOf(group.roomId)).toBe('wxid_bot1')
  })
})
