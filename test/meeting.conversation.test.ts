import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ADMIN_TOKEN, Bench, FRIDAY_10AM, type Group, type Person } from './support/conversation.js'

/** Thursday 3 December 2026 in Shanghai, the evening of the 党课 typed as `12月3日 19:00`. */
const at = (hhmm: string, day = '2026-12-03') => new Date(`${day}T${hhmm}:00+08:00`)
const LECTURE_START = at('19:00')
const BOUND_LONG_AGO = new Date('2024-11-27T10:00:00+08:00')

function idOf(reply: string): number {
  const match = /已安排 #(\d+)/.exec(reply)
  if (!match) throw new Error(`not a 安排 reply: ${reply}`)
  return Number(match[1])
}

describe('meetings: 安排, 签到, 请假, 结束签到 and the 会议记录', () => {
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
    branch = await bench.branch('第一党支部群', '第一党支部', admin, secretary, [a, b, c, d], [e])
    expect(await branch.ask(e, '登记 钱七 预备党员 在职')).toContain('已登记')
  })
  afterEach(() => bench.close())

  const attendance = (meetingId: number) =>
    bench.db.attendance
      .findMany({ where: { meetingId }, orderBy: { id: 'asc' }, include: { member: true } })
      .then((rows) => rows.map((r) => [r.member.name, r.status, r.reason]))

  /** Schedules the 党课 of the acceptance story and opens its check-in by hand at the start. */
  async function lectureOpenAtStart(): Promise<number> {
    const id = idOf(await branch.ask(secretary, '安排 党课 时间 12月3日 19:00 主题 学习党章'))
    bench.clock.set(LECTURE_START)
    expect(await branch.ask(secretary, `开始签到 #${id}`)).toBe(`#${id} 党课「学习党章」 签到开始，回复「签到」`)
    return id
  }

  describe('安排', () => {
    it('GIVEN an officer THEN 已安排 #n with the time and topic, a scheduled row, and reminder and opening jobs', async () => {
      const reply = await branch.ask(secretary, '安排 党课 时间 12月3日 19:00 主题 学习党章')
      const id = idOf(reply)
      expect(reply).toBe(
        `已安排 #${id} 党课「学习党章」\n时间：12月3日(周四) 19:00\n前一天和开始前 1 小时提醒，开始时自动开放签到。不能参加请回复「请假 #${id} <原因>」。`,
      )
      expect(await bench.db.meeting.findUniqueOrThrow({ where: { id } })).toMatchObject({
        type: '党课',
        startsAt: LECTURE_START,
        topic: '学习党章',
        place: null,
        status: 'scheduled',
        createdByContactId: secretary.contactId,
      })
      const jobs = await bench.db.job.findMany({ where: { key: { startsWith: `meeting:${id}:` } }, orderBy: { key: 'asc' } })
      expect(jobs.map((j) => [j.key, j.kind, j.dueAt, j.state])).toEqual([
        [`meeting:${id}:open`, 'meeting.open', LECTURE_START, 'pending'],
        [`meeting:${id}:remind:1`, 'meeting.remind', at('18:00'), 'pending'],
        [`meeting:${id}:remind:24`, 'meeting.remind', at('19:00', '2026-12-02'), 'pending'],
      ])
    })

    it('GIVEN 支部委员会 (an alias) and a place THEN it is a 支委会 with its place', async () => {
      const id = idOf(await branch.ask(secretary, '安排 支部委员会 时间 下周一上午9点 地点 党员活动室'))
      expect(await bench.db.meeting.findUniqueOrThrow({ where: { id } })).toMatchObject({ type: '支委会', place: '党员活动室', topic: null })
    })

    it('GIVEN an unknown type, a past time, no time, or a plain member THEN a clear refusal and no meeting', async () => {
      expect(await branch.ask(secretary, '安排 茶话会 时间 12月3日 19:00')).toBe('看不懂会议类型「茶话会」。可以写：党员大会、支委会、党小组会、党课、主题党日、组织生活会')
      expect(await branch.ask(secretary, '安排 党课 时间 2026-11-01 19:00')).toBe('时间「2026-11-01 19:00」已经过去了，请填写将来的时间。')
      expect(await branch.ask(secretary, '安排 党课 主题 学习党章')).toMatch(/^格式：安排 <党员大会\|支委会\|党小组会\|党课\|主题党日\|组织生活会> 时间 <时间>/)
      expect(await branch.ask(a, '安排 党课 时间 12月3日 19:00')).toContain('无权')
      expect(await bench.db.meeting.count()).toBe(0)
    })
  })

  describe('签到', () => {
    it('GIVEN the acceptance story THEN two on time, one on leave, one 15 minutes late, and 结束签到 names everyone right', async () => {
      const id = idOf(await branch.ask(secretary, '安排 党课 时间 12月3日 19:00 主题 学习党章'))
      expect(await branch.ask(c, '请假 出差')).toBe(`王五 已请假：#${id}`)
      bench.clock.set(LECTURE_START)
      await branch.ask(secretary, '开始签到')
      bench.clock.set(at('19:02'))
      expect(await branch.ask(a, '签到')).toBe(`张三 签到成功：#${id}`)
      bench.clock.set(at('19:05'))
      expect(await branch.ask(b, `签到 #${id}`)).toBe(`李四 签到成功：#${id}`)
      bench.clock.set(at('19:10')) // the last minute of the 10-minute grace
      expect(await branch.ask(secretary, '签到')).toBe(`王书记 签到成功：#${id}`)
      bench.clock.set(at('19:15'))
      expect(await branch.ask(d, '签到')).toBe(`赵六 签到成功（迟到）：#${id}`)

      bench.clock.set(at('21:00'))
      // The group hears names only; the reason for the leave reaches the 书记 who closed it, privately.
      expect(await branch.replies(secretary, `结束签到 #${id}`)).toEqual([
        {
          text: [
            `#${id} 党课「学习党章」 签到结束。`,
            '应到 6 人，实到 4 人（迟到 1 人），请假 1 人，缺席 1 人',
            '实到：张三、李四、王书记、赵六（迟到）',
            '请假：王五',
            '缺席：钱七',
          ].join('\n'),
        },
        { privateTo: secretary.contactId, text: `#${id} 党课「学习党章」 请假原因（仅私信委员）：\n王五：出差` },
      ])
      expect(await attendance(id)).toEqual([
        ['王五', 'leave', '出差'],
        ['张三', 'present', null],
        ['李四', 'present', null],
        ['王书记', 'present', null],
        ['赵六', 'late', null],
        ['钱七', 'absent', null],
      ])
      expect(await bench.db.meeting.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: 'closed', closedAt: at('21:00'), openedAt: LECTURE_START })
      expect(await bench.db.job.count({ where: { key: { startsWith: `meeting:${id}:` }, state: 'pending' } })).toBe(0)
    })

    it('GIVEN a check-in THEN the acknowledgement carries the meeting coalesce key, so a burst goes out as one message', async () => {
      const id = await lectureOpenAtStart()
      expect(await branch.replies(a, '签到')).toEqual([{ text: `张三 签到成功：#${id}`, coalesceKey: `checkin:${id}` }])
    })

    it('GIVEN check-in not open yet THEN 签到 says when it opens and nothing is written', async () => {
      const id = idOf(await branch.ask(secretary, '安排 党课 时间 12月3日 19:00 主题 学习党章'))
      expect(await branch.ask(a, `签到 #${id}`)).toBe(`#${id} 签到尚未开始（会议 12月3日(周四) 19:00 开始，届时自动开放签到）。`)
      expect(await branch.ask(a, '签到')).toBe('目前没有正在签到的会议。')
      expect(await bench.db.attendance.count()).toBe(0)
    })

    it('GIVEN a member already checked in THEN a second 签到 says so and keeps one row', async () => {
      const id = await lectureOpenAtStart()
      await branch.ask(a, '签到')
      expect(await branch.ask(a, `签到 #${id}`)).toBe(`张三 已经签到过 #${id}，无需重复签到。`)
      expect(await attendance(id)).toEqual([['张三', 'present', null]])
    })

    it('GIVEN the check-in closed THEN 签到 is refused with a clear message and nothing changes', async () => {
      const id = await lectureOpenAtStart()
      await branch.ask(secretary, `结束签到 #${id}`)
      const before = await attendance(id)
      expect(await branch.ask(a, `签到 #${id}`)).toBe(`#${id} 签到已结束，不能再签到。`)
      expect(await branch.ask(a, '签到')).toBe('目前没有正在签到的会议。')
      expect(await attendance(id)).toEqual(before)
      expect(await branch.ask(secretary, `结束签到 #${id}`)).toBe(`#${id} 已经结束签到。`)
    })

    it('GIVEN a member of another branch THEN the meeting is not found in their organisation, and in this group they are not registered', async () => {
      const id = await lectureOpenAtStart()
      const outsider = bench.person('孙八')
      const second = bench.group('第二党支部群', [admin, outsider])
      await second.ask(admin, '绑定 第二党支部')
      await second.ask(outsider, '登记 孙八 正式党员')
      expect(await second.ask(outsider, `签到 #${id}`)).toBe(`本组织没有编号为 #${id} 的会议。`)
      expect(await second.ask(outsider, '签到')).toBe('目前没有正在签到的会议。')
      expect(await branch.ask(outsider, `签到 #${id}`)).toContain('你还没有登记')
      expect(await bench.db.attendance.count()).toBe(0)
    })

    it('GIVEN two meetings open at once THEN 签到 without a number asks which', async () => {
      const first = await lectureOpenAtStart()
      const second = idOf(await branch.ask(secretary, '安排 主题党日 时间 12月3日 20:00'))
      await branch.ask(secretary, `开始签到 #${second}`)
      expect(await branch.ask(a, '签到')).toBe(
        `有多个会议，请写明编号，例如「签到 #编号」：\n#${first} 党课「学习党章」 12月3日(周四) 19:00（签到中）\n#${second} 主题党日 12月3日(周四) 20:00（签到中）`,
      )
      expect(await bench.db.attendance.count()).toBe(0)
    })

    it('GIVEN 代签到 THEN the member is checked in by the officer, and the audit log says who did it for whom', async () => {
      const id = await lectureOpenAtStart()
      bench.clock.set(at('19:30'))
      expect(await branch.ask(secretary, `代签到 @张三 #${id}`)).toBe(`张三 签到成功（迟到）：#${id}`)
      const row = await bench.db.attendance.findFirstOrThrow({ where: { meetingId: id } })
      expect(row).toMatchObject({ status: 'late', byContactId: secretary.contactId })
      const audit = await bench.db.auditLog.findMany({ where: { action: 'meeting.checkin-for' } })
      expect(audit).toEqual([expect.objectContaining({ actorContactId: secretary.contactId, targetContactId: a.contactId, at: at('19:30') })])
      expect(await branch.ask(a, `代签到 @李四 #${id}`)).toContain('无权')
    })

    it('GIVEN a member on leave who comes after all THEN 签到 turns the leave into presence', async () => {
      const id = idOf(await branch.ask(secretary, '安排 党课 时间 12月3日 19:00 主题 学习党章'))
      await branch.ask(a, `请假 #${id} 可能加班`)
      bench.clock.set(LECTURE_START)
      await branch.ask(secretary, '开始签到')
      expect(await branch.ask(a, '签到')).toBe(`张三 签到成功：#${id}`)
      expect(await attendance(id)).toEqual([['张三', 'present', null]])
    })
  })

  describe('请假', () => {
    it('GIVEN no reason THEN the 格式 reply and nothing is written', async () => {
      const id = idOf(await branch.ask(secretary, '安排 党课 时间 12月3日 19:00 主题 学习党章'))
      expect(await branch.ask(a, '请假')).toBe('格式：请假 [#会议编号] <原因>\n例如：请假 #3 出差')
      expect(await branch.ask(a, `请假 #${id}`)).toBe('格式：请假 [#会议编号] <原因>\n例如：请假 #3 出差')
      expect(await bench.db.attendance.count()).toBe(0)
    })

    it('GIVEN a reason THEN 已请假 with the reason stored; asked again, the reason is updated', async () => {
      const id = idOf(await branch.ask(secretary, '安排 党课 时间 12月3日 19:00 主题 学习党章'))
      expect(await branch.ask(a, `请假 #${id} 出差`)).toBe(`张三 已请假：#${id}`)
      expect(await branch.ask(a, `请假 #${id} 出差 去北京`)).toBe(`张三 已请假：#${id}`)
      expect(await attendance(id)).toEqual([['张三', 'leave', '出差 去北京']])
    })

    it('GIVEN the member checked in, or the meeting over THEN 请假 is refused', async () => {
      const id = await lectureOpenAtStart()
      await branch.ask(a, '签到')
      expect(await branch.ask(a, '请假 临时有事')).toBe(`张三 已经签到 #${id}，无需请假。`)
      expect(await branch.ask(b, `请假 #${id} 临时有事`)).toBe(`李四 已请假：#${id}`) // during the meeting: allowed
      await branch.say(secretary, `结束签到 #${id}`)
      expect(await branch.ask(c, `请假 #${id} 忘了`)).toBe(`#${id} 已经结束，不能再请假。`)
      expect((await attendance(id)).find(([name]) => name === '王五')).toEqual(['王五', 'absent', null])
    })

    it('GIVEN 代请假 THEN the leave is recorded for the member and audited', async () => {
      const id = idOf(await branch.ask(secretary, '安排 党课 时间 12月3日 19:00 主题 学习党章'))
      expect(await branch.ask(secretary, `代请假 @钱七 #${id} 住院`)).toBe(`钱七 已请假：#${id}`)
      expect(await attendance(id)).toEqual([['钱七', 'leave', '住院']])
      const audit = await bench.db.auditLog.findMany({ where: { action: 'meeting.leave-for' } })
      expect(audit).toHaveLength(1)
      expect(audit[0]).toMatchObject({ actorContactId: secretary.contactId, targetContactId: e.contactId })
      expect(JSON.parse(audit[0]!.detail)).toEqual({ meetingId: id, reason: '住院' })
      expect(await branch.ask(secretary, `代请假 @钱七 #${id}`)).toMatch(/^格式：代请假/)
    })
  })

  describe('免签', () => {
    it('GIVEN an exempt member THEN they are not expected, not written absent, and the change is audited both ways', async () => {
      expect(await branch.ask(secretary, '免签 @钱七')).toBe('已将 钱七 设为免签：今后不列入会议应到名单。')
      expect(await branch.ask(secretary, '免签 @钱七')).toBe('钱七 已经是免签。')
      expect((await bench.db.member.findFirstOrThrow({ where: { name: '钱七' } })).exempt).toBe(true)
      const id = await lectureOpenAtStart()
      expect(await branch.ask(e, `请假 #${id} 身体不好`)).toBe('钱七 已免签，不列入应到名单，无需请假。')
      await branch.ask(a, '签到')
      const summary = await branch.ask(secretary, `结束签到 #${id}`)
      expect(summary).toContain('应到 5 人，实到 1 人，请假 0 人，缺席 4 人')
      expect(summary).toContain('缺席：王书记、李四、王五、赵六')
      expect(await attendance(id)).not.toContainEqual(expect.arrayContaining(['钱七']))

      expect(await branch.ask(secretary, '取消免签 @钱七')).toBe('已取消 钱七 的免签，今后列入会议应到名单。')
      expect((await bench.db.member.findFirstOrThrow({ where: { name: '钱七' } })).exempt).toBe(false)
      expect((await bench.db.auditLog.findMany({ where: { targetContactId: e.contactId }, orderBy: { id: 'asc' } })).map((r) => r.action)).toEqual([
        'member.exempt',
        'member.unexempt',
      ])
      expect(await branch.ask(a, '免签 @李四')).toContain('无权')
    })

    it('GIVEN an exempt member who comes anyway THEN their check-in counts them in', async () => {
      await branch.ask(secretary, '免签 @钱七')
      const id = await lectureOpenAtStart()
      expect(await branch.ask(e, '签到')).toBe(`钱七 签到成功：#${id}`)
      expect(await branch.ask(secretary, `结束签到 #${id}`)).toContain('应到 6 人，实到 1 人')
    })
  })

  describe('取消会议', () => {
    it('GIVEN a scheduled meeting THEN it and its jobs are cancelled, the expected are told, and 签到 is refused', async () => {
      const id = idOf(await branch.ask(secretary, '安排 党课 时间 12月3日 19:00 主题 学习党章'))
      expect(await branch.say(secretary, `取消会议 #${id}`)).toEqual([`@王书记 @张三 @李四 @王五 @赵六 @钱七 #${id} 党课「学习党章」（12月3日(周四) 19:00）已取消。`])
      expect((await bench.db.meeting.findUniqueOrThrow({ where: { id } })).status).toBe('cancelled')
      const states = await bench.db.job.findMany({ where: { key: { startsWith: `meeting:${id}:` } }, select: { state: true } })
      expect(states.map((s) => s.state)).toEqual(['cancelled', 'cancelled', 'cancelled'])
      expect(await branch.ask(a, `签到 #${id}`)).toBe(`会议 #${id} 已取消。`)
      expect(await branch.ask(a, `请假 #${id} 出差`)).toBe(`会议 #${id} 已取消。`)
      expect(await branch.ask(secretary, `取消会议 #${id}`)).toBe(`会议 #${id} 已取消。`)
    })

    it('GIVEN a closed meeting THEN it cannot be cancelled', async () => {
      const id = await lectureOpenAtStart()
      await branch.ask(secretary, `结束签到 #${id}`)
      expect(await branch.ask(secretary, `取消会议 #${id}`)).toBe(`#${id} 已经结束签到，不能取消。`)
      expect((await bench.db.meeting.findUniqueOrThrow({ where: { id } })).status).toBe('closed')
    })
  })

  describe('会议记录', () => {
    it('GIVEN 会议 #n in the group THEN the group sees counts only and the officer gets the full record privately, blanks as 未填写', async () => {
      const id = idOf(await branch.ask(secretary, '安排 党课 时间 12月3日 19:00 主题 学习党章'))
      await branch.ask(c, '请假 出差')
      bench.clock.set(LECTURE_START)
      await branch.ask(secretary, '开始签到')
      await branch.ask(a, '签到')
      bench.clock.set(at('19:20'))
      await branch.ask(b, '签到')
      await branch.say(secretary, '结束签到')
      expect(await branch.replies(secretary, `会议 #${id}`)).toEqual([
        { text: `#${id} 应到 6 人，实到 2 人，请假 1 人，缺席/未签到 3 人。完整会议记录已私信你。`, mentionIds: [secretary.contactId] },
        {
          privateTo: secretary.contactId,
          text: [
            `会议记录 #${id}（已结束）`,
            '类型：党课',
            '时间：12月3日(周四) 19:00',
            '地点：未填写',
            '主持：未填写',
            '记录：未填写',
            '主题：学习党章',
            '议程：未填写',
            '决议：未填写',
            '应到 6 人，实到 2 人，请假 1 人，缺席 3 人',
            '实到：张三、李四（迟到）',
            '请假：王五（出差）',
            '缺席：王书记、赵六、钱七',
          ].join('\n'),
        },
      ])
    })

    it('GIVEN 会议记录 #n with chair, recorder, agenda and resolutions THEN they are stored, audited and shown in the record', async () => {
      const id = idOf(await branch.ask(secretary, '安排 党员大会 时间 12月3日 19:00 地点 党员活动室'))
      expect(await branch.ask(secretary, `会议记录 #${id} 主持 王书记 记录 李四 议程 讨论发展对象 决议 同意张某为发展对象`)).toBe(
        `已更新会议记录 #${id}：\n主持：王书记\n记录：李四\n议程：讨论发展对象\n决议：同意张某为发展对象`,
      )
      expect(await bench.db.meeting.findUniqueOrThrow({ where: { id } })).toMatchObject({
        chair: '王书记',
        recorder: '李四',
        agenda: '讨论发展对象',
        resolutions: '同意张某为发展对象',
      })
      expect(await bench.db.auditLog.count({ where: { action: 'meeting.record' } })).toBe(1)
      expect(await branch.ask(secretary, `会议记录 #${id}`)).toBe('请写明要填写的内容，例如：会议记录 #3 主持 王书记 记录 李四 议程 学习党章 决议 通过')
      const [, record] = await branch.replies(secretary, `会议 #${id}`)
      expect(record!.text).toContain('地点：党员活动室\n主持：王书记\n记录：李四\n主题：未填写\n议程：讨论发展对象\n决议：同意张某为发展对象')
      expect(await branch.ask(a, `会议记录 #${id} 决议 我说了算`)).toContain('无权')
    })

    it('GIVEN a 党员大会 THEN the record says whether half of the voting (正式) members came; the probationary member counts in neither number', async () => {
      const id = idOf(await branch.ask(secretary, '安排 党员大会 时间 12月3日 19:00'))
      bench.clock.set(LECTURE_START)
      await branch.ask(secretary, '开始签到')
      await branch.ask(a, '签到')
      await branch.ask(e, '签到') // 预备党员: present, but no vote
      const [, notYet] = await branch.replies(secretary, `会议 #${id}`)
      expect(notYet!.text).toContain('表决：有表决权的正式党员应到 5 人，实到 1 人，须至少 3 人到会，不足半数，不能表决。')
      expect(notYet!.text).toContain('未签到：王书记、李四、王五、赵六')
      await branch.ask(b, '签到')
      await branch.ask(c, '签到')
      await branch.ask(secretary, '结束签到')
      const [counts, closed] = await branch.replies(secretary, `会议 #${id}`)
      expect(counts!.text).not.toContain('赵六')
      expect(closed!.text).toContain('表决：有表决权的正式党员应到 5 人，实到 3 人，须至少 3 人到会，可以表决。')
    })

    it('GIVEN a 支委会 THEN only committee members are expected, others cannot check in, and the record gives the committee quorum', async () => {
      await branch.ask(secretary, '任命 @张三 组织委员')
      await branch.ask(secretary, '任命 @李四 宣传委员')
      await branch.ask(secretary, '任命 @王五 党小组长') // leads a 党小组; not on the branch committee
      const id = idOf(await branch.ask(secretary, '安排 支委会 时间 12月3日 19:00'))
      bench.clock.set(LECTURE_START)
      await branch.ask(secretary, '开始签到')
      expect(await branch.ask(d, '签到')).toBe(`#${id} 是支委会，赵六 不是本组织的支委，无需签到或请假。`)
      expect(await branch.ask(c, '签到')).toBe(`#${id} 是支委会，王五 不是本组织的支委，无需签到或请假。`)
      await branch.ask(secretary, '签到')
      await branch.ask(a, '签到')
      expect(await branch.ask(secretary, '结束签到')).toBe(
        [`#${id} 支委会 签到结束。`, '应到 3 人，实到 2 人，请假 0 人，缺席 1 人', '实到：王书记、张三', '请假：无', '缺席：李四'].join('\n'),
      )
      const [, record] = await branch.replies(secretary, `会议 #${id}`)
      expect(record!.text).toContain('支委应到 3 人，实到 2 人，须 2 人以上到会，会议有效。')
    })

    it('GIVEN 会议 without a number THEN the meetings to come are listed', async () => {
      expect(await branch.ask(secretary, '会议')).toBe('本组织目前没有待召开的会议。')
      const id = idOf(await branch.ask(secretary, '安排 党课 时间 12月3日 19:00 主题 学习党章'))
      expect(await branch.ask(secretary, '会议')).toBe(`待召开的会议：\n#${id} 党课「学习党章」 12月3日(周四) 19:00`)
      expect(await branch.ask(a, '会议')).toContain('无权')
    })

    it('GIVEN a meeting number of another branch THEN 会议 #n finds nothing', async () => {
      const other = bench.group('第二党支部群', [admin])
      await other.ask(admin, '绑定 第二党支部')
      const id = idOf(await other.ask(admin, '安排 党课 时间 12月3日 19:00'))
      expect(await branch.ask(secretary, `会议 #${id}`)).toBe(`本组织没有编号为 #${id} 的会议。`)
    })
  })

  describe('开始签到', () => {
    it('GIVEN an officer opens the check-in early THEN members check in on time and a second 开始签到 says it is open', async () => {
      const id = idOf(await branch.ask(secretary, '安排 党课 时间 12月3日 19:00 主题 学习党章'))
      bench.clock.set(at('18:50'))
      expect(await branch.ask(secretary, '开始签到')).toBe(`#${id} 党课「学习党章」 签到开始，回复「签到」`)
      expect((await bench.db.job.findUniqueOrThrow({ where: { key: `meeting:${id}:open` } })).state).toBe('cancelled')
      expect(await branch.ask(a, '签到')).toBe(`张三 签到成功：#${id}`)
      expect(await branch.ask(secretary, `开始签到 #${id}`)).toBe(`#${id} 已经在签到中，回复「签到」即可。`)
      expect(await branch.ask(a, '开始签到')).toContain('无权')
    })

    it('GIVEN no meeting scheduled THEN 开始签到 says to 安排 one first', async () => {
      expect(await branch.ask(secretary, '开始签到')).toBe('没有待开始签到的会议。请先「安排」会议。')
    })
  })
})

