import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { MessageInterface } from 'wechaty/impls'
import { ConversationLog, MESSAGES_IN_MEMORY } from '../src/chat/simulator/conversation-log.js'
import { createSimulatorServer, listen } from '../src/chat/simulator/http-server.js'
import { MOCKER_MESSAGES_KEPT } from '../src/chat/simulator/mocker-bounds.js'
import { Simulator } from '../src/chat/simulator/simulator.js'
import { WorldFile } from '../src/chat/simulator/world-file.js'
import { ManualClock } from '../src/clock.js'
import { silentLogger } from '../src/logger.js'

const NOW = new Date('2026-11-27T10:00:00+08:00')

describe('the simulator log holds the newest messages of the world in memory, the file all of them', () => {
  let dir: string
  beforeAll(() => void (dir = mkdtempSync(join(tmpdir(), 'zhibu-simlog-'))))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('GIVEN 12 messages in two chats and room for 5 THEN memory holds the newest 5, a reader is told of the rest, the file has all 12', () => {
    const file = new WorldFile(join(dir, 'a.json'))
    const log = new ConversationLog(file, 5)
    // seq 1..12: odd ones in the group, even ones in the private chat
    for (let n = 1; n <= 12; n++) log.append(n % 2 ? 'group' : 'chat', { from: 'c', text: `m${n}`, file: null }, NOW)
    expect(log.size).toBe(5)
    expect(log.after('group', 0).map((m) => m.text)).toEqual(['m9', 'm11'])
    expect(log.after('chat', 0).map((m) => m.text)).toEqual(['m8', 'm10', 'm12'])
    // The group's messages up to 7 are only in the file: asking from before 7 says so, from 7 on is whole.
    expect(log.forgotSome('group', 0)).toBe(true)
    expect(log.forgotSome('group', 6)).toBe(true)
    expect(log.forgotSome('group', 7)).toBe(false)
    expect(log.after('group', 7).map((m) => m.seq)).toEqual([9, 11])
    expect(log.forgotSome('chat', 6)).toBe(false)
    expect(log.forgotSome('nobody', 0)).toBe(false)
    expect(readFileSync(file.logFile!, 'utf8').trim().split('\n')).toHaveLength(12)

    // After a restart the newest 5 come back from the file and numbering goes on.
    const again = new ConversationLog(new WorldFile(join(dir, 'a.json')), 5)
    again.restore()
    expect(again.size).toBe(5)
    expect(again.after('chat', 0).map((m) => m.seq)).toEqual([8, 10, 12])
    expect(again.forgotSome('group', 0)).toBe(true)
    expect(again.append('group', { from: 'c', text: 'm13', file: null }, NOW).seq).toBe(13)
  })

  it('GIVEN many more messages than room THEN memory stays at the bound', () => {
    const log = new ConversationLog(new WorldFile(), 100)
    for (let n = 1; n <= 10_000; n++) log.append(`c${n % 7}`, { from: 'c', text: 'x', file: null }, NOW)
    expect(log.size).toBe(100)
    expect([0, 1, 2, 3, 4, 5, 6].reduce((sum, c) => sum + log.after(`c${c}`, 0).length, 0)).toBe(100)
  })
})

describe('the simulator world after more messages than it keeps', () => {
  let dir: string
  let sim: Simulator
  let url: string
  let server: ReturnType<typeof createSimulatorServer>
  const received: string[] = []
  // More than both bounds: the mocker's and the simulator log's.
  const COUNT = Math.max(MOCKER_MESSAGES_KEPT, MESSAGES_IN_MEMORY) + 300

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'zhibu-simmem-'))
    sim = new Simulator(new ManualClock(NOW), '支部助手', join(dir, 'simulator.json'))
    // Every message is loaded by Wechaty as it arrives; every 50th gets an answer, which the mocker stores too.
    sim.bot.on('message', async (message: MessageInterface) => {
      if (message.self()) return
      received.push(message.text())
      if (received.length % 50 === 0) await message.say(`收到 ${message.text()}`)
    })
    await sim.start()
    server = createSimulatorServer(sim, { isReady: () => true, logger: silentLogger })
    url = await listen(server, '127.0.0.1', 0)
  })
  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()))
    await sim.stop()
    rmSync(dir, { recursive: true, force: true })
  })

  it('GIVEN a busy group THEN the bot still reads every message, the mocker keeps only the newest, and the API answers recent and older asks', async () => {
    const a = sim.createContact('张三')
    const b = sim.createContact('李四')
    const group = sim.createGroup('第一党支部', [a.id, b.id])
    const quiet = sim.createGroup('第二党支部', [a.id])
    sim.sayInGroup(quiet.id, a.id, '早')
    for (let n = 1; n <= COUNT; n++) {
      sim.sayInGroup(group.id, n % 2 ? a.id : b.id, `第${n}条`)
      if (n % 100 === 0) await new Promise((resolve) => setImmediate(resolve))
    }
    await expect.poll(() => received.length, { timeout: 30_000 }).toBe(COUNT + 1)
    expect(received.at(-1)).toBe(`第${COUNT}条`)
    expect(new Set(received).size).toBe(COUNT + 1)
    const logged = () => readFileSync(sim.logFile!, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as { conversationId: string; from: string })
    await expect.poll(() => logged().filter((l) => l.from === 'bot').length).toBe(Math.floor((COUNT + 1) / 50))

    // The mocker: payloads, MessageMocks and files of the newest messages only (the answers count too).
    expect(sim.mocker.cacheMessagePayload.size).toBe(MOCKER_MESSAGES_KEPT)
    expect((Reflect.get(sim.mocker.MessageMock, 'pool') as Map<string, unknown>).size).toBe(MOCKER_MESSAGES_KEPT)

    // Recent: a poller asking after the last seq it saw gets exactly what came after, nothing marked missing.
    const all = sim.messages(group.id)
    const recent = await (await fetch(`${url}/api/groups/${group.id}/messages?after=${all.at(-3)!.seq}`)).json()
    expect(recent).toEqual({ messages: all.slice(-2) })
    // Older than memory: what is held, and where the rest is.
    const older = (await (await fetch(`${url}/api/groups/${group.id}/messages?after=0`)).json()) as { messages: Array<{ seq: number }>; truncated?: boolean; logFile?: string }
    expect(older.messages).toHaveLength(MESSAGES_IN_MEMORY)
    expect(older.truncated).toBe(true)
    expect(older.logFile).toBe(join(dir, 'simulator-messages.jsonl'))
    expect(older.messages.at(-1)?.seq).toBe(all.at(-1)!.seq)
    // The log file has every one of them.
    expect(logged().filter((l) => l.conversationId === group.id && l.from !== 'bot')).toHaveLength(COUNT)
    // A chat whose messages all left memory answers empty, marked so.
    expect(await (await fetch(`${url}/api/groups/${quiet.id}/messages?after=0`)).json()).toEqual({ messages: [], truncated: true, logFile: older.logFile })
  }, 60_000)
})
