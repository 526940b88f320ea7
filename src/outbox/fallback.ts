import type { Logger } from 'pino'
import type { ChatPort, OutgoingMessage } from '../chat/port.js'
import type { PaceClock } from '../clock.js'

export interface FallbackOptions {
  /** At most this many messages wait; more are dropped (and counted) rather than kept in memory. */
  capacity: number
  /** At least this long between two messages to the same chat, as in the outbox. */
  chatIntervalMs: number
}

export const DEFAULT_FALLBACK: FallbackOptions = { capacity: 200, chatIntervalMs: 2000 }

/**
 * The way out when the database cannot take the outbox's rows: a small queue in memory, sent
 * straight through the chat port, oldest first. It exists so a member is never left without an
 * answer while writes fail; it survives no restart, and holds only a bounded number of messages.
 */
export class FallbackSender {
  readonly #queue: OutgoingMessage[] = []
  readonly #lastToChat = new Map<string, number>()
  #draining: Promise<void> | null = null
  #dropped = 0
  sent = 0

  constructor(
    private readonly deps: { chat: ChatPort; pace: PaceClock; logger: Logger; options?: FallbackOptions },
  ) {}

  /** Queues messages to send without the database; false for those beyond the bound. */
  send(messages: readonly OutgoingMessage[]): void {
    const { capacity } = this.deps.options ?? DEFAULT_FALLBACK
    for (const message of messages) {
      if (this.#queue.length >= capacity) {
        if (this.#dropped++ === 0) this.deps.logger.error({ capacity }, 'fallback sender: queue full, messages dropped')
        continue
      }
      this.#queue.push(message)
    }
    this.#draining ??= this.drain().finally(() => (this.#draining = null))
  }

  /** Resolves once everything queued has been tried. */
  async idle(): Promise<void> {
    while (this.#draining) await this.#draining
  }

  get queued(): number {
    return this.#queue.length
  }

  private async drain(): Promise<void> {
    const { chat, pace, logger } = this.deps
    const { chatIntervalMs } = this.deps.options ?? DEFAULT_FALLBACK
    for (let message = this.#queue.shift(); message; message = this.#queue.shift()) {
      const key = message.to.kind === 'group' ? `g:${message.to.roomId}` : `p:${message.to.contactId}`
      const wait = (this.#lastToChat.get(key) ?? Number.NEGATIVE_INFINITY) + chatIntervalMs - pace.nowMs()
      if (wait > 0) await pace.sleep(wait)
      try {
        await chat.send(message)
        this.sent += 1
      } catch (err) {
        logger.warn({ err }, 'fallback sender: send failed')
      }
      this.#lastToChat.set(key, pace.nowMs())
    }
    if (this.#dropped > 0) {
      logger.error({ dropped: this.#dropped }, 'fallback sender: messages were dropped while the queue was full')
      this.#dropped = 0
    }
  }
}
