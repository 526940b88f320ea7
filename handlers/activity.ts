import { z } from 'zod'
import { recordRef, optionalRefOnly, requiredRefOnly } from '../src/commands/ref-args.js'
import { commandsOf } from '../src/commands/command.js'
import { readFutureTime } from '../src/commands/time-arg.js'
import { texts } from '../src/texts/index.js'
import type { ActivityService } from '../src/domain/activity/activity.service.js'
import { OFFICERS } from '../src/domain/org/rights.js'

/** The services these commands call. */
export type ActivityNeeds = { activity: ActivityService }
const command = commandsOf<ActivityNeeds>('activity')

const note = z.string().max(100)
const refAndNote = z.object({ ref: recordRef.optional(), text: note }).transform((a) => ({ ref: a.ref, note: a.text || null }))

/** The words of an activity's details, for 发起活动 and 修改活动 alike. */
const DETAIL_KEYWORDS = ['时间', '地点', '名额', '截止']
const MORE_DETAILS_USAGE = '[地点 <地点>] [名额 <人数>] [截止 <时间>]'
const timeWords = z.string().min(1)
const place = z.string().min(1).max(60)
const capacity = z
  .string()
  .optional()
  .refine((v) => v === undefined || (/^\d{1,5}$/.test(v) && Number(v) > 0), { message: texts.activity.capacityBad() })

export const publish = command({
  name: '发起活动',
  summary: texts.summaries.publish(),
  usage: `发起活动 <标题> 时间 <时间> ${MORE_DETAILS_USAGE}`,
  example: '发起活动 社区志愿服务 时间 下周六上午9点 地点 外滩社区 名额 20',
  where: 'group',
  access: OFFICERS,
  keywords: DETAIL_KEYWORDS,
  args: z
    .object({
      text: z.string().min(1).max(60),
      keys: z.object({
        时间: timeWords,
        地点: place.optional(),
        名额: capacity,
        截止: timeWords.optional(),
      }),
    })
    .transform(({ text, keys }) => ({
      title: text,
      time: keys.时间,
      place: keys.地点 ?? null,
      capacity: keys.名额 === undefined ? null : Number(keys.名额),
      deadline: keys.截止 ?? null,
    })),
  run: (ctx, args, services) => {
    const { group } = ctx
    return services.activity.publish({
      org: group.org,
      title: args.title,
      startsAt: readFutureTime(args.time, ctx.now, ctx.timeZone),
      place: args.place,
      capacity: args.capacity,
      deadline: args.deadline === null ? null : readFutureTime(args.deadline, ctx.now, ctx.timeZone),
      byContactId: ctx.asker.contactId,
      now: ctx.now,
    })
  },
})

export const signUp = command({
  name: '报名',
  aliases: ['参加'],
  summary: texts.summaries.signUp(),
  usage: '报名 [#活动编号] [备注]',
  example: '报名 #3 带两瓶水',
  where: 'group',
  access: 'member',
  args: refAndNote,
  run: async (ctx, { ref, note }, services) => {
    const { group, asker } = ctx
    const text = await services.activity.signUp({ org: group.org, ref, member: ctx.member, note, byContactId: asker.contactId, now: ctx.now })
    // Many members sign up within seconds of a new activity: their acknowledgements go out as one message.
    return { text, coalesceKey: `signup:${group.org.id}` }
  },
})

export const cancelSignUp = command({
  name: '取消报名',
  summary: texts.summaries.cancelSignUp(),
  usage: '取消报名 [#活动编号]',
  example: '取消报名 #3',
  where: 'group',
  access: 'member',
  args: optionalRefOnly,
  run: (ctx, { ref }, services) => {
    const { group, asker } = ctx
    return services.activity.cancelSignUp({ org: group.org, ref, member: ctx.member, now: ctx.now })
  },
})

export const signUpFor = command({
  name: '代报名',
  summary: texts.summaries.signUpFor(),
  usage: '代报名 @某人 [#活动编号] [备注]',
  example: '代报名 @王五 #3 电话报名',
  where: 'group',
  access: OFFICERS,
  args: refAndNote,
  run: async (ctx, { ref, note }, services) => {
    const { group, asker } = ctx
    const member = await ctx.mentionedMember()
    return services.activity.signUp({ org: group.org, ref, member, note, byContactId: asker.contactId, now: ctx.now })
  },
})

export const activities = command({
  name: '活动',
  summary: texts.summaries.activities(),
  usage: '活动 [#活动编号]',
  example: '活动 #3',
  where: 'group',
  access: 'anyone',
  args: optionalRefOnly,
  run: (ctx, { ref }, services) => {
    const { group } = ctx
    return ref === undefined
      ? services.activity.listUpcoming(group.org, ctx.now)
      : services.activity.detail(group.org, ref, ctx.now)
  },
})

export const editActivity = command({
  name: '修改活动',
  summary: texts.summaries.editActivity(),
  usage: `修改活动 #活动编号 [时间 <时间>] ${MORE_DETAILS_USAGE}`,
  example: '修改活动 #3 时间 下周日上午9点 名额 30',
  where: 'group',
  access: OFFICERS,
  keywords: DETAIL_KEYWORDS,
  args: z.object({
    ref: recordRef,
    words: z.tuple([]),
    keys: z.object({
      时间: timeWords.optional(),
      地点: place.optional(),
      名额: capacity,
      截止: timeWords.optional(),
    }),
  }),
  run: (ctx, { ref, keys }, services) => {
    const { group, asker } = ctx
    const read = (text: string) => readFutureTime(text, ctx.now, ctx.timeZone)
    return services.activity.edit({
      org: group.org,
      ref,
      changes: {
        ...(keys.时间 ? { startsAt: read(keys.时间) } : {}),
        ...(keys.地点 ? { place: keys.地点 } : {}),
        ...(keys.名额 ? { capacity: Number(keys.名额) } : {}),
        ...(keys.截止 ? { deadline: read(keys.截止) } : {}),
      },
      byContactId: asker.contactId,
      now: ctx.now,
    })
  },
})

export const cancelActivity = command({
  name: '取消活动',
  summary: texts.summaries.cancelActivity(),
  usage: '取消活动 #活动编号',
  example: '取消活动 #3',
  where: 'group',
  access: OFFICERS,
  args: requiredRefOnly,
  run: (ctx, { ref }, services) => {
    const { group, asker } = ctx
    return services.activity.cancel({ org: group.org, ref, byContactId: asker.contactId, now: ctx.now })
  },
})

export const activityCommands = [publish, signUp, cancelSignUp, signUpFor, activities, editActivity, cancelActivity]
