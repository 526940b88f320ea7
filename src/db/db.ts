import type { PrismaClient } from '../generated/sqlite/client.js'

/**
 * The database handle the repositories receive. Both generated clients come from one schema
 * (prisma/postgres/schema.prisma is derived from prisma/schema.prisma), so they share this shape.
 */
export type Db = PrismaClient
