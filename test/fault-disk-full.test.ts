import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startFaultBot, until, type FaultBot } from './support/fault-bot.js'

const CANNOT_SAVE = '暂时无法保存，请稍后再发'

/**
 * A full disk, simulated by a driver whose COMMITs and writes fail (nothing is really filled):
 * the bot answers every member without the database, says it is unhealthy, logs the error once,
 * recovers by itself when writes succeed again, and still stops in time.
 */
describe('a full disk while members sign up', () => {
  let bot: FaultBot
  let room: Awaited<ReturnType<FaultBot['branch']>>

  beforeAll(async () => {
    bot = await startFaultBot()
    room = await bot.branch(Array.from({ length: 10 }, (_, i) => `成员${i + 1}`))
  })
  afterAll(() => bot?.stop())

  it('GIVEN the disk is full WHEN ten members type 报名 THEN each is told 暂时无法保存 and health says why', async () => {
    // The set-up's last replies are sent first: a write still under way when the disk fills would
    // succeed after the first failure, and rightly count as a recovery (a second error line).
    await until(async () => (await bot.database.db.outboxMessage.count({ where: { state: { in: ['queued', 'sending'] } } })) === 0)
    await new Promise((resolve) => setTimeout(resolve, 50))
    const errorsBefore = bot.logs.errors().length
    const before = bot.botSaid(room.roomId).length
    bot.faults.mode = 'diskFull'
    bot.clock.advance(10_000)
    for (const m of room.members) bot.sim.sayInGroup(room.roomId, m.id, `报名 #${room.activityId}`)
    const said = (await bot.waitForBot(room.roomId, before + 10)).slice(before)
    expect(said).toHaveLength(10)
    for (const m of room.members) expect(said).toContain(`@${m.name} ${CANNOT_SAVE}`)
    expect(bot.faults.injected).toBeGreaterThanOrEqual(10)

    const health = await bot.health()
    expect(health.status).toBe(503)
    expect(health.body.reason).toContain('database or disk is full')
    // One line for the whole fault, not one per message (nor per failed send loop).
    expect(bot.logs.errors().length - errorsBefore).toBe(1)
    expect(await bot.database.db.signUp.count()).toBe(0)
  })

  it('WHEN the disk has room again THEN health is 200 within seconds and 报名 works (nothing stayed wedged)', async () => {
    bot.faults.mode = 'none'
    const recoveryMs = await until(async () => (await bot.health()).status === 200, 5000)
    console.log(`disk full: injected ${bot.faults.injected} failures, recovered in ${recoveryMs} ms`)
    bot.clock.advance(10_000)
    for (const m of room.members) expect(await bot.ask(room.roomId, m.id, `报名 #${room.activityId}`)).toContain(`${m.name} 报名成功`)
    expect(await bot.database.db.signUp.count({ where: { status: 'confirmed' } })).toBe(10)
  })

  it('GIVEN the disk is full WHEN the bot is stopped THEN it stops within SHUTDOWN_FLUSH_SECONDS + 5 s', async () => {
    bot.faults.mode = 'diskFull'
    bot.clock.advance(10_000)
    bot.sim.sayInGroup(room.roomId, room.members[0]!.id, `取消报名 #${room.activityId}`)
    await until(() => bot.botSaid(room.roomId).at(-1)!.includes(CANNOT_SAVE))
    const started = Date.now()
    await bot.zhibu.stop()
    expect(Date.now() - started).toBeLessThan((1 + 5) * 1000)
    bot.faults.mode = 'none'
  })
})
