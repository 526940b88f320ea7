import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startFaultBot, until, type FaultBot } from './support/fault-bot.js'

/**
 * On PostgreSQL a message's write shares a transaction with other messages' writes and with its
 * own replies (group commit). When that COMMIT fails, nothing of the message was saved and the bot
 * runs it again. Everything the first run wrote must be rolled back with it, the audit row too:
 * otherwise the log says an officer did twice what was done once. (SQLite commits each write by
 * itself and holds no shared transaction: there is no second run to test there.)
 */
describe.runIf(Boolean(process.env.TEST_DATABASE_URL))('a shared COMMIT that fails under a message (PostgreSQL)', () => {
  let bot: FaultBot
  let room: Awaited<ReturnType<FaultBot['branch']>>

  beforeAll(async () => {
    bot = await startFaultBot()
    room = await bot.branch(['王五', '赵六'])
  })
  afterAll(() => bot?.stop())

  it('GIVEN the COMMIT of 代报名 fails once THEN the member is signed up once, told once, and the audit log has one row', async () => {
    const [wangwu] = room.members
    // The set-up's replies are sent first: the one COMMIT that fails must be this message's.
    await until(async () => (await bot.database.db.outboxMessage.count({ where: { state: { in: ['queued', 'sending'] } } })) === 0)
    const before = bot.botSaid(room.roomId).length
    bot.faults.failingCommits = 1

    bot.sim.sayInGroup(room.roomId, room.admin, `代报名 @王五 #${room.activityId} 电话报名`)
    const said = (await bot.waitForBot(room.roomId, before + 1)).slice(before)

    expect(bot.faults.injected).toBe(1)
    expect(said).toEqual([`王五 报名成功：#${room.activityId}「学习会」（已报 1 人）`])
    const signUps = await bot.database.db.signUp.findMany({ where: { activityId: room.activityId }, include: { member: true } })
    expect(signUps.map((row) => [row.member.contactId, row.status, row.note])).toEqual([[wangwu!.id, 'confirmed', '电话报名']])
    const audit = await bot.database.db.auditLog.findMany({ where: { action: 'activity.signup-for' } })
    expect(audit.map((row) => [row.actorContactId, row.targetContactId])).toEqual([[room.admin, wangwu!.id]])
    // Nothing more comes: the first run's reply went with the rollback.
    await new Promise((resolve) => setTimeout(resolve, 300))
    expect(bot.botSaid(room.roomId).slice(before)).toHaveLength(1)
  })
})
