import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { types } from 'wechaty'
import type { MessageInterface } from 'wechaty/impls'
import type { IncomingMessage } from '../src/chat/port.js'
import { createSimulatorServer, listen } from '../src/chat/simulator/http-server.js'
import { maskSecrets, Simulator } from '../src/chat/simulator/simulator.js'
import { WechatyChat } from '../src/chat/wechaty-adapter.js'
import { ManualClock } from '../src/clock.js'
import { silentLogger } from '../src/logger.js'

const NOW = new Date('2026-11-27T10:00:00+08:00')

describe('maskSecrets: what the simulator log keeps of a message', () => {
  it.each([
    ['认证 3b37414e5177abcd', '认证 ******'],
    ['/认证 3b37414e5177abcd', '/认证 ******'],
    ['认证\u30003b37414e5177abcd', '认证 ******'],
    ['@支部助手 认证  tok-en_42 ', '@支部助手 认证 ****** '],
    ['认证 a\n认证 b', '认证 ******\n认证 ******'],
    ['认证成功了吗', '认证成功了吗'],
    ['报名 #3 带两瓶水', '报名 #3 带两瓶水'],
  ])('%j → %j', (typed, kept) => {
    expect(maskSecrets(typed)).toBe(kept)
  })
})

describe('the simulator files on disk', () => {
  let dir: string
  let statePath: string
  let sim: Simulator
  const received: string[] = []

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'zhibu-simfiles-'))
    statePath = join(dir, 'simulator.json')
    sim = new Simulator(new ManualClock(NOW), '支部助手', statePath)
    sim.bot.on('message', (message: MessageInterface) => void received.push(message.text()))
    await sim.start()
  })
  afterAll(async () => {
    await sim.stop()
    rmSync(dir, { recursive: true, force: true })
  })

  it('GIVEN a contact types 认证 <token> privately THEN the bot gets the token, the log on disk and the API keep 认证 ******', async () => {
    const wang = sim.createContact('王书记')
    sim.sayPrivately(wang.id, '认证 live-admin-token-42')
    await expect.poll(() => received).toContain('认证 live-admin-token-42')
    expect(sim.messages(wang.id).map((m) => m.text)).toEqual(['认证 ******'])
    const log = readFileSync(join(dir, 'simulator-messages.jsonl'), 'utf8')
    expect(log).toContain('认证 ******')
    expect(log).not.toContain('live-admin-token-42')
  })

  it('GIVEN the world and the log are written THEN only their owner can read them (0600)', () => {
    sim.createGroup('第一党支部', sim.contacts().map((c) => c.id))
    expect(statSync(statePath).mode & 0o777).toBe(0o600)
    expect(statSync(join(dir, 'simulator-messages.jsonl')).mode & 0o777).toBe(0o600)
  })

  it('GIVEN files left world-readable by an older version, with a token in the log THEN a restart makes them 0600 and shows the token masked', () => {
    const old = join(dir, 'old')
    const oldState = `${old}.json`
    writeFileSync(oldState, JSON.stringify({ bot: { id: 'bot-1', name: '支部助手' }, contacts: [{ id: 'c-1', name: '张三' }], groups: [] }), { mode: 0o644 })
    const line = { conversationId: 'c-1', seq: 1, from: 'c-1', text: '认证 old-token-123456', file: null, at: NOW.toISOString() }
    writeFileSync(`${old}-messages.jsonl`, `${JSON.stringify(line)}\n`, { mode: 0o644 })
    const restored = new Simulator(new ManualClock(NOW), '支部助手', oldState)
    expect(statSync(oldState).mode & 0o777).toBe(0o600)
    expect(statSync(`${old}-messages.jsonl`).mode & 0o777).toBe(0o600)
    expect(restored.messages('c-1').map((m) => m.text)).toEqual(['认证 ******'])
  })
})

