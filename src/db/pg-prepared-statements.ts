import { createHash } from 'node:crypto'
import pg from 'pg'

/** Distinct statements a connection keeps prepared; further ones (Prisma's `IN (…)` lists of every length) go unnamed. */
const MOST_PREPARED_PER_CONNECTION = 500

/**
 * Prisma's pg adapter sends every statement unnamed, so PostgreSQL parses and plans it at each
 * run: about half of the server's work for the bot's one-row writes. This client names each
 * statement by a hash of its text, so a connection parses and plans it once and then only binds
 * and executes it (the SQLite side has the same in statement-cache.ts). pg marks a name prepared
 * only when the server confirmed the parse, and a protocol-level prepared statement outlives a
 * rollback, so a failed statement leaves nothing behind. A pooler in front of PostgreSQL must keep
 * prepared statements per session (PgBouncer's session mode, or 1.21+ with max_prepared_statements).
 */
export class PreparingClient extends pg.Client {
  readonly #names = new Map<string, string>()

  constructor(config?: string | pg.ClientConfig) {
    super(config)
    const query = this.query.bind(this) as (...args: unknown[]) => unknown
    this.query = ((config: unknown, ...rest: unknown[]) => query(this.#named(config), ...rest)) as pg.Client['query']
  }

  #named(config: unknown): unknown {
    if (typeof config !== 'object' || config === null) return config
    const { text, name } = config as { text?: unknown; name?: unknown }
    if (typeof text !== 'string' || name !== undefined) return config
    let named = this.#names.get(text)
    if (named === undefined) {
      if (this.#names.size >= MOST_PREPARED_PER_CONNECTION) return config
      this.#names.set(text, (named = `zhibu_${createHash('sha1').update(text).digest('base64url').slice(0, 24)}`))
    }
    return { ...config, name: named }
  }
}
