import type { Server } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createSimulatorServer, listen } from '../src/chat/simulator/http-server.js'
import { Simulator } from '../src/chat/simulator/simulator.js'
import { ManualClock } from '../src/clock.js'
import { silentLogger } from '../src/logger.js'

/**
 * Two bot accounts in one simulated world, through the JSON API: one list of people and groups, a
 * group holding either account or both, each account hearing only the groups it is in and the
 * private messages written to it, and every bot message naming the account that sent it.
 */
describe('the simulator with two bot accounts', () => {
  const sim = new Simulator(new ManualClock(new Date('2026-12-04T09:00:00+08:00')), '支部助手', undefined, 2)
  let server: Server
  let url: string
  const heard: Array<{ account: number; messageId: string }> = []
  const call = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(url + path, { method, headers: { 'content-type': 'application/json' }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) })
    const text = await response.text()
    return { status: response.status, json: text ? JSON.parse(text) : null }
  }

  beforeAll(async () => {
    for (const account of sim.accounts) {
      await account.puppet.start()
      account.login()
      account.puppet.on('message', ({ messageId }) => void heard.push({ account: account.number, messageId }))
    }
    server = createSimulatorServer(sim, { isReady: () => true, logger: silentLogger })
    url = await listen(server, '127.0.0.1', 0)
  })
  afterAll(async () => {
    server.close()
    for (const account of sim.accounts) await account.puppet.stop()
  })

  it('GIVEN groups on account 1, account 2 and both THEN a message reaches exactly the accounts in its group, and each account lists only its groups', async () => {
    expect((await call('GET', '/api/accounts')).json.accounts).toEqual([
      { number: 1, id: sim.account(1).contact.id, name: '支部助手1' },
      { number: 2, id: sim.account(2).contact.id, name: '支部助手2' },
    ])
    const zhang = (await call('POST', '/api/contacts', { name: '张三' })).json.id as string
    const first = (await call('POST', '/api/groups', { topic: '第一党支部', memberIds: [zhang] })).json
    const third = (await call('POST', '/api/groups', { topic: '第三党支部', memberIds: [zhang], accounts: [2] })).json
    expect(first.accounts).toEqual([1])
    expect(third.accounts).toEqual([2])
    expect((await call('POST', `/api/groups/${first.id}/accounts`, { account: 2 })).status).toBe(204)
    expect((await call('GET', '/api/groups')).json.groups.map((g: { accounts: number[] }) => g.accounts)).toEqual([[1, 2], [2]])
    // The bots are not people: the contact list holds only 张三.
    expect((await call('GET', '/api/contacts')).json.contacts).toEqual([{ id: zhang, name: '张三' }])
    expect(await sim.account(1).puppet.roomList()).toEqual([first.id])
    expect((await sim.account(2).puppet.roomList()).sort()).toEqual([first.id, third.id].sort())

    const inBoth = (await call('POST', `/api/groups/${first.id}/messages`, { from: zhang, text: '帮助' })).json.id
    const inThird = (await call('POST', `/api/groups/${third.id}/messages`, { from: zhang, text: '帮助' })).json.id
    const toSecond = (await call('POST', `/api/contacts/${zhang}/messages`, { text: '帮助', account: 2 })).json.id
    await expect.poll(() => heard.length).toBe(4)
    expect(heard).toEqual([
      { account: 1, messageId: inBoth },
      { account: 2, messageId: inBoth },
      { account: 2, messageId: inThird },
      { account: 2, messageId: toSecond },
    ])
    expect((await call('GET', `/api/contacts/${zhang}/messages`)).json.messages).toMatchObject([{ from: zhang, text: '帮助', account: 2 }])
  })

  it('GIVEN each account says something THEN the log names the account that said it', async () => {
    const group = sim.createGroup('第二党支部', [], [1, 2])
    await sim.account(2).puppet.messageSendText(group.id, '我是二号')
    await sim.account(1).puppet.messageSendText(group.id, '我是一号')
    expect((await call('GET', `/api/groups/${group.id}/messages`)).json.messages).toMatchObject([
      { from: 'bot', text: '我是二号', account: 2, accountName: '支部助手2' },
      { from: 'bot', text: '我是一号', account: 1, accountName: '支部助手1' },
    ])
  })

  it('GIVEN an account removed from a group, or one that does not exist THEN the group changes or a clear error says why', async () => {
    const group = sim.createGroup('第四党支部', [], [1, 2])
    expect((await call('DELETE', `/api/groups/${group.id}/accounts/1`)).status).toBe(204)
    expect(sim.group(group.id).accounts).toEqual([2])
    expect(await call('DELETE', `/api/groups/${group.id}/accounts/1`)).toEqual({ status: 404, json: { error: '这个机器人账号不在群里' } })
    expect(await call('POST', `/api/groups/${group.id}/accounts`, { account: 3 })).toEqual({ status: 404, json: { error: '没有这个机器人账号' } })
    expect((await call('POST', '/api/groups', { topic: '第五党支部', accounts: [3] })).status).toBe(404)
  })
})
