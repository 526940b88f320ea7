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
