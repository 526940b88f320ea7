import { z } from 'zod'
import type { CommandDef } from '../src/commands/command.js'
import { recordRef, optionalRefOnly, requiredRefOnly } from '../src/commands/ref-args.js'
import { LEADING_BODY_MEETINGS, readMeetingType } from '../src/domain/org/vocabulary.js'
import { commandsOf } from '../src/commands/command.js'
import { readFutureTime } from '../src/commands/time-arg.js'
import { texts } from '../src/texts/index.js'
import { MEETING_TYPES } from '../src/domain/meeting/meeting-rules.js'
import type { MeetingService } from '../src/domain/meeting/meeting.service.js'
import type { MeetingRecordService } from '../src/domain/meeting/meeting-record.service.js'
import type { ComplianceService } from '../src/domain/meeting/compliance.service.js'
import { OFFICERS } from '../src/domain/org/rights.js'

/** The services these commands call. */
export type MeetingNeeds = { meeting: MeetingService; meetingRecord: MeetingRecordService; compliance: ComplianceService }
const command = commandsOf<MeetingNeeds>('meeting')

/** A reason is required (leave is asked in advance, with a reason): `请假 #3` alone fails and gets the 格式 reply. */
const refAndReason = z.object({ ref: recordRef.optional(), text: z.string().trim().min(1).max(100) }).transform((a) => ({ ref: a.ref, reason: a.text }))

/** The reply to a meeting word not understood: it names the word; a leading body's meeting is explained instead. */
function unknownMeetingType(word: string): string {
  return LEADING_BODY_MEETINGS.has(word) ? texts.vocabulary.leadingBodyMeeting({ word }) : texts.vocabulary.unknownMeetingType({ word, accepted: MEETING_TYPES })
}

export const scheduleMeeting = command({
  name: '安排',
  aliases: ['安排会议'],
  summary: texts.summaries.scheduleMeeting(),
  usage: `安排 <${MEETING_TYPES.join('|')}> 时间 <时间> [地点 <地点>] [主题 <主题>]`,
  example: '安排 党课 时间 12月3日 19:00 主题 学习党章',
  // Sent privately, it posts in the organisation's group and the asker gets the number (组织 <名> when several).
  where: 'org',
  postsToGroup: true,
  access: OFFICERS,
  keywords: ['时间', '地点', '主题'],
  args: z
    .object({
      words: z.tuple([z.string()]),
      keys: z.object({
        时间: z.string().min(1),
        地点: z.string().min(1).max(60).optional(),
        主题: z.string().min(1).max(60).optional(),
      }),
    })
    .transform((a, ctx) => {
      const type = readMeetingType(a.words[0])
      if (type === null) {
        ctx.addIssue({ code: 'custom', message: unknownMeetingType(a.words[0]) })
        return z.NEVER
      }
      return { type, time: a.keys.时间, place: a.keys.地点 ?? null, topic: a.keys.主题 ?? null }
    }),
  run: (ctx, args, services) => {
    const { group, asker } = ctx
    return services.meeting.schedule({
      org: group.org,
      type: args.type,
      startsAt: readFutureTime(args.time, ctx.now, ctx.timeZone),
      place: args.place,
      topic: args.topic,
      byContactId: asker.contactId,
      now: ctx.now,
    })
  },
})

export const openCheckIn = command({
  name: '开始签到',
  summary: texts.summaries.openCheckIn(),
  usage: '开始签到 [#会议编号]',
  example: '开始签到 #3',
  where: 'group',
  access: OFFICERS,
  args: optionalRefOnly,
  run: (ctx, { ref }, services) => {
    const { group, asker } = ctx
    return services.meeting.open({ org: group.org, ref, byContactId: asker.contactId, now: ctx.now })
  },
})

export const checkIn = command({
  name: '签到',
  summary: texts.summaries.checkIn(),
  usage: '签到 [#会议编号]',
  example: '签到 #3',
  where: 'group',
  access: 'member',
  // Words after 签到 (「签到 张三」「签到 到了」) are ignored: only the number matters.
  args: z.object({ ref: recordRef.optional() }),
  run: (ctx, { ref }, services) => {
    const { group, asker } = ctx
    return services.meeting.checkIn({ org: group.org, ref, member: ctx.member, byContactId: asker.contactId, now: ctx.now })
  },
})

export const askLeave = command({
  name: '请假',
  summary: texts.summaries.askLeave(),
  usage: '请假 [#会议编号] <原因>',
  example: '请假 #3 出差',
  where: 'group',
  access: 'member',
  args: refAndReason,
  run: (ctx, { ref, reason }, services) => {
    const { group, asker } = ctx
    return services.meeting.leave({ org: group.org, ref, member: ctx.member, reason, byContactId: asker.contactId, now: ctx.now })
  },
})

export const checkInFor = command({
  name: '代签到',
  summary: texts.summaries.checkInFor(),
  usage: '代签到 @某人 [#会议编号]',
  example: '代签到 @张三 #3',
  where: 'group',
  access: OFFICERS,
  args: optionalRefOnly,
  run: async (ctx, { ref }, services) => {
    const { group, asker } = ctx
    const member = await ctx.mentionedMember()
    return services.meeting.checkIn({ org: group.org, ref, member, byContactId: asker.contactId, now: ctx.now })
  },
})

