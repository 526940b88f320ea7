import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ManualClock } from '../../src/clock.js'
import type { SimMessage } from '../../src/chat/simulator/simulator.js'
import { loadConfig, type Config } from '../../src/config.js'
import { silentLogger } from '../../src/logger.js'
import { startZhibu, type Zhibu } from '../../src/zhibu.js'
import { FRIDAY_10AM } from './conversation.js'
import { createTestDatabase, type TestDatabase } from './database.js'

export const LIVE_ADMIN_TOKEN = 'live-admin-token-42'

/**
 * The whole bot in this process: real Wechaty on the simulator's puppet-mock, its HTTP API on a
 * free port, a fresh database and a manual clock.
 */
export class LiveBot {
  private constructor(
    public zhibu: Zhibu,
    readonly database: TestDatabase,
    readonly clock: ManualClock,
    private readonly config: Config,
    private readonly dir: string,
  ) {}

  /** `extraEnv` adds to (or overrides) the configuration, e.g. `{ SIM_CLOCK: 'manual' }`. */
  static async start(extraEnv: Record<string, string> = {}): Promise<LiveBot> {
    const database = await createTestDatabase()
    const dir = mkdtempSync(join(tmpdir(), 'zhibu-live-'))
    const clock = new ManualClock(FRIDAY_10AM)
    const config = loadConfig({
      DATABASE_URL: database.url,
      SIM_PORT: '0', CONSOLE_PORT: '0',
      SIM_STATE_FILE: join(dir, 'simulator.json'),
      LOG_LEVEL: 'silent',
      ZHIBU_ADMIN_TOKEN: LIVE_ADMIN_TOKEN,
      ...extraEnv,
    })
    const zhibu = await startZhibu(config, silentLogger, clock)
    return new LiveBot(zhibu, database, clock, config, dir)
  }

  /** Stops the bot and starts it again on the same database and simulator world. */
  async restart(): Promise<void> {
    await this.zhibu.stop()
    this.zhibu = await startZhibu(this.config, silentLogger, this.clock)
  }

  get sim() {
    return this.zhibu.simulator!.sim
  }

  get url() {
    return this.zhibu.simulator!.url
  }

  /** The bot's messages in a conversation (group id or contact id). */
  botMessages(conversationId: string): SimMessage[] {
    return this.sim.messages(conversationId).filter((m) => m.from === 'bot')
  }

  /** Waits until the bot has said `count` messages in the conversation, and returns them. */
  async waitForBot(conversationId: string, count: number, timeoutMs = 5000): Promise<SimMessage[]> {
    const deadline = Date.now() + timeoutMs
    while (this.botMessages(conversationId).length < count) {
      if (Date.now() > deadline) {
        throw new Error(`bot said ${this.botMessages(conversationId).length} of ${count} messages in ${conversationId}: ${JSON.stringify(this.sim.messages(conversationId))}`)
      }
      await new Promise((resolve) => setTimeout(resolve, 10))
    }
    return this.botMessages(conversationId)
  }

  /** Sends in a group and returns the bot's next reply text. */
  async ask(roomId: string, fromId: string, text: string): Promise<string> {
    const before = this.botMessages(roomId).length
    this.sim.sayInGroup(roomId, fromId, text)
    const replies = await this.waitForBot(roomId, before + 1)
    return replies[before]!.text
  }

  async askPrivately(contactId: string, text: string): Promise<string> {
    const before = this.botMessages(contactId).length
    this.sim.sayPrivately(contactId, text)
    const replies = await this.waitForBot(contactId, before + 1)
    return replies[before]!.text
  }

  async stop(): Promise<void> {
    await this.zhibu.stop()
    await this.database.close()
    rmSync(this.dir, { recursive: true, force: true })
  }
}

export function settle(ms = 300): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}
