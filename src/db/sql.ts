import { empty, join, raw, sqltag } from '@prisma/client/runtime/client'

/**
 * Prisma's tagged SQL for `$queryRaw` (`sql`, `join`, `empty`, `raw`), from the runtime both
 * generated clients share: a repository that builds SQL imports it from here, never from one
 * generated client (that would load the SQLite client into a PostgreSQL bot, or the other way).
 */
export const Prisma = { sql: sqltag, join, empty, raw }

export type { Sql } from '@prisma/client/runtime/client'
