/** Where every piece of code gets the time: services take `now` from here, never from Date.now(). */
export interface Clock {
  now(): Date
}

export const systemClock: Clock = { now: () => new Date() }

/** A clock that stands still until moved: for tests and the simulator's manual mode. */
export class ManualClock implements Clock {
  #now: Date
  constructor(start: Date) {
    this.#now = new Date(start)
  }
  now(): Date {
    return new Date(this.#now)
  }
  set(at: Date): void {
    this.#now = new Date(at)
  }
  advance(ms: number): void {
    this.#now = new Date(this.#now.getTime() + ms)
  }
}

/**
 * Wall time for pacing the outbox: sending speed is about real seconds even when the business
 * clock is manual (the simulator's SIM_CLOCK=manual). Tests pass a fake to pace without waiting.
 */
export interface PaceClock {
  nowMs(): number
  sleep(ms: number, signal?: AbortSignal): Promise<void>
}

export const realPace: PaceClock = {
  nowMs: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise((resolve) => {
      if (signal?.aborted) return resolve()
      const timer = setTimeout(done, Math.max(0, ms))
      signal?.addEventListener('abort', done, { once: true })
      function done() {
        clearTimeout(timer)
        signal?.removeEventListener('abort', done)
        resolve()
      }
    }),
}
