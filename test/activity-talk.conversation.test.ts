import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { Bench, type Group, type Person } from './support/conversation.js'

/** The number in a reply such as 已发起活动 #3 or 已安排 … #2. */
function numberIn(reply: string): number {
  const match = /#(\d+)/.exec(reply)
  if (!match) throw new Error(`no #n in: ${reply}`)
  return Number(match[1])
}

/** A 接龙 as WeChat posts it: the tag, the title, an example line, then the numbered list. */
function jielong(title: string, lines: string[]): string {
  return ['#接龙', title, '例 张三 带水', '', ...lines.map((line, i) => `${i + 1}. ${line}`)].join('\n')
}

describe('how members really talk about activities', () => {
  let bench: Bench
  let admin: Person, secretary: Person, a: Person, b: Person, c: Person, d: Person
  let branch: Group

  beforeEach(async () => {
    bench = await Bench.start()
    admin = bench.person('管理员')
    secretary = bench.person('王书记')
    a = bench.person('张三')
    b = bench.person('李四')
    c = bench.person('王五')
    d = bench.person('赵六')
    branch = await bench.branch('第一党支部群', '第一党支部', admin, secretary, [a, b, c, d])
  })
  afterEach(() => bench.close())

  const publish = async (text: string) => numberIn(await branch.ask(secretary, text))
  const activeOf = async (activityId: number) =>
    (await bench.db.signUp.findMany({ where: { activityId }, orderBy: { id: 'asc' }, include: { member: true } })).map((s) => `${s.member.name}:${s.status}`)

  describe('WeChat 接龙', () => {
    it('GIVEN a 接龙 re-posted three times, names added and one removed THEN exactly those sign-ups and one cancellation; an unknown name reaches the officer privately', async () => {
      const id = await publish('发起活动 社区志愿服务 时间 明天上午9点 名额 2')

      const first = await branch.say(a, jielong('周六社区志愿服务', ['张三', '李四 带水']))
      expect(first).toEqual([`接龙已登记到 #${id}「社区志愿服务」：\n张三 报名成功：#${id}「社区志愿服务」（已报 1/2 人）\n李四 报名成功：#${id}「社区志愿服务」（已报 2/2 人）`])

      // Full: 王五 waits, exactly as 报名; 陌生人 is nobody registered and goes to the officer only.
      const second = await branch.replies(c, jielong('周六社区志愿服务', ['张三', '李四 带水', '王五🙋', '陌生人']))
      expect(second.filter((r) => !r.privateTo).map((r) => r.text)).toEqual([
        `接龙已登记到 #${id}「社区志愿服务」：\n名额已满，王五 已进入候补第 1 位：#${id}「社区志愿服务」。有人取消时自动递补并通知。`,
      ])
      const private_ = second.filter((r) => r.privateTo)
      expect(private_).toHaveLength(1)
      expect(private_[0]!.privateTo).toBe(secretary.contactId)
      expect(private_[0]!.text).toContain('陌生人')
      expect(private_[0]!.text).not.toContain('王五')

      // 李四 takes his line out (the list is renumbered): he is cancelled, 王五 promoted and @-mentioned.
      const third = await branch.say(b, jielong('周六社区志愿服务', ['张三', '王五🙋', '陌生人']))
      expect(third).toEqual([`接龙已登记到 #${id}「社区志愿服务」：\n李四 已取消报名 #${id}「社区志愿服务」。`, `@王五 候补转正，报名成功：#${id}「社区志愿服务」。`])

      expect(await activeOf(id)).toEqual(['张三:confirmed', '李四:cancelled', '王五:confirmed'])
      const notes = await bench.db.signUp.findMany({ where: { activityId: id, member: { name: '李四' } }, select: { note: true } })
      expect(notes).toEqual([{ note: '带水' }])
      // The same copy posted again changes nothing and says nothing.
      expect(await branch.say(a, jielong('周六社区志愿服务', ['张三', '王五🙋', '陌生人']))).toEqual([])
      expect(await activeOf(id)).toEqual(['张三:confirmed', '李四:cancelled', '王五:confirmed'])
    })

    it('GIVEN an older copy that arrives after a newer one THEN it cancels nobody', async () => {
      const id = await publish('发起活动 社区志愿服务 时间 明天上午9点')
      const postedAt = bench.clock.now()
      bench.clock.set(new Date(postedAt.getTime() + 60_000))
      await branch.say(b, jielong('社区志愿服务', ['张三', '李四']))
      // The first copy (only 张三), posted a minute earlier, delivered late.
      const late = { conversation: { kind: 'group' as const, roomId: branch.roomId }, topic: branch.topic, sender: a, mentions: [] }
      expect(await bench.dispatcher.handle({ ...late, id: 'late-copy', text: jielong('社区志愿服务', ['张三']), at: postedAt })).toEqual([])
      expect(await activeOf(id)).toEqual(['张三:confirmed', '李四:confirmed'])
    })

    it('GIVEN two copies read at the same moment THEN each name is signed up once', async () => {
      const id = await publish('发起活动 社区志愿服务 时间 明天上午9点')
      await Promise.all([branch.say(a, jielong('社区志愿服务', ['张三'])), branch.say(b, jielong('社区志愿服务', ['张三', '李四']))])
      expect(await activeOf(id)).toEqual(['张三:confirmed', '李四:confirmed'])
    })

    it('GIVEN a 接龙 whose title names no open activity, or chat mentioning 接龙 THEN silence and nothing written', async () => {
      await publish('发起活动 社区志愿服务 时间 明天上午9点')
      expect(await branch.say(a, jielong('周末聚餐', ['张三', '李四']))).toEqual([])
      expect(await branch.say(a, '大家接龙一下吧')).toEqual([])
      expect(await bench.db.signUp.count()).toBe(0)
    })

    it('GIVEN a 接龙 longer than the 2,000-character command limit THEN it is still read whole', async () => {
      const id = await publish('发起活动 社区志愿服务 时间 明天上午9点')
      const long = jielong('社区志愿服务', ['张三 ' + '带水'.repeat(1100), '李四', '赵六'])
      expect(long.length).toBeGreaterThan(2000)
      const replies = await branch.say(a, long)
      expect(replies).toHaveLength(1)
      expect(await activeOf(id)).toEqual(['张三:confirmed', '李四:confirmed', '赵六:confirmed'])
    })

    it('GIVEN 发起活动 … 接龙 THEN the next 接龙, whatever its title, signs up for it', async () => {
      const reply = await branch.ask(secretary, '发起活动 学习会 时间 明天下午3点 接龙')
      expect(reply).toContain('接龙')
      const id = numberIn(reply)
      await branch.say(a, jielong('明天下午的那个', ['张三']))
      expect(await activeOf(id)).toEqual(['张三:confirmed'])
    })

    it('GIVEN two open activities both named by the title THEN nothing is guessed', async () => {
      await publish('发起活动 志愿服务 时间 明天上午9点')
      await publish('发起活动 志愿服务 时间 明天下午3点')
      const replies = await branch.say(a, jielong('志愿服务', ['张三']))
      expect(replies).toHaveLength(1)
      expect(replies[0]).toContain('对应多个活动')
      expect(await bench.db.signUp.count()).toBe(0)
    })
  })

  describe('numbers that do not collide', () => {
    it('GIVEN 报名 1 THEN it is 报名 #1, not a note', async () => {
      const first = await publish('发起活动 学习会 时间 明天下午3点')
      await publish('发起活动 志愿服务 时间 明天上午9点')
      expect(await branch.ask(a, `报名 ${first}`)).toBe(`张三 报名成功：#${first}「学习会」（已报 1 人）`)
      const row = await bench.db.signUp.findFirstOrThrow({ where: { member: { name: '张三' } } })
      expect(row).toMatchObject({ activityId: first, note: null })
      expect(await branch.ask(b, `报名 ${first} 带水`)).toBe(`李四 报名成功：#${first}「学习会」（已报 2 人）`)
      expect((await bench.db.signUp.findFirstOrThrow({ where: { member: { name: '李四' } } })).note).toBe('带水')
    })

    it('GIVEN 取消报名 1 and 活动 1 THEN the number is the activity', async () => {
      const id = await publish('发起活动 学习会 时间 明天下午3点')
      await publish('发起活动 志愿服务 时间 明天上午9点')
      await branch.ask(a, `报名 #${id}`)
      expect(await branch.ask(b, `活动 ${id}`)).toContain('已报名 1 人：张三')
      expect(await branch.ask(a, `取消报名 ${id}`)).toBe(`张三 已取消报名 #${id}「学习会」。`)
      expect(await activeOf(id)).toEqual(['张三:cancelled'])
      expect(await branch.ask(a, '取消报名 学习会')).toBe('格式：取消报名 [#活动编号]\n例如：取消报名 #3')
    })

    it('GIVEN 报名 #2 #4 THEN both, or a clear refusal and neither', async () => {
      const x = await publish('发起活动 学习会 时间 明天下午3点')
      const y = await publish('发起活动 志愿服务 时间 明天上午9点')
      expect(await branch.ask(a, `报名 #${x} #${y}`)).toBe(`张三 报名成功：#${x}「学习会」（已报 1 人）\n张三 报名成功：#${y}「志愿服务」（已报 1 人）`)
      await branch.ask(secretary, `取消活动 #${y}`)
      expect(await branch.ask(b, `报名 #${x} #${y}`)).toBe(`#${y} 已取消。`)
      expect(await branch.ask(b, `报名 #${x} #999`)).toBe('本组织没有编号为 #999 的活动。')
      expect(await bench.db.signUp.count({ where: { member: { name: '李四' } } })).toBe(0)
    })

    it('GIVEN a number that is a meeting or a notice THEN the reply says so', async () => {
      await publish('发起活动 学习会 时间 明天下午3点')
      await branch.ask(secretary, '安排 党课 时间 12月3日 19:00')
      const meeting = numberIn(await branch.ask(secretary, '安排 支委会 时间 12月4日 19:00'))
      let notice = 0
      for (const text of ['通知 周五交党费', '通知 周六打扫', '通知 周日学习']) notice = numberIn((await branch.say(secretary, text)).join('\n'))
      expect([meeting, notice]).toEqual([2, 3])
      expect(await branch.ask(a, `报名 ${meeting}`)).toBe(`#${meeting} 是会议的编号，不是活动。发「活动」查看进行中的活动和编号。`)
      expect(await branch.ask(a, `报名 #${notice}`)).toBe(`#${notice} 是通知的编号，不是活动。发「活动」查看进行中的活动和编号。`)
      expect(await bench.db.signUp.count()).toBe(0)
    })
  })

  describe('times people write', () => {
    it('GIVEN 周六上午9点 said on a Saturday after 9 THEN next Saturday, and the reply says so', async () => {
      bench.clock.set(new Date('2026-11-28T10:00:00+08:00'))
      const reply = await branch.ask(secretary, '发起活动 学习会 时间 周六上午9点')
      expect(reply).toContain('时间：12月5日(周六) 09:00\n今天的这个时间已经过了，已按下周六安排。')
      const id = numberIn(reply)
      const edited = await branch.ask(secretary, `修改活动 #${id} 时间 周六上午9点半`)
      expect(edited).toContain('时间：12月5日(周六) 09:30\n今天的这个时间已经过了，已按下周六安排。')
      // Still ahead today: today, and nothing to state.
      expect(await branch.ask(secretary, `修改活动 #${id} 时间 周六晚上8点`)).not.toContain('已按下')
    })

    it('GIVEN 下午三点半 THEN today while ahead, else refused with the form', async () => {
      expect(await branch.ask(secretary, '发起活动 学习会 时间 下午三点半')).toContain('时间：11月27日(周五) 15:30')
      bench.clock.set(new Date('2026-11-27T16:00:00+08:00'))
      const before = await bench.db.activity.count()
      expect(await branch.ask(secretary, '发起活动 学习会 时间 下午三点半')).toBe(
        '时间「下午三点半」已经过去了，请填写将来的时间。\n格式：发起活动 <标题> 时间 <时间> [地点 <地点>] [名额 <人数>] [截止 <时间>]\n例如：发起活动 社区志愿服务 时间 下周六上午9点 地点 外滩社区 名额 20',
      )
      expect(await bench.db.activity.count()).toBe(before)
    })
  })
})

