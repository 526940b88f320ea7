// Prisma CLI configuration. The JS schema engine (engine: 'js' with a driver adapter) lets
// `prisma migrate deploy` run offline: no engine binary is downloaded (design.md §6-7).
import path from 'node:path'
import { defineConfig } from 'prisma/config'

process.env.DATABASE_URL ??= 'file:./data/zhibu.db'
const url = process.env.DATABASE_URL
const isPostgres = /^postgres(ql)?:\/\//.test(url)

export default defineConfig({
  experimental: { adapter: true },
  engine: 'js',
  schema: isPostgres ? path.join('prisma', 'postgres', 'schema.prisma') : path.join('prisma', 'schema.prisma'),
  migrations: {
    path: isPostgres ? path.join('prisma', 'postgres', 'migrations') : path.join('prisma', 'migrations'),
  },
  async adapter() {
    if (isPostgres) {
      const { PrismaPg } = await import('@prisma/adapter-pg')
      // pg does not know Prisma's `?schema=`: hand it to the adapter and put it on the search path.
      const parsed = new URL(url)
      const schema = parsed.searchParams.get('schema')
      parsed.searchParams.delete('schema')
      if (!schema) return new PrismaPg({ connectionString: url })
      parsed.searchParams.set('options', `-c search_path="${schema}"`)
      return new PrismaPg({ connectionString: parsed.toString() }, { schema })
    }
    const { PrismaBetterSQLite3 } = await import('@prisma/adapter-better-sqlite3')
    return new PrismaBetterSQLite3({ url })
  },
})
