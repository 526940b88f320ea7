import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { MessageInterface } from 'wechaty/impls'
import { maskSecrets, Simulator } from '../src/chat/simulator/simulator.js'
import { ManualClock } from '../src/clock.js'

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
