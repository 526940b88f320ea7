/**
 * Lets timers and I/O run (the simulator's API, incoming messages) before going on. SQLite answers
 * synchronously, so a loop of thousands of writes would otherwise hold the event loop throughout:
 * long loops (a fan-out's rows, the send loop) call this between batches.
 */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve))
}
