import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { IncomingMessage } from '../src/chat/port.js'
import { createSimulatorServer, listen } from '../src/chat/simulator/http-server.js'
import { Simulator } from '../src/chat/simulator/simulator.js'
import { WechatyChat } from '../src/chat/wechaty-adapter.js'
import { ManualClock } from '../src/clock.js'
import { silentLogger } from '../src/logger.js'

/** 群昵称 set on the simulator page: two 张三 in one group become distinguishable, for people and for the bot. */
describe('a member sets a group nickname in the simulator', () => {
  const clock = new ManualClock(new Date('2026-11-27T10:00:00+08:00'))
  const sim = new Simulator(clock, '支部助手')
  const server = createSimulatorServer(sim, { isReady: () => true, logger: silentLogger })
  const incoming: IncomingMessage[] = []
  const wechatyErrors: unknown[] = []
  let url: string
  let room: string
  let zhangA: string, zhangB: string, li: string

  const call = (method: string, path: string, body?: unknown) =>
    fetch(url + path, { method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) }).then(async (r) => {
      const text = await r.text()
      return { status: r.status, json: text ? JSON.parse(text) : null }
    })
  /** A member says something in the group; resolves with what the bot's chat port saw. */
  const said = async (from: string, text: string): Promise<IncomingMessage> => {
    const before = incoming.length
    expect((await call('POST', `/api/groups/${room}/messages`, { from, text })).status).toBe(202)
    await expect.poll(() => incoming.length).toBe(before + 1)
    return incoming[before]!
  }

  beforeAll(async () => {
    new WechatyChat(sim.bot, { clock, logger: silentLogger, staleAfterMs: 180_000, duplicateWindowMs: 0, onMessage: async (m) => void incoming.push(m) }).attach()
    sim.bot.on('error', (error) => void wechatyErrors.push(error))
    url = await listen(server, '127.0.0.1', 0)
    await sim.start()
    zhangA = sim.createContact('张三').id
    zhangB = sim.createContact('张三').id
    li = sim.createContact('李四').id
    room = sim.createGroup('第一党支部', [zhangA, zhangB]).id
  })
  afterAll(async () => {
    server.close()
    await sim.stop()
  })

  it('GIVEN 张三 (the second) sets 群昵称 张三-财务 THEN the group lists it and the bot sees the new name', async () => {
    expect((await said(zhangB, '大家好')).sender.name).toBe('张三')
    expect(await call('PUT', `/api/groups/${room}/members/${zhangB}`, { alias: '张三-财务' })).toEqual({ status: 204, json: null })
    const group = (await call('GET', '/api/groups')).json.groups.find((g: { id: string }) => g.id === room)
    expect(group.aliases).toEqual({ [zhangB]: '张三-财务' })
    await expect.poll(async () => (await said(zhangB, '报名')).sender.name).toBe('张三-财务')
    expect((await said(zhangA, '报名')).sender.name).toBe('张三')
    expect(wechatyErrors).toEqual([])
  })

  it('GIVEN the nickname is @-mentioned THEN the bot resolves it to that member', async () => {
    const message = await said(zhangA, '代报名 @张三-财务 #3')
    expect(message.mentions).toEqual([{ name: '张三-财务', contactIds: [zhangB] }])
    // The directory travels with the message: a 接龙 line 张三-财务 is matched by it.
    expect(message.members).toContainEqual({ contactId: zhangB, name: '张三', alias: '张三-财务' })
  })

  it('GIVEN an empty nickname THEN it is cleared', async () => {
    expect((await call('PUT', `/api/groups/${room}/members/${zhangB}`, { alias: '' })).status).toBe(204)
    expect((await call('GET', '/api/groups')).json.groups.find((g: { id: string }) => g.id === room).aliases).toEqual({})
  })

  it('GIVEN someone not in the group, an unknown group or a nickname of 41 characters THEN 4xx', async () => {
    expect(await call('PUT', `/api/groups/${room}/members/${li}`, { alias: '小李' })).toMatchObject({ status: 404, json: { error: '这个人不在群里' } })
    expect((await call('PUT', `/api/groups/nope/members/${zhangA}`, { alias: '小张' })).status).toBe(404)
    expect((await call('PUT', `/api/groups/${room}/members/${zhangA}`, { alias: '张'.repeat(41) })).status).toBe(400)
    expect((await call('PUT', `/api/groups/${room}/members/${zhangA}`, {})).status).toBe(400)
  })
})
