import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ChatPort, OutgoingMessage } from '../src/chat/port.js'
import { ManualClock, realPace } from '../src/clock.js'
import { openDatabase, type Db } from '../src/db/client.js'
import { silentLogger } from '../src/logger.js'
import { AccountsRepository } from '../src/outbox/accounts.repository.js'
import { groupMessage } from '../src/outbox/job-message.js'
import { OutboxRepository } from '../src/outbox/outbox.repository.js'
import { DEFAULT_LIMITS, Outbox } from '../src/outbox/outbox.js'
import { JobRepository } from '../src/scheduler/job.repository.js'
import { DEFAULT_SCHEDULER_OPTIONS, Scheduler, type JobHandler } from '../src/scheduler/scheduler.js'
import { createTestDatabase, type TestDatabase } from './support/database.js'

const onPostgres = /^postgres/.test(process.env.TEST_DATABASE_URL ?? '')
const NINE = new Date('2026-12-04T09:00:00+08:00')
const GAP_MS = 150

/** One WeChat login: what it sent, where and when. */
class AccountChat implements ChatPort {
  constructor(
    readonly account: string,
    private readonly log: Array<{ account: string; roomId: string; text: string; at: number }>,
  ) {}
  async send(message: OutgoingMessage) {
    await new Promise((resolve) => setTimeout(resolve, 1))
    if (message.to.kind === 'group') this.log.push({ account: this.account, roomId: message.to.roomId, text: message.text, at: Date.now() })
  }
}

/**
 * Two bot accounts, each its own process's outbox and scheduler with its own connection, on one
 * PostgreSQL. Each group is owned by the account in it; jobs run once; every message goes once,
 * from its group's account, with the per-group gap kept.
 */
