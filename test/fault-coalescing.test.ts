import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ChatPort, OutgoingMessage } from '../src/chat/port.js'
import { realPace } from '../src/clock.js'
import { openDatabase } from '../src/db/client.js'
import { silentLogger } from '../src/logger.js'
import { OutboxRepository } from '../src/outbox/outbox.repository.js'
import { DEFAULT_LIMITS, Outbox } from '../src/outbox/outbox.js'
import { createTestDatabase, type TestDatabase } from './support/database.js'
import { Faults } from './support/faulty-adapter.js'

/** A WeChat that takes a moment per message, like the real one, and keeps what it was given. */
class SlowChat implements ChatPort {
  readonly sent: string[] = []
  async send(message: OutgoingMessage) {
    await new Promise((resolve) => setTimeout(resolve, 2))
    this.sent.push(message.text)
  }
}

/**
 * Many 报名 confirmations merge into one message while they wait. The sender and the handlers
 * appending lines race: a line appended after the sender read the row but before it claimed it
 * was marked sent without ever being sent. Every member must be told, exactly once.
 */
describe('coalescing under a burst', () => {
  let database: TestDatabase
  beforeEach(async () => {
    database = await createTestDatabase()
  })
  afterEach(() => database.close())

  const limits = (coalesceMs: number) => ({ ...DEFAULT_LIMITS, chatIntervalMs: 0, perMinute: 100_000, jitterMs: 0, coalesceMs, dailyCap: 100_000 })

  it('GIVEN the sender has read a waiting message WHEN a line is appended before it claims the message THEN that line is sent too', async () => {
    const faults = new Faults()
    const senderDb = await openDatabase(database.url, { wrap: faults.wrap })
    const handlers = new OutboxRepository(database.db)
    let appended = false
    // The exact interleaving of the race: between the sender's read and its claim, a handler appends.
    faults.afterRead = async (sql) => {
      // The sender's read of the queue, in the order messages may go.
      if (appended || !/^SELECT .*OutboxMessage.*ORDER BY .*notBefore/.test(sql)) return
      appended = await handlers.appendToWaiting('signup:3', '李四 报名成功')
    }
    const chat = new SlowChat()
    await handlers.insert({ toKind: 'group', toId: 'branch@chatroom', text: '张三 报名成功', mentionIds: [], coalesceKey: 'signup:3', notBefore: new Date(0), createdAt: new Date() })
    const outbox = new Outbox({ repo: new OutboxRepository(senderDb), chat, pace: realPace, limits: limits(0), logger: silentLogger, instanceId: 'sender' })
    await outbox.start()
    expect(await outbox.whenIdle(5000)).toBe(true)
    await outbox.stop()
    await senderDb.$disconnect()
    expect(appended).toBe(true)
    expect(chat.sent.flatMap((t) => t.split('\n')).sort()).toEqual(['张三 报名成功', '李四 报名成功'].sort())
  })

  it.each([10])('GIVEN 150 confirmations from 30 handlers (coalescing %i ms) THEN each line is sent exactly once', async (coalesceMs) => {
    const chat = new SlowChat()
    const outbox = new Outbox({
      repo: new OutboxRepository(database.db),
      chat,
      pace: realPace,
      limits: limits(coalesceMs),
      logger: silentLogger,
      instanceId: 'burst',
    })
    await outbox.start()
    const lines = Array.from({ length: 150 }, (_, i) => `党员${i + 1} 报名成功：#3「学习会」`)
    await Promise.all(
      Array.from({ length: 30 }, async (_, handler) => {
        for (let i = handler; i < lines.length; i += 30) {
          await outbox.enqueue([{ to: { kind: 'group', roomId: 'branch@chatroom' }, text: lines[i]!, coalesceKey: 'signup:3' }])
          await new Promise((resolve) => setTimeout(resolve, Math.random() * 2))
        }
      }),
    )
    expect(await outbox.whenIdle(20_000)).toBe(true)
    await outbox.stop()
    const told = chat.sent.flatMap((text) => text.split('\n'))
    const lost = lines.filter((line) => !told.includes(line))
    const duplicated = told.length - new Set(told).size
    console.log(`coalescing ${coalesceMs} ms: 150 lines in ${chat.sent.length} messages, ${lost.length} lost, ${duplicated} duplicated`)
    expect(lost).toEqual([])
    expect(duplicated).toBe(0)
  })
})