describe('接龙 names people by their 群昵称', () => {
  let bench: Bench
  let secretary: Person, li: Person, zhao: Person, sun: Person
  let branch: Group

  beforeEach(async () => {
    bench = await Bench.start()
    const admin = bench.person('管理员')
    secretary = bench.person('王书记')
    // Registered under their real names; the group shows their nicknames.
    li = bench.person('李建国', '老李')
    zhao = bench.person('赵六', '小赵')
    sun = bench.person('孙七', '老孙')
    branch = await bench.branch('第一党支部群', '第一党支部', admin, secretary, [li, zhao], [sun])
  })
  afterEach(() => bench.close())

  it('GIVEN 接龙 lines 老李 and 小赵 THEN they sign up 李建国 and 赵六; 老孙 (in the group, not registered) reaches the officer, never guessed', async () => {
    const id = numberIn(await branch.ask(secretary, '发起活动 社区志愿服务 时间 明天上午9点'))
    const replies = await branch.replies(li, jielong('社区志愿服务', ['老李 带水', '小赵', '老孙']))
    const signUps = await bench.db.signUp.findMany({ where: { activityId: id }, orderBy: { id: 'asc' }, include: { member: true } })
    expect(signUps.map((s) => [s.member.name, s.status, s.note])).toEqual([
      ['李建国', 'confirmed', '带水'],
      ['赵六', 'confirmed', null],
    ])
    expect(replies.find((r) => !r.privateTo)?.text).toContain('李建国 报名成功')
    expect(replies.find((r) => r.privateTo === secretary.contactId)?.text).toContain('老孙')

    // 老李 taken off the list cancels 李建国.
    await branch.say(zhao, jielong('社区志愿服务', ['小赵', '老孙']))
    expect((await bench.db.signUp.findFirstOrThrow({ where: { activityId: id, member: { name: '李建国' } } })).status).toBe('cancelled')
  })
})
