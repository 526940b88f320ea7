import { z } from 'zod'
import { recordRef, optionalRefMaybeBare, requiredRefOnly } from '../src/commands/ref-args.js'
import { commandsOf, type CommandContext } from '../src/commands/command.js'
import { namesTimeOfDayOnly, readFutureTime, readFutureTimeNoting, type FutureTime } from '../src/commands/time-arg.js'
import { readLeadingRefs } from '../src/commands/refs.js'
import { texts } from '../src/texts/index.js'
import { UserError } from '../src/texts/user-error.js'
import type { ActivityService } from '../src/domain/activity/activity.service.js'
import type { JielongService } from '../src/domain/activity/jielong.service.js'
import { isJielong } from '../src/domain/activity/jielong.js'
import { OFFICERS } from '../src/domain/org/rights.js'

/** The services these commands call. */
export type ActivityNeeds = { activity: ActivityService; jielong: JielongService }
const command = commandsOf<ActivityNeeds>('activity')

/** A start time; one already past today (下午三点半 at five) is refused with the command's form. */
function readStart(text: string, ctx: CommandContext, form: { usage: string; example: string }): FutureTime {
  try {
    return readFutureTimeNoting(text, ctx.now, ctx.timeZone)
  } catch (error) {
    if (error instanceof UserError && error.code === 'common.pastTime' && namesTimeOfDayOnly(text)) throw new UserError('activity.pastToday', { input: text, ...form })
    throw error
  }
}

const note = z.string().max(100)
const refAndNote = z.object({ ref: recordRef.optional(), text: note }).transform((a) => ({ ref: a.ref, note: a.text || null }))

/** The words of an activity's details, for 发起活动 and 修改活动 alike. */
const DETAIL_KEYWORDS = ['时间', '地点', '名额', '截止']
/** `发起活动 … 接龙`: sign-ups come from the group's next 接龙. */
const JIELONG_WORD = '接龙'
const MORE_DETAILS_USAGE = '[地点 <地点>] [名额 <人数>] [截止 <时间>]'
const timeWords = z.string().min(1)
const PUBLISH_USAGE = `发起活动 <标题> 时间 <时间> ${MORE_DETAILS_USAGE}`
const PUBLISH_EXAMPLE = '发起活动 社区志愿服务 时间 下周六上午9点 地点 外滩社区 名额 20'
const EDIT_USAGE = `修改活动 #活动编号 [时间 <时间>] ${MORE_DETAILS_USAGE}`
const EDIT_EXAMPLE = '修改活动 #3 时间 下周日上午9点 名额 30'
const place = z.string().min(1).max(60)
const capacity = z
  .string()
  .optional()
  .refine((v) => v === undefined || (/^\d{1,5}$/.test(v) && Number(v) > 0), { message: texts.activity.capacityBad() })

export const publish = command({
  name: '发起活动',
  summary: texts.summaries.publish(),
  usage: PUBLISH_USAGE,
  example: PUBLISH_EXAMPLE,
  // Sent privately, it posts in the organisation's group and the asker gets the number (组织 <名> when several).
  where: 'org',
  postsToGroup: true,
  access: OFFICERS,
  keywords: [...DETAIL_KEYWORDS, JIELONG_WORD],
  args: z
    .object({
      text: z.string().min(1).max(60),
      keys: z.object({
        时间: timeWords,
        地点: place.optional(),
        名额: capacity,
        截止: timeWords.optional(),
        接龙: z.literal('').optional(),
      }),
    })
    .transform(({ text, keys }) => ({
      jielong: keys.接龙 !== undefined,
      title: text,
      time: keys.时间,
      place: keys.地点 ?? null,
      capacity: keys.名额 === undefined ? null : Number(keys.名额),
      deadline: keys.截止 ?? null,
    })),
  run: async (ctx, args, services) => {
    const { group } = ctx
    const start = readStart(args.time, ctx, { usage: PUBLISH_USAGE, example: PUBLISH_EXAMPLE })
    const input = {
      org: group.org,
      title: args.title,
      startsAt: start.at,
      rolledToNextWeek: start.rolledToNextWeek,
      place: args.place,
      capacity: args.capacity,
      deadline: args.deadline === null ? null : readFutureTime(args.deadline, ctx.now, ctx.timeZone),
      byContactId: ctx.asker.contactId,
      now: ctx.now,
    }
    return args.jielong ? services.jielong.publish(input) : (await services.activity.publish(input)).text
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
  run: async (ctx, args, services) => {
    const { group, asker } = ctx
    // 报名 1 is 报名 #1; 报名 #2 #4 is both or neither.
    const leading = readLeadingRefs(ctx.rawRest)
    const refs = leading.refs.length > 0 ? leading.refs : [args.ref]
    const note = leading.refs.length > 0 ? leading.rest || null : args.note
    if (refs.some((r) => r !== undefined && !recordRef.safeParse(r).success) || (note?.length ?? 0) > 100) {
      throw new UserError('common.format', { usage: '报名 [#活动编号] [备注]', example: '报名 #3 带两瓶水' })
    }
    const text = await services.activity.signUpAll({ org: group.org, refs, member: ctx.member, note, byContactId: asker.contactId, now: ctx.now })
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
  args: optionalRefMaybeBare,
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
  // Officers ask privately too: the organisation comes from their office (组织 <名> when several).
  where: 'org',
  access: 'anyone',
  args: optionalRefMaybeBare,
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
  usage: EDIT_USAGE,
  example: EDIT_EXAMPLE,
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
    const start = keys.时间 ? readStart(keys.时间, ctx, { usage: EDIT_USAGE, example: EDIT_EXAMPLE }) : null
    return services.activity.edit({
      org: group.org,
      ref,
      rolledToNextWeek: start?.rolledToNextWeek ?? false,
      changes: {
        ...(start ? { startsAt: start.at } : {}),
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

export const jielong = command({
  name: '接龙',
  summary: texts.summaries.jielong(),
  usage: '接龙 <在群里直接发微信接龙，标题写活动名>',
  example: '接龙 社区志愿服务（在群里发起微信接龙，标题写活动名）',
  where: 'group',
  access: 'anyone',
  matches: isJielong,
  run: (ctx, _args, services) =>
    services.jielong.read({ org: ctx.group.org, text: ctx.message.text, byContactId: ctx.asker.contactId, now: ctx.now, postedAt: ctx.message.at, directory: ctx.message.members }),
})

export const activityCommands = [publish, signUp, cancelSignUp, signUpFor, activities, editActivity, cancelActivity, jielong]
