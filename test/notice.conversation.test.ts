import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Scheduler } from '../src/scheduler/scheduler.js'
import { Bench, FRIDAY_10AM, type Group, type Person } from './support/conversation.js'

const MINUTE = 60_000
const HOUR = 60 * MINUTE

function idOf(reply: string): number {
  const match = /^📢 通知 #(\d+)：/.exec(reply)
  if (!match) throw new Error(`not a notice: ${reply}`)
  return Number(match[1])
}

/** A branch posts notices in its own group; members acknowledge with 收到; officers follow up. */
describe('notices in one branch group', () => {
  let bench: Bench
  let scheduler: Scheduler
  let admin: Person, secretary: Person, a: Person, b: Person, c: Person, outsider: Person
  let branch: Group

  beforeEach(async () => {
    bench = await Bench.start()
    scheduler = bench.scheduler
    admin = bench.person('管理员')
    secretary = bench.person('王书记')
    a = bench.person('张三')
    b = bench.person('李四')
    c = bench.person('王五')
    outsider = bench.person('路人')
    branch = await bench.branch('第一党支部群', '第一党支部', admin, secretary, [a, b, c], [outsider])
  })
  afterEach(() => bench.close())

  const outbox = () => bench.db.outboxMessage.findMany({ orderBy: { id: 'asc' } })
  const acksOf = async (noticeId: number) =>
    (await bench.db.noticeAck.findMany({ where: { noticeId }, orderBy: { id: 'asc' }, include: { member: true } })).map((r) => r.member.name)
  async function runAt(at: Date): Promise<void> {
    bench.clock.set(at)
    await scheduler.tick()
  }
  async function postNotice(text = '通知 本周五下午3点开支部党员大会'): Promise<number> {
    return idOf(await branch.ask(secretary, text))
  }

  describe('通知', () => {
    it('GIVEN a notice over two lines THEN the group sees it as typed (line breaks, full-width punctuation), numbered, and asked for 收到', async () => {
      const reply = await branch.ask(secretary, '通知 本周五下午3点开支部党员大会，\n请带好笔记本（学习用）。')
      const id = idOf(reply)
      expect(reply).toBe(`📢 通知 #${id}：本周五下午3点开支部党员大会，\n请带好笔记本（学习用）。\n请回复「收到」确认。`)
      const notice = await bench.db.notice.findUniqueOrThrow({ where: { id } })
      expect(notice).toMatchObject({ text: '本周五下午3点开支部党员大会，\n请带好笔记本（学习用）。', byContactId: secretary.contactId, parentId: null, createdAt: FRIDAY_10AM })
      expect(await bench.db.job.findMany({ select: { kind: true, key: true, dueAt: true, state: true } })).toEqual([
        { kind: 'notice.nudge', key: `notice:${id}:nudge`, dueAt: new Date(FRIDAY_10AM.getTime() + 24 * HOUR), state: 'pending' },
      ])
    })

    it('GIVEN 发通知, ＃通知 or /通知 with full-width punctuation and a line break THEN the notice keeps them as typed', async () => {
      const typed = '周六 上午9点：党员大会（带笔记本）， 请准时。\n地点：三楼'
      for (const command of ['发通知', '＃通知', '/通知']) {
        const reply = await branch.ask(secretary, `${command} ${typed}`)
        expect(reply).toBe(`📢 通知 #${idOf(reply)}：${typed}\n请回复「收到」确认。`)
      }
      expect((await bench.db.notice.findMany({ select: { text: true } })).map((n) => n.text)).toEqual([typed, typed, typed])
    })

    it('GIVEN a plain member THEN 通知 is refused with 无权 and no notice is made', async () => {
      expect(await branch.ask(a, '通知 明天聚餐')).toContain('无权')
      expect(await bench.db.notice.count()).toBe(0)
      expect(await bench.db.job.count()).toBe(0)
    })

    it('GIVEN 通知 without content THEN the form is shown', async () => {
      expect(await branch.ask(secretary, '通知')).toBe('格式：通知 <内容>\n例如：通知 本周五下午3点在党群服务中心开支部党员大会，请准时参加。')
      expect(await bench.db.notice.count()).toBe(0)
    })
  })

  describe('the secrecy guard', () => {
    it.each([
      ['机密', '通知 机密文件请到办公室阅看', '通知未发送：内容含「机密」字样，疑似涉密或正式文件。'],
      ['秘密', '通知 关于秘密文件的传达', '通知未发送：内容含「秘密」字样'],
      ['〔2026〕15号', '通知 请学习中组发〔2026〕15号文件', '通知未发送：内容含文号「〔2026〕15号」'],
      ['a full-width ［2026］15号, normalised to [2026]15号', '通知 请学习［２０２６］１５号文件', '通知未发送：内容含文号「[2026]15号」'],
      ['（2026）15号', '通知 依据（2026）15号执行', '通知未发送：内容含文号「(2026)15号」'],
    ])('GIVEN a notice with %s THEN it is refused with the reason and nothing is written or sent', async (_what, text, reason) => {
      const auditBefore = await bench.db.auditLog.count()
      const reply = await branch.ask(secretary, text)
      expect(reply).toContain(reason)
      expect(reply).toContain('涉密不上网')
      expect(await bench.db.notice.count()).toBe(0)
      expect(await bench.db.job.count()).toBe(0)
      await scheduler.tick()
      expect(await outbox()).toEqual([])
      expect(await bench.db.auditLog.count()).toBe(auditBefore)
    })

    it('GIVEN 保密意识教育 THEN the notice goes out (保密 alone is about secrecy, not a secret)', async () => {
      const id = await postNotice('通知 下周二开展保密意识教育，请勿在群里转发涉密材料')
      expect(await bench.db.notice.findUniqueOrThrow({ where: { id } })).toMatchObject({ text: '下周二开展保密意识教育，请勿在群里转发涉密材料' })
    })
  })

  describe('收到', () => {
    it('GIVEN 收到 twice THEN one acknowledgement, the second says 已确认过, both coalescible under ack:<id>', async () => {
      const id = await postNotice()
      expect(await branch.replies(a, '收到')).toEqual([{ text: `张三 已确认收到通知 #${id}（1/3）`, coalesceKey: `ack:${id}` }])
      expect(await branch.replies(a, '收到')).toEqual([{ text: `张三 已确认过通知 #${id}。`, coalesceKey: `ack:${id}` }])
      expect(await branch.ask(a, `收到 #${id}`)).toBe(`张三 已确认过通知 #${id}。`)
      expect(await acksOf(id)).toEqual(['张三'])
      expect((await bench.db.noticeAck.findFirstOrThrow()).at).toEqual(FRIDAY_10AM)
    })

    it('GIVEN someone not registered THEN 收到 gets the 登记 hint and no acknowledgement', async () => {
      const id = await postNotice()
      expect(await branch.ask(outsider, '收到')).toBe('你还没有登记。请先发送：登记 <姓名> [正式党员|预备党员|发展对象|入党积极分子]')
      expect(await acksOf(id)).toEqual([])
    })

    it('GIVEN two open notices THEN a bare 收到 takes the latest, the next one the earlier, then 已确认过', async () => {
      const first = await postNotice('通知 周五开会')
      bench.clock.set(new Date(FRIDAY_10AM.getTime() + 5 * MINUTE))
      const second = await postNotice('通知 周六志愿服务')
      expect(await branch.ask(a, '收到')).toBe(`张三 已确认收到通知 #${second}（1/3）`)
      expect(await branch.ask(a, '收到了')).toBe(`张三 已确认收到通知 #${first}（1/3）`)
      expect(await branch.ask(a, '收到！')).toBe(`张三 已确认过通知 #${second}。`)
      expect(await branch.ask(b, `收到 #${first}`)).toBe(`李四 已确认收到通知 #${first}（2/3）`)
      expect(await acksOf(first)).toEqual(['张三', '李四'])
      expect(await acksOf(second)).toEqual(['张三'])
    })

    it('GIVEN no notice in the last 30 days THEN a bare 收到 is ordinary chat: no reply, nothing written', async () => {
      expect(await branch.say(a, '收到')).toEqual([])
      await postNotice()
      bench.clock.set(new Date(FRIDAY_10AM.getTime() + 31 * 24 * HOUR))
      expect(await branch.say(a, '收到 谢谢')).toEqual([])
      expect(await bench.db.noticeAck.count()).toBe(0)
    })

    it('GIVEN an unknown number THEN it says so', async () => {
      await postNotice()
      expect(await branch.ask(a, '收到 #999')).toBe('本组织没有编号为 #999 的通知。')
      expect(await bench.db.noticeAck.count()).toBe(0)
    })
  })

  describe('通知情况', () => {
    it('GIVEN some have acknowledged THEN the officer gets the names privately and the group only 已私信你', async () => {
      const id = await postNotice('通知 本周五下午3点开支部党员大会\n地点：党群服务中心')
      await branch.say(a, '收到')
      await branch.say(c, '收到')
      expect(await branch.replies(secretary, `通知情况 #${id}`)).toEqual([
        { text: '已私信你。', mentionIds: [secretary.contactId] },
        {
          privateTo: secretary.contactId,
          text: `通知 #${id}「本周五下午3点开支部党员大会」（第一党支部）\n已确认 2/3 人：张三、王五\n未确认 1 人：李四\n发送「催办 #${id}」提醒未确认的人。`,
        },
      ])
    })

    it('GIVEN a plain member THEN 通知情况 is refused with 无权', async () => {
      const id = await postNotice()
      expect(await branch.ask(a, `通知情况 #${id}`)).toContain('无权')
    })
  })

  describe('催办', () => {
    it('GIVEN some have not acknowledged THEN 催办 @-mentions exactly them (not the sender), once per 30 minutes', async () => {
      const id = await postNotice()
      await branch.say(b, '收到')
      expect(await branch.replies(secretary, `催办 #${id}`)).toEqual([
        { text: `请尽快确认通知 #${id}「本周五下午3点开支部党员大会」，回复「收到」即可。`, mentionIds: [a.contactId, c.contactId] },
      ])
      expect(await branch.say(secretary, `催办 #${id}`)).toEqual([
        `通知 #${id} 刚催办过。为免打扰，同一通知 30 分钟内只催办一次，请在 11月27日(周五) 10:30 之后再试。`,
      ])

      bench.clock.set(new Date(FRIDAY_10AM.getTime() + 29 * MINUTE))
      expect(await branch.ask(secretary, `催办 #${id}`)).toContain('刚催办过')
      await branch.say(a, '收到')
      bench.clock.set(new Date(FRIDAY_10AM.getTime() + 30 * MINUTE))
      expect(await branch.say(secretary, `催办 #${id}`)).toEqual([`@王五 请尽快确认通知 #${id}「本周五下午3点开支部党员大会」，回复「收到」即可。`])
      expect((await bench.db.notice.findUniqueOrThrow({ where: { id } })).lastNudgedAt).toEqual(new Date(FRIDAY_10AM.getTime() + 30 * MINUTE))
    })

    it('GIVEN everyone has acknowledged THEN 催办 says there is no one to nudge and mentions no one', async () => {
      const id = await postNotice()
      for (const p of [a, b, c]) await branch.say(p, '收到')
      expect(await branch.replies(secretary, `催办 #${id}`)).toEqual([{ text: `通知 #${id} 已全部确认，无需催办。` }])
      expect((await bench.db.notice.findUniqueOrThrow({ where: { id } })).lastNudgedAt).toBeNull()
    })

    it('GIVEN a plain member THEN 催办 is refused with 无权', async () => {
      const id = await postNotice()
      expect(await branch.ask(a, `催办 #${id}`)).toContain('无权')
      expect((await bench.db.notice.findUniqueOrThrow({ where: { id } })).lastNudgedAt).toBeNull()
    })
  })

  describe('the automatic nudge 24 hours after a notice', () => {
    const DAY_LATER = new Date(FRIDAY_10AM.getTime() + 24 * HOUR)

    it('GIVEN two have not acknowledged THEN one group message @-mentions only those two, once', async () => {
      const id = await postNotice()
      await branch.say(c, '收到')
      await runAt(new Date(DAY_LATER.getTime() - MINUTE))
      expect(await outbox()).toEqual([])
      await runAt(DAY_LATER)
      const rows = await outbox()
      expect(rows).toHaveLength(1)
      expect(rows[0]).toMatchObject({ toKind: 'group', toId: branch.roomId, text: `请尽快确认通知 #${id}「本周五下午3点开支部党员大会」，回复「收到」即可。` })
      expect(JSON.parse(rows[0]!.mentionIds)).toEqual([a.contactId, b.contactId])
      expect((await bench.db.job.findUniqueOrThrow({ where: { key: `notice:${id}:nudge` } })).state).toBe('done')
      await runAt(new Date(DAY_LATER.getTime() + HOUR))
      expect(await outbox()).toHaveLength(1)
    })

    it('GIVEN everyone has acknowledged THEN the job runs and sends nothing', async () => {
      const id = await postNotice()
      for (const p of [a, b, c]) await branch.say(p, '收到')
      await runAt(DAY_LATER)
      expect(await outbox()).toEqual([])
      expect((await bench.db.job.findUniqueOrThrow({ where: { key: `notice:${id}:nudge` } })).state).toBe('done')
    })

    it('GIVEN an officer nudged 10 minutes before THEN the automatic nudge gives way and sends nothing', async () => {
      const id = await postNotice()
      bench.clock.set(new Date(DAY_LATER.getTime() - 10 * MINUTE))
      expect(await branch.replies(secretary, `催办 #${id}`)).toEqual([expect.objectContaining({ mentionIds: [a.contactId, b.contactId, c.contactId] })])
      await runAt(DAY_LATER)
      expect(await outbox()).toEqual([])
    })
  })
})