describe('三会一课: the compliance calendar', () => {
  let bench: Bench
  let admin: Person, streetSecretary: Person, secretary: Person, a: Person, other: Person
  let street: Group, branch: Group, second: Group

  beforeEach(async () => {
    bench = await Bench.start()
    admin = bench.person('管理员')
    streetSecretary = bench.person('街道刘书记')
    secretary = bench.person('王书记')
    a = bench.person('张三')
    other = bench.person('孙八')
    street = bench.group('外滩街道党委群', [admin, streetSecretary])
    branch = bench.group('第一党支部群', [admin, secretary, a])
    second = bench.group('第二党支部群', [admin, other])
    // Bound two years before: every period these tests look at counts (a new branch is the subject of its own tests).
    bench.clock.set(BOUND_LONG_AGO)
    await bench.dm(admin, `认证 ${ADMIN_TOKEN}`)
    await street.ask(admin, '绑定 外滩街道党委 党委')
    await street.ask(streetSecretary, '登记 刘书记 正式党员')
    await street.ask(admin, '任命 @街道刘书记 书记')
    await branch.ask(admin, '绑定 第一党支部 党支部 上级 外滩街道党委')
    await second.ask(admin, '绑定 第二党支部 党支部 上级 外滩街道党委')
    await branch.ask(secretary, '登记 王书记 正式党员')
    await branch.ask(a, '登记 张三 正式党员')
    await branch.ask(admin, '任命 @王书记 书记')
    bench.clock.set(FRIDAY_10AM)
  })
  afterEach(() => bench.close())

  /** Schedules a meeting at `start`, opens and closes it then: a meeting held on that day. */
  async function hold(group: Group, officer: Person, type: string, start: Date): Promise<number> {
    bench.clock.set(new Date(start.getTime() - 86_400_000))
    const day = new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', month: 'numeric', day: 'numeric' }).format(start).replace('/', '月')
    const id = idOf(await group.ask(officer, `安排 ${type} 时间 ${day}日 19:00`))
    bench.clock.set(start)
    await group.ask(officer, `开始签到 #${id}`)
    await group.ask(officer, `结束签到 #${id}`)
    return id
  }

  it('GIVEN a branch with only a 党课 this quarter THEN the 党课 is 已开 and 党员大会 and the monthly meetings are 逾期 or 待开', async () => {
    await hold(branch, secretary, '党课', new Date('2026-11-10T19:00:00+08:00'))
    bench.clock.set(new Date('2026-11-27T10:00:00+08:00'))
    expect(await branch.ask(secretary, '三会一课')).toBe(
      [
        '「第一党支部」三会一课（截至 11月27日(周五) 10:00）：',
        '· 党员大会（每季度，2026年第4季度）：逾期（无记录）',
        '· 支委会（每月，2026年11月）：逾期（无记录）',
        '· 党小组会（每月，2026年11月）：逾期（无记录）',
        '· 党课（每季度，2026年第4季度）：已开 1 次',
        '· 主题党日（每月，2026年11月）：逾期（无记录）',
        '· 组织生活会（每年，2026年）：逾期（无记录）',
      ].join('\n'),
    )
  })

  it('GIVEN a 支委会 held last month THEN this month it is 待开 with the date it was last held; an open meeting is not held yet (待开), a cancelled one counts for nothing', async () => {
    await hold(branch, secretary, '支委会', new Date('2026-10-20T19:00:00+08:00'))
    bench.clock.set(new Date('2026-11-27T10:00:00+08:00'))
    await branch.ask(secretary, '安排 党员大会 时间 明天上午9点')
    await branch.ask(secretary, '开始签到') // open, never closed: not held
    const id = idOf(await branch.ask(secretary, '安排 主题党日 时间 明天下午3点'))
    await branch.ask(secretary, `取消会议 #${id}`)
    const reply = await branch.ask(secretary, '三会一课')
    expect(reply).toContain('· 支委会（每月，2026年11月）：待开（上次 10月20日）')
    expect(reply).toContain('· 党员大会（每季度，2026年第4季度）：待开（无记录）')
    expect(reply).toContain('· 主题党日（每月，2026年11月）：逾期（无记录）')
  })

  it('GIVEN 上季度 THEN every period of last quarter is listed, held or 逾期', async () => {
    await hold(branch, secretary, '支委会', new Date('2026-07-15T19:00:00+08:00'))
    await hold(branch, secretary, '支委会', new Date('2026-09-15T19:00:00+08:00'))
    await hold(branch, secretary, '党员大会', new Date('2026-08-15T19:00:00+08:00'))
    bench.clock.set(new Date('2026-11-27T10:00:00+08:00'))
    const reply = await branch.ask(secretary, '三会一课 上季度')
    expect(reply).toContain('「第一党支部」三会一课（2026年第3季度）：')
    expect(reply).toContain('· 党员大会（每季度）：已开 1 次')
    expect(reply).toContain('· 支委会（每月）：已开 2/3；逾期：8月')
    expect(reply).toContain('· 党小组会（每月）：已开 0/3；逾期：7月、8月、9月')
    expect(reply).toContain('· 组织生活会（每年）：待开')
  })

  it('GIVEN 本年 THEN past months are 逾期 and the current one 待开', async () => {
    bench.clock.set(new Date('2026-11-27T10:00:00+08:00'))
    const reply = await branch.ask(secretary, '三会一课 本年')
    expect(reply).toContain('「第一党支部」三会一课（2026年）：')
    expect(reply).toContain('· 支委会（每月）：已开 0/11；逾期：1月、2月、3月、4月、5月、6月、7月、8月、9月、10月；待开：11月')
    expect(reply).toContain('· 党员大会（每季度）：已开 0/4；逾期：第1季度、第2季度、第3季度；待开：第4季度')
  })

  it('GIVEN the street secretary in the street group THEN one block for the street and one per branch below with a group', async () => {
    await hold(branch, secretary, '党课', new Date('2026-11-10T19:00:00+08:00'))
    bench.clock.set(new Date('2026-11-27T10:00:00+08:00'))
    const reply = await street.ask(streetSecretary, '三会一课')
    const blocks = reply.split('\n\n')
    expect(blocks.map((b) => b.split('\n')[0])).toEqual([
      '「外滩街道党委」三会一课（截至 11月27日(周五) 10:00）：',
      '「第一党支部」三会一课（截至 11月27日(周五) 10:00）：',
      '「第二党支部」三会一课（截至 11月27日(周五) 10:00）：',
    ])
    expect(blocks[1]).toContain('· 党课（每季度，2026年第4季度）：已开 1 次')
    expect(blocks[2]).toContain('· 党课（每季度，2026年第4季度）：逾期（无记录）')
    // A branch officer sees only their own branch.
    expect((await branch.ask(secretary, '三会一课')).split('\n\n')).toHaveLength(1)
  })

  it('GIVEN a plain member THEN 三会一课 is refused with 无权', async () => {
    expect(await branch.ask(a, '三会一课')).toContain('无权')
    expect(await branch.ask(secretary, '三会一课 明年')).toBe('格式：三会一课 [上季度|本年]\n例如：三会一课 上季度')
  })
})
