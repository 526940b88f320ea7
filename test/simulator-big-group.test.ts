import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { LIVE_ADMIN_TOKEN, LiveBot } from './support/live-bot.js'

/**
 * A street-size world: more people than wechaty-puppet's default contact cache (500) and a full
 * 500-member WeChat group. The first messages in the group must still be answered promptly.
 */
describe('a 500-member group in a world of 1,200 people (more than twice the puppet’s default contact cache)', () => {
  let live: LiveBot
  let roomId: string
  let people: string[]

  beforeAll(async () => {
    live = await LiveBot.start()
    const { sim } = live
    people = Array.from({ length: 1200 }, (_, i) => sim.createContact(`成员${i + 1}`).id)
    roomId = sim.createGroup('街道第一党支部群', people.slice(0, 500)).id
  }, 60_000)
  afterAll(() => live.stop())

  it('GIVEN the group is bound THEN a member’s 登记 is answered within seconds', async () => {
    const admin = people[0]!
    const member = people[499]!
    const started = Date.now()
    expect(await live.askPrivately(admin, `认证 ${LIVE_ADMIN_TOKEN}`)).toContain('认证成功')
    const before = live.botMessages(roomId).length
    live.sim.sayInGroup(roomId, admin, '绑定 第一党支部')
    expect((await live.waitForBot(roomId, before + 1, 20_000)).at(-1)!.text).toContain('本群已绑定')
    live.sim.sayInGroup(roomId, member, '登记 成员500')
    expect((await live.waitForBot(roomId, before + 2, 20_000)).at(-1)!.text).toContain('已登记')
    console.log(`bind + 登记 in a 500-member group answered in ${Date.now() - started} ms`)
  }, 60_000)

  it('GIVEN every person of the street is looked up THEN the simulator puppet still caches all 1,200 (the default cache keeps 500)', async () => {
    const { puppet } = live.sim
    for (const id of people) await puppet.contactPayload(id)
    expect(people.filter((id) => !puppet.cache.contact.has(id))).toEqual([])
  }, 60_000)
})
