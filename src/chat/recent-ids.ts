/** A bounded memory of recently seen keys (oldest forgotten first), for acting once on redelivery. */
export class RecentKeys {
  readonly #seen = new Set<string>()
  constructor(private readonly capacity = 10_000) {}

  /** True the first time `key` is offered; false while it is remembered. */
  firstTime(key: string): boolean {
    if (this.#seen.has(key)) return false
    this.#seen.add(key)
    if (this.#seen.size > this.capacity) this.#seen.delete(this.#seen.values().next().value!)
    return true
  }
}