describe.skipIf(!onPostgres)('two bot accounts on one PostgreSQL (runs only when POSTGRES_TEST_URL is set)', () => {
  let database: TestDatabase
  const opened: Db[] = []
  const running: Array<{ stop(): Promise<void> }> = []
  beforeEach(async () => {
    database = await createTestDatabase()
  })
  afterEach(async () => {
    for (const r of running.splice(0)) await r.stop()
    for (const db of opened.splice(0)) await db.$disconnect()
    await database.close()
  })

  const sends: Array<{ account: string; roomId: string; text: string; at: number }> = []
  const runs = new Map<string, number>()
  /** A reminder job: one line to its group, keyed by the job. */
  const remind: JobHandler = async (payload) => {
    const { roomId, n } = payload as { roomId: string; n: number }
    runs.set(`${n}`, (runs.get(`${n}`) ?? 0) + 1)
    return [groupMessage(roomId, { text: `提醒 ${n}` }, `test:${n}`)]
  }

  async function process_(account: string, clock: ManualClock, takenOver: string[][]) {
    const db = await openDatabase(database.url)
    opened.push(db)
    const repo = new OutboxRepository(db)
    const limits = { ...DEFAULT_LIMITS, chatIntervalMs: GAP_MS, perMinute: 100_000, jitterMs: 0, coalesceMs: 0, dailyCap: 100_000, leaseMs: 500 }
    const accounts = new AccountsRepository(db)
    const outbox = new Outbox({ repo, chat: new AccountChat(account, sends), pace: realPace, limits, logger: silentLogger, instanceId: `${account}-1`, accounts: { repo: accounts, takeoverDelayMs: 1000, onTakeover: (rooms) => takenOver.push(rooms) } })
    const scheduler = new Scheduler({ jobs: new JobRepository(db), handlers: { remind }, clock, logger: silentLogger, instanceId: `${account}-1`, options: { ...DEFAULT_SCHEDULER_OPTIONS, timeZone: 'Asia/Shanghai' }, account: () => repo.account, onQueued: () => outbox.notify() })
    running.push(outbox, scheduler)
    return { outbox, scheduler, accounts, repo }
  }

  it('GIVEN 300 due jobs over 10 groups owned by two accounts THEN each job runs once and each message goes once, from its group’s account, paced', async () => {
    sends.length = 0
    runs.clear()
    const clock = new ManualClock(NINE)
    const takenOver: string[][] = []
    const a = await process_('wxid_bot_a', clock, takenOver)
    const b = await process_('wxid_bot_b', clock, takenOver)
    const rooms = Array.from({ length: 10 }, (_, i) => `room${i}@chatroom`)
    // Account A is in groups 0-4 first, B in 5-9 first; A is also in 5 and 6 (the groups it may take over).
    for (const [i, roomId] of rooms.entries()) await (i < 5 ? a : b).accounts.seen(i < 5 ? 'wxid_bot_a' : 'wxid_bot_b', { roomId, contactId: `wxid_member${i}` }, NINE)
    for (const roomId of rooms.slice(5, 7)) await a.accounts.seen('wxid_bot_a', { roomId, contactId: 'wxid_member_x' }, NINE)
    const jobs = new JobRepository(database.db)
    for (let n = 0; n < 300; n++) await jobs.schedule({ kind: 'remind', key: `remind:${n}`, dueAt: NINE, payload: { roomId: rooms[n % 10], n }, now: NINE })

    const started = Date.now()
    await Promise.all([a.outbox.start('wxid_bot_a'), b.outbox.start('wxid_bot_b')])
    await Promise.all([a.scheduler.tick(), b.scheduler.tick()])
    expect(await database.db.job.count({ where: { state: 'done' } })).toBe(300)
    expect([...runs.values()].every((count) => count === 1) && runs.size === 300).toBe(true)
    await Promise.all([a.outbox.whenIdle(60_000), b.outbox.whenIdle(60_000)])
    const drainedMs = Date.now() - started

    const texts = sends.map((s) => s.text)
    expect(new Set(texts).size).toBe(300) // none lost
    expect(texts).toHaveLength(300) // none twice
    for (const s of sends) expect(s.account).toBe(rooms.indexOf(s.roomId) < 5 ? 'wxid_bot_a' : 'wxid_bot_b')
    const gaps = rooms.flatMap((roomId) => {
      const at = sends.filter((s) => s.roomId === roomId).map((s) => s.at)
      return at.slice(1).map((t, i) => t - at[i]!)
    })
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(GAP_MS - 5)
    console.log(`two accounts: 300 jobs, ${sends.length} sends, 0 lost, ${texts.length - new Set(texts).size} twice, drained in ${drainedMs} ms, smallest per-group gap ${Math.min(...gaps)} ms`)

    // B logs out: after the delay A, also in groups 5 and 6, takes them over; the others wait for B.
    await b.outbox.stop()
    await b.accounts.loggedOut('wxid_bot_b', new Date())
    const loggedOut = Date.now()
    for (const [n, roomId] of [[1000, rooms[5]], [1001, rooms[6]], [1002, rooms[7]]] as const) {
      await jobs.schedule({ kind: 'remind', key: `remind:${n}`, dueAt: NINE, payload: { roomId, n }, now: NINE })
    }
    await a.scheduler.tick()
    while (sends.filter((s) => s.text === '提醒 1001' || s.text === '提醒 1000').length < 2 && Date.now() - loggedOut < 10_000) await new Promise((r) => setTimeout(r, 50))
    const recoveryMs = Date.now() - loggedOut
    expect(sends.filter((s) => s.text === '提醒 1000' || s.text === '提醒 1001').map((s) => s.account)).toEqual(['wxid_bot_a', 'wxid_bot_a'])
    expect(sends.some((s) => s.text === '提醒 1002')).toBe(false)
    expect(takenOver.flat().sort()).toEqual([rooms[5], rooms[6]])
    expect(await a.accounts.ownerOf(rooms[7]!)).toBe('wxid_bot_b')
    console.log(`takeover: groups of a logged-out account sent from the other account ${recoveryMs} ms after logout (delay 1000 ms)`)
  }, 90_000)
})
