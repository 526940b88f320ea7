import { types } from 'wechaty'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { LIVE_ADMIN_TOKEN, LiveBot, settle } from './support/live-bot.js'

/** The transport's traps: replays with a new id, and a lost WeChat session. */
describe('the transport, through Wechaty and puppet-mock', () => {
  let live: LiveBot
  let roomId: string
  let admin: string, admin2: string, zhang: string, li: string
  let activityId: number

  beforeAll(async () => {
    live = await LiveBot.start()
    const { sim } = live
    admin = sim.createContact('管理员').id
    admin2 = sim.createContact('值班管理员').id
    zhang = sim.createContact('张三').id
    li = sim.createContact('李四').id
    roomId = sim.createGroup('第一党支部群', [admin, admin2, zhang, li]).id
    expect(await live.askPrivately(admin, `认证 ${LIVE_ADMIN_TOKEN}`)).toContain('认证成功')
    expect(await live.askPrivately(admin2, `认证 ${LIVE_ADMIN_TOKEN}`)).toContain('认证成功')
    expect(await live.ask(roomId, admin, '绑定 第一党支部')).toContain('本群已绑定')
    expect(await live.ask(roomId, zhang, '登记 张三')).toContain('已登记')
    expect(await live.ask(roomId, li, '登记 李四')).toContain('已登记')
    const published = await live.ask(roomId, admin, '发起活动 学习会 时间 下周六上午9点')
    activityId = Number(/已发起活动 #(\d+)/.exec(published)![1])
  })
  afterAll(() => live.stop())

  /** Delivers `text` from `talkerId` in the group as a new message with its own id, stamped `at`. */
  function deliver(id: string, talkerId: string, text: string, at: Date): void {
    live.sim.mocker.MessageMock.create({ id, talkerId, roomId, mentionIdList: [], text, timestamp: at.getTime(), type: types.Message.Text })
    live.sim.puppet.emit('message', { messageId: id })
  }

  const signUps = (contactId: string) => live.zhibu.db.signUp.count({ where: { activityId, member: { contactId } } })

  it('GIVEN the same text from the same person again with a different id 2 s later THEN it has one effect and one reply', async () => {
    const before = live.botMessages(roomId).length
    live.sim.sayInGroup(roomId, zhang, `报名 #${activityId}`)
    const [reply] = (await live.waitForBot(roomId, before + 1)).slice(before)
    expect(reply!.text).toContain('张三 报名成功')

    live.clock.advance(2000)
    deliver('replayed-1', zhang, `报名 #${activityId}`, live.clock.now())
    await settle()
    expect(live.botMessages(roomId)).toHaveLength(before + 1)
    expect(live.botMessages(roomId).at(-1)!.text).not.toContain('已经报名')
    expect(await signUps(zhang)).toBe(1)
    const replies = await live.zhibu.db.outboxMessage.findMany({ where: { toId: roomId, text: { contains: '报名' } }, select: { text: true } })
    expect(replies.filter((r) => r.text.includes('张三'))).toEqual([{ text: reply!.text }])
  })

  it('GIVEN the same text from the same person 10 s later THEN it is acted on again', async () => {
    live.clock.advance(10_000)
    const before = live.botMessages(roomId).length
    deliver('later-1', zhang, `报名 #${activityId}`, live.clock.now())
    const [reply] = (await live.waitForBot(roomId, before + 1)).slice(before)
    expect(reply!.text).toBe(`张三 已经报名 #${activityId}，无需重复报名。`)
    expect(await signUps(zhang)).toBe(1)
  })

  it('GIVEN the same text at the same moment from someone else THEN both are acted on', async () => {
    live.clock.advance(10_000)
    const before = live.botMessages(roomId).length
    const at = live.clock.now()
    deliver('li-1', li, `报名 #${activityId}`, at)
    await live.waitForBot(roomId, before + 1)
    deliver('zhang-2', zhang, `报名 #${activityId}`, at)
    const replies = (await live.waitForBot(roomId, before + 2)).slice(before).map((m) => m.text)
    expect(replies).toEqual([expect.stringContaining('李四 报名成功'), `张三 已经报名 #${activityId}，无需重复报名。`])
    expect(await signUps(li)).toBe(1)
  })

  it('GIVEN the bot is logged out and logs in again THEN each super-admin gets one private message saying it was 掉线 and 重新登录', async () => {
    const before = { [admin]: live.botMessages(admin).length, [admin2]: live.botMessages(admin2).length }
    const group = live.botMessages(roomId).length
    const loggedOut = new Promise<void>((resolve) => live.zhibu.bot.once('logout', () => resolve()))
    await live.sim.puppet.logout('test: session lost')
    await loggedOut
    live.clock.advance(30 * 60_000)

    const loggedIn = new Promise<void>((resolve) => live.zhibu.bot.once('login', () => resolve()))
    live.sim.mocker.login(live.sim.mocker.ContactMock.load(live.sim.botContact.id))
    await loggedIn
    for (const id of [admin, admin2]) {
      const messages = (await live.waitForBot(id, before[id]! + 1)).slice(before[id])
      expect(messages).toHaveLength(1)
      expect(messages[0]!.text).toContain('掉线')
      expect(messages[0]!.text).toContain('重新登录')
      expect(messages[0]!.text).toMatch(/于 .*10:00 掉线，已于 .*10:30 重新登录/)
    }
    await settle()
    for (const id of [admin, admin2]) expect(live.botMessages(id)).toHaveLength(before[id]! + 1)
    expect(live.botMessages(zhang)).toHaveLength(0)
    expect(live.botMessages(roomId)).toHaveLength(group)

    // And the bot answers again.
    expect(await live.ask(roomId, li, '活动')).toContain('学习会')
  })
})
