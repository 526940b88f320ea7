import { defineConfig } from 'vitest/config'

/**
 * Every test runs on SQLite. When POSTGRES_TEST_URL is set (CI sets it; so can you), the
 * database-backed conversation and repository tests run a second time on PostgreSQL.
 */
const postgres = process.env.POSTGRES_TEST_URL

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    projects: [
      {
        extends: true as const,
        test: { name: 'sqlite', include: ['src/**/*.test.ts', 'handlers/**/*.test.ts', 'test/**/*.test.ts'] },
      },
      ...(postgres
        ? [
            {
              extends: true as const,
              test: {
                name: 'postgres',
                include: ['test/**/*.test.ts'],
                exclude: ['test/**/*.e2e.test.ts'],
                env: { TEST_DATABASE_URL: postgres },
              },
            },
          ]
        : []),
    ],
  },
})
