import { FileBox } from 'file-box'
import { types } from 'wechaty'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { LIVE_ADMIN_TOKEN, LiveBot, settle } from './support/live-bot.js'

/** Wechaty's known traps (own messages, redelivery, backlog, identity, mentions), each proven through real Wechaty on puppet-mock. */
describe('the bot in a WeChat group, through Wechaty and puppet-mock', () => {
  let live: LiveBot
  let roomId: string
  let admin: string, zhang: string, li: string, li2: string

  beforeAll(async () => {
    live = await LiveBot.start()
    const { sim } = live
    admin = sim.createContact('管理员').id
    zhang = sim.createContact('张三').id
    li = sim.createContact('李四').id
    li2 = sim.createContact('李四').id
    roomId = sim.createGroup('第一党支部群', [admin, zhang, li, li2]).id
    sim.setAlias(roomId, li2, '小李')
    expect(await live.askPrivately(admin, `认证 ${LIVE_ADMIN_TOKEN}`)).toContain('认证成功')
    expect(await live.ask(roomId, admin, '绑定 第一党支部')).toContain('本群已绑定')
    expect(await live.ask(roomId, admin, '登记 管理员')).toContain('已登记')
    expect(await live.ask(roomId, zhang, '登记 张三')).toContain('已登记')
  })
  afterAll(() => live.stop())

  it('GIVEN the bot says a command itself THEN it does not answer its own message', async () => {
    const before = live.botMessages(roomId).length
    await live.zhibu.bot.Room.find({ id: roomId }).then((room) => room!.say('帮助'))
    await settle()
    expect(live.botMessages(roomId)).toHaveLength(before + 1)
    expect(live.botMessages(roomId).at(-1)!.text).toBe('帮助')
  })

  it('GIVEN the same message delivered twice THEN the bot acts once', async () => {
    const before = live.botMessages(roomId).length
    const id = live.sim.sayInGroup(roomId, zhang, '成员')
    await live.waitForBot(roomId, before + 1)
    live.sim.puppet.emit('message', { messageId: id })
    await settle()
    expect(live.botMessages(roomId)).toHaveLength(before + 1)
  })

  it('GIVEN a message stamped ten minutes ago (a backlog at start-up) THEN it is ignored', async () => {
    const before = live.botMessages(roomId).length
    const id = 'old-message-1'
    live.sim.mocker.MessageMock.create({
      id,
      talkerId: zhang,
      roomId,
      mentionIdList: [],
      text: '帮助',
      timestamp: live.clock.now().getTime() - 10 * 60_000,
      type: types.Message.Text,
    })
    live.sim.puppet.emit('message', { messageId: id })
    await settle()
    expect(live.botMessages(roomId)).toHaveLength(before)
  })

  it('GIVEN a mention by group nickname THEN it resolves to that member, and an ambiguous name is refused', async () => {
    expect(await live.ask(roomId, li2, '登记 李小二')).toContain('已登记')
    expect(await live.ask(roomId, admin, '任命 @小李 组织委员')).toContain('已任命 李小二 为「第一党支部」组织委员')
    expect(await live.ask(roomId, admin, '任命 @李四 宣传委员')).toContain('不止一位「李四」')
  })

  it('GIVEN @bot before a command THEN the mention is stripped and the command runs', async () => {
    expect(await live.ask(roomId, zhang, '@支部助手 帮助')).toContain('你可以使用的命令')
  })

  it('GIVEN a reply that mentions a member THEN Wechaty puts the @name in the text', async () => {
    await live.ask(roomId, admin, '发起活动 学习会 时间 明天下午3点 名额 1')
    expect(await live.ask(roomId, zhang, '报名')).toContain('张三 报名成功')
    expect(await live.ask(roomId, admin, '报名')).toContain('候补')
    const before = live.botMessages(roomId).length
    live.sim.sayInGroup(roomId, zhang, '取消报名')
    const replies = await live.waitForBot(roomId, before + 2)
    expect(replies[before + 1]!.text).toMatch(/^@管理员 候补转正，报名成功/)
  })

  it('GIVEN the bot sends a file privately THEN the simulator logs it and serves its bytes', async () => {
    const contact = await live.zhibu.bot.Contact.find({ id: zhang })
    await contact!.say(FileBox.fromBase64(Buffer.from('考勤导出').toString('base64'), '考勤.xlsx'))
    const [message] = await live.waitForBot(zhang, 1)
    expect(message!.file).toEqual({ name: '考勤.xlsx', url: expect.stringMatching(/^\/api\/files\//) })
    const response = await fetch(live.url + message!.file!.url)
    expect(response.status).toBe(200)
    expect(await response.text()).toBe('考勤导出')
  })

  it('GIVEN ordinary chat in the group THEN the bot stays silent', async () => {
    const before = live.botMessages(roomId).length
    live.sim.sayInGroup(roomId, zhang, '大家好，今天天气不错')
    live.sim.sayInGroup(roomId, zhang, '报名了吗')
    await settle()
    expect(live.botMessages(roomId)).toHaveLength(before)
  })

  it('GIVEN the super-admin sends 通知 privately with 组织 THEN the notice reaches the group and the number comes back privately', async () => {
    const before = live.botMessages(roomId).length
    const answer = await live.askPrivately(admin, '通知 周五下午开支部大会 组织 第一党支部')
    const [posted] = (await live.waitForBot(roomId, before + 1)).slice(before)
    expect(posted!.text).toMatch(/^📢 通知 #\d+：周五下午开支部大会/)
    expect(answer).toBe(`已发到「第一党支部」群：${posted!.text.split('\n')[0]}`)
  })

  it('GIVEN a 接龙 line with a member’s 群昵称 THEN Wechaty’s member directory signs that member up', async () => {
    // li2 is 小李 in this group (set before anything was read) and registers as 李小二.
    await live.ask(roomId, li2, '登记 李小二 正式党员 在职')
    await live.ask(roomId, admin, '发起活动 植树 时间 明天下午4点')
    const reply = await live.ask(roomId, admin, ['#接龙', '植树', '', '1. 小李'].join('\n'))
    expect(reply).toContain('李小二 报名成功')
  })
})
