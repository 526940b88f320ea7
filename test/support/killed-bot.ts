import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { api, startBotProcess, type BotProcess } from './bot-process.js'
import { createTestDatabase, type TestDatabase } from './database.js'

export const KILL_ADMIN_TOKEN = 'sigkill-fault-admin-token-01'

/** One line of the simulator's message log: what the simulated WeChat actually received. */
export interface ChatLine {
  conversationId: string
  from: string
  text: string
}

/**
 * The real bot as a child process (`tsx src/main.ts` on the simulator) over a test database
 * (SQLite, or PostgreSQL when TEST_DATABASE_URL is set), killed with SIGKILL and started again
 * on the same database and simulator world. What the chat received is read from the simulator's
 * append-only message log, written synchronously as each message arrives: it survives the kill.
 */
export async function killableBot(extraEnv: Record<string, string> = {}) {
  const database: TestDatabase = await createTestDatabase()
  const dir = mkdtempSync(join(tmpdir(), 'zhibu-kill-'))
  const env = {
    DATABASE_URL: database.url,
    SIM_STATE_FILE: join(dir, 'simulator.json'),
    SIM_PORT: '0',
    CONSOLE_PORT: '0',
    SIM_CLOCK: 'manual',
    ZHIBU_ADMIN_TOKEN: KILL_ADMIN_TOKEN,
    LOG_LEVEL: 'warn',
    OUTBOX_LEASE_SECONDS: '1',
    SHUTDOWN_FLUSH_SECONDS: '2',
    ...extraEnv,
  }
  const logFile = join(dir, 'simulator-messages.jsonl')
  // Generous: on a loaded machine tsx takes a while to start.
  const START_TIMEOUT_MS = 90_000
  let bot: BotProcess = await startBotProcess(env, START_TIMEOUT_MS)

  /** Every message the simulated chat holds, in order (people's and the bot's). */
  function chatLog(): ChatLine[] {
    if (!existsSync(logFile)) return []
    return readFileSync(logFile, 'utf8')
      .split('\n')
      .filter(Boolean)
      .flatMap((line) => {
        try {
          return [JSON.parse(line) as ChatLine]
        } catch {
          return [] // a line cut by the kill itself
        }
      })
  }

  return {
    db: database.db,
    get url() {
      return bot.url
    },
    get process() {
      return bot
    },
    chatLog,
    /** The bot's messages in a conversation, as the chat received them. */
    botSaid(conversationId: string): string[] {
      return chatLog().filter((l) => l.conversationId === conversationId && l.from === 'bot').map((l) => l.text)
    },
    /** SIGKILL to the whole process group (tsx and node): no handler runs, nothing is flushed. */
    async kill(): Promise<void> {
      process.kill(-bot.child.pid!, 'SIGKILL')
      await bot.exited
    },
    /** Starts the bot again on the same database and world; returns how long until it was healthy. */
    async restart(): Promise<number> {
      const started = Date.now()
      bot = await startBotProcess(env, START_TIMEOUT_MS)
      return Date.now() - started
    },
    api: (method: string, path: string, body?: unknown) => api(bot.url, method, path, body),
    async stop(): Promise<number | null> {
      bot.child.kill('SIGTERM')
      const code = await bot.exited
      await database.close()
      rmSync(dir, { recursive: true, force: true })
      return code
    },
  }
}

export type KillableBot = Awaited<ReturnType<typeof killableBot>>

/** Polls `check` every 20 ms until it is true; throws with `what` after `timeoutMs`. */
export async function waitUntil(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}
