import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { Bench, type Group, type Person } from './support/conversation.js'

/** Members type as they talk: near-misses get an answer, fillers run the command, chatter stays silent. */
describe('talk as people talk', () => {
  let bench: Bench
  let group: Group
  let secretary: Person
  let zhang: Person
  let li: Person
  beforeEach(async () => {
    bench = await Bench.start()
    const admin = bench.person('管理员')
    secretary = bench.person('王书记')
    zhang = bench.person('张三')
    li = bench.person('李四')
    group = await bench.branch('第一支部群', '第一党支部', admin, secretary, [zhang, li])
  })
  afterEach(() => bench.close())

  const signUps = () => bench.db.signUp.count({ where: { status: { not: 'cancelled' } } })
  const publish = (title: string) => group.ask(secretary, `发起活动 ${title} 时间 下周六上午9点`)

  describe('GIVEN a group with one open activity', () => {
    beforeEach(() => publish('社区志愿服务'))

    it('WHEN a member types 我要报名 THEN they are signed up', async () => {
      expect(await group.ask(zhang, '我要报名')).toContain('报名成功')
      expect(await signUps()).toBe(1)
    })

    it('WHEN a member types 报明 THEN the bot suggests 报名 and writes nothing', async () => {
      expect(await group.ask(zhang, '报明')).toContain('你是想发「报名」吗？')
      expect(await signUps()).toBe(0)
    })

    it('WHEN someone says 今天报名的人好多啊，大家辛苦了 THEN the bot stays silent and writes nothing', async () => {
      expect(await group.say(zhang, '今天报名的人好多啊，大家辛苦了')).toEqual([])
      expect(await signUps()).toBe(0)
    })

    it.each(['+1', '＋1', '报名+1', '🙋', '我也报名', '报名了'])('WHEN a member types %s THEN they are signed up', async (text) => {
      expect((await group.say(zhang, text)).join()).toContain('报名成功')
      expect(await signUps()).toBe(1)
    })

    it.each(['好的', '哈哈', '谢谢大家', '报名表在哪里下载？', '收到'])('WHEN a member types %s THEN nothing is written and no sign-up happens', async (text) => {
      await group.say(zhang, text)
      expect(await signUps()).toBe(0)
    })
  })

  it('GIVEN two open activities WHEN a member types +1 THEN the bot asks which, and writes nothing', async () => {
    await publish('社区志愿服务')
    await publish('读书会')
    const reply = await group.ask(zhang, '+1')
    expect(reply).toContain('多个活动')
    expect(await signUps()).toBe(0)
  })

  it('GIVEN a notice WHEN a member writes 好的，收到 THEN it counts once in 通知情况, and again only says 已…', async () => {
    await group.say(secretary, '通知 周五下午开支部大会')
    expect((await group.say(zhang, '好的，收到')).join()).toContain('收到')
    await group.say(zhang, '收到，谢谢')
    expect(await bench.db.noticeAck.count()).toBe(1)
    for (const text of ['收到了', '已收到', '收到👌', 'ok收到']) await group.say(li, text)
    expect(await bench.db.noticeAck.count()).toBe(2)
  })

  it('GIVEN no notice waiting WHEN a member writes 好的，收到 THEN the bot stays silent', async () => {
    expect(await group.say(zhang, '好的，收到')).toEqual([])
  })

  it('GIVEN a private chat WHEN someone types 帮肋 THEN the bot suggests 帮助', async () => {
    expect((await bench.dm(zhang, '帮肋')).join()).toContain('「帮助」')
  })
})
