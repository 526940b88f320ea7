import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ChatPort, OutgoingMessage } from '../src/chat/port.js'
import type { PaceClock } from '../src/clock.js'
import { silentLogger } from '../src/logger.js'
import { OutboxRepository } from '../src/outbox/outbox.repository.js'
import { DEFAULT_LIMITS, Outbox } from '../src/outbox/outbox.js'
import { createTestDatabase, type TestDatabase } from './support/database.js'

/** Pacing time that the test moves; sleeping passes it without waiting. */
class MovablePace implements PaceClock {
  t = Date.parse('2026-12-04T09:00:00+08:00')
  nowMs() {
    return this.t
  }
  async sleep(ms: number) {
    this.t += Math.max(0, Math.min(ms, 1000))
    await new Promise((resolve) => setImmediate(resolve))
  }
}

/** What the outbox keeps: an exported file's contents not beyond delivery, a sent message not beyond 30 days. */
describe('outbox retention', () => {
  let database: TestDatabase
  beforeEach(async () => {
    database = await createTestDatabase()
  })
  afterEach(() => database.close())

  it('GIVEN an Excel file and a reply are sent THEN the file contents are gone at once, and the rows after OUTBOX_RETENTION_DAYS', async () => {
    const pace = new MovablePace()
    const sent: OutgoingMessage[] = []
    const chat: ChatPort = { send: async (m) => void sent.push(m) }
    const outbox = new Outbox({ repo: new OutboxRepository(database.db), chat, pace, limits: { ...DEFAULT_LIMITS, chatIntervalMs: 0, jitterMs: 0 }, logger: silentLogger, instanceId: 'r' })
    await outbox.start()
    const to = { kind: 'private' as const, contactId: 'wxid_secretary' }
    await outbox.enqueue([{ to, text: '考勤.xlsx', file: { name: '考勤.xlsx', base64: Buffer.from('名单和金额').toString('base64') } }, { to, text: '已私信你' }])
    await outbox.whenIdle()
    expect(sent.map((m) => m.text)).toEqual(['考勤.xlsx', '已私信你'])
    expect(await database.db.outboxMessage.count({ where: { fileBase64: { not: null } } })).toBe(0)
    expect(await database.db.outboxMessage.count()).toBe(2)

    pace.t += 29 * 86_400_000
    await outbox.enqueue([{ to, text: '第 29 天' }])
    await outbox.whenIdle()
    expect(await database.db.outboxMessage.count()).toBe(3)

    pace.t += 2 * 86_400_000
    await outbox.enqueue([{ to, text: '第 31 天' }])
    await outbox.whenIdle()
    await outbox.stop()
    expect((await database.db.outboxMessage.findMany({ select: { text: true }, orderBy: { id: 'asc' } })).map((r) => r.text)).toEqual(['第 29 天', '第 31 天'])
  })
})
