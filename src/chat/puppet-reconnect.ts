import type { Logger } from 'pino'
import type { WechatyInterface } from 'wechaty/impls'

export interface ReconnectOptions {
  logger: Logger
  /** True while the bot stops on purpose: a dropped link is then no fault. */
  stopping: () => boolean
  /** Waits between attempts, the last one repeated (ms). */
  backoffMs?: number[]
}

export const DEFAULT_RECONNECT_BACKOFF_MS = [1000, 2000, 4000, 8000, 15_000]

/**
 * The puppet service went away (killed, restarted, the network dropped): gRPC says UNAVAILABLE,
 * or the puppet's own watchdog gave up on its heartbeat.
 */
export function isConnectionLoss(err: unknown): boolean {
  const { code, message } = (err ?? {}) as { code?: unknown; message?: unknown }
  return code === 14 || /UNAVAILABLE|Connection dropped|ECONNREFUSED|WatchdogAgent reset/.test(String(message ?? err))
}

/**
 * wechaty-puppet-service does not reconnect by itself when its server goes away: the bot would
 * hear nothing until restarted. On a connection loss this restarts the puppet, waiting longer
 * after each failed attempt, until the service answers again. What was queued meanwhile stays in
 * the outbox and goes once the link is back; messages the service replays are recognised by id.
 */
export function keepPuppetConnected(bot: WechatyInterface, options: ReconnectOptions): void {
  const backoff = options.backoffMs ?? DEFAULT_RECONNECT_BACKOFF_MS
  let reconnecting = false
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
  const withTimeout = <T>(work: Promise<T>, ms: number) => Promise.race([work, sleep(ms).then(() => Promise.reject(new Error(`no answer in ${ms} ms`)))])

  async function reconnect(): Promise<void> {
    const started = Date.now()
    let loggedIn = false
    const heardLogin = (): void => {
      loggedIn = true
    }
    bot.on('login', heardLogin)
    try {
      await restart(started)
    } finally {
      bot.off('login', heardLogin)
    }
    // Stopping the puppet announced a logout but kept the user id, so the service's login on the
    // new stream was refused: the account never left, announce it again (sending resumes).
    await sleep(500)
    const puppet = bot.puppet
    if (!loggedIn && !options.stopping() && puppet.isLoggedIn) puppet.emit('login', { contactId: puppet.currentUserId })
  }

  async function restart(started: number): Promise<void> {
    for (let attempt = 0; !options.stopping(); attempt++) {
      await withTimeout(bot.puppet.stop(), 5000).catch(() => undefined)
      if (options.stopping()) return
      try {
        await withTimeout(bot.puppet.start(), 20_000)
        options.logger.info({ attempt: attempt + 1, ms: Date.now() - started }, 'puppet service reconnected')
        return
      } catch (err) {
        const waitMs = backoff[Math.min(attempt, backoff.length - 1)] ?? 1000
        options.logger.warn({ err: String(err), attempt: attempt + 1, waitMs }, 'puppet service still unreachable')
        await sleep(waitMs)
      }
    }
  }

  bot.on('error', (err) => {
    if (reconnecting || options.stopping() || !isConnectionLoss(err)) return
    reconnecting = true
    options.logger.warn('puppet service connection lost: reconnecting')
    reconnect()
      .catch((error: unknown) => options.logger.error({ err: error }, 'puppet service reconnect failed'))
      .finally(() => (reconnecting = false))
  })
}