export const leaveFor = command({
  name: '代请假',
  summary: texts.summaries.leaveFor(),
  usage: '代请假 @某人 [#会议编号] <原因>',
  example: '代请假 @张三 #3 住院',
  where: 'group',
  access: OFFICERS,
  args: refAndReason,
  run: async (ctx, { ref, reason }, services) => {
    const { group, asker } = ctx
    const member = await ctx.mentionedMember()
    return services.meeting.leave({ org: group.org, ref, member, reason, byContactId: asker.contactId, now: ctx.now })
  },
})

export const closeCheckIn = command({
  name: '结束签到',
  summary: texts.summaries.closeCheckIn(),
  usage: '结束签到 [#会议编号]',
  example: '结束签到 #3',
  where: 'group',
  access: OFFICERS,
  args: optionalRefOnly,
  run: (ctx, { ref }, services) => {
    const { group, asker } = ctx
    return services.meeting.close({ org: group.org, ref, byContactId: asker.contactId, now: ctx.now })
  },
})

export const cancelMeeting = command({
  name: '取消会议',
  summary: texts.summaries.cancelMeeting(),
  usage: '取消会议 #会议编号',
  example: '取消会议 #3',
  where: 'group',
  access: OFFICERS,
  args: requiredRefOnly,
  run: (ctx, { ref }, services) => {
    const { group, asker } = ctx
    return services.meeting.cancel({ org: group.org, ref, byContactId: asker.contactId, now: ctx.now })
  },
})

export const meetings = command({
  name: '会议',
  summary: texts.summaries.meetings(),
  usage: '会议 [#会议编号]',
  example: '会议 #3',
  // Officers ask privately too: the organisation comes from their office (组织 <名> when several).
  where: 'org',
  access: OFFICERS,
  args: optionalRefOnly,
  run: (ctx, { ref }, services) => {
    const { group, asker } = ctx
    return ref === undefined
      ? services.meeting.list(group.org, ctx.now)
      : services.meetingRecord.record({ org: group.org, ref, askerContactId: asker.contactId, inGroup: true, now: ctx.now })
  },
})

const recordText = z.string().min(1).max(500).optional()

export const editRecord = command({
  name: '会议记录',
  summary: texts.summaries.editRecord(),
  usage: '会议记录 #会议编号 [主持 <名字>] [记录 <名字>] [议程 <内容>] [决议 <内容>]',
  example: '会议记录 #3 主持 王书记 记录 李四 议程 学习党章第一章 决议 全体通过',
  where: 'group',
  access: OFFICERS,
  keywords: ['主持', '记录', '议程', '决议'],
  args: z
    .object({
      ref: recordRef,
      words: z.tuple([]),
      keys: z.object({ 主持: z.string().min(1).max(20).optional(), 记录: z.string().min(1).max(20).optional(), 议程: recordText, 决议: recordText }),
    })
    .transform(({ ref, keys }) => ({
      ref,
      fields: {
        ...(keys.主持 ? { chair: keys.主持 } : {}),
        ...(keys.记录 ? { recorder: keys.记录 } : {}),
        ...(keys.议程 ? { agenda: keys.议程 } : {}),
        ...(keys.决议 ? { resolutions: keys.决议 } : {}),
      },
    })),
  run: (ctx, { ref, fields }, services) => {
    const { group, asker } = ctx
    return services.meetingRecord.editRecord({ org: group.org, ref, fields, byContactId: asker.contactId, now: ctx.now })
  },
})

export const exempt = command({
  name: '免签',
  summary: texts.summaries.exempt(),
  usage: '免签 @某人',
  example: '免签 @张三',
  where: 'group',
  access: OFFICERS,
  args: z.object({ words: z.tuple([]) }),
  run: async (ctx, _args, services) => {
    const { group, asker } = ctx
    return services.meeting.setExempt({ org: group.org, member: await ctx.mentionedMember(), exempt: true, byContactId: asker.contactId, now: ctx.now })
  },
})

export const unexempt = command({
  name: '取消免签',
  summary: texts.summaries.unexempt(),
  usage: '取消免签 @某人',
  example: '取消免签 @张三',
  where: 'group',
  access: OFFICERS,
  args: z.object({ words: z.tuple([]) }),
  run: async (ctx, _args, services) => {
    const { group, asker } = ctx
    return services.meeting.setExempt({ org: group.org, member: await ctx.mentionedMember(), exempt: false, byContactId: asker.contactId, now: ctx.now })
  },
})

const SCOPES = { 上季度: 'lastQuarter', 本年: 'year' } as const

export const complianceCalendar = command({
  name: '三会一课',
  summary: texts.summaries.complianceCalendar(),
  usage: '三会一课 [上季度|本年]',
  example: '三会一课 上季度',
  // Officers ask privately too: the organisation comes from their office (组织 <名> when several).
  where: 'org',
  access: OFFICERS,
  args: z
    .object({ words: z.union([z.tuple([]), z.tuple([z.enum(['上季度', '本年'])])]) })
    .transform((a) => ({ scope: a.words[0] ? SCOPES[a.words[0]] : ('current' as const) })),
  run: (ctx, { scope }, services) => {
    const { group } = ctx
    return services.compliance.calendar({ context: group, scope, now: ctx.now })
  },
})

export const meetingCommands = [
  scheduleMeeting,
  openCheckIn,
  checkIn,
  askLeave,
  checkInFor,
  leaveFor,
  closeCheckIn,
  cancelMeeting,
  meetings,
  editRecord,
  exempt,
  unexempt,
  complianceCalendar,
]
