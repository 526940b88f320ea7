import type { Bench } from './conversation.js'

const COUNTED = ['organization', 'groupBinding', 'member', 'roleAssignment', 'superAdmin', 'activity', 'signUp', 'auditLog', 'job', 'outboxMessage', 'meeting', 'attendance', 'studyLog', 'duesAssessment', 'duesPayment', 'notice', 'noticeAck'] as const

/** The row counts of the main tables, and on SQLite the connection's change counter (it catches updates). */
export async function snapshot(bench: Bench): Promise<string> {
  const db = bench.db as unknown as Record<string, { count(): Promise<number> }>
  const counts = await Promise.all(COUNTED.map(async (t) => `${t}=${await db[t]!.count()}`))
  if (process.env.TEST_DATABASE_URL) return counts.join(' ')
  const [changes] = await bench.db.$queryRawUnsafe<Array<{ n: bigint | number }>>('SELECT total_changes() AS n')
  return [...counts, `changes=${Number(changes!.n)}`].join(' ')
}
