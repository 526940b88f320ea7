import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ChatPort, OutgoingMessage } from '../src/chat/port.js'
import type { PaceClock } from '../src/clock.js'
import type { Db } from '../src/db/client.js'
import { openDatabase } from '../src/db/client.js'
import { silentLogger } from '../src/logger.js'
import { OutboxRepository } from '../src/outbox/outbox.repository.js'
import { DEFAULT_LIMITS, Outbox, type OutboxLimits, type QueuedMessage } from '../src/outbox/outbox.js'
import { createTestDatabase, type TestDatabase } from './support/database.js'
import { Faults } from './support/faulty-adapter.js'

/** Pacing time that passes only when the outbox sleeps: no real waiting. */
class FakePace implements PaceClock {
  constructor(public t = Date.parse('2026-12-04T09:00:00+08:00')) {}
  nowMs() {
    return this.t
  }
  async sleep(ms: number) {
    this.t += Math.max(0, ms)
    await new Promise((resolve) => setImmediate(resolve))
  }
}

/** As FakePace, but an idle sender (a long sleep that an enqueue may cut short) rests until woken. */
class RestingPace extends FakePace {
  resting = false
  override async sleep(ms: number, signal?: AbortSignal) {
    if (ms < 60_000 || !signal) return super.sleep(ms)
    this.resting = true
    if (!signal.aborted) await new Promise((resolve) => signal.addEventListener('abort', resolve, { once: true }))
    this.resting = false
  }
  /** Resolves once the sender has found nothing more to do and sleeps. */
  async atRest() {
    while (!this.resting) await new Promise((resolve) => setTimeout(resolve, 5))
  }
}

/** A WeChat that records what was sent and when; it can be told to fail. */
class RecordingChat implements ChatPort {
  readonly sent: Array<{ at: number; to: string; text: string; mentionIds: string[] }> = []
  failNext = 0
  constructor(private readonly pace: FakePace) {}
  async send(message: OutgoingMessage) {
    if (this.failNext > 0) {
      this.failNext -= 1
      throw new Error('微信暂时不可用')
    }
    const to = message.to.kind === 'group' ? message.to.roomId : message.to.contactId
    this.sent.push({ at: this.pace.nowMs(), to, text: message.text, mentionIds: message.mentionIds ?? [] })
  }
}

const toGroup = (roomId: string, text: string, extra: Partial<QueuedMessage> = {}): QueuedMessage => ({ to: { kind: 'group', roomId }, text, ...extra })

