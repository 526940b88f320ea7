/**
 * Work an event handler starts and does not wait for (a message being handled; what WeChat's
 * login and logout write to the database). A stop waits for it before closing what it uses: a
 * write still on its way when the database closed was lost, and on PostgreSQL it left Prisma
 * holding a connection in a transaction that never ended, so closing the pool waited until the
 * stop gave up.
 */
export class BackgroundWork {
  readonly #running = new Set<Promise<void>>()

  /** Runs `work` in the background; a failure goes to `onError` (never an unhandled rejection). */
  start(work: () => Promise<unknown>, onError: (error: unknown) => void): void {
    const running: Promise<void> = Promise.resolve()
      .then(work)
      .then(
        () => undefined,
        (error: unknown) => onError(error),
      )
      .finally(() => this.#running.delete(running))
    this.#running.add(running)
  }

  /** Resolves once the work started so far has ended (and what it started in turn). */
  async settled(): Promise<void> {
    while (this.#running.size > 0) await Promise.all(this.#running)
  }
}
