import { defineConfig } from 'vitest/config'

/**
 * Every test runs on SQLite. When POSTGRES_TEST_URL is set (CI sets it; so can you), the
 * database-backed conversation and repository tests run a second time on PostgreSQL.
 *
 * Two files at a time (this is a 2-core machine, and most files wait on the database, the
 * simulator or a child process); then one at a time, on SQLite and then on PostgreSQL, the files
 * that inject faults and bound how long recovery takes (a SIGKILL, the database going away): the
 * timings they assert would otherwise measure a neighbour's load, not the bot's recovery.
 */
const postgres = process.env.POSTGRES_TEST_URL
const measuresRecovery = ['test/fault-*.test.ts']
const everything = ['src/**/*.test.ts', 'handlers/**/*.test.ts', 'test/**/*.test.ts']
const onPostgresToo = { include: ['test/**/*.test.ts'], exclude: ['test/**/*.e2e.test.ts'], env: { TEST_DATABASE_URL: postgres ?? '' } }

/**
 * Group 0 runs two files at a time; each later group one file at a time, after the group before
 * it. Group 0's files share their worker's loaded modules (isolate: false): each file importing
 * the whole bot afresh took a fifth of the run. The fault files keep a fresh process each.
 */
function project(name: string, test: { include: string[]; exclude?: string[]; env?: Record<string, string> }, groupOrder: number) {
  return {
    extends: true as const,
    test: { ...test, name, maxWorkers: groupOrder === 0 ? 2 : 1, isolate: groupOrder !== 0, sequence: { groupOrder } },
  }
}

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    globalSetup: ['test/support/test-run.ts'],
    projects: [
      project('sqlite', { include: everything, exclude: measuresRecovery }, 0),
      project('sqlite-faults', { include: measuresRecovery }, 1),
      ...(postgres
        ? [
            project('postgres', { ...onPostgresToo, exclude: [...onPostgresToo.exclude, ...measuresRecovery] }, 0),
            project('postgres-faults', { ...onPostgresToo, include: measuresRecovery }, 2),
          ]
        : []),
    ],
  },
})