describe('the outbox: one paced way out', () => {
  let database: TestDatabase
  let pace: FakePace
  let chat: RecordingChat
  let outbox: Outbox

  /** A new outbox; `start` also begins sending. */
  const build = (limits: Partial<OutboxLimits> = {}) => {
    outbox = new Outbox({
      repo: new OutboxRepository(database.db),
      chat,
      pace,
      limits: { ...DEFAULT_LIMITS, ...limits },
      logger: silentLogger,
      instanceId: 'test',
      random: () => 0.5,
    })
  }
  const start = async (limits: Partial<OutboxLimits> = {}) => {
    build(limits)
    await outbox.start()
  }

  beforeEach(async () => {
    database = await createTestDatabase()
    pace = new FakePace()
    chat = new RecordingChat(pace)
  })
  afterEach(async () => {
    await outbox?.stop()
    await database.close()
  })

  it('GIVEN a 1,000-message fan-out to 25 groups THEN no group gets two within 2 s and no minute has more than 20', async () => {
    await start()
    const messages = Array.from({ length: 1000 }, (_, i) => toGroup(`g${i % 25}@chatroom`, `提醒 ${i}`))
    await outbox.enqueue(messages)
    await outbox.whenIdle()
    expect(chat.sent).toHaveLength(1000)
    expect(new Set(chat.sent.map((s) => s.text)).size).toBe(1000)

    const lastByGroup = new Map<string, number>()
    for (const send of chat.sent) {
      const previous = lastByGroup.get(send.to)
      if (previous !== undefined) expect(send.at - previous).toBeGreaterThanOrEqual(DEFAULT_LIMITS.chatIntervalMs)
      lastByGroup.set(send.to, send.at)
    }
    const times = chat.sent.map((s) => s.at)
    for (let i = 0; i < times.length; i++) {
      const inWindow = times.filter((t) => t >= times[i]! && t < times[i]! + 60_000).length
      expect(inWindow).toBeLessThanOrEqual(DEFAULT_LIMITS.perMinute)
    }
    // The rate is used, not just respected: 1,000 messages at 20 a minute take about 50 minutes.
    expect(times.at(-1)! - times[0]!).toBeLessThan(51 * 60_000)
    expect(await database.db.outboxMessage.count({ where: { state: 'sent' } })).toBe(1000)
  })

  it('GIVEN 40 replies to 40 groups waiting THEN the sender takes them with one read and one claim, and each goes once, in order', async () => {
    // Each message read and claimed on its own cost four statements a reply under load (a busy bot fell behind its own replies).
    const faults = new Faults()
    const statements: string[] = []
    faults.beforeStatement = async (sql) => void statements.push(sql)
    const senderDb = await openDatabase(database.url, { wrap: faults.wrap })
    try {
      outbox = new Outbox({ repo: new OutboxRepository(senderDb), chat, pace, limits: { ...DEFAULT_LIMITS, perMinute: 1000 }, logger: silentLogger, instanceId: 'test' })
      await outbox.enqueue(Array.from({ length: 40 }, (_, i) => toGroup(`g${i}@chatroom`, `回复 ${i}`)))
      statements.length = 0
      await outbox.start()
      await outbox.whenIdle()
      expect(chat.sent.map((s) => s.text)).toEqual(Array.from({ length: 40 }, (_, i) => `回复 ${i}`))
      expect(statements.filter((sql) => /SET "state" = 'sending'/.test(sql))).toHaveLength(1)
      expect(statements.filter((sql) => /^SELECT .*OutboxMessage.*ORDER BY .*notBefore/.test(sql)).length).toBeLessThanOrEqual(2)
      expect(await database.db.outboxMessage.count({ where: { state: 'sent' } })).toBe(40)
      await outbox.stop()
    } finally {
      await senderDb.$disconnect()
    }
  })

  it('GIVEN an idle sender with nothing waiting THEN a coalescible reply goes out without a statement looking for a message to join', async () => {
    // The look found nothing to join for every awaited reply of a quiet bot: one statement in eight on the full path.
    const faults = new Faults()
    const statements: string[] = []
    faults.beforeStatement = async (sql) => void statements.push(sql)
    const senderDb = await openDatabase(database.url, { wrap: faults.wrap })
    const resting = (pace = new RestingPace())
    try {
      outbox = new Outbox({ repo: new OutboxRepository(senderDb), chat, pace, limits: { ...DEFAULT_LIMITS, coalesceMs: 0, chatIntervalMs: 0 }, logger: silentLogger, instanceId: 'test' })
      await outbox.start()
      for (const name of ['张三', '李四']) {
        await resting.atRest()
        statements.length = 0
        await outbox.enqueue([toGroup('branch@chatroom', `${name} 报名成功`, { coalesceKey: 'signup:1' })])
        await outbox.whenIdle()
        expect(statements.filter((sql) => /"text" = "text" \|\|/.test(sql))).toEqual([])
      }
      expect(chat.sent.map((s) => s.text)).toEqual(['张三 报名成功', '李四 报名成功'])
      // Behind (a message waits for its coalescing window), lines still join the waiting one.
      await outbox.stop()
      outbox = new Outbox({ repo: new OutboxRepository(senderDb), chat, pace, limits: { ...DEFAULT_LIMITS, coalesceMs: 1000, chatIntervalMs: 0 }, logger: silentLogger, instanceId: 'test' })
      await outbox.start()
      await resting.atRest()
      await outbox.enqueue([toGroup('branch@chatroom', '王五 报名成功', { coalesceKey: 'signup:1' })])
      await outbox.enqueue([toGroup('branch@chatroom', '赵六 报名成功', { coalesceKey: 'signup:1' })])
      await outbox.whenIdle()
      expect(chat.sent.map((s) => s.text)).toEqual(['张三 报名成功', '李四 报名成功', '王五 报名成功\n赵六 报名成功'])
      await outbox.stop()
    } finally {
      await senderDb.$disconnect()
    }
  })

  it('GIVEN twelve members sign up within seconds THEN their acknowledgements go out as one message', async () => {
    // Queued while the sender waits on the first (its sleeps would move this fake time on by themselves).
    build()
    const names = ['张三', '李四', '王五', '赵六', '孙七', '周八', '吴九', '郑十', '钱一', '冯二', '陈三', '褚四']
    for (const name of names) {
      await outbox.enqueue([toGroup('branch@chatroom', `${name} 报名成功：#3「学习会」`, { coalesceKey: 'signup:1' })])
      pace.t += 200
    }
    await outbox.start()
    await outbox.whenIdle()
    expect(chat.sent).toHaveLength(1)
    expect(chat.sent[0]!.text.split('\n')).toEqual(names.map((n) => `${n} 报名成功：#3「学习会」`))
  })

  it("GIVEN replies queued in their message's transaction THEN one goes out once that commits, and one whose transaction rolls back never does", async () => {
    // An idle sender that sleeps until it is woken (FakePace would have it look at the queue every
    // idle minute, and find the reply without being handed it).
    const idlePace = (pace = new RestingPace())
    await start()
    const atRest = () => idlePace.atRest()
    /** A message whose write is refused (`refuse`) or saved, its reply queued in the same transaction. */
    const answered = async (text: string, refuse: boolean) => {
      let settle: (error?: unknown) => void = () => {}
      const committed = new Promise<void>((resolve, reject) => (settle = (error) => (error === undefined ? resolve() : reject(error))))
      await database.db
        .$transaction(async (tx) => {
          await outbox.enqueue([toGroup('branch@chatroom', text)], { tx: tx as unknown as Db, committed })
          // Taken for the idle sender at once (not read back later), but nothing goes out before the COMMIT.
          expect(await tx.outboxMessage.findMany({ where: { text }, select: { state: true } })).toEqual([{ state: 'sending' }])
          await new Promise((resolve) => setTimeout(resolve, 20))
          expect(chat.sent).toEqual([])
          if (refuse) throw new Error('the write is refused')
        })
        .then(
          () => settle(),
          (error: unknown) => {
            settle(error)
            if (!refuse) throw error
          },
        )
    }
    await atRest()
    await answered('李四 报名成功', true)
    await atRest()
    await answered('张三 报名成功', false)
    // Handed over and sent as the COMMIT wakes the sender, not found again a lease later (nothing else wakes it here).
    const sent = async () => (await database.db.outboxMessage.findMany({ select: { text: true, state: true } })).every((row) => row.state === 'sent')
    for (let waited = 0; !(chat.sent.length > 0 && (await sent())) && waited < 5_000; waited += 10) await new Promise((resolve) => setTimeout(resolve, 10))
    expect(chat.sent.map((s) => s.text)).toEqual(['张三 报名成功'])
    expect(await database.db.outboxMessage.findMany({ select: { text: true, state: true } })).toEqual([{ text: '张三 报名成功', state: 'sent' }])
  })

  it('GIVEN a coalescing key THEN only waiting messages merge: one already sent is not changed', async () => {
    await start({ coalesceMs: 1000 })
    await outbox.enqueue([toGroup('branch@chatroom', '张三 报名成功', { coalesceKey: 'k' })])
    await outbox.whenIdle()
    await outbox.enqueue([toGroup('branch@chatroom', '李四 报名成功', { coalesceKey: 'k' })])
    await outbox.whenIdle()
    expect(chat.sent.map((s) => s.text)).toEqual(['张三 报名成功', '李四 报名成功'])
  })

  it('GIVEN WeChat fails twice THEN the message is retried with backoff and sent once', async () => {
    await start()
    chat.failNext = 2
    const startedAt = pace.nowMs()
    await outbox.enqueue([toGroup('branch@chatroom', '重要通知')])
    await outbox.whenIdle()
    expect(chat.sent.map((s) => s.text)).toEqual(['重要通知'])
    expect(chat.sent[0]!.at - startedAt).toBeGreaterThanOrEqual(DEFAULT_LIMITS.retryBaseMs * 3)
    expect(await database.db.outboxMessage.findFirstOrThrow()).toMatchObject({ state: 'sent', attempts: 2, lastError: '微信暂时不可用' })
  })

  it('GIVEN WeChat keeps failing THEN the message is given up as failed after the last try', async () => {
    await start()
    chat.failNext = 100
    await outbox.enqueue([toGroup('branch@chatroom', '发不出去')])
    await outbox.whenIdle()
    expect(chat.sent).toEqual([])
    expect(await database.db.outboxMessage.findFirstOrThrow()).toMatchObject({ state: 'failed', attempts: DEFAULT_LIMITS.maxAttempts })
  })

  it('GIVEN sends so slow that a read\'s worth outlasts the lease THEN none goes after its lease could have run out (each is claimed afresh), and each goes once, in order', async () => {
    // Each send waits 4 s (half of an 8 s jitter): six taken at once would go up to 24 s after their claim, past a 10 s lease.
    const ages: number[] = []
    const slow: ChatPort = {
      send: async (message) => {
        const row = await database.db.outboxMessage.findFirstOrThrow({ where: { text: message.text } })
        ages.push(pace.t - row.claimedAt!.getTime())
        await chat.send(message)
      },
    }
    outbox = new Outbox({ repo: new OutboxRepository(database.db), chat: slow, pace, limits: { ...DEFAULT_LIMITS, chatIntervalMs: 0, perMinute: 1000, jitterMs: 8000, leaseMs: 10_000 }, logger: silentLogger, instanceId: 'test', random: () => 0.5 })
    await outbox.enqueue(Array.from({ length: 6 }, (_, i) => toGroup(`g${i}@chatroom`, `慢 ${i}`)))
    await outbox.start()
    await outbox.whenIdle()
    expect(chat.sent.map((s) => s.text)).toEqual(Array.from({ length: 6 }, (_, i) => `慢 ${i}`))
    expect(Math.max(...ages)).toBeLessThan(10_000)
  })

  it('GIVEN a message left sending by a process that died THEN a new sender sends it again', async () => {
    const repo = new OutboxRepository(database.db)
    await repo.insert({ toKind: 'group', toId: 'branch@chatroom', text: '发了一半', mentionIds: ['wxid_1'], notBefore: new Date(0), createdAt: new Date(pace.t) })
    const row = await database.db.outboxMessage.findFirstOrThrow()
    await repo.claim([row], 'dead', new Date(pace.t - DEFAULT_LIMITS.leaseMs - 1))
    await start()
    await outbox.whenIdle()
    expect(chat.sent).toEqual([expect.objectContaining({ text: '发了一半', mentionIds: ['wxid_1'] })])
  })

  it('GIVEN the daily cap is near THEN sending goes on to the cap and the rest waits for the next day', async () => {
    await start({ dailyCap: 5, perMinute: 1000, chatIntervalMs: 0 })
    await outbox.enqueue(Array.from({ length: 8 }, (_, i) => toGroup(`g${i}@chatroom`, `第 ${i} 条`)))
    await outbox.whenIdle()
    const day = (t: number) => Math.floor(t / 86_400_000)
    const firstDay = day(chat.sent[0]!.at)
    expect(chat.sent.filter((s) => day(s.at) === firstDay)).toHaveLength(5)
    expect(chat.sent.filter((s) => day(s.at) === firstDay + 1)).toHaveLength(3)
  })

  it('GIVEN a reply to an idle sender WHEN other processes have sent the day\'s cap THEN it waits for the next day, goes once, and nothing is left taken', async () => {
    pace.t = Date.parse('2026-12-04T23:55:00Z') // a few idle minutes before the next (UTC) day
    await start({ chatIntervalMs: 0, jitterMs: 0, dailyCap: 3, perMinute: 1000 })
    await outbox.enqueue([toGroup('g1@chatroom', '第一条')])
    await outbox.whenIdle()
    // The sender is idle with nothing waiting: the next reply is handed to it already taken.
    const today = Math.floor(pace.nowMs() / 86_400_000)
    const others = Array.from({ length: 3 }, (_, i) => ({ toKind: 'group', toId: `g${i + 2}@chatroom`, text: `别的进程发的 ${i}`, mentionIds: '[]', state: 'sent', notBefore: new Date(0), createdAt: new Date(pace.nowMs()), sentAt: new Date(pace.nowMs()) }))
    await database.db.outboxMessage.createMany({ data: others })
    if (Math.floor(pace.nowMs() / 86_400_000) !== today) return
    await outbox.enqueue([toGroup('g1@chatroom', '第二条')])
    await outbox.whenIdle()
    expect(chat.sent.map((s) => s.text)).toEqual(['第一条', '第二条'])
    expect(Math.floor(chat.sent[1]!.at / 86_400_000)).toBe(today + 1)
    expect(await database.db.outboxMessage.count({ where: { state: { not: 'sent' } } })).toBe(0)
  })

  it('GIVEN the only queued message was sent WHEN another process queues one without waking this sender THEN it still goes out, at the next look', async () => {
    await start({ chatIntervalMs: 0, jitterMs: 0 })
    const untilSent = async (count: number) => {
      // Real time passes only for the database's answers (PostgreSQL's take a few milliseconds).
      for (let turn = 0; chat.sent.length < count && turn < 1000; turn++) await new Promise((resolve) => setTimeout(resolve, 5))
    }
    await outbox.enqueue([toGroup('g1@chatroom', '第一条')])
    await untilSent(1)
    // Another process's insert: nothing tells this sender. The paced clock runs on while the insert
    // is on its way, so the minute is counted from when the row is there to be found.
    await new OutboxRepository(database.db).insert({ toKind: 'group', toId: 'g2@chatroom', text: '别的进程排的', mentionIds: [], notBefore: new Date(0), createdAt: new Date(pace.nowMs()) })
    const queuedAt = pace.nowMs()
    await untilSent(2)
    expect(chat.sent.map((s) => s.text)).toEqual(['第一条', '别的进程排的'])
    // The sender looks again a lease after its send, and then at least every minute while idle.
    expect(chat.sent[1]!.at - queuedAt).toBeLessThanOrEqual(60_000)
  })

  describe('when the database fails for a moment in the middle of a send', () => {
    /** The outbox's own repository, whose next calls of one method fail as a database gone away would. */
    class FlakyRepository extends OutboxRepository {
      failing = { paceSince: 0, markSent: 0 }
      /** The pace's time when a read of the pace failed. */
      paceFailedAt: number[] = []
      override async paceSince(...args: Parameters<OutboxRepository['paceSince']>) {
        if (this.failing.paceSince > 0 && this.failing.paceSince--) {
          this.paceFailedAt.push(pace.nowMs())
          throw new Error('database unreachable')
        }
        return super.paceSince(...args)
      }
      override async markSent(...args: Parameters<OutboxRepository['markSent']>) {
        if (this.failing.markSent > 0 && this.failing.markSent--) throw new Error('database unreachable')
        return super.markSent(...args)
      }
    }
    let repo: FlakyRepository
    const startFlaky = async () => {
      repo = new FlakyRepository(database.db)
      outbox = new Outbox({ repo, chat, pace, limits: { ...DEFAULT_LIMITS, chatIntervalMs: 0, jitterMs: 0 }, logger: silentLogger, instanceId: 'test', random: () => 0.5 })
      await outbox.start()
      await outbox.enqueue([toGroup('g1@chatroom', '第一条')])
      await outbox.whenIdle()
    }

    it('GIVEN a reply handed to the idle sender WHEN reading the pace fails THEN it is still sent, once, within seconds (not a lease later)', async () => {
      await startFlaky()
      repo.failing.paceSince = 1
      await outbox.enqueue([toGroup('g1@chatroom', '党员3 报名成功')])
      await outbox.whenIdle()
      expect(repo.failing.paceSince).toBe(0)
      expect(chat.sent.map((s) => s.text)).toEqual(['第一条', '党员3 报名成功'])
      // Counted from the failure: the fake pace jumps a lease whenever the idle sender sleeps, so
      // the time it was queued depends on where that loop was.
      expect(chat.sent[1]!.at - repo.paceFailedAt[0]!).toBeLessThan(5_000)
      expect(await database.db.outboxMessage.count({ where: { state: { not: 'sent' } } })).toBe(0)
    })

    it('GIVEN a message went out WHEN marking it sent fails THEN it is not sent again and is marked sent once the database answers', async () => {
      await startFlaky()
      repo.failing.markSent = 2
      await outbox.enqueue([toGroup('g1@chatroom', '第二条'), toGroup('g2@chatroom', '第三条')])
      await outbox.whenIdle()
      expect(chat.sent.map((s) => s.text)).toEqual(['第一条', '第二条', '第三条'])
      expect(chat.failNext).toBe(0)
      expect(await database.db.outboxMessage.count({ where: { state: { not: 'sent' } } })).toBe(0)
    })
  })
})
