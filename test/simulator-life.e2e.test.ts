import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { LIVE_ADMIN_TOKEN, LiveBot } from './support/live-bot.js'

interface ApiMessage {
  seq: number
  from: string
  text: string
}

/**
 * The acceptance scenarios of organisational life and Party dues, played in the simulator with
 * SIM_CLOCK=manual, over its HTTP API as a tester would: a 党课 from reminder to closing, and the
 * monthly dues reminder that goes privately to the member who owes and to nobody else.
 */
describe('a month in a branch, in the simulator', () => {
  let live: LiveBot
  let room: string
  const ids: Record<string, string> = {}
  const api = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(live.url + path, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    const text = await response.text()
    return { status: response.status, json: text ? JSON.parse(text) : null }
  }
  const group = () => `/api/groups/${encodeURIComponent(room)}/messages`
  const dm = (name: string) => `/api/contacts/${encodeURIComponent(ids[name]!)}/messages`
  const botMessages = async (path: string): Promise<ApiMessage[]> => ((await api('GET', `${path}?after=0`)).json.messages as ApiMessage[]).filter((m) => m.from === 'bot')
  /** Waits until the bot has said more than `before` messages on `path`; returns the new ones. */
  const newBotMessages = async (path: string, before: number, count = 1): Promise<string[]> => {
    const deadline = Date.now() + 5000
    for (;;) {
      const said = await botMessages(path)
      if (said.length >= before + count) return said.slice(before).map((m) => m.text)
      if (Date.now() > deadline) throw new Error(`waited for ${count} on ${path}: ${JSON.stringify(said.slice(before))}`)
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
  }
  const say = async (name: string, text: string, replies = 1): Promise<string[]> => {
    const before = (await botMessages(group())).length
    expect((await api('POST', group(), { from: ids[name], text })).status).toBe(202)
    return newBotMessages(group(), before, replies)
  }
  const moveClock = async (now: string) => expect((await api('POST', '/api/clock', { now })).status).toBe(200)

  beforeAll(async () => {
    live = await LiveBot.start({ SIM_CLOCK: 'manual' })
    for (const name of ['王书记', '张三', '李四', '王五', '赵六']) ids[name] = (await api('POST', '/api/contacts', { name })).json.id
    room = (await api('POST', '/api/groups', { topic: '第一党支部', memberIds: Object.values(ids) })).json.id
    await api('POST', dm('王书记'), { text: `认证 ${LIVE_ADMIN_TOKEN}` })
    await newBotMessages(dm('王书记'), 0)
    await say('王书记', '绑定 第一党支部')
    for (const name of Object.keys(ids)) await say(name, `登记 ${name} 正式党员 在职`)
    await say('王书记', '任命 @王书记 书记')
    await say('王书记', '任命 @王书记 组织委员')
  })
  afterAll(() => live.stop())

  it('GIVEN a 党课 on 3 December THEN the reminder comes the day before, check-in opens at the start, and closing lists 应到/实到/请假/缺席', async () => {
    const [scheduled] = await say('王书记', '安排 党课 时间 12月3日 19:00 主题 学习党章')
    const id = Number(/#(\d+)/.exec(scheduled!)![1])

    let before = (await botMessages(group())).length
    await moveClock('2026-12-02T19:00:00+08:00')
    const [reminder] = await newBotMessages(group(), before)
    expect(reminder).toContain(`#${id}`)
    expect(reminder).toContain('@张三')

    before = (await botMessages(group())).length
    await moveClock('2026-12-03T19:00:00+08:00')
    const opened = await newBotMessages(group(), before, 2)
    expect(opened.join('\n')).toContain('签到开始')

    expect(await say('张三', '签到')).toEqual([expect.stringContaining('张三 签到成功')])
    expect(await say('李四', `签到 #${id}`)).toEqual([expect.stringContaining('李四 签到成功')])
    expect(await say('王五', '请假 出差')).toEqual([expect.stringContaining('王五 已请假')])
    await moveClock('2026-12-03T19:15:00+08:00')
    expect(await say('赵六', '签到')).toEqual([expect.stringContaining('赵六 签到成功（迟到）')])
    expect(await say('张三', '签到')).toEqual([expect.stringContaining('已经签到过')])

    const [closed] = await say('王书记', `结束签到 #${id}`)
    expect(closed).toContain('应到 5 人，实到 3 人（迟到 1 人），请假 1 人，缺席 1 人')
    expect(closed).toMatch(/实到：.*张三.*李四.*赵六（迟到）/)
    expect(closed).toContain('请假：王五')
    expect(closed).toContain('缺席：王书记')
    expect(await say('李四', '签到')).toEqual([expect.stringMatching(/签到已结束|没有正在签到/)])
  })

  it('GIVEN 核定党费 @张三 收入 5100 THEN on the 5th at 09:00 张三 alone gets 76.50 元 privately and the group never sees an amount', async () => {
    const groupBefore = (await botMessages(group())).length
    expect(await say('王书记', '核定党费 @张三 收入 5100')).toEqual([expect.not.stringContaining('76.50')])
    expect(await say('王书记', '核定党费 @李四 收入 5100')).toEqual([expect.not.stringContaining('5100')])
    await say('王书记', '收党费 @李四 76.50 12月')
    const zhangBefore = (await botMessages(dm('张三'))).length
    const liBefore = (await botMessages(dm('李四'))).length

    await moveClock('2026-12-05T09:00:00+08:00')
    const [reminder] = await newBotMessages(dm('张三'), zhangBefore)
    expect(reminder).toContain('76.50 元')
    await new Promise((resolve) => setTimeout(resolve, 300))
    expect((await botMessages(dm('李四'))).slice(liBefore).filter((m) => m.text.includes('党费收缴日'))).toEqual([])

    const inGroup = (await botMessages(group())).slice(groupBefore).map((m) => m.text)
    for (const text of inGroup) expect(text).not.toMatch(/\d+(\.\d+)?\s*元|5100/)

    const [mine] = await say('张三', '我的党费')
    expect(mine).not.toContain('76.50')
    const privately = await newBotMessages(dm('张三'), zhangBefore + 1)
    expect(privately.join()).toContain('76.50')
    expect(await say('李四', '党费情况')).toEqual([expect.stringContaining('无权')])
  })
})
