import { afterAll, describe, expect, it } from 'vitest'
import { killableBot, KILL_ADMIN_TOKEN, waitUntil, type KillableBot } from './support/killed-bot.js'

const FAN_OUT = 1000
/**
 * Kill moments: after this share of the fan-out reached the chat. The last leaves 300 messages
 * (3 s at the pace below) for the kill to land in: at 90 % a loaded machine once let the last
 * 100 go out before the kill did.
 */
const KILL_AT = [0.1, 0.4, 0.7]

/**
 * Fault suite: the real bot as a child process fans out 1,000 reminders into a group, all due in
 * one scheduler tick, and is killed with SIGKILL three times (after 10 %, 40 % and 70 % reached
 * the chat), restarted each time on the same database. Counted in what the simulated chat
 * received: none lost, at most one twice per kill (the message in flight when the process died).
 */
describe('a 1,000-message fan-out killed three times', () => {
  let bot: KillableBot
  afterAll(async () => {
    if (bot) expect(await bot.stop()).toBe(0)
  })

  it('GIVEN 1,000 reminders going out WHEN the bot is SIGKILLed at 10 %, 40 % and 70 % and restarted THEN every reminder arrives, at most one twice per kill', async () => {
    // Paced so that each kill lands mid-fan-out even on a fast machine (1,000 × 10 ms ≥ 10 s).
    bot = await killableBot({ OUTBOX_CHAT_INTERVAL_MS: '10' })
    const secretary = (await bot.api('POST', '/api/contacts', { name: '王书记' })).json.id as string
    const room = (await bot.api('POST', '/api/groups', { topic: '第一党支部', memberIds: [secretary] })).json.id as string
    const say = async (text: string) => {
      const before = bot.botSaid(room).length
      await bot.api('POST', `/api/groups/${encodeURIComponent(room)}/messages`, { from: secretary, text })
      await waitUntil(() => bot.botSaid(room).length > before, `a reply to ${text}`)
    }
    await bot.api('POST', `/api/contacts/${encodeURIComponent(secretary)}/messages`, { text: `认证 ${KILL_ADMIN_TOKEN}` })
    await waitUntil(() => bot.botSaid(secretary).length > 0, 'the authentication reply')
    await say('绑定 第一党支部')
    await say('登记 王书记')
    await say('发起活动 支部大会 时间 2030-01-01 09:00')

    // 1,000 reminders of the activity, each naming its own number of hours, all due at once.
    const activity = await bot.db.activity.findFirstOrThrow()
    const dueAt = new Date('2029-12-01T10:00:00+08:00')
    await bot.db.job.createMany({
      data: Array.from({ length: FAN_OUT }, (_, i) => ({
        kind: 'activity.remind',
        key: `fanout:${i + 1}`,
        dueAt,
        payload: JSON.stringify({ activityId: activity.id, hours: i + 1 }),
        state: 'pending',
        createdAt: new Date(),
      })),
    })
    expect((await bot.api('POST', '/api/clock', { now: '2029-12-01T10:01:00+08:00' })).status).toBe(200)
    expect(await bot.db.outboxMessage.count({ where: { text: { contains: '活动提醒' } } })).toBe(FAN_OUT)

    const reminders = () => bot.botSaid(room).filter((t) => t.includes('活动提醒'))
    const recoveries: number[] = []
    for (const share of KILL_AT) {
      await waitUntil(() => reminders().length >= share * FAN_OUT, `${share * 100} % of the fan-out`)
      await bot.kill()
      const atKill = reminders().length
      expect(atKill, `the kill at ${share * 100} % landed mid-fan-out`).toBeLessThan(FAN_OUT)
      const restarted = Date.now()
      await bot.restart()
      // Recovery: from the restart until the chat receives the next reminder.
      await waitUntil(() => reminders().length > atKill, 'the first reminder after the restart')
      recoveries.push(Date.now() - restarted)
    }
    await waitUntil(() => new Set(reminders()).size === FAN_OUT, 'every reminder', 60_000)
    await waitUntil(async () => (await bot.db.outboxMessage.count({ where: { state: { not: 'sent' } } })) === 0, 'an empty queue')

    const received = reminders()
    const hours = received.map((t) => Number(/还有 (\d+) 小时/.exec(t)?.[1]))
    const distinct = new Set(hours)
    const lost = Array.from({ length: FAN_OUT }, (_, i) => i + 1).filter((h) => !distinct.has(h)).length
    const duplicated = received.length - distinct.size
    console.log(`[fault] SIGKILL during a ${FAN_OUT}-message fan-out: ${KILL_AT.length} kills injected (at ${KILL_AT.map((s) => `${s * 100} %`).join(', ')}), ${lost} lost, ${duplicated} duplicated, recovery ${recoveries.join(' / ')} ms (restart to next delivery)`)
    expect(lost).toBe(0)
    expect(duplicated).toBeLessThanOrEqual(KILL_AT.length)
  }, 400_000)
})
