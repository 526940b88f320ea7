import { types } from 'wechaty'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { LIVE_ADMIN_TOKEN, LiveBot, settle } from './support/live-bot.js'

/** Redeliveries, through Wechaty on puppet-mock: recognised after a restart, and never mistaken for real repeats. */
describe('redelivered messages', () => {
  let live: LiveBot
  let roomId: string
  let zhang: string
  let activityId: number

  beforeAll(async () => {
    live = await LiveBot.start()
    const { sim } = live
    const admin = sim.createContact('管理员').id
    zhang = sim.createContact('张三').id
    roomId = sim.createGroup('第一党支部群', [admin, zhang]).id
    expect(await live.askPrivately(admin, `认证 ${LIVE_ADMIN_TOKEN}`)).toContain('认证成功')
    expect(await live.ask(roomId, admin, '绑定 第一党支部')).toContain('本群已绑定')
    expect(await live.ask(roomId, zhang, '登记 张三')).toContain('已登记')
    activityId = Number(/#(\d+)/.exec(await live.ask(roomId, admin, '发起活动 学习会 时间 下周六上午9点'))![1])
  })
  afterAll(() => live.stop())

  /** WeChat delivers message `id` from `talkerId` in the group, stamped `at`. */
  function deliver(id: string, talkerId: string, text: string, at: Date): void {
    live.sim.mocker.MessageMock.create({ id, talkerId, roomId, mentionIdList: [], text, timestamp: at.getTime(), type: types.Message.Text })
    live.sim.puppet.emit('message', { messageId: id })
  }
  const studyLogs = () => live.zhibu.db.studyLog.count()

  it('GIVEN a 学习打卡 was taken WHEN the bot restarts and WeChat delivers the same message again THEN it is counted once', async () => {
    live.clock.advance(10_000)
    const sentAt = live.clock.now()
    const before = live.botMessages(roomId).length
    deliver('study-1', zhang, '学习打卡 学习党章 1小时', sentAt)
    await live.waitForBot(roomId, before + 1)
    expect(await studyLogs()).toBe(1)

    await live.restart()
    live.clock.advance(60_000) // well inside the 180 s backlog window
    deliver('study-1', zhang, '学习打卡 学习党章 1小时', sentAt)
    await settle(500)
    expect(await studyLogs()).toBe(1)
    expect(live.botMessages(roomId)).toHaveLength(before + 1)
  })

  it('GIVEN 报名, 取消报名, 报名 within 2 s THEN all three are acted on and the member ends signed up', async () => {
    live.clock.advance(10_000)
    const replies: string[] = []
    for (const text of [`报名 #${activityId}`, `取消报名 #${activityId}`, `报名 #${activityId}`]) {
      replies.push(await live.ask(roomId, zhang, text))
      live.clock.advance(600)
    }
    expect(replies[0]).toContain('张三 报名成功')
    expect(replies[1]).toContain('取消')
    expect(replies[2]).toContain('张三 报名成功')
    expect(await live.zhibu.db.signUp.count({ where: { activityId, status: 'confirmed' } })).toBe(1)
  })

  it('GIVEN the same 报名 again with a new id 1 s later and nothing in between THEN it is one message (a redelivery)', async () => {
    live.clock.advance(1000)
    const before = live.botMessages(roomId).length
    deliver('resent-1', zhang, `报名 #${activityId}`, live.clock.now())
    await settle(500)
    expect(live.botMessages(roomId)).toHaveLength(before)
  })
})
