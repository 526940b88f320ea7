import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Reply } from '../src/chat/reply.js'
import { Bench, type Group, type Person } from './support/conversation.js'

/**
 * Officers post privately: 通知, 发起活动 and 安排 sent to the bot go to the organisation's group
 * (the same announcement as typed there), and the officer gets the number back privately.
 */
describe('officers post to their group from private chat', () => {
  let bench: Bench
  let admin: Person
  let secretary: Person
  let twoHats: Person
  let member: Person
  let first: Group
  let second: Group

  const dm = (who: Person, text: string): Promise<Reply[]> =>
    bench.send({ conversation: { kind: 'private', contactId: who.contactId }, sender: who, text, mentions: [] })
  const orgId = async (name: string) => (await bench.db.organization.findUniqueOrThrow({ where: { name } })).id
  const toGroup = (replies: Reply[], group: Group) => replies.filter((r) => r.toRoom === group.roomId).map((r) => r.text)
  const toAsker = (replies: Reply[]) => replies.filter((r) => !r.toRoom && !r.privateTo).map((r) => r.text)

  beforeAll(async () => {
    bench = await Bench.start()
    admin = bench.person('管理员')
    secretary = bench.person('王书记')
    twoHats = bench.person('李委员')
    member = bench.person('张三')
    first = await bench.branch('第一支部群', '第一党支部', admin, secretary, [member, twoHats])
    second = await bench.branch('第二支部群', '第二党支部', admin, twoHats, [])
    expect(await first.ask(admin, `任命 @${twoHats.name} 组织委员`)).toContain('已任命')
  })
  afterAll(() => bench.close())

  it('GIVEN a secretary with one office WHEN she sends 通知 privately THEN it is posted in her group and she gets the number', async () => {
    const replies = await dm(secretary, '通知 周五下午3点开支部党员大会，请准时参加。')
    const notice = await bench.db.notice.findFirstOrThrow({ where: { orgId: await orgId('第一党支部') }, orderBy: { id: 'desc' } })
    expect(notice.text).toBe('周五下午3点开支部党员大会，请准时参加。')
    expect(toGroup(replies, first)).toEqual([`📢 通知 #${notice.id}：周五下午3点开支部党员大会，请准时参加。\n请回复「收到」确认。`])
    expect(toAsker(replies)).toEqual([`已发到「第一党支部」群：📢 通知 #${notice.id}：周五下午3点开支部党员大会，请准时参加。`])
    // The group answers it as any notice.
    await first.say(member, '收到')
    expect((await bench.dm(secretary, `通知情况 #${notice.id}`)).join()).toContain('已确认 1/')
  })

  it('GIVEN a secretary with one office WHEN her private 通知 has 组织 as a word of its text THEN it is posted in her group with the whole text', async () => {
    const replies = await dm(secretary, '通知 请各 组织 委员 周五前交材料')
    const notice = await bench.db.notice.findFirstOrThrow({ where: { orgId: await orgId('第一党支部') }, orderBy: { id: 'desc' } })
    expect(notice.text).toBe('请各 组织 委员 周五前交材料')
    expect(toGroup(replies, first)).toEqual([`📢 通知 #${notice.id}：请各 组织 委员 周五前交材料\n请回复「收到」确认。`])
    expect(toAsker(replies)).toEqual([`已发到「第一党支部」群：📢 通知 #${notice.id}：请各 组织 委员 周五前交材料`])
    // 组织 <名> at its end, naming her branch, still picks the organisation and leaves the text.
    const named = await dm(secretary, '通知 请各 组织 委员 周五前交材料 组织 第一党支部')
    const row = await bench.db.notice.findFirstOrThrow({ where: { orgId: await orgId('第一党支部') }, orderBy: { id: 'desc' } })
    expect(row.text).toBe('请各 组织 委员 周五前交材料')
    expect(toGroup(named, first)).toHaveLength(1)
  })

  it('GIVEN a secretary WHEN she sends 发起活动 privately THEN the activity is her branch’s and announced in its group', async () => {
    const replies = await dm(secretary, '发起活动 社区志愿服务 时间 下周六上午9点 地点 外滩社区 名额 20')
    const activity = await bench.db.activity.findFirstOrThrow({ where: { orgId: await orgId('第一党支部') }, orderBy: { id: 'desc' } })
    expect(activity).toMatchObject({ title: '社区志愿服务', place: '外滩社区', capacity: 20 })
    expect(toGroup(replies, first).join()).toContain(`已发起活动 #${activity.id}「社区志愿服务」`)
    expect(toAsker(replies)).toEqual([`已发到「第一党支部」群：已发起活动 #${activity.id}「社区志愿服务」`])
    expect(await first.ask(member, `报名 #${activity.id}`)).toContain('报名成功')
  })

  it('GIVEN a secretary WHEN she sends 安排 privately THEN the meeting is her branch’s and announced in its group', async () => {
    const replies = await dm(secretary, '安排 党课 时间 12月3日 19:00 主题 学习党章')
    const meeting = await bench.db.meeting.findFirstOrThrow({ where: { orgId: await orgId('第一党支部') }, orderBy: { id: 'desc' } })
    expect(meeting).toMatchObject({ type: '党课', topic: '学习党章' })
    expect(toGroup(replies, first).join()).toContain(`#${meeting.id}`)
    expect(toAsker(replies).join()).toMatch(new RegExp(`^已发到「第一党支部」群：已安排 .*#${meeting.id}`))
  })

  it('GIVEN an officer of two branches WHEN she sends 通知 privately without 组织 THEN she is asked which, and nothing is written', async () => {
    const before = await bench.db.notice.count()
    const replies = await dm(twoHats, '通知 明天打扫活动室')
    expect(replies.map((r) => r.text).join()).toMatch(/你在 2 个组织可以使用此命令：(第一党支部、第二党支部|第二党支部、第一党支部)/)
    expect(replies.some((r) => r.toRoom)).toBe(false)
    expect(await bench.db.notice.count()).toBe(before)
  })

  it('GIVEN an officer of two branches WHEN she names the branch with 组织 THEN each command posts in that branch’s group, without the 组织 words', async () => {
    const notice = await dm(twoHats, '通知 明天打扫活动室 组织 第二党支部')
    const row = await bench.db.notice.findFirstOrThrow({ where: { orgId: await orgId('第二党支部') }, orderBy: { id: 'desc' } })
    expect(row.text).toBe('明天打扫活动室')
    expect(toGroup(notice, second)).toHaveLength(1)
    expect(toGroup(notice, first)).toHaveLength(0)
    expect(toAsker(notice)).toEqual([`已发到「第二党支部」群：📢 通知 #${row.id}：明天打扫活动室`])

    const activity = await dm(twoHats, '发起活动 植树 时间 下周六上午9点 组织 第二党支部')
    const activityRow = await bench.db.activity.findFirstOrThrow({ where: { orgId: await orgId('第二党支部') } })
    expect(activityRow.title).toBe('植树')
    expect(toGroup(activity, second).join()).toContain(`#${activityRow.id}「植树」`)

    const meeting = await dm(twoHats, '安排 支委会 时间 12月4日 19:00 组织 第一党支部')
    const meetingRow = await bench.db.meeting.findFirstOrThrow({ where: { orgId: await orgId('第一党支部'), type: '支委会' } })
    expect(toGroup(meeting, first).join()).toContain(`#${meetingRow.id}`)
    expect(toAsker(meeting).join()).toContain('已发到「第一党支部」群')
  })

  it.each(['通知 明天开会', '发起活动 植树 时间 下周六上午9点', '安排 党课 时间 12月3日 19:00'])(
    'GIVEN a plain member WHEN they send %s privately THEN it is refused and nothing is written or posted',
    async (text) => {
      const counts = async () => [await bench.db.notice.count(), await bench.db.activity.count(), await bench.db.meeting.count()]
      const before = await counts()
      const replies = await dm(member, text)
      expect(replies.map((r) => r.text).join()).toContain('无权')
      expect(replies.some((r) => r.toRoom)).toBe(false)
      expect(await counts()).toEqual(before)
    },
  )

  it('GIVEN an organisation with no bound group WHEN the super-admin posts to it privately THEN the answer says so and nothing is written', async () => {
    await bench.db.organization.create({ data: { name: '外滩街道综合经济党委', type: '党委' } })
    const before = await bench.db.notice.count()
    const replies = await dm(admin, '通知 请报送材料 组织 外滩街道综合经济党委')
    expect(replies.map((r) => r.text)).toEqual(['「外滩街道综合经济党委」还没有绑定微信群，无法发到群里。请先在该组织的群里发送「绑定 外滩街道综合经济党委」。'])
    expect(await bench.db.notice.count()).toBe(before)
  })
})
