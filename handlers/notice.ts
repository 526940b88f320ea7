import { z } from 'zod'
import { recordRef, requiredRefOnly } from '../src/commands/ref-args.js'
import { commandsOf, type CommandContext } from '../src/commands/command.js'
import { texts } from '../src/texts/index.js'
import type { NoticeService } from '../src/domain/notice/notice.service.js'
import { OFFICERS } from '../src/domain/org/rights.js'

/** The services these commands call. */
export type NoticeNeeds = { notice: NoticeService }
const command = commandsOf<NoticeNeeds>()

const content = z.object({ text: z.string().min(1) })

/**
 * The notice as the officer typed it: everything after the command word in the original
 * message, line breaks and full-width punctuation (，：（）) kept. The parsed words would be
 * space-joined and half-width. Falls back to them if the original does not start as expected.
 */
function contentOf(ctx: CommandContext, command: { name: string; aliases?: readonly string[] }, parsed: string): string {
  const line = ctx.message.text.replace(/\r\n?/g, '\n').trim().replace(/^[/#＃]\s*/, '')
  const words = [command.name, ...(command.aliases ?? [])].sort((a, b) => b.length - a.length)
  for (const word of words) {
    const rest = line.startsWith(word) ? line.slice(word.length) : null
    if (rest !== null && (rest === '' || /^\s/.test(rest))) return rest.trim() || parsed
  }
  return parsed
}

const postWords = { name: '通知', aliases: ['发通知'] } as const
export const post = command({
  ...postWords,
  summary: '在本群发布通知，成员回复「收到」确认',
  usage: '通知 <内容>',
  example: '通知 本周五下午3点在党群服务中心开支部党员大会，请准时参加。',
  where: 'group',
  access: OFFICERS,
  args: content,
  run: (ctx, { text }, services) => {
    const { group, asker } = ctx
    return services.notice.post({ org: group.org, text: contentOf(ctx, postWords, text), byContactId: asker.contactId, now: ctx.now })
  },
})

const broadcastWords = { name: '通知下级' } as const
export const broadcast = command({
  ...broadcastWords,
  summary: '向所有下级组织的群发送通知（各自编号、各自确认）',
  usage: '通知下级 <内容>',
  example: '通知下级 请各支部于12月10日前报送本年度组织生活会方案。',
  where: 'group',
  access: OFFICERS,
  args: content,
  run: (ctx, { text }, services) => {
    const { group, asker } = ctx
    return services.notice.broadcast({ org: group.org, text: contentOf(ctx, broadcastWords, text), byContactId: asker.contactId, now: ctx.now })
  },
})

export const acknowledge = command({
  name: '收到',
  aliases: ['已收到', '收到了', '收到!', '收到。'],
  summary: '确认收到通知（不写编号时确认最新一条）',
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
  summary: '查看通知的确认情况（私信发给你）；下发的通知按组织列出',
  usage: '通知情况 #通知编号',
  example: '通知情况 #5',
  where: 'group',
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
  summary: '@ 提醒还没有确认通知的人（每条通知30分钟内一次）',
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
