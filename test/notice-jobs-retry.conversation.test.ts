import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createCapabilities } from '../src/capabilities/index.js'
import type { Scheduler } from '../src/scheduler/scheduler.js'
import { ADMIN_TOKEN, Bench, FRIDAY_10AM, type Group, type Person } from './support/conversation.js'
import { schedulerFailingFirstFinish } from './support/failing-finish.js'

const MINUTE = 60_000
const HOUR = 60 * MINUTE
const STREET = '外滩街道党委'
const later = (at: Date, ms: number) => new Date(at.getTime() + ms)

/**
 * D1: the commit that queues a job's messages fails once for every job — after the automatic
 * nudge has already taken its 30-minute claim on the notice. The retry a minute later queues
 * every copy and every nudge, each exactly once.
 */
describe('notice jobs when the commit of their messages fails once', () => {
  let bench: Bench
  let scheduler: Scheduler
  let failedJobs: Set<number>
  let admin: Person, streetSecretary: Person, branchSecretary: Person, zhang: Person, li: Person, wang: Person
  let street: Group, branch: Group

  beforeEach(async () => {
    bench = await Bench.start()
    ;({ scheduler, failedJobs } = schedulerFailingFirstFinish(bench))
    admin = bench.person('管理员')
    streetSecretary = bench.person('街道周书记')
    branchSecretary = bench.person('王书记')
    zhang = bench.person('张三')
    li = bench.person('李四')
    wang = bench.person('王五')
    street = bench.group('街道党委群', [admin, streetSecretary])
    branch = bench.group('第一党支部群', [admin, branchSecretary, zhang, li, wang])
    expect(await bench.dm(admin, `认证 ${ADMIN_TOKEN}`)).toEqual([expect.stringContaining('认证成功')])
    expect(await street.ask(admin, `绑定 ${STREET} 党委`)).toContain(`本群已绑定到「${STREET}」`)
    expect(await street.ask(streetSecretary, `登记 ${streetSecretary.name} 正式党员`)).toContain('已登记')
    expect(await street.ask(admin, `任命 @${streetSecretary.name} 书记`)).toContain('已任命')
    expect(await branch.ask(admin, `绑定 第一党支部 党支部 上级 ${STREET}`)).toContain('本群已绑定到「第一党支部」')
    for (const p of [branchSecretary, zhang, li, wang]) expect(await branch.ask(p, `登记 ${p.name} 正式党员`)).toContain('已登记')
    expect(await branch.ask(admin, `任命 @${branchSecretary.name} 书记`)).toContain('已任命')
  })
  afterEach(() => bench.close())

  const outboxTo = async (group: Group) => bench.db.outboxMessage.findMany({ where: { toId: group.roomId }, orderBy: { id: 'asc' } })
  const nudgesIn = async (group: Group) => (await outboxTo(group)).filter((m) => m.text.startsWith('请尽快确认通知'))
  async function runAt(at: Date): Promise<void> {
    bench.clock.set(at)
    await scheduler.tick()
  }
  async function post(): Promise<number> {
    return Number(/^📢 通知 #(\d+)：/.exec(await branch.ask(branchSecretary, '通知 周五下午3点开支部党员大会'))![1])
  }

  it('GIVEN the automatic nudge fails after taking its claim THEN its retry still @-mentions those who have not acknowledged, once', async () => {
    const id = await post()
    await branch.ask(zhang, '收到')
    const due = later(FRIDAY_10AM, 24 * HOUR)
    await runAt(due)
    expect(failedJobs.size).toBe(1)
    // The claim was written; the messages were not.
    expect((await bench.db.notice.findUniqueOrThrow({ where: { id } })).lastNudgedAt).toEqual(due)
    expect(await nudgesIn(branch)).toEqual([])

    await runAt(later(due, MINUTE))
    const nudge = [`请尽快确认通知 #${id}「周五下午3点开支部党员大会」，回复「收到」即可。`, [li.contactId, wang.contactId]]
    expect((await nudgesIn(branch)).map((m) => [m.text, JSON.parse(m.mentionIds)])).toEqual([nudge])
    // Its claim still holds: an officer's 催办 right after is refused, and nothing runs again.
    expect(await branch.ask(branchSecretary, `催办 #${id}`)).toContain('刚催办过')
    await runAt(later(due, 2 * HOUR))
    expect((await nudgesIn(branch)).map((m) => [m.text, JSON.parse(m.mentionIds)])).toEqual([nudge])
  })

  it('GIVEN an officer nudged shortly before THEN the automatic nudge gives way, on its retry too', async () => {
    const id = await post()
    const due = later(FRIDAY_10AM, 24 * HOUR)
    bench.clock.set(later(due, -10 * MINUTE))
    expect(await branch.say(branchSecretary, `催办 #${id}`)).toHaveLength(1)
    await runAt(due)
    await runAt(later(due, MINUTE))
    await runAt(later(due, 2 * MINUTE))
    expect(await nudgesIn(branch)).toEqual([])
    expect(await bench.db.job.findFirstOrThrow({ where: { key: `notice:${id}:nudge` }, select: { state: true } })).toEqual({ state: 'done' })
  })

  it('GIVEN 通知下级 and a 催办 from above fail once each THEN the copy and the nudge reach the branch group exactly once', async () => {
    const sent = await street.ask(streetSecretary, '通知下级 请各支部于12月10日前报送组织生活会方案。')
    const [original, copy] = /^已向 1 个下级组织发送通知 #(\d+)：第一党支部\(#(\d+)\)/.exec(sent)?.slice(1).map(Number) ?? []
    expect(copy, sent).toBeDefined()
    await runAt(FRIDAY_10AM)
    expect(await outboxTo(branch)).toEqual([])
    await runAt(later(FRIDAY_10AM, MINUTE))
    expect((await outboxTo(branch)).map((m) => m.text)).toEqual([`📢 通知 #${copy}（来自「${STREET}」）：请各支部于12月10日前报送组织生活会方案。\n请回复「收到」确认。`])

    await branch.ask(zhang, '收到')
    const nudgedAt = later(FRIDAY_10AM, HOUR)
    bench.clock.set(nudgedAt)
    expect(await street.ask(streetSecretary, `催办 #${original}`)).toContain('共 3 人未确认')
    await runAt(nudgedAt)
    expect(await nudgesIn(branch)).toEqual([])
    await runAt(later(nudgedAt, MINUTE))
    await runAt(later(nudgedAt, 10 * MINUTE))
    expect((await nudgesIn(branch)).map((m) => JSON.parse(m.mentionIds))).toEqual([[branchSecretary.contactId, li.contactId, wang.contactId]])
    expect(failedJobs.size).toBe(2)
    expect(await outboxTo(branch)).toHaveLength(2)
  })

  it('GIVEN a job run twice THEN its message carries the same idempotency key, naming the notice', async () => {
    const id = await post()
    const { jobs } = createCapabilities(bench.db, { timeZone: 'Asia/Shanghai', adminToken: ADMIN_TOKEN })
    const keys = async () =>
      [
        ...(await jobs['notice.deliver']!({ noticeId: id }, FRIDAY_10AM)),
        ...(await jobs['notice.nudge']!({ noticeId: id, auto: true }, later(FRIDAY_10AM, 24 * HOUR))),
        ...(await jobs['notice.nudge']!({ noticeId: id, auto: false, requestedAt: 1234 }, FRIDAY_10AM)),
      ].map((m) => m.idempotencyKey)
    const first = await keys()
    expect(first).toEqual([`notice:${id}:deliver`, `notice:${id}:nudge:auto`, `notice:${id}:nudge:1234`])
    expect(await keys()).toEqual(first)
    await expect(jobs['notice.nudge']!({ noticeId: id }, FRIDAY_10AM)).rejects.toThrow()
  })
})
