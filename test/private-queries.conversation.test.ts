import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Bench, type Group, type Person } from './support/conversation.js'

/** Officers work in private chat: queries and reports answer there, for the organisation they lead. */
describe('officers ask privately', () => {
  let bench: Bench
  let group: Group
  let secretary: Person
  let member: Person
  let noticeId: number
  beforeAll(async () => {
    bench = await Bench.start()
    const admin = bench.person('管理员')
    secretary = bench.person('王书记')
    member = bench.person('张三')
    group = await bench.branch('第一支部群', '第一党支部', admin, secretary, [member])
    const posted = await group.ask(secretary, '通知 周五下午开支部大会')
    noticeId = Number(/#(\d+)/.exec(posted)![1])
    await group.say(member, '收到')
  })
  afterAll(() => bench.close())

  it('GIVEN the secretary privately sends 考勤 本月 THEN the answer comes privately, for her branch', async () => {
    const replies = await bench.send({ conversation: { kind: 'private', contactId: secretary.contactId }, sender: secretary, text: '考勤 本月', mentions: [] })
    expect(replies.length).toBeGreaterThan(0)
    expect(replies.every((r) => !r.privateTo || r.privateTo === secretary.contactId)).toBe(true)
    expect(replies.map((r) => r.text).join()).toContain('第一党支部')
  })

  it('GIVEN the secretary privately sends 通知情况 #n THEN who has acknowledged comes privately', async () => {
    const text = (await bench.dm(secretary, `通知情况 #${noticeId}`)).join('\n')
    expect(text).toContain('已确认 1/')
    expect(text).toContain('张三')
  })

  it('GIVEN the secretary privately sends 导出 考勤 本月 THEN the xlsx comes privately', async () => {
    const replies = await bench.send({ conversation: { kind: 'private', contactId: secretary.contactId }, sender: secretary, text: '导出 考勤 本月', mentions: [] })
    expect(replies.some((r) => r.file?.name.endsWith('.xlsx'))).toBe(true)
  })

  it.each(['统计', '三会一课', '成员'])('GIVEN the secretary privately sends %s THEN it is answered, not sent back to the group', async (text) => {
    const reply = (await bench.dm(secretary, text)).join('\n')
    expect(reply).not.toContain('请在已绑定的群里使用')
    expect(reply).not.toContain('无权')
  })

  it('GIVEN a plain member privately sends 考勤 本月 THEN it is refused', async () => {
    expect((await bench.dm(member, '考勤 本月')).join()).toContain('无权')
  })
})