describe('a contact sends the bot a file, as from WeChat', () => {
  const clock = new ManualClock(NOW)
  const sim = new Simulator(clock, '支部助手')
  const server = createSimulatorServer(sim, { isReady: () => true, logger: silentLogger })
  let url: string
  const seen: Array<{ type: types.Message; name: string; bytes: Buffer; room: boolean }> = []
  const incoming: IncomingMessage[] = []
  const roster = Buffer.from('姓名,性别,出生年月\n张三,男,1980-05\n', 'utf8')

  beforeAll(async () => {
    sim.bot.on('message', async (message: MessageInterface) => {
      if (message.type() === types.Message.Text) return
      const box = await message.toFileBox()
      seen.push({ type: message.type(), name: box.name, bytes: await box.toBuffer(), room: Boolean(message.room()) })
    })
    const chat = new WechatyChat(sim.bot, { clock, logger: silentLogger, staleAfterMs: 180_000, duplicateWindowMs: 5000, onMessage: async (m) => void incoming.push(m) })
    chat.attach()
    url = await listen(server, '127.0.0.1', 0)
    await sim.start()
  })
  afterAll(async () => {
    server.close()
    await sim.stop()
  })

  const post = (path: string, body: unknown) =>
    fetch(url + path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }).then(async (r) => ({ status: r.status, json: await r.json() }))

  it('GIVEN POST {"file":{name,base64}} privately THEN 202, Wechaty gets an attachment with those bytes, and the chat port sees the file', async () => {
    const wang = sim.createContact('王书记')
    const answer = await post(`/api/contacts/${wang.id}/messages`, { file: { name: '名册.xlsx', base64: roster.toString('base64') } })
    expect(answer).toEqual({ status: 202, json: { id: expect.any(String) } })
    await expect.poll(() => seen.length).toBe(1)
    expect(seen[0]).toEqual({ type: types.Message.Attachment, name: '名册.xlsx', bytes: roster, room: false })
    await expect.poll(() => incoming.length).toBe(1)
    expect(incoming[0]).toMatchObject({ conversation: { kind: 'private', contactId: wang.id }, text: '', file: { name: '名册.xlsx', base64: roster.toString('base64') } })
  })

  it('GIVEN the file in the chat log THEN the page can download what was sent', async () => {
    const wang = sim.contacts().find((c) => c.name === '王书记')!
    const [sent] = sim.messages(wang.id)
    expect(sent).toMatchObject({ from: wang.id, text: '', file: { name: '名册.xlsx', url: expect.stringMatching(/^\/api\/files\//) } })
    const download = await fetch(url + sent!.file!.url)
    expect(download.headers.get('content-disposition')).toContain(encodeURIComponent('名册.xlsx'))
    expect(Buffer.from(await download.arrayBuffer())).toEqual(roster)
  })

  it('GIVEN the same sheet sent twice within seconds, and a second sheet THEN the port sees each distinct file once', async () => {
    const li = sim.createContact('李四')
    const path = `/api/contacts/${li.id}/messages`
    await post(path, { file: { name: '名册.xlsx', base64: roster.toString('base64') } })
    await post(path, { file: { name: '名册.xlsx', base64: roster.toString('base64') } })
    await post(path, { file: { name: '名册2.csv', base64: Buffer.from('姓名\n李四\n').toString('base64') } })
    await expect.poll(() => incoming.filter((m) => m.sender.contactId === li.id).map((m) => m.file!.name)).toEqual(['名册.xlsx', '名册2.csv'])
  })

  it('GIVEN a group member sends a file THEN it arrives as a group attachment', async () => {
    const zhang = sim.createContact('张三')
    const group = sim.createGroup('第一党支部', [zhang.id])
    expect((await post(`/api/groups/${group.id}/messages`, { from: zhang.id, file: { name: '照片说明.txt', base64: 'aGVsbG8=' } })).status).toBe(202)
    await expect.poll(() => incoming.some((m) => m.conversation.kind === 'group' && m.file?.name === '照片说明.txt')).toBe(true)
  })

  it('GIVEN bad file bodies THEN 400 and nothing reaches the bot', async () => {
    const wang = sim.contacts().find((c) => c.name === '王书记')!
    const path = `/api/contacts/${wang.id}/messages`
    const before = seen.length
    for (const body of [
      { file: { name: '名册.xlsx', base64: '***' } },
      { file: { name: '../名册.xlsx', base64: 'aGVsbG8=' } },
      { file: { name: '', base64: 'aGVsbG8=' } },
      { text: '你好', file: { name: 'a.txt', base64: 'aGVsbG8=' } },
      {},
    ]) {
      expect((await post(path, body)).status, JSON.stringify(body)).toBe(400)
    }
    expect(seen.length).toBe(before)
  })
})
