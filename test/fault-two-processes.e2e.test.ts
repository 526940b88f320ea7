import { afterAll, describe, expect, it } from 'vitest'
import { AccountsRepository } from '../src/outbox/accounts.repository.js'
import { startTsx, waitFor, type Running } from './support/child-process.js'
import { createPostgres, type TestDatabase } from './support/database.js'

const postgres = process.env.POSTGRES_TEST_URL
const NINE = new Date('2026-12-04T09:00:00+08:00')
const JOBS = 1000
const GROUPS = 20
const GAP_MS = 100

interface Sent {
  account: string
  roomId: string
  text: string
  at: number
}

function parsed(process: Running): Array<{ sent?: Sent; ran?: number; at?: number }> {
  return process
    .output()
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as { sent?: Sent; ran?: number; at?: number })
}

/**
 * Two bot accounts, each its own operating-system process with its own outbox and scheduler, on
 * one PostgreSQL, with 1,000 reminders due at once over 20 groups (10 owned by each account; the
 * first account is also in three of the second's groups). Each job runs once, each reminder goes
 * once, from the account that owns its group, and no group hears two messages closer than the pace.
 */
describe.skipIf(!postgres)('two bot processes on one PostgreSQL with 1,000 due jobs (needs POSTGRES_TEST_URL; skipped without it)', () => {
  let database: TestDatabase
  const running: Running[] = []
  afterAll(async () => {
    for (const process of running) if (process.child.exitCode === null) process.child.kill('SIGKILL')
    await database?.close()
  })

  it('GIVEN 1,000 due reminders over groups of two accounts WHEN both processes start at once THEN each runs once and each message goes once, from its group’s account, paced', async () => {
    database = await createPostgres(postgres!, {})
    const accounts = new AccountsRepository(database.db)
    const rooms = Array.from({ length: GROUPS }, (_, i) => `room${i}@chatroom`)
    const ownerOf = (roomId: string) => (rooms.indexOf(roomId) < GROUPS / 2 ? 'wxid_bot_a' : 'wxid_bot_b')
    for (const [i, roomId] of rooms.entries()) await accounts.seen(ownerOf(roomId), { roomId, contactId: `wxid_member${i}` }, NINE)
    for (const roomId of rooms.slice(GROUPS / 2, GROUPS / 2 + 3)) await accounts.seen('wxid_bot_a', { roomId, contactId: 'wxid_member_x' }, new Date(NINE.getTime() + 1000))
    // Seeded in one statement (as JobRepository.schedule writes them): the test is about running them.
    await database.db.job.createMany({
      data: Array.from({ length: JOBS }, (_, n) => ({ kind: 'remind', key: `remind:${n}`, dueAt: NINE, payload: JSON.stringify({ roomId: rooms[n % GROUPS], n }), state: 'pending', createdAt: NINE })),
    })

    const env = { DATABASE_URL: database.url, GAP_MS: String(GAP_MS), JOBS_NOW: NINE.toISOString() }
    const bots = ['wxid_bot_a', 'wxid_bot_b'].map((account) => startTsx('test/support/account-process.ts', { ...env, ACCOUNT: account }))
    running.push(...bots)
    for (const bot of bots) await waitFor('the account process did not start', () => (bot.output().includes('"ready"') ? true : undefined), bot)
    const started = Date.now()
    for (const bot of bots) bot.send('go')
    const sends = () => bots.flatMap((bot) => parsed(bot).flatMap((line) => (line.sent ? [line.sent] : [])))
    await waitFor(`fewer than ${JOBS} reminders sent`, () => (sends().length >= JOBS ? true : undefined), bots[0]!, 150_000)
    const drainedMs = Date.now() - started
    await new Promise((resolve) => setTimeout(resolve, 1500)) // room for a second copy to show up
    for (const bot of bots) bot.send('stop')
    for (const bot of bots) expect(await bot.exited).toBe(0)

    const runs = bots.flatMap((bot) => parsed(bot).flatMap((line) => (line.ran === undefined ? [] : [line.ran])))
    const jobsRunMs = Math.max(...bots.flatMap((bot) => parsed(bot).flatMap((line) => (line.ran === undefined ? [] : [line.at! - started]))))
    expect(runs).toHaveLength(JOBS)
    expect(new Set(runs).size).toBe(JOBS)
    expect(await database.db.job.count({ where: { state: 'done' } })).toBe(JOBS)
    const sent = sends()
    const texts = sent.map((s) => s.text)
    const lost = JOBS - new Set(texts).size
    const duplicated = texts.length - new Set(texts).size
    expect(lost).toBe(0)
    expect(duplicated).toBe(0)
    const wrongAccount = sent.filter((s) => s.account !== ownerOf(s.roomId)).length
    expect(wrongAccount).toBe(0)
    const gaps = rooms.flatMap((roomId) => {
      const at = sent.filter((s) => s.roomId === roomId).map((s) => s.at).sort((a, b) => a - b)
      return at.slice(1).map((t, i) => t - at[i]!)
    })
    const tooClose = gaps.filter((gap) => gap < GAP_MS - 5).length
    expect(tooClose).toBe(0)
    expect(await database.db.outboxMessage.count({ where: { state: { not: 'sent' } } })).toBe(0)
    const retried = await database.db.outboxMessage.count({ where: { attempts: { gt: 1 } } })
    const byAccount = Object.fromEntries(['wxid_bot_a', 'wxid_bot_b'].map((a) => [a, sent.filter((s) => s.account === a).length]))
    console.log(`two processes, one PostgreSQL: ${JOBS} jobs injected, ${sent.length} sent (${JSON.stringify(byAccount)}), lost ${lost}, duplicated ${duplicated}, wrong account ${wrongAccount}, retried ${retried}, ${tooClose} of ${gaps.length} per-group gaps under ${GAP_MS} ms (smallest ${Math.min(...gaps)} ms), all jobs run in ${jobsRunMs} ms, all sent in ${drainedMs} ms`)
  }, 240_000)
})
