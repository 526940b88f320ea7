import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startFaultBot, until, type FaultBot } from './support/fault-bot.js'

const CANNOT_SAVE = '暂时无法保存，请稍后再发'

/**
 * The database goes away for three seconds in the middle of a burst of 报名 (every statement
 * fails, reads too). Every member gets exactly one answer; whoever was told 报名成功 is signed up,
 * and nobody is signed up without being told.
 */
describe('the database down during a burst of 报名', () => {
  let bot: FaultBot
  let room: Awaited<ReturnType<FaultBot['branch']>>
  const MEMBERS = 30

  beforeAll(async () => {
    bot = await startFaultBot()
    room = await bot.branch(Array.from({ length: MEMBERS }, (_, i) => `党员${i + 1}`))
  })
  afterAll(() => bot?.stop())

  it('GIVEN 30 members type 报名, the middle ten while the database is down THEN each is answered once and nothing told is lost', async () => {
    const before = bot.botSaid(room.roomId).length
    bot.clock.advance(10_000)
    const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
    let downAt = 0
    for (const [i, m] of room.members.entries()) {
      if (i === 10) {
        bot.faults.mode = 'down'
        downAt = Date.now()
      }
      if (i === 20) {
        await pause(Math.max(0, 3000 - (Date.now() - downAt)))
        bot.faults.mode = 'none'
      }
      bot.sim.sayInGroup(room.roomId, m.id, `报名 #${room.activityId}`)
      await pause(i >= 10 && i < 20 ? 250 : 5)
    }
    // A burst's confirmations may go out merged into one message, a line each: count lines.
    const lines = () => bot.botSaid(room.roomId).slice(before).flatMap((text) => text.split('\n'))
    const answered = () => room.members.filter((m) => lines().some((l) => l.includes(`${m.name} 报名成功`) || l === `@${m.name} ${CANNOT_SAVE}`)).length
    await until(async () => answered() === MEMBERS, 15_000)
    await pause(500)
    const said = lines()
    expect(said).toHaveLength(MEMBERS) // nothing twice either

    const told = room.members.filter((m) => said.some((t) => t.includes(`${m.name} 报名成功`))).map((m) => m.name)
    const apologisedTo = room.members.filter((m) => said.includes(`@${m.name} ${CANNOT_SAVE}`)).map((m) => m.name)
    expect(told.length + apologisedTo.length).toBe(MEMBERS)
    expect(apologisedTo.length).toBeGreaterThanOrEqual(5)
    const signedUp = await bot.database.db.signUp.findMany({ where: { activityId: room.activityId, status: 'confirmed' }, select: { member: { select: { name: true } } } })
    expect(signedUp.map((s) => s.member.name).sort()).toEqual([...told].sort())

    const recoveryMs = await until(async () => (await bot.health()).status === 200, 5000)
    console.log(`database down 3 s: injected ${bot.faults.injected} failures, ${apologisedTo.length} members asked to send again, ${told.length} signed up and told, health 200 ${recoveryMs} ms after the probe`)
  })

  it('WHEN those asked to send again do so THEN all 30 are signed up', async () => {
    bot.clock.advance(10_000)
    const said = bot.botSaid(room.roomId)
    const apologisedTo = room.members.filter((m) => said.includes(`@${m.name} ${CANNOT_SAVE}`))
    for (const m of apologisedTo) expect(await bot.ask(room.roomId, m.id, `报名 #${room.activityId}`)).toContain(`${m.name} 报名成功`)
    expect(await bot.database.db.signUp.count({ where: { activityId: room.activityId, status: 'confirmed' } })).toBe(MEMBERS)
  })
})
