import { z } from 'zod'
import { recordRef, requiredRefOnly } from '../src/commands/ref-args.js'
import { commandsOf } from '../src/commands/command.js'
import { texts } from '../src/texts/index.js'
import type { NoticeService } from '../src/domain/notice/notice.service.js'
import { OFFICERS } from '../src/domain/org/rights.js'

/** The services these commands call. */
export type NoticeNeeds = { notice: NoticeService }
const command = commandsOf<NoticeNeeds>('notice')

/**
 * A notice needs some content; what is posted is the text as the officer typed it (`ctx.rawRest`):
 * line breaks and full-width punctuation (，：（）) kept, where the parsed words would be
 * space-joined and half-width.
 */
const content = z.object({ text: z.string().min(1) })

export const post = command({
  name: '通知',
  aliases: ['发通知'],
  summary: texts.summaries.post(),
  usage: '通知 <内容>',
  example: '通知 本周五下午3点在党群服务中心开支部党员大会，请准时参加。',
  // Sent privately, it posts in the organisation's group and the asker gets the number (组织 <名> when several).
  where: 'org',
  postsToGroup: true,
  prose: true,
  access: OFFICERS,
  args: content,
  run: (ctx, _content, services) => {
    const { group, asker } = ctx
    return services.notice.post({ org: group.org, text: ctx.rawRest, byContactId: asker.contactId, now: ctx.now })
  },
})

export const broadcast = command({
  name: '通知下级',
  summary: texts.summaries.broadcast(),
  usage: '通知下级 <内容>',
  example: '通知下级 请各支部于12月10日前报送本年度组织生活会方案。',
  where: 'group',
  access: OFFICERS,
  args: content,
  run: (ctx, _content, services) => {
    const { group, asker } = ctx
    return services.notice.broadcast({ org: group.org, text: ctx.rawRest, byContactId: asker.contactId, now: ctx.now })
  },
})

export const acknowledge = command({
  name: '收到',
  aliases: ['已收到', '收到了', '收到!', '收到。'],
  summary: texts.summaries.acknowledge(),
  usage: '收到 [#通知编号]',
  example: '收到 #5',
  where: 'group',
  access: 'member',
  // Words after 收到 (收到 谢谢) are chat, not arguments.
  args: z.object({ ref: recordRef.optional(), words: z.array(z.string()) }),
  run: (ctx, { ref }, services) => {
    const { group, asker } = ctx
    return services.notice.acknowledge({ org: group.org, ref, member: ctx.member, now: ctx.now })
  },
})

export const noticeStatus = command({
  name: '通知情况',
  summary: texts.summaries.noticeStatus(),
  usage: '通知情况 #通知编号',
  example: '通知情况 #5',
  // Officers ask privately too: the organisation comes from their office (组织 <名> when several).
  where: 'org',
  access: OFFICERS,
  args: requiredRefOnly,
  run: async (ctx, { ref }, services) => {
    const { group, asker } = ctx
    const text = await services.notice.status({ context: group, ref })
    // Who has not responded is named only to the officer, not in front of the group.
    return [{ text: texts.notice.sentPrivately() }, { text, privateTo: asker.contactId }]
  },
})

export const nudge = command({
  name: '催办',
  summary: texts.summaries.nudge(),
  usage: '催办 #通知编号',
  example: '催办 #5',
  where: 'group',
  access: OFFICERS,
  args: requiredRefOnly,
  run: (ctx, { ref }, services) => {
    const { group } = ctx
    return services.notice.nudge({ context: group, ref, now: ctx.now })
  },
})

export const noticeCommands = [post, broadcast, acknowledge, noticeStatus, nudge]
