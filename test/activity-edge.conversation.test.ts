import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { Bench, type Group, type Person } from './support/conversation.js'

/** 20 KB of UTF-8: 5 000 four-byte emoji. */
const EMOJI_20KB = '😀'.repeat(5000)
const PUBLISH_FORMAT = '格式：发起活动 <标题> 时间 <时间> [地点 <地点>] [名额 <人数>] [截止 <时间>]\n例如：发起活动 社区志愿服务 时间 下周六上午9点 地点 外滩社区 名额 20'

/** Rows in the tables activity commands write: "nothing was written" is these numbers unchanged. */
async function activityCounts(bench: Bench) {
  return {
    activities: await bench.db.activity.count(),
    openActivities: await bench.db.activity.count({ where: { status: 'open' } }),
    signUps: await bench.db.signUp.count(),
    activeSignUps: await bench.db.signUp.count({ where: { status: { in: ['confirmed', 'waitlisted'] } } }),
    audit: await bench.db.auditLog.count(),
  }
}

function idOf(reply: string): number {
  const match = /已发起活动 #(\d+)/.exec(reply)
  if (!match) throw new Error(`not a publish reply: ${reply}`)
  return Number(match[1])
}

describe('activities at the edges', () => {
  let bench: Bench
  let admin: Person, secretary: Person, a: Person, b: Person, c: Person, d: Person, e: Person
  let branch: Group

  beforeEach(async () => {
    bench = await Bench.start()
    admin = bench.person('管理员')
    secretary = bench.person('王书记')
    a = bench.person('张三')
    b = bench.person('李四')
    c = bench.person('王五')
    d = bench.person('赵六')
    e = bench.person('钱七')
    branch = await bench.branch('第一党支部群', '第一党支部', admin, secretary, [a, b, c, d, e])
  })
  afterEach(() => bench.close())

  async function publish(text: string): Promise<number> {
    return idOf(await branch.ask(secretary, text))
  }

  describe('bad input never crashes and never writes', () => {
    let id: number
    beforeEach(async () => {
      id = await publish('发起活动 学习会 时间 明天下午3点 名额 2')
      await branch.ask(a, `报名 #${id}`)
    })

    /** Asserts the exact reply and that no activity, sign-up or audit row changed. */
    async function refused(who: Person, text: string, reply: string | RegExp) {
      const before = await activityCounts(bench)
      const answer = await branch.ask(who, text)
      if (typeof reply === 'string') expect(answer).toBe(reply)
      else expect(answer).toMatch(reply)
      expect(answer).not.toContain('抱歉') // the generic apology means a crash inside
      expect(await activityCounts(bench)).toEqual(before)
    }

    it('GIVEN an unknown activity number THEN "没有编号为 #999"', async () => {
      await refused(b, '报名 #999', '本组织没有编号为 #999 的活动。')
      await refused(a, '取消报名 #999', '本组织没有编号为 #999 的活动。')
      await refused(b, '活动 #999', '本组织没有编号为 #999 的活动。')
      await refused(secretary, '取消活动 #999', '本组织没有编号为 #999 的活动。')
      await refused(secretary, '代报名 @李四 #999', '本组织没有编号为 #999 的活动。')
    })
    it('GIVEN a 10-digit activity number THEN refused, not signed up for another activity', async () => {
      const before = await activityCounts(bench)
      const reply = await branch.ask(b, '报名 #1234567890')
      expect(await activityCounts(bench)).toEqual(before)
      expect(reply).not.toContain('报名成功')
    })

    it('GIVEN #0 THEN the 格式', async () => {
      await refused(b, '报名 #0', '格式：报名 [#活动编号] [备注]\n例如：报名 #3 带两瓶水')
    })

    it('GIVEN 发起活动 alone, or without 时间, or with an empty 时间 THEN the 格式', async () => {
      await refused(secretary, '发起活动', PUBLISH_FORMAT)
      await refused(secretary, '发起活动 学习会', PUBLISH_FORMAT)
      await refused(secretary, '发起活动 学习会 地点 外滩社区', PUBLISH_FORMAT)
      await refused(secretary, '发起活动 学习会 时间', PUBLISH_FORMAT)
      await refused(secretary, '发起活动 时间 明天下午3点', PUBLISH_FORMAT)
    })

    it('GIVEN a time in the past THEN it is refused as past', async () => {
      await refused(secretary, '发起活动 学习会 时间 2020-01-01 10:00', '时间「2020-01-01 10:00」已经过去了，请填写将来的时间。')
      await refused(secretary, '发起活动 学习会 时间 今天上午9点', '时间「今天上午9点」已经过去了，请填写将来的时间。')
    })

    it('GIVEN an unreadable time THEN the accepted forms are shown', async () => {
      const forms = '明天下午3点、下周六上午9点、11月30日 9:00、2026-12-01 14:00'
      await refused(secretary, '发起活动 学习会 时间 找个时间', `看不懂时间「找个时间」。请写成：${forms}`)
      await refused(secretary, '发起活动 学习会 时间 明天下午3点开会', `看不懂时间「明天下午3点开会」。请写成：${forms}`)
      await refused(secretary, '发起活动 学习会 时间 明天下午3点 截止 随时', `看不懂时间「随时」。请写成：${forms}`)
    })

    it('GIVEN a day without an hour THEN the member is asked for the hour', async () => {
      await refused(secretary, '发起活动 学习会 时间 下周一', '「下周一」没有写几点，请补上钟点，例如：下周一上午9点')
      await refused(secretary, '发起活动 学习会 时间 明天下午', /没有写几点/)
    })

    it('GIVEN 名额 0, abc or -1 THEN the capacity message', async () => {
      for (const capacity of ['0', 'abc', '-1', '1.5', '999999']) {
        await refused(secretary, `发起活动 学习会 时间 明天下午3点 名额 ${capacity}`, '名额请填写正整数，例如：名额 20')
      }
    })

    it('GIVEN 20 KB of emoji as a message, a note or a title THEN silence or "太长", and nothing written', async () => {
      const before = await activityCounts(bench)
      expect(await branch.say(b, EMOJI_20KB)).toEqual([])
      await refused(b, `报名 #${id} ${EMOJI_20KB}`, '消息太长了（上限 2000 字），请精简后再发。')
      await refused(secretary, `发起活动 ${EMOJI_20KB} 时间 明天下午3点`, '消息太长了（上限 2000 字），请精简后再发。')
      // Under the message limit but over the title limit (60): the form is shown.
      await refused(secretary, `发起活动 ${'😀'.repeat(500)} 时间 明天下午3点`, PUBLISH_FORMAT)
      // A note over 100 characters
      await refused(b, `报名 #${id} ${'😀'.repeat(200)}`, '格式：报名 [#活动编号] [备注]\n例如：报名 #3 带两瓶水')
      expect(await activityCounts(bench)).toEqual(before)
    })

    it('GIVEN SQL-looking text THEN it is an ordinary note, and the Activity table keeps its rows', async () => {
      const before = await activityCounts(bench)
      expect(await branch.ask(b, "报名 '; DROP TABLE Activity; --")).toBe(`李四 报名成功：#${id}「学习会」（已报 2/2 人）`)
      const row = await bench.db.signUp.findFirstOrThrow({ where: { member: { contactId: b.contactId } } })
      expect(row.note).toBe("'; DROP TABLE Activity; --")
      expect(await bench.db.activity.count()).toBe(before.activities)
      expect(await bench.db.signUp.count()).toBe(before.signUps + 1)
      expect(await branch.ask(b, `活动 #${id}`)).toContain("李四（'; DROP TABLE Activity; --）")

      const title = 'x"); DELETE FROM SignUp; --'
      expect(await branch.ask(secretary, `发起活动 ${title} 时间 明天下午4点`)).toContain(`「${title}」`)
      expect(await bench.db.signUp.count()).toBe(before.signUps + 1)
      expect(await bench.db.activity.count()).toBe(before.activities + 1)
    })

    it('GIVEN 取消活动 without #n (or with extra words) THEN the 格式, and the activity stays open', async () => {
      const form = '格式：取消活动 #活动编号\n例如：取消活动 #3'
      await refused(secretary, '取消活动', form)
      await refused(secretary, '取消活动 学习会', form)
      await refused(secretary, `取消活动 #${id} 下雨`, form)
      expect((await bench.db.activity.findUniqueOrThrow({ where: { id } })).status).toBe('open')
    })

    it('GIVEN 取消报名 by someone not signed up THEN a clear message', async () => {
      await refused(c, `取消报名 #${id}`, `王五 没有报名 #${id}。`)
    })

    it('GIVEN an unregistered person THEN 报名 asks them to register first', async () => {
      const stranger = bench.person('孙八')
      branch.people.push(stranger)
      await refused(stranger, `报名 #${id}`, '你还没有登记。请先发送：登记 <姓名> [正式党员|预备党员|发展对象|入党积极分子]')
    })
  })

  describe('deadline and start', () => {
    it('GIVEN 截止 明天上午9点 THEN 报名 works before it and is refused with 截止 after it', async () => {
      const created = await branch.ask(secretary, '发起活动 志愿服务 时间 下周六上午9点 截止 明天上午9点')
      expect(created).toContain('报名截止：11月28日(周六) 09:00')
      const id = idOf(created)
      const row = await bench.db.activity.findUniqueOrThrow({ where: { id } })
      expect(row.deadline).toEqual(new Date('2026-11-28T09:00:00+08:00'))

      expect(await branch.ask(a, '报名')).toContain('张三 报名成功')
      bench.clock.set(new Date('2026-11-28T09:00:01+08:00'))
      const before = await activityCounts(bench)
      expect(await branch.ask(b, '报名')).toBe(`#${id} 报名已截止。`)
      expect(await branch.ask(b, `报名 #${id}`)).toBe(`#${id} 报名已截止。`)
      expect(await branch.ask(secretary, `代报名 @李四 #${id}`)).toBe(`#${id} 报名已截止。`)
      expect(await branch.ask(a, `取消报名 #${id}`)).toBe(`#${id} 报名已截止。`)
      expect(await activityCounts(bench)).toEqual(before)
    })

    it('GIVEN a deadline after the start THEN the activity is refused', async () => {
      const before = await activityCounts(bench)
      expect(await branch.ask(secretary, '发起活动 学习会 时间 明天下午3点 截止 下周一上午9点')).toBe('报名截止时间应早于活动开始时间。')
      expect(await activityCounts(bench)).toEqual(before)
    })

    it('GIVEN the start time has passed THEN 报名 #n is refused and nothing is written', async () => {
      const id = await publish('发起活动 学习会 时间 明天下午3点')
      bench.clock.set(new Date('2026-11-28T15:00:00+08:00'))
      const before = await activityCounts(bench)
      expect(await branch.ask(a, `报名 #${id}`)).toBe(`#${id} 已经开始或结束，不能再报名。`)
      // without a number, a started activity is no longer one of the open ones
      expect(await branch.ask(a, '报名')).toBe('本组织目前没有进行中的活动。')
      expect(await activityCounts(bench)).toEqual(before)
    })
  })

  describe('which activity', () => {
    it('GIVEN two open activities THEN 报名 without a number asks which, listing both; with #n it works', async () => {
      const first = await publish('发起活动 学习会 时间 明天下午3点')
      const second = await publish('发起活动 志愿服务 时间 下周六上午9点')
      const before = await activityCounts(bench)
      const reply = await branch.ask(a, '报名')
      expect(reply).toBe(
        `目前有多个活动，请写明编号，例如「报名 #编号」：\n#${first}「学习会」11月28日(周六) 15:00\n#${second}「志愿服务」12月5日(周六) 09:00`,
      )
      expect(await branch.ask(a, '取消报名')).toContain(`#${first}「学习会」`)
      expect(await activityCounts(bench)).toEqual(before)

      expect(await branch.ask(a, `报名 #${second}`)).toBe(`张三 报名成功：#${second}「志愿服务」（已报 1 人）`)
      expect(await branch.ask(b, `报名#${first}`)).toBe(`李四 报名成功：#${first}「学习会」（已报 1 人）`)
      const rows = await bench.db.signUp.findMany({ orderBy: { id: 'asc' }, include: { member: true } })
      expect(rows.map((r) => [r.member.name, r.activityId, r.status])).toEqual([
        ['张三', second, 'confirmed'],
        ['李四', first, 'confirmed'],
      ])
    })

    it('GIVEN no open activity THEN 报名 says 没有进行中的活动', async () => {
      expect(await branch.ask(a, '报名')).toBe('本组织目前没有进行中的活动。')
      expect(await branch.ask(a, '活动')).toBe('本组织目前没有进行中的活动。')
      const id = await publish('发起活动 学习会 时间 明天下午3点')
      await branch.ask(secretary, `取消活动 #${id}`)
      expect(await branch.ask(a, '报名')).toBe('本组织目前没有进行中的活动。')
      expect(await bench.db.signUp.count()).toBe(0)
    })
  })

  describe('代报名', () => {
    it('GIVEN an officer THEN the member is signed up with the note, and the audit log names actor and target', async () => {
      const id = await publish('发起活动 学习会 时间 明天下午3点')
      bench.clock.advance(5 * 60_000)
      expect(await branch.ask(secretary, `代报名 @王五 #${id} 电话报名`)).toBe(`王五 报名成功：#${id}「学习会」（已报 1 人）`)
      const row = await bench.db.signUp.findFirstOrThrow({ include: { member: true } })
      expect(row).toMatchObject({ activityId: id, status: 'confirmed', note: '电话报名', byContactId: secretary.contactId })
      expect(row.member.contactId).toBe(c.contactId)

      const audit = await bench.db.auditLog.findMany({ where: { action: 'activity.signup-for' } })
      expect(audit).toHaveLength(1)
      expect(audit[0]).toMatchObject({ actorContactId: secretary.contactId, targetContactId: c.contactId, at: bench.clock.now() })
      expect(JSON.parse(audit[0]!.detail)).toEqual({ activityId: id, note: '电话报名', status: 'confirmed' })
      expect(await branch.ask(a, `活动 #${id}`)).toContain('已报名 1 人：王五（电话报名）')
    })
    it('GIVEN the member is already signed up THEN 代报名 says so and writes no audit row', async () => {
      const id = await publish('发起活动 学习会 时间 明天下午3点')
      await branch.ask(c, `报名 #${id}`)
      expect(await branch.ask(secretary, `代报名 @王五 #${id}`)).toBe(`王五 已经报名 #${id}，无需重复报名。`)
      expect(await bench.db.signUp.count()).toBe(1)
      expect(await bench.db.auditLog.count({ where: { action: 'activity.signup-for' } })).toBe(0)
    })

    it('GIVEN a member signing up themself THEN no audit row', async () => {
      await publish('发起活动 学习会 时间 明天下午3点')
      await branch.ask(a, '报名 带水')
      expect(await bench.db.auditLog.count({ where: { action: 'activity.signup-for' } })).toBe(0)
    })

    it('GIVEN a plain member THEN 无权 and nothing is written', async () => {
      const id = await publish('发起活动 学习会 时间 明天下午3点')
      const before = await activityCounts(bench)
      expect(await branch.ask(a, `代报名 @王五 #${id} 电话报名`)).toContain('无权')
      expect(await activityCounts(bench)).toEqual(before)
    })

    it('GIVEN no mention, or a mention of someone not registered THEN a clear message and nothing is written', async () => {
      const id = await publish('发起活动 学习会 时间 明天下午3点')
      const stranger = bench.person('孙八')
      branch.people.push(stranger)
      const before = await activityCounts(bench)
      expect(await branch.ask(secretary, `代报名 #${id}`)).toBe('请 @ 要操作的人。格式：代报名 @某人 [#活动编号] [备注]')
      expect(await branch.ask(secretary, `代报名 @孙八 #${id}`)).toBe('孙八 还没有在本组织登记。')
      expect(await activityCounts(bench)).toEqual(before)
    })
  })

  describe('取消活动', () => {
    it('GIVEN sign-ups and a waitlist THEN the activity is cancelled, everyone is @-mentioned, and the rows stay', async () => {
      const id = await publish('发起活动 志愿服务 时间 下周六上午9点 名额 2')
      for (const p of [a, b, c]) await branch.ask(p, `报名 #${id}`)
      await branch.ask(d, `报名 #${id}`)
      await branch.ask(d, `取消报名 #${id}`) // d's cancelled row is history, d is not told again
      const signUpsBefore = await bench.db.signUp.count()

      expect(await branch.say(secretary, `取消活动 #${id}`)).toEqual([
        `@张三 @李四 @王五 活动 #${id}「志愿服务」（12月5日(周六) 09:00）已取消，报名随之取消。`,
      ])
      const activity = await bench.db.activity.findUniqueOrThrow({ where: { id } })
      expect(activity.status).toBe('cancelled')
      expect(activity.cancelledAt).toEqual(bench.clock.now())
      expect(await bench.db.signUp.count()).toBe(signUpsBefore)
      const audit = await bench.db.auditLog.findFirstOrThrow({ where: { action: 'activity.cancel' } })
      expect(audit.actorContactId).toBe(secretary.contactId)

      const before = await activityCounts(bench)
      expect(await branch.ask(e, `报名 #${id}`)).toBe(`#${id} 已取消。`)
      expect(await branch.ask(a, `取消报名 #${id}`)).toBe(`#${id} 已取消。`)
      expect(await branch.ask(secretary, `取消活动 #${id}`)).toBe(`#${id} 已取消。`)
      expect(await activityCounts(bench)).toEqual(before)
      expect(await branch.ask(e, `活动 #${id}`)).toContain(`#${id}「志愿服务」（已取消）`)
    })

    it('GIVEN nobody signed up THEN the cancellation mentions nobody', async () => {
      const id = await publish('发起活动 学习会 时间 明天下午3点')
      const [reply] = await branch.replies(secretary, `取消活动 #${id}`)
      expect(reply!.mentionIds).toEqual([])
      expect(reply!.text).toContain('已取消')
    })
  })

  describe('waitlist', () => {
    it('GIVEN 3 waiting THEN two cancellations promote the first two in order; a waiting member cancelling promotes nobody', async () => {
      const id = await publish('发起活动 志愿服务 时间 下周六上午9点 名额 2')
      expect(await branch.ask(a, `报名 #${id}`)).toContain('报名成功')
      expect(await branch.ask(b, `报名 #${id}`)).toContain('报名成功')
      expect(await branch.ask(c, `报名 #${id}`)).toContain('候补第 1 位')
      expect(await branch.ask(d, `报名 #${id}`)).toContain('候补第 2 位')
      expect(await branch.ask(e, `报名 #${id}`)).toContain('候补第 3 位')
      expect(await branch.ask(e, `报名 #${id}`)).toBe(`钱七 已在 #${id} 的候补名单第 3 位。`)
      expect(await branch.ask(a, '活动')).toBe(`进行中的活动：\n#${id}「志愿服务」12月5日(周六) 09:00，已报 2/2 人，候补 3 人`)

      expect(await branch.say(b, `取消报名 #${id}`)).toEqual([
        `李四 已取消报名 #${id}「志愿服务」。`,
        `@王五 候补转正，报名成功：#${id}「志愿服务」。`,
      ])
      expect(await branch.say(a, `取消报名 #${id}`)).toEqual([
        `张三 已取消报名 #${id}「志愿服务」。`,
        `@赵六 候补转正，报名成功：#${id}「志愿服务」。`,
      ])
      expect(await branch.ask(e, `报名 #${id}`)).toBe(`钱七 已在 #${id} 的候补名单第 1 位。`)
      expect(await branch.ask(a, '活动')).toContain('已报 2/2 人，候补 1 人')

      // the last one waiting gives up: nobody is promoted, nobody is mentioned
      expect(await branch.say(e, `取消报名 #${id}`)).toEqual([`钱七 已取消报名 #${id}「志愿服务」。`])
      expect(await branch.ask(a, '活动')).toBe(`进行中的活动：\n#${id}「志愿服务」12月5日(周六) 09:00，已报 2/2 人`)

      const rows = await bench.db.signUp.findMany({ where: { activityId: id }, orderBy: { id: 'asc' }, include: { member: true } })
      expect(rows.map((r) => [r.member.name, r.status, r.promotedAt !== null])).toEqual([
        ['张三', 'cancelled', false],
        ['李四', 'cancelled', false],
        ['王五', 'confirmed', true],
        ['赵六', 'confirmed', true],
        ['钱七', 'cancelled', false],
      ])
      expect(await branch.ask(a, `活动 #${id}`)).toContain('已报名 2/2 人：王五、赵六')
    })

    it('GIVEN a waiting member cancels while places are full THEN the next in line moves up, and nobody is promoted', async () => {
      const id = await publish('发起活动 志愿服务 时间 下周六上午9点 名额 1')
      await branch.ask(a, `报名 #${id}`)
      await branch.ask(b, `报名 #${id}`)
      await branch.ask(c, `报名 #${id}`)
      expect(await branch.say(b, `取消报名 #${id}`)).toEqual([`李四 已取消报名 #${id}「志愿服务」。`])
      expect(await branch.ask(c, `报名 #${id}`)).toBe(`王五 已在 #${id} 的候补名单第 1 位。`)
      expect(await bench.db.signUp.count({ where: { activityId: id, status: 'confirmed' } })).toBe(1)
    })

    it('GIVEN a cancelled sign-up THEN signing up again is a new row at the back of the queue', async () => {
      const id = await publish('发起活动 志愿服务 时间 下周六上午9点 名额 1')
      await branch.ask(a, `报名 #${id}`)
      await branch.ask(b, `报名 #${id}`)
      await branch.say(a, `取消报名 #${id}`)
      expect(await branch.ask(a, `报名 #${id}`)).toContain('张三 已进入候补第 1 位')
      expect(await bench.db.signUp.count({ where: { activityId: id } })).toBe(3)
    })
  })

  describe('across branches', () => {
    it('GIVEN a member of branch A THEN an activity of branch B is not found from group A, and nothing is written', async () => {
      const other = bench.person('二支部书记')
      const branchB = bench.group('第二党支部群', [admin, other])
      await branchB.ask(admin, '绑定 第二党支部')
      await branchB.ask(other, '登记 二支部书记')
      await branchB.ask(admin, '任命 @二支部书记 书记')
      const foreign = idOf(await branchB.ask(other, '发起活动 二支部学习 时间 明天下午3点'))

      const before = await activityCounts(bench)
      expect(await branch.ask(a, `报名 #${foreign}`)).toBe(`本组织没有编号为 #${foreign} 的活动。`)
      expect(await branch.ask(a, `活动 #${foreign}`)).toBe(`本组织没有编号为 #${foreign} 的活动。`)
      expect(await branch.ask(secretary, `取消活动 #${foreign}`)).toBe(`本组织没有编号为 #${foreign} 的活动。`)
      expect(await branch.ask(a, '报名')).toBe('本组织目前没有进行中的活动。')
      expect(await branch.ask(a, '活动')).toBe('本组织目前没有进行中的活动。')
      expect(await activityCounts(bench)).toEqual(before)
    })
  })
})
