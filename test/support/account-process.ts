import { createInterface } from 'node:readline'
import type { ChatPort, OutgoingMessage } from '../../src/chat/port.js'
import { ManualClock, realPace } from '../../src/clock.js'
import { openDatabase } from '../../src/db/client.js'
import { silentLogger } from '../../src/logger.js'
import { AccountsRepository } from '../../src/outbox/accounts.repository.js'
import { groupMessage } from '../../src/outbox/job-message.js'
import { OutboxRepository } from '../../src/outbox/outbox.repository.js'
import { DEFAULT_LIMITS, Outbox } from '../../src/outbox/outbox.js'
import { JobRepository } from '../../src/scheduler/job.repository.js'
import { DEFAULT_SCHEDULER_OPTIONS, Scheduler, type JobHandler } from '../../src/scheduler/scheduler.js'

/**
 * One bot account as its own process, without WeChat: the real outbox and scheduler on
 * DATABASE_URL, sending as ACCOUNT to a chat that prints each message as a JSON line
 * (`{"sent":{account,roomId,text,at}}`); each run of a `remind` job prints `{"ran":n,"at":ms}`.
 * Prints `ready`; on the stdin line `go` it starts sending and runs due jobs every 100 ms
 * (the clock stands at JOBS_NOW); on `stop` it stops and exits 0.
 */
const account = process.env.ACCOUNT ?? 'wxid_bot'
const gapMs = Number(process.env.GAP_MS ?? 100)
const print = (value: unknown) => process.stdout.write(`${JSON.stringify(value)}\n`)

class PrintingChat implements ChatPort {
  async send(message: OutgoingMessage): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve, 1))
    if (message.to.kind === 'group') print({ sent: { account, roomId: message.to.roomId, text: message.text, at: Date.now() } })
  }
}

const remind: JobHandler = async (payload) => {
  const { roomId, n } = payload as { roomId: string; n: number }
  print({ ran: n, at: Date.now() })
  return [groupMessage(roomId, { text: `提醒 ${n}` }, `remind:${n}`)]
}

const db = await openDatabase(process.env.DATABASE_URL ?? '')
const repo = new OutboxRepository(db)
const clock = new ManualClock(new Date(process.env.JOBS_NOW ?? Date.now()))
const limits = { ...DEFAULT_LIMITS, chatIntervalMs: gapMs, perMinute: 100_000, jitterMs: 0, coalesceMs: 0, dailyCap: 100_000, leaseMs: 2000 }
const outbox = new Outbox({ repo, chat: new PrintingChat(), pace: realPace, limits, logger: silentLogger, instanceId: `${account}-${process.pid}`, accounts: { repo: new AccountsRepository(db), takeoverDelayMs: 3_600_000, onTakeover: () => undefined } })
const scheduler = new Scheduler({ jobs: new JobRepository(db), handlers: { remind }, clock, logger: silentLogger, instanceId: `${account}-${process.pid}`, options: { ...DEFAULT_SCHEDULER_OPTIONS, timeZone: 'Asia/Shanghai' }, account: () => repo.account, onQueued: () => outbox.notify() })
let running = false
let loop: Promise<void> = Promise.resolve()
print('ready')

createInterface({ input: process.stdin }).on('line', (line) => {
  if (line === 'go') {
    running = true
    loop = (async () => {
      await outbox.start(account)
      while (running) {
        await scheduler.tick()
        await new Promise((resolve) => setTimeout(resolve, 100))
      }
    })()
  }
  if (line === 'stop') {
    running = false
    void (async () => {
      await loop
      await scheduler.stop()
      await outbox.stop()
      await db.$disconnect()
      process.exit(0)
    })()
  }
})
