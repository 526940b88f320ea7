import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { LIVE_ADMIN_TOKEN, LiveBot } from './support/live-bot.js'

interface ApiMessage {
  seq: number
  from: string
  text: string
  file: null | { name: string; url: string }
  at: string
}

/** The acceptance scenario of the Foundation issue, typed through the simulator's HTTP API. */
describe('the simulator JSON API', () => {
  let live: LiveBot
  const api = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(live.url + path, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    const text = await response.text()
    return { status: response.status, json: text ? JSON.parse(text) : null, text }
  }
  const botSays = async (path: string, after: number, count = 1): Promise<ApiMessage[]> => {
    const deadline = Date.now() + 5000
    for (;;) {
      const { json } = await api('GET', `${path}?after=${after}`)
      const fromBot = (json.messages as ApiMessage[]).filter((m) => m.from === 'bot')
      if (fromBot.length >= count) return fromBot
      if (Date.now() > deadline) throw new Error(`no reply on ${path}: ${JSON.stringify(json)}`)
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
  }
  /** Posts as `from` in the group and returns the texts the bot answered. */
  const say = async (groupId: string, from: string, text: string, replies = 1): Promise<string[]> => {
    const path = `/api/groups/${encodeURIComponent(groupId)}/messages`
    const { json } = await api('GET', `${path}?after=0`)
    const last = Math.max(0, ...(json.messages as ApiMessage[]).map((m) => m.seq))
    expect((await api('POST', path, { from, text })).status).toBe(202)
    return (await botSays(path, last, replies)).map((m) => m.text)
  }

  beforeAll(async () => {
    live = await LiveBot.start()
  })
  afterAll(() => live.stop())

  it('GIVEN the bot is logged in THEN health answers ok and the page is served', async () => {
    expect(await api('GET', '/api/health')).toMatchObject({ status: 200, json: { ok: true } })
    const page = await fetch(live.url + '/')
    expect(page.headers.get('content-type')).toContain('text/html')
    expect(await page.text()).toContain('支部助手')
  })

  it('GIVEN a branch set up over HTTP THEN sign-up, waitlist, cancellation and promotion behave as in a real group', async () => {
    const contact = async (name: string) => {
      const { status, json } = await api('POST', '/api/contacts', { name })
      expect(status).toBe(201)
      expect(json).toEqual({ id: expect.any(String), name })
      return json.id as string
    }
    const secretary = await contact('王书记')
    const members = [await contact('张三'), await contact('李四'), await contact('王五'), await contact('赵六')]
    const created = await api('POST', '/api/groups', { topic: '第一党支部', memberIds: [secretary, ...members.slice(0, 3)] })
    expect(created).toMatchObject({ status: 201, json: { id: expect.any(String), topic: '第一党支部' } })
    const groupId = created.json.id as string
    expect((await api('POST', `/api/groups/${encodeURIComponent(groupId)}/members`, { contactId: members[3] })).status).toBe(204)
    expect((await api('GET', '/api/groups')).json.groups).toContainEqual({ id: groupId, topic: '第一党支部', memberIds: [secretary, ...members], aliases: {}, accounts: [1] })

    const dm = `/api/contacts/${encodeURIComponent(secretary)}/messages`
    expect((await api('POST', dm, { text: `认证 ${LIVE_ADMIN_TOKEN}` })).status).toBe(202)
    expect((await botSays(dm, 0))[0]!.text).toContain('认证成功')

    expect(await say(groupId, secretary, '绑定 第一党支部')).toEqual([expect.stringContaining('本群已绑定到「第一党支部」')])
    expect(await say(groupId, secretary, '登记 王书记')).toEqual([expect.stringContaining('已登记')])
    for (const [i, name] of ['张三', '李四', '王五', '赵六'].entries()) {
      expect(await say(groupId, members[i]!, `登记 ${name} 正式党员`)).toEqual([expect.stringContaining(`${name} 已登记`)])
    }
    const [published] = await say(groupId, secretary, '发起活动 社区志愿服务 时间 下周六上午9点 地点 外滩社区 名额 2')
    const id = /#(\d+)/.exec(published!)![1]
    expect(published).toContain('地点：外滩社区')

    expect(await say(groupId, members[0]!, '报名')).toEqual([expect.stringContaining('报名成功')])
    expect(await say(groupId, members[1]!, `报名 #${id}`)).toEqual([expect.stringContaining('报名成功')])
    expect(await say(groupId, members[2]!, `报名 #${id}`)).toEqual([expect.stringContaining('候补')])
    expect(await say(groupId, members[0]!, `取消报名 #${id}`, 2)).toEqual([
      expect.stringContaining('已取消'),
      expect.stringMatching(/^@王五 候补转正，报名成功/),
    ])
    const [roster] = await say(groupId, members[3]!, `活动 #${id}`)
    expect(roster).toContain('已报名 2/2 人：李四、王五')
  })

  it('GIVEN a restart THEN contacts, groups and history are still there and the bound group still answers', async () => {
    const { json: before } = await api('GET', '/api/groups')
    const group = (before.groups as Array<{ id: string; topic: string; memberIds: string[]; aliases: Record<string, string> }>).find((g) => g.topic === '第一党支部')!
    const history = (await api('GET', `/api/groups/${encodeURIComponent(group.id)}/messages?after=0`)).json.messages as ApiMessage[]
    await live.restart()
    expect((await api('GET', '/api/health')).json).toEqual({ ok: true })
    expect((await api('GET', '/api/groups')).json.groups).toContainEqual(group)
    expect((await api('GET', `/api/groups/${encodeURIComponent(group.id)}/messages?after=0`)).json.messages).toEqual(history)
    expect(await say(group.id, group.memberIds[4]!, '活动')).toEqual([expect.stringContaining('社区志愿服务')])
  })

  it('GIVEN bad requests THEN clear Chinese errors with 4xx', async () => {
    expect(await api('POST', '/api/contacts', { name: '' })).toMatchObject({ status: 400, json: { error: expect.stringContaining('请求格式') } })
    expect(await api('POST', '/api/groups/nope@chatroom/messages', { from: 'x', text: '帮助' })).toMatchObject({ status: 404, json: { error: '群不存在' } })
    expect(await api('GET', '/api/contacts/nobody/messages?after=0')).toMatchObject({ status: 404, json: { error: '联系人不存在' } })
    expect((await api('GET', '/api/nothing')).status).toBe(404)
    expect((await api('GET', '/api/files/missing')).status).toBe(404)
  })
})
