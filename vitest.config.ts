import { defineConfig } from 'vitest/config'

/**
 * Every test runs on SQLite. When POSTGRES_TEST_URL is set (CI sets it; so can you), the
 * database-backed conversation and repository tests run a second time on PostgreSQL.
 *
 * Two files at a time (this is a 2-core machine, and most files wait on the database, the
 * simulator or a child process); then, alone, the files that inject faults and bound how long
 * recovery takes (a SIGKILL, the database going away): timings they assert would measure the
 * neighbour's load, not the bot.
 */
const postgres = process.env.POSTGRES_TEST_URL
const measuresRecovery = ['test/fault-*.test.ts']
const everything = ['src/**/*.test.ts', 'handlers/**/*.test.ts', 'test/**/*.test.ts']
const onPostgresToo = { include: ['test/**/*.test.ts'], exclude: ['test/**/*.e2e.test.ts'], env: { TEST_DATABASE_URL: postgres ?? '' } }

function project(name: string, test: { include: string[]; exclude?: string[]; env?: Record<string, string> }, alone: boolean) {
  return {
    extends: true as const,
    test: { ...test, name, maxWorkers: alone ? 1 : 2, sequence: { groupOrder: alone ? 1 : 0 } },
  }
}

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    projects: [
      project('sqlite', { include: everything, exclude: measuresRecovery }, false),
      project('sqlite-faults', { include: measuresRecovery }, true),
      ...(postgres
        ? [
            project('postgres', { ...onPostgresToo, exclude: [...onPostgresToo.exclude, ...measuresRecovery] }, false),
            project('postgres-faults', { ...onPostgresToo, include: measuresRecovery }, true),
          ]
        : []),
    ],
  },
})
