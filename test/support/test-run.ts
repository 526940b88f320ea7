import { randomBytes } from 'node:crypto'
import pg from 'pg'

/**
 * Vitest's global setup: names this test run (ZHIBU_TEST_RUN, inherited by the workers, which
 * name their PostgreSQL schemas after it and keep emptied ones for their next test; see
 * createPostgres), and drops the run's schemas once every file has run.
 */
export function setup(): () => Promise<void> {
  // Once for the whole run, however many projects call this.
  process.env.ZHIBU_TEST_RUN ??= randomBytes(4).toString('hex')
  const run = process.env.ZHIBU_TEST_RUN
  return async () => {
    const url = process.env.POSTGRES_TEST_URL
    if (!url) return
    const admin = new pg.Client({ connectionString: url })
    await admin.connect()
    try {
      const { rows } = await admin.query<{ name: string }>(`SELECT nspname AS name FROM pg_namespace WHERE starts_with(nspname, $1)`, [`t_${run}_`])
      for (const { name } of rows) await admin.query(`DROP SCHEMA IF EXISTS "${name}" CASCADE`)
    } finally {
      await admin.end()
    }
  }
}
