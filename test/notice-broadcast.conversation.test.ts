import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Scheduler } from '../src/scheduler/scheduler.js'
import { ADMIN_TOKEN, Bench, FRIDAY_10AM, type Group, type Person } from './support/conversation.js'

const MINUTE = 60_000
const HOUR = 60 * MINUTE
const STREET = '外滩街道综合经济党委'
const TEXT = '请各支部于12月10日前报送组织生活会方案。\n方案模板见邮箱。'

/**
 * 属地管理: a street committee sends a notice down to every branch below it. Each branch gets
 * its own copy (own #n, own acknowledgements) through a `notice.deliver` job; the committee
 * follows up on all of them at once.
 */
describe('通知下级: a street committee and two branch groups below it', () => {
  let bench: Bench
  let scheduler: Scheduler
  let admin: Person, streetSecretary: Person, zhang: Person, li: Person, wang: Person, zhao: Person, qian: Person, sun: Person, branchSecretary: Person
  let street: Group, first: Group, second: Group

  beforeEach(async () => {
    bench = await Bench.start()
    scheduler = bench.scheduler
    admin = bench.person('管理员')
    streetSecretary = bench.person('街道周书记')
    branchSecretary = bench.person('一支部吴书记')
    zhang = bench.person('张三')
    li = bench.person('李四')
    wang = bench.person('王五')
    zhao = bench.person('赵六')
    qian = bench.person('钱七')
    sun = bench.person('孙八')
    street = bench.group('街道党委群', [admin, streetSecretary])
    first = bench.group('第一党支部群', [admin, branchSecretary, zhang, li, wang])
    second = bench.group('第二党支部群', [admin, zhao, qian, sun])

    expect(await bench.dm(admin, `认证 ${ADMIN_TOKEN}`)).toEqual([expect.stringContaining('认证成功')])
    expect(await street.ask(admin, `绑定 ${STREET} 党委`)).toContain(`本群已绑定到「${STREET}」`)
    expect(await street.ask(streetSecretary, `登记 ${streetSecretary.name} 正式党员`)).toContain('已登记')
    expect(await street.ask(admin, `任命 @${streetSecretary.name} 书记`)).toContain('已任命')
    expect(await first.ask(admin, `绑定 第一党支部 党支部 上级 ${STREET}`)).toContain('本群已绑定到「第一党支部」')
    expect(await second.ask(admin, `绑定 第二党支部 党支部 上级 ${STREET}`)).toContain('本群已绑定到「第二党支部」')
    for (const p of [zhang, li, wang]) expect(await first.ask(p, `登记 ${p.name} 正式党员`)).toContain('已登记')
    for (const p of [zhao, qian, sun]) expect(await second.ask(p, `登记 ${p.name} 正式党员`)).toContain('已登记')
  })
  afterEach(() => bench.close())

  const outbox = () => bench.db.outboxMessage.findMany({ orderBy: { id: 'asc' } })
  const outboxTo = async (group: Group) => (await outbox()).filter((m) => m.toId === group.roomId)
  const mentionsTo = async (group: Group) => (await outboxTo(group)).map((m) => JSON.parse(m.mentionIds) as string[])
  async function runAt(at: Date): Promise<void> {
    bench.clock.set(at)
    await scheduler.tick()
  }
  /** Sends the broadcast and returns the numbers: the original and the copy of each branch. */
  async function broadcast(): Promise<{ original: number; firstCopy: number; secondCopy: number }> {
    const reply = await street.ask(streetSecretary, `通知下级 ${TEXT}`)
    const match = /^已向 2 个下级组织发送通知 #(\d+)：第一党支部\(#(\d+)\)、第二党支部\(#(\d+)\)/.exec(reply)
    if (!match) throw new Error(`unexpected reply: ${reply}`)
    return { original: Number(match[1]), firstCopy: Number(match[2]), secondCopy: Number(match[3]) }
  }

  it('GIVEN 通知下级 THEN each branch group receives its own numbered copy once the scheduler runs, and the acceptance flow of 收到, 通知情况 and 催办 holds', async () => {
    const reply = await street.ask(streetSecretary, `通知下级 ${TEXT}`)
    const [o, c1, c2] = /#(\d+)：第一党支部\(#(\d+)\)、第二党支部\(#(\d+)\)/.exec(reply)!.slice(1).map(Number) as [number, number, number]
    expect(reply).toBe(`已向 2 个下级组织发送通知 #${o}：第一党支部(#${c1})、第二党支部(#${c2})\n发送「通知情况 #${o}」查看各组织确认情况。`)
    const notices = await bench.db.notice.findMany({ orderBy: { id: 'asc' }, include: { org: true } })
    expect(notices.map((n) => [n.id, n.org.name, n.parentId, n.text])).toEqual([
      [o, STREET, null, TEXT],
      [c1, '第一党支部', o, TEXT],
      [c2, '第二党支部', o, TEXT],
    ])
    expect(await outbox()).toEqual([])

    // The copies go out through the outbox when the scheduler runs (the runtime ticks at once).
    await scheduler.tick()
    expect((await outboxTo(first)).map((m) => m.text)).toEqual([`📢 通知 #${c1}（来自「${STREET}」）：${TEXT}\n请回复「收到」确认。`])
    expect((await outboxTo(second)).map((m) => m.text)).toEqual([`📢 通知 #${c2}（来自「${STREET}」）：${TEXT}\n请回复「收到」确认。`])
    expect(await outboxTo(street)).toEqual([])
    await scheduler.tick()
    expect(await outbox()).toHaveLength(2)

    // Three members acknowledge, each in their own branch group.
    expect(await first.ask(zhang, '收到')).toBe(`张三 已确认收到通知 #${c1}（1/3）`)
    expect(await first.ask(li, '收到')).toBe(`李四 已确认收到通知 #${c1}（2/3）`)
    expect(await second.ask(zhao, '收到')).toBe(`赵六 已确认收到通知 #${c2}（1/3）`)
    expect(await bench.db.noticeAck.count()).toBe(3)

    // Who has not, per branch, privately to the asking officer.
    const status = await street.replies(streetSecretary, `通知情况 #${o}`)
    expect(status).toEqual([{ text: '已私信你。', mentionIds: [streetSecretary.contactId] }, { privateTo: streetSecretary.contactId, text: expect.any(String) }])
    expect(status[1]!.text).toBe(
      [
        `通知 #${o}「请各支部于12月10日前报送组织生活会方…」发往 2 个下级组织，共确认 3/6 人：`,
        `· 第一党支部(#${c1})：2/3，未确认：王五`,
        `· 第二党支部(#${c2})：1/3，未确认：钱七、孙八`,
        `发送「催办 #${o}」在各组织群里提醒未确认的人。`,
      ].join('\n'),
    )

    // 催办 mentions exactly those who have not, in each branch's group.
    expect(await street.ask(streetSecretary, `催办 #${o}`)).toBe(`已在 2 个组织的群里催办通知 #${o}（第一党支部、第二党支部），共 3 人未确认。`)
    await scheduler.tick()
    const nudge = (id: number) => `请尽快确认通知 #${id}「请各支部于12月10日前报送组织生活会方…」，回复「收到」即可。`
    expect((await outboxTo(first)).slice(1).map((m) => m.text)).toEqual([nudge(c1)])
    expect((await outboxTo(second)).slice(1).map((m) => m.text)).toEqual([nudge(c2)])
    expect((await mentionsTo(first)).slice(1)).toEqual([[wang.contactId]])
    expect((await mentionsTo(second)).slice(1)).toEqual([[qian.contactId, sun.contactId]])

    // A second 催办 within 30 minutes is refused politely and sends nothing.
    bench.clock.set(new Date(FRIDAY_10AM.getTime() + 10 * MINUTE))
    expect(await street.ask(streetSecretary, `催办 #${o}`)).toBe(`通知 #${o} 刚催办过。为免打扰，同一通知 30 分钟内只催办一次，请在 11月27日(周五) 10:30 之后再试。`)
    await scheduler.tick()
    expect(await outbox()).toHaveLength(4)

    // After 30 minutes it works again, and mentions only who is still missing.
    await second.ask(qian, '收到')
    await runAt(new Date(FRIDAY_10AM.getTime() + 30 * MINUTE))
    expect(await street.ask(streetSecretary, `催办 #${o}`)).toContain(`已在 2 个组织的群里催办通知 #${o}（第一党支部、第二党支部），共 2 人未确认。`)
    await scheduler.tick()
    expect((await mentionsTo(first)).slice(1)).toEqual([[wang.contactId], [wang.contactId]])
    expect((await mentionsTo(second)).slice(1)).toEqual([[qian.contactId, sun.contactId], [sun.contactId]])
  })

  it('GIVEN a classified-looking broadcast THEN it is refused and nothing is sent anywhere: no notice, no job, no outbox row', async () => {
    for (const text of ['请学习〔2026〕15号文件精神', '机密：年度考核名单', '参照［2026］15号执行']) {
      const reply = await street.ask(streetSecretary, `通知下级 ${text}`)
      expect(reply).toMatch(/^通知未发送：内容含(「机密」字样|文号「(〔2026〕|\[2026\])15号」)/)
      await scheduler.tick()
    }
    expect(await bench.db.notice.count()).toBe(0)
    expect(await bench.db.job.count()).toBe(0)
    expect(await outbox()).toEqual([])
    expect(await bench.db.auditLog.count({ where: { action: { startsWith: 'notice.' } } })).toBe(0)
  })

  it('GIVEN a copy below THEN a branch member acknowledges there, not the original, and the street officer may ask about the copy too', async () => {
    const { original, firstCopy } = await broadcast()
    expect(await first.ask(zhang, `收到 #${original}`)).toBe(`本组织没有编号为 #${original} 的通知。`)
    expect(await street.ask(streetSecretary, `收到 #${original}`)).toBe(`#${original} 是发往下级组织的通知，请在各下级组织的群里回复「收到」。`)
    // The original is a record of the broadcast: a bare 收到 in the street group does not take it.
    expect(await street.say(streetSecretary, '收到')).toEqual([])
    expect(await bench.db.noticeAck.count()).toBe(0)

    await first.say(zhang, `收到 #${firstCopy}`)
    const [, privately] = await street.replies(streetSecretary, `通知情况 #${firstCopy}`)
    expect(privately).toEqual({
      privateTo: streetSecretary.contactId,
      text: `通知 #${firstCopy}「请各支部于12月10日前报送组织生活会方…」（第一党支部）\n已确认 1/3 人：张三\n未确认 2 人：李四、王五\n发送「催办 #${firstCopy}」提醒未确认的人。`,
    })
  })

  it('GIVEN a branch officer THEN the original and the other branch are out of sight, and a nudge of the own copy is skipped by the street 催办 that follows', async () => {
    expect(await first.ask(branchSecretary, `登记 ${branchSecretary.name} 正式党员`)).toContain('已登记')
    expect(await first.ask(admin, `任命 @${branchSecretary.name} 书记`)).toContain('已任命')
    const { original, firstCopy, secondCopy } = await broadcast()
    expect(await first.ask(branchSecretary, `通知情况 #${original}`)).toBe(`本组织没有编号为 #${original} 的通知。`)
    expect(await first.ask(branchSecretary, `催办 #${secondCopy}`)).toBe(`本组织没有编号为 #${secondCopy} 的通知。`)

    // The branch secretary follows up in the branch group: the reply itself carries the mentions.
    expect(await first.replies(branchSecretary, `催办 #${firstCopy}`)).toEqual([
      { text: expect.stringContaining(`请尽快确认通知 #${firstCopy}`), mentionIds: [zhang.contactId, li.contactId, wang.contactId, branchSecretary.contactId] },
    ])
    bench.clock.set(new Date(FRIDAY_10AM.getTime() + 5 * MINUTE))
    expect(await street.ask(streetSecretary, `催办 #${original}`)).toBe(
      `已在 1 个组织的群里催办通知 #${original}（第二党支部），共 3 人未确认。\n第一党支部 刚催办过，本次跳过。`,
    )
    await scheduler.tick()
    expect((await mentionsTo(first)).filter((m) => m.length > 0)).toEqual([])
    expect((await mentionsTo(second)).filter((m) => m.length > 0)).toEqual([[zhao.contactId, qian.contactId, sun.contactId]])
  })

  it('GIVEN a 党小组 two levels down and an organisation with no group THEN every bound organisation below gets a copy and the unbound one is named', async () => {
    const cell = bench.group('第一党小组群', [admin, zhang])
    expect(await cell.ask(admin, '绑定 第一党小组 党小组 上级 第一党支部')).toContain('本群已绑定到「第一党小组」')
    const streetOrg = await bench.db.organization.findUniqueOrThrow({ where: { name: STREET } })
    await bench.db.organization.create({ data: { name: '第三党支部', type: '党支部', parentId: streetOrg.id, createdAt: FRIDAY_10AM } })

    const reply = await street.ask(streetSecretary, '通知下级 周一上午9点召开书记例会')
    expect(reply).toMatch(/^已向 3 个下级组织发送通知 #\d+：第一党支部\(#\d+\)、第二党支部\(#\d+\)、第一党小组\(#\d+\)\n以下组织尚未绑定群，未能送达：第三党支部\n/)
    await scheduler.tick()
    for (const group of [first, second, cell]) {
      expect((await outboxTo(group)).map((m) => m.text)).toEqual([expect.stringMatching(/^📢 通知 #\d+（来自「外滩街道综合经济党委」）：周一上午9点召开书记例会/)])
    }
    expect(await bench.db.notice.count()).toBe(4)
  })

  it('GIVEN no organisation below, or none with a group THEN 通知下级 says so and sends nothing', async () => {
    expect(await first.ask(admin, '通知下级 明天开会')).toBe('「第一党支部」没有下级组织。发给本群请用：通知 <内容>')
    const lone = bench.group('孤立党委群', [admin])
    expect(await lone.ask(admin, '绑定 孤立党委 党委')).toContain('已绑定')
    const loneOrg = await bench.db.organization.findUniqueOrThrow({ where: { name: '孤立党委' } })
    await bench.db.organization.create({ data: { name: '未绑定党支部', type: '党支部', parentId: loneOrg.id, createdAt: FRIDAY_10AM } })
    expect(await lone.ask(admin, '通知下级 明天开会')).toContain('下级组织都还没有绑定群，通知未发送：未绑定党支部')
    expect(await bench.db.notice.count()).toBe(0)
    expect(await bench.db.job.count()).toBe(0)
  })

  it('GIVEN a plain branch member THEN 通知下级 is refused with 无权', async () => {
    expect(await first.ask(zhang, '通知下级 明天开会')).toContain('无权')
    expect(await bench.db.notice.count()).toBe(0)
  })

  it('GIVEN 24 hours pass THEN each copy is nudged by itself in its own group, only where someone has not acknowledged', async () => {
    const { firstCopy } = await broadcast()
    await scheduler.tick()
    for (const p of [zhang, li, wang]) await first.say(p, '收到')
    await second.say(zhao, '收到')
    await runAt(new Date(FRIDAY_10AM.getTime() + 24 * HOUR))
    expect(await mentionsTo(first)).toEqual([[]])
    expect(await mentionsTo(second)).toEqual([[], [qian.contactId, sun.contactId]])
    expect((await bench.db.job.findUniqueOrThrow({ where: { key: `notice:${firstCopy}:nudge` } })).state).toBe('done')
  })
})
