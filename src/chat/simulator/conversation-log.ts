import type { SimMessage } from './sim-types.js'
import type { WorldFile } from './world-file.js'

/**
 * How many messages (the newest of the whole world) the simulator keeps in memory for its page
 * and JSON API; the log file beside the state file keeps every one.
 */
export const MESSAGES_IN_MEMORY = 5_000

/**
 * What was said in each conversation: the newest `kept` messages of the world in memory (the
 * oldest forgotten first, whichever conversation they were in), every message appended to the
 * world's log file. A conversation remembers up to which message it lost some, so a reader
 * asking for messages that are no longer held is told so instead of getting a silent gap.
 */
export class ConversationLog {
  readonly #byConversation = new Map<string, SimMessage[]>()
  /** The conversation of each kept message, oldest first (from `#head` on). */
  #order: string[] = []
  #head = 0
  /** conversation → seq of the newest of its messages no longer in memory */
  readonly #forgotten = new Map<string, number>()
  #seq = 0

  constructor(
    private readonly file: WorldFile,
    private readonly kept = MESSAGES_IN_MEMORY,
  ) {}

  /** Takes up the messages of the log file (the newest `kept` of them stay in memory). */
  restore(): void {
    for (const { conversationId, message } of this.file.readLog()) {
      this.keep(conversationId, message)
      this.#seq = Math.max(this.#seq, message.seq)
    }
  }

  /** Numbers, stamps, keeps and writes down a message; returns it as logged. */
  append(conversationId: string, message: Omit<SimMessage, 'seq' | 'at'>, at: Date): SimMessage {
    const logged = { seq: ++this.#seq, ...message, at: at.toISOString() }
    this.keep(conversationId, logged)
    this.file.append(conversationId, logged)
    return logged
  }

  /** The messages of a conversation after `after` that are still in memory. */
  after(conversationId: string, after: number): SimMessage[] {
    const list = this.#byConversation.get(conversationId) ?? []
    let start = list.length
    while (start > 0 && list[start - 1]!.seq > after) start--
    return list.slice(start)
  }

  /** Whether some messages of the conversation after `after` are no longer in memory (only in the log file). */
  forgotSome(conversationId: string, after: number): boolean {
    return (this.#forgotten.get(conversationId) ?? 0) > after
  }

  /** Messages held in memory, for tests of the bound. */
  get size(): number {
    return this.#order.length - this.#head
  }

  private keep(conversationId: string, message: SimMessage): void {
    const list = this.#byConversation.get(conversationId) ?? []
    list.push(message)
    this.#byConversation.set(conversationId, list)
    this.#order.push(conversationId)
    while (this.size > this.kept) this.forgetOldest()
    // The spent front of the order is cut off now and then, not on every message.
    if (this.#head > this.kept) {
      this.#order = this.#order.slice(this.#head)
      this.#head = 0
    }
  }

  private forgetOldest(): void {
    const conversationId = this.#order[this.#head++]!
    const list = this.#byConversation.get(conversationId)!
    this.#forgotten.set(conversationId, list.shift()!.seq)
    if (!list.length) this.#byConversation.delete(conversationId)
  }
}
