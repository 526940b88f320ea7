import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Writable } from 'node:stream'
import { pino } from 'pino'
import { ManualClock } from '../../src/clock.js'
import { loadConfig } from '../../src/config.js'
import { startZhibu, type Zhibu } from '../../src/zhibu.js'
import { FRIDAY_10AM } from './conversation.js'
import { createTestDatabase, type TestDatabase } from './database.js'
import { Faults } from './faulty-adapter.js'

export const FAULT_ADMIN_TOKEN = 'fault-admin-token-77'

/** Log lines as parsed JSON, to count what a fault wrote. */
export class LogLines {
  readonly lines: Array<{ level: number; msg: string; [key: string]: unknown }> = []
  readonly stream = new Writable({
    write: (chunk, _encoding, done) => {
      for (const line of String(chunk).split('\n').filter(Boolean)) this.lines.push(JSON.parse(line))
      done()
    },
  })
  errors(): string[] {
    return this.lines.filter((l) => l.level >= 50).map((l) => l.msg)
  }
}

/**
 * The whole bot in this process (Wechaty on the simulator's puppet-mock, its HTTP API) over a
 * database whose driver can be made to fail: `faults.mode = 'diskFull' | 'down'`.
 */
export async function startFaultBot(env: Record<string, string> = {}) {
  const database: TestDatabase = await createTestDatabase()
  const dir = mkdtempSync(join(tmpdir(), 'zhibu-fault-'))
  const faults = new Faults()
  const logs = new LogLines()
  const clock = new ManualClock(FRIDAY_10AM)
  const config = loadConfig({
    DATABASE_URL: database.url,
    SIM_PORT: '0',
    SIM_STATE_FILE: join(dir, 'simulator.json'),
    ZHIBU_ADMIN_TOKEN: FAULT_ADMIN_TOKEN,
    SHUTDOWN_FLUSH_SECONDS: '1',
    ...env,
  })
  const logger = pino({ level: 'info' }, logs.stream)
  const zhibu: Zhibu = await startZhibu(config, logger, clock, undefined, { wrapDatabase: faults.wrap })
  const sim = zhibu.simulator!.sim
  const url = zhibu.simulator!.url

  const botSaid = (conversationId: string) => sim.messages(conversationId).filter((m) => m.from === 'bot').map((m) => m.text)
  /** Waits until the bot has said `count` messages in the conversation. */
  async function waitForBot(conversationId: string, count: number, timeoutMs = 10_000): Promise<string[]> {
    const deadline = Date.now() + timeoutMs
    while (botSaid(conversationId).length < count) {
      if (Date.now() > deadline) throw new Error(`bot said ${botSaid(conversationId).length} of ${count}: ${JSON.stringify(botSaid(conversationId))}`)
      await new Promise((resolve) => setTimeout(resolve, 10))
    }
    return botSaid(conversationId)
  }
  async function ask(conversationId: string, fromId: string, text: string): Promise<string> {
    const before = botSaid(conversationId).length
    if (conversationId === fromId) sim.sayPrivately(fromId, text)
    else sim.sayInGroup(conversationId, fromId, text)
    return (await waitForBot(conversationId, before + 1))[before]!
  }
  async function health(): Promise<{ status: number; body: { ok: boolean; reason?: string } }> {
    const response = await fetch(`${url}/api/health`)
    return { status: response.status, body: (await response.json()) as { ok: boolean; reason?: string } }
  }
  /** A bound branch group with registered members and an open activity; returns the ids. */
  async function branch(memberNames: string[], activity = '发起活动 学习会 时间 下周六上午9点') {
    const admin = sim.createContact('管理员').id
    const members = memberNames.map((name) => ({ name, id: sim.createContact(name).id }))
    const roomId = sim.createGroup('第一党支部群', [admin, ...members.map((m) => m.id)]).id
    await ask(admin, admin, `认证 ${FAULT_ADMIN_TOKEN}`)
    await ask(roomId, admin, '绑定 第一党支部')
    for (const m of members) await ask(roomId, m.id, `登记 ${m.name}`)
    const published = await ask(roomId, admin, activity)
    const activityId = Number(/#(\d+)/.exec(published)?.[1])
    return { admin, members, roomId, activityId }
  }
  return {
    zhibu,
    sim,
    faults,
    logs,
    clock,
    database,
    botSaid,
    waitForBot,
    ask,
    health,
    branch,
    async stop() {
      await zhibu.stop()
      await database.close()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

export type FaultBot = Awaited<ReturnType<typeof startFaultBot>>

/** Polls `check` every 20 ms until it is true; returns how long that took. */
export async function until(check: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<number> {
  const started = Date.now()
  while (!(await check())) {
    if (Date.now() - started > timeoutMs) throw new Error('condition not met in time')
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
  return Date.now() - started
}
