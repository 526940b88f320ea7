/**
 * Who may use one connection: any number of statements side by side, or one transaction alone
 * (which waits for the statements under way, and holds back those that come after it until it
 * ends). On a single connection a statement sent while a transaction is open runs inside it, and
 * is undone if that transaction rolls back.
 */
export class Turns {
  #sharing = 0
  #allDone: Array<() => void> = []
  #alone: Promise<void> | null = null

  async shared<T>(fn: () => Promise<T>): Promise<T> {
    while (this.#alone) await this.#alone
    this.#sharing += 1
    try {
      return await fn()
    } finally {
      this.#sharing -= 1
      if (this.#sharing === 0) for (const done of this.#allDone.splice(0)) done()
    }
  }

  /** Resolves when the one alone now ends; null when nobody is alone. */
  whenFree(): Promise<void> | null {
    return this.#alone
  }

  /** Waits for a turn alone; the returned function ends it (once). */
  async alone(): Promise<() => void> {
    while (this.#alone) await this.#alone
    let end = () => {}
    this.#alone = new Promise<void>((resolve) => (end = resolve))
    if (this.#sharing > 0) await new Promise<void>((resolve) => this.#allDone.push(resolve))
    let ended = false
    return () => {
      if (ended) return
      ended = true
      this.#alone = null
      end()
    }
  }

  async exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const end = await this.alone()
    try {
      return await fn()
    } finally {
      end()
    }
  }
}
