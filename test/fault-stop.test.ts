import { afterEach, describe, expect, it } from 'vitest'
import { startFaultBot, until, type FaultBot } from './support/fault-bot.js'

/**
 * Stopping (SIGTERM, a deploy) closes the database last, after the work still on its way: the
 * messages already taken and the logout that stopping causes. Closing it under a write lost the
 * write and, on PostgreSQL, left Prisma holding a connection in a transaction that never ended:
 * the stop then hung until it gave up (14 s in the tests, about one stop in six on PostgreSQL).
 */
describe('a clean stop', () => {
  let bot: FaultBot
  // Stopping again is harmless; it also removes the bot's files.
  afterEach(() => bot.stop())

  /** Holds back the statements `matching` by 300 ms (a busy server); resolves `reached` when the first one comes. */
  function slow(matching: (sql: string) => boolean): { reached: () => boolean } {
    let reached = false
    bot.faults.beforeStatement = async (sql) => {
      if (!matching(sql)) return
      reached = true
      await new Promise((resolve) => setTimeout(resolve, 300))
    }
    return { reached: () => reached }
  }

  it('GIVEN recording the logout is slow WHEN the bot stops THEN the logout is recorded before the database closes, and the stop does not hang', async () => {
    bot = await startFaultBot()
    const loggedInAs = bot.zhibu.bot.currentUser.id
    slow((sql) => sql.startsWith('UPDATE') && sql.includes('BotAccount') && sql.includes('loggedOutAt'))
    const started = Date.now()
    await bot.zhibu.stop()
    const stopMs = Date.now() - started
    const account = await bot.database.db.botAccount.findUnique({ where: { account: loggedInAs } })
    expect(account?.loggedOutAt).toBeInstanceOf(Date)
    // SHUTDOWN_FLUSH_SECONDS is 1 here: a stop that gave up waiting would take 5 s.
    expect(stopMs).toBeLessThan(3000)
  })

  it('GIVEN a member’s 报名 is being saved (slowly) WHEN the bot stops THEN the sign-up and its reply are saved before the database closes', async () => {
    bot = await startFaultBot()
    const { members, roomId, activityId } = await bot.branch(['张三'])
    const write = slow((sql) => sql.includes('INSERT INTO') && sql.includes('SignUp'))
    bot.sim.sayInGroup(roomId, members[0]!.id, `报名 #${activityId}`)
    await until(write.reached)
    await bot.zhibu.stop()
    expect(await bot.database.db.signUp.count({ where: { activityId, status: 'confirmed' } })).toBe(1)
    const replies = await bot.database.db.outboxMessage.findMany({ where: { toId: roomId, text: { contains: '张三 报名成功' } } })
    expect(replies).toHaveLength(1)
  })
})
