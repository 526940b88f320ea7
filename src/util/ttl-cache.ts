/**
 * A small read-through cache for data that changes rarely (group bindings, offices). Entries
 * expire after `ttlMs` of monotonic time, so other processes' changes show up within it; this
 * process's own changes delete the entry at once.
 */
export class TtlCache<K, V> {
  readonly #entries = new Map<K, { value: Promise<V>; expires: number }>()

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 10_000,
    private readonly now: () => number = () => performance.now(),
  ) {}

  get(key: K, load: () => Promise<V>): Promise<V> {
    const hit = this.#entries.get(key)
    const now = this.now()
    if (hit && hit.expires > now) return hit.value
    const value = load()
    this.#entries.set(key, { value, expires: now + this.ttlMs })
    value.catch(() => this.#entries.delete(key))
    if (this.#entries.size > this.maxEntries) this.#entries.delete(this.#entries.keys().next().value!)
    return value
  }

  delete(key: K): void {
    this.#entries.delete(key)
  }

  clear(): void {
    this.#entries.clear()
  }
}
