// The committed migrations of one folder (prisma/migrations or prisma/postgres/migrations), as
// both migration runners and `prisma migrate` see them: folder name, SQL, and Prisma's checksum
// (sha256 of the file's bytes).
import { createHash } from 'node:crypto'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'

/** The committed migrations in `folder`, oldest first: folder name, SQL and checksum. */
export function committedMigrations(folder) {
  return readdirSync(folder, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(path.join(folder, entry.name, 'migration.sql')))
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const bytes = readFileSync(path.join(folder, name, 'migration.sql'))
      return { name, sql: bytes.toString('utf8'), checksum: createHash('sha256').update(bytes).digest('hex') }
    })
}
