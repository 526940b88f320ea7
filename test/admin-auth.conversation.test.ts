import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ADMIN_TOKEN, Bench } from './support/conversation.js'

/** 认证 cannot be guessed: wrong tries slow down, each is audited, and a token typed in a group is burned. */
describe('认证 under attack', () => {
  let bench: Bench
  beforeEach(async () => {
    bench = await Bench.start()
  })
  afterEach(() => bench.close())

  const failures = async () => (await bench.db.auditLog.findMany({ where: { action: 'admin.authenticate-failed' } })).length

  it('GIVEN five wrong tokens from one contact THEN even the right one waits 10 minutes, and each failure is audited without the token', async () => {
    const guesser = bench.person('猜测者')
    for (let i = 0; i < 5; i++) expect(await bench.dm(guesser, `认证 wrong-token-${i}-xxxxxxxx`)).toEqual(['令牌不正确。'])
    const [locked] = await bench.dm(guesser, `认证 ${ADMIN_TOKEN}`)
    expect(locked).toContain('10 分钟后再试')
    expect(await bench.db.superAdmin.count()).toBe(0)
    expect(await failures()).toBe(6)
    const details = (await bench.db.auditLog.findMany()).map((row) => row.detail).join()
    expect(details).not.toContain('wrong-token')
    expect(details).not.toContain(ADMIN_TOKEN)

    bench.clock.set(new Date(bench.clock.now().getTime() + 10 * 60_000 + 1000))
    expect((await bench.dm(guesser, `认证 ${ADMIN_TOKEN}`)).join()).toContain('认证成功')
  })

  it('GIVEN 20 wrong tokens from 20 contacts within a minute THEN everyone waits, the one with the right token too', async () => {
    for (let i = 0; i < 20; i++) await bench.dm(bench.person(`路人${i}`), `认证 guess-${i}-yyyyyyyyyyyy`)
    const [busy] = await bench.dm(bench.person('管理员'), `认证 ${ADMIN_TOKEN}`)
    expect(busy).toContain('过于频繁')
    bench.clock.set(new Date(bench.clock.now().getTime() + 61_000))
    expect((await bench.dm(bench.person('管理员二'), `认证 ${ADMIN_TOKEN}`)).join()).toContain('认证成功')
  })

  it('GIVEN the real token typed in a group THEN the group is told it is burned, and it no longer works privately', async () => {
    const careless = bench.person('粗心的人')
    const group = bench.group('第一支部群', [careless])
    expect(await group.ask(careless, `认证 ${ADMIN_TOKEN}`)).toContain('作废')
    expect((await bench.dm(careless, `认证 ${ADMIN_TOKEN}`)).join()).toContain('已经作废')
    expect(await bench.db.superAdmin.count()).toBe(0)
  })

  it('GIVEN a wrong token typed in a group THEN it is only told to use a private chat, and nothing is burned', async () => {
    const member = bench.person('成员')
    const group = bench.group('第一支部群', [member])
    expect(await group.ask(member, '认证 not-the-token-zzzzzz')).toContain('私聊')
    expect((await bench.dm(member, `认证 ${ADMIN_TOKEN}`)).join()).toContain('认证成功')
  })

  it('GIVEN 帮助 in a group THEN 认证 is not listed; privately it is', async () => {
    const person = bench.person('某人')
    const group = bench.group('未绑定的群', [person])
    expect((await group.say(person, '帮助')).join()).not.toContain('认证')
    expect((await bench.dm(person, '帮助')).join()).toContain('认证')
  })
})
