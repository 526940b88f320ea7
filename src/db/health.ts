import { AsyncLocalStorage } from 'node:async_hooks'
import type { Logger } from 'pino'
import { isStorageFailure } from './storage-failure.js'

/** Storage errors are logged at most this often: a full disk must not flood the log too. */
const LOG_EVERY_MS = 60_000

/**
 * Whether the database takes writes. The driver layer reports every storage failure and every
 * successful write here; `/api/health` reads `failing()`, and `watch` tells a message's handler
 * whether its own work hit the failure (so the member is told to send again).
 */
export class DatabaseHealth {
  #failing: string | null = null
  #since = 0
  #lastLogged = Number.NEGATIVE_INFINITY
  #suppressed = 0
  readonly #work = new AsyncLocalStorage<{ failed: boolean }>()

  constructor(
    private readonly logger: Logger,
    private readonly nowMs: () => number = Date.now,
  ) {}

  /** The reason writes fail, or null while the database is healthy. */
  failing(): string | null {
    return this.#failing
  }

  /** Runs `work` and says whether any of its database calls failed for storage reasons. */
  async watch<T>(work: () => Promise<T>): Promise<{ result: T; storageFailed: boolean }> {
    const store = { failed: false }
    const result = await this.#work.run(store, work)
    return { result, storageFailed: store.failed }
  }

  /** Called by the driver layer with any error; only storage failures count. */
  failed(error: unknown): void {
    if (!isStorageFailure(error)) return
    const store = this.#work.getStore()
    if (store) store.failed = true
    const reason = describe(error)
    if (this.#failing === null) this.#since = this.nowMs()
    this.#failing = reason
    this.logThrottled(error)
  }

  /** Called after a write committed: the database takes writes again. */
  wrote(): void {
    if (this.#failing === null) return
    this.logger.warn({ failedForMs: this.nowMs() - this.#since, suppressedErrors: this.#suppressed }, 'database: writes succeed again')
    this.#failing = null
    this.#suppressed = 0
    this.#lastLogged = Number.NEGATIVE_INFINITY
  }

  /** Logs a storage error now, or counts it if one was logged within the last minute. True if logged. */
  logThrottled(error: unknown): boolean {
    const now = this.nowMs()
    if (now - this.#lastLogged < LOG_EVERY_MS) {
      this.#suppressed += 1
      return false
    }
    this.#lastLogged = now
    this.logger.error({ reason: describe(error), suppressedErrors: this.#suppressed }, 'database: writes are failing; members are asked to send again')
    this.#suppressed = 0
    return true
  }
}

/** A short reason without personal data: the driver's code and its first line. */
export function describe(error: unknown): string {
  const seen = new Set<unknown>()
  for (let e = error as { code?: unknown; message?: unknown; cause?: unknown } | undefined; e && typeof e === 'object' && !seen.has(e); e = e.cause as typeof e) {
    seen.add(e)
    if (typeof e.code === 'string' && typeof e.message === 'string') return `${e.code}: ${e.message.split('\n')[0]}`
  }
  return error instanceof Error ? error.message.split('\n')[0]! : String(error)
}

/**
 * The logger for the rest of the bot: a log line carrying a storage error is replaced by the
 * health's own line, at most one a minute, so a full disk does not write one error per message.
 */
export function quietStorageErrors(logger: Logger, health: DatabaseHealth): Logger {
  const quiet = (level: 'error' | 'warn') =>
    function (this: unknown, ...args: unknown[]) {
      const first = args[0] as { err?: unknown } | undefined
      if (first && typeof first === 'object' && isStorageFailure(first.err ?? first)) {
        health.logThrottled(first.err ?? first)
        return
      }
      ;(logger[level] as (...a: unknown[]) => void)(...args)
    }
  const members: Record<string, unknown> = { error: quiet('error'), warn: quiet('warn') }
  return new Proxy(logger, {
    get: (obj, key) => {
      if (typeof key === 'string' && key in members) return members[key]
      const value: unknown = Reflect.get(obj, key)
      return typeof value === 'function' ? value.bind(obj) : value
    },
  })
}
