import { afterAll, describe, expect, it } from 'vitest'
import { killableBot, KILL_ADMIN_TOKEN, waitUntil, type KillableBot } from './support/killed-bot.js'

/** 250 members, each signing up for two activities: 500 报名 (the simulator slows down past ~500 contacts). */
const MEMBERS = 250
const SIGN_UPS = 2 * MEMBERS

/**
 * Fault suite: 500 报名 in one burst (250 members, two activities each) and the bot (a child
 * process) is killed with SIGKILL once about half of them were told 报名成功 (the last 100 are sent
 * only after the kill). After a restart on the same database,
 * everyone the chat saw told is signed up (0 acknowledged lost), and every sign-up the database
 * holds is eventually told (the queued confirmations survive the kill too).
 */
describe('SIGKILL during 500 报名', () => {
  let bot: KillableBot
  afterAll(async () => {
    if (bot) expect(await bot.stop()).toBe(0)
  })

  it('GIVEN 500 报名 in a burst WHEN the bot is SIGKILLed halfway THEN every member told 报名成功 is signed up after the restart', async () => {
    bot = await killableBot()
    const secretary = (await bot.api('POST', '/api/contacts', { name: '王书记' })).json.id as string
    const members: Array<{ id: string; name: string }> = []
    for (let i = 1; i <= MEMBERS; i++) {
      const name = `党员${i}`
      members.push({ id: (await bot.api('POST', '/api/contacts', { name })).json.id as string, name })
    }
    const room = (await bot.api('POST', '/api/groups', { topic: '第一党支部', memberIds: [secretary, ...members.map((m) => m.id)] })).json.id as string
    const messages = `/api/groups/${encodeURIComponent(room)}/messages`
    const say = async (text: string) => {
      const before = bot.botSaid(room).length
      await bot.api('POST', messages, { from: secretary, text })
      await waitUntil(() => bot.botSaid(room).length > before, `a reply to ${text}`)
    }
    await bot.api('POST', `/api/contacts/${encodeURIComponent(secretary)}/messages`, { text: `认证 ${KILL_ADMIN_TOKEN}` })
    await waitUntil(() => bot.botSaid(secretary).length > 0, 'the authentication reply')
    await say('绑定 第一党支部')
    await say('登记 王书记')
    await say('发起活动 支部大会 时间 2030-01-01 09:00')
    await say('发起活动 主题党日 时间 2030-01-02 09:00')
    const [first, second] = (await bot.db.activity.findMany({ orderBy: { id: 'asc' } })).map((a) => a.id)
    // The 250 are registered as 登记 would have done it (250 登记 would only slow the test down).
    const registered = await bot.db.member.findFirstOrThrow()
    await bot.db.member.createMany({
      data: members.map((m) => ({ orgId: registered.orgId, contactId: m.id, name: m.name, stage: registered.stage, category: registered.category, registeredAt: registered.registeredAt })),
    })

    // Told: a confirmation line in what the chat received (a burst's go out merged, a line each).
    const told = () => new Set(bot.botSaid(room).flatMap((text) => text.split('\n')).flatMap((line) => /(党员\d+) 报名成功：#(\d+)/.exec(line)?.slice(1, 3).join(' #') ?? []))
    // The sender holds back the last fifth until the kill: replies to a burst go out merged, so on
    // a slow machine one message could carry every remaining confirmation before the kill lands.
    let killed!: () => void
    const afterKill = new Promise<void>((resolve) => (killed = resolve))
    const holdAt = SIGN_UPS - SIGN_UPS / 5
    const sending = (async () => {
      let sentCount = 0
      for (const m of members) {
        for (const activity of [first, second]) {
          if (sentCount++ === holdAt) await afterKill
          const sent = await bot.api('POST', messages, { from: m.id, text: `报名 #${activity}` }).catch(() => null)
          if (!sent) return // the process is gone
        }
      }
    })()
    await waitUntil(() => told().size >= SIGN_UPS / 2, 'half of the confirmations', 60_000)
    await bot.kill()
    killed()
    await sending
    const toldBeforeKill = told()
    expect(toldBeforeKill.size).toBeLessThan(SIGN_UPS) // the kill landed mid-burst
    const restarted = Date.now()
    await bot.restart()
    const recoveryMs = Date.now() - restarted

    const signedUp = async () =>
      new Set((await bot.db.signUp.findMany({ where: { status: 'confirmed' }, select: { activityId: true, member: { select: { name: true } } } })).map((s) => `${s.member.name} #${s.activityId}`))
    const inDatabase = await signedUp()
    const lost = [...toldBeforeKill].filter((name) => !inDatabase.has(name))
    // Whatever was saved but not yet told goes out after the restart: nobody signed up in silence.
    await waitUntil(async () => (await bot.db.outboxMessage.count({ where: { state: { not: 'sent' } } })) === 0, 'an empty queue')
    const untold = [...(await signedUp())].filter((name) => name.startsWith('党员') && !told().has(name))
    console.log(`[fault] SIGKILL during ${SIGN_UPS} 报名: 1 kill injected after ${toldBeforeKill.size} confirmations reached the chat, ${inDatabase.size} signed up in the database, ${lost.length} acknowledged lost, ${untold.length} signed up but never told, restart to healthy ${recoveryMs} ms`)
    expect(lost).toEqual([])
    // A sign-up and its reply commit together (MessageScope), on both databases: none can be saved untold.
    expect(untold).toEqual([])
  }, 400_000)
})
