import { z } from 'zod'
import { commandsOf, type CommandContext } from '../src/commands/command.js'
import { recordRef } from '../src/commands/ref-args.js'
import { OFFICERS } from '../src/domain/org/rights.js'
import type { FlowService } from '../src/domain/transfer/flow.service.js'
import type { MergeService } from '../src/domain/transfer/merge.service.js'
import type { SplitService } from '../src/domain/transfer/split.service.js'
import { MAX_UNIT_NAME } from '../src/domain/units/unit-rules.js'
import type { TransferService } from '../src/domain/transfer/transfer.service.js'
import { texts } from '../src/texts/index.js'
import { UserError } from '../src/texts/user-error.js'

/** The services these commands call. */
export type TransferNeeds = { transfer: TransferService; flow: FlowService; merge: MergeService; split: SplitService }
const command = commandsOf<TransferNeeds>('members')

/** An organisation, or a place outside the tree (a unit, a city): a few words, no @ or #. */
const placeName = z.string().min(2).max(40).regex(/^[^#@]+$/)
const orgName = z.string().min(2).max(40).regex(/^[^#@\s]+$/)

/** The one person @-mentioned, registered here or not (流入 registers someone new to the organisation). */
function mentionedPerson(ctx: CommandContext, usage: string): { contactId: string; name: string } {
  const [mention, ...others] = ctx.message.mentions
  if (!mention || others.length > 0) throw new UserError('common.mentionNeeded', { usage })
  const [contactId, ...more] = mention.contactIds
  if (!contactId) throw new UserError('common.mentionUnknown', { name: mention.name })
  if (more.length > 0) throw new UserError('common.mentionAmbiguous', { name: mention.name })
  return { contactId, name: mention.name }
}

export const transferOut = command({
  name: '转出',
  summary: texts.summaries.transferOut(),
  usage: '转出 @某人 到 <组织名>',
  example: '转出 @张三 到 第二党支部',
  where: 'group',
  access: OFFICERS,
  keywords: ['到'],
  args: z.object({ words: z.tuple([]), keys: z.object({ 到: placeName }) }).transform((a) => ({ toName: a.keys.到 })),
  run: async (ctx, { toName }, services) =>
    services.transfer.transferOut({ org: ctx.group.org, asker: ctx.asker, target: await ctx.mentionedMember(), toName, now: ctx.now }),
})

export const cancelTransfer = command({
  name: '撤销转出',
  summary: texts.summaries.cancelTransfer(),
  usage: '撤销转出 @某人',
  example: '撤销转出 @张三',
  where: 'group',
  access: OFFICERS,
  args: z.object({ words: z.tuple([]) }),
  run: async (ctx, _args, services) => services.transfer.cancel({ org: ctx.group.org, asker: ctx.asker, target: await ctx.mentionedMember(), now: ctx.now }),
})

export const acceptTransfer = command({
  name: '接收',
  summary: texts.summaries.acceptTransfer(),
  usage: '接收 [<姓名>|#编号]',
  example: '接收 张三',
  // Officers accept privately too: the organisation comes from their office (组织 <名> when several).
  where: 'org',
  access: OFFICERS,
  args: z.object({ ref: recordRef.optional(), words: z.array(z.string().min(1).max(20)).max(1) }).refine((a) => a.ref === undefined || a.words.length === 0),
  run: (ctx, { ref, words }, services) => {
    const [name] = words
    if (ref === undefined && name === undefined) return services.transfer.pendingList(ctx.group.org)
    return services.transfer.accept({ org: ctx.group.org, asker: ctx.asker, ...(ref === undefined ? { name } : { id: ref }), now: ctx.now })
  },
})

const FLOW_IN_USAGE = '流入 @某人 [来自 <组织名或单位>]'

export const flowIn = command({
  name: '流入',
  summary: texts.summaries.flowIn(),
  usage: FLOW_IN_USAGE,
  example: '流入 @张三 来自 第一党支部',
  where: 'group',
  access: OFFICERS,
  keywords: ['来自'],
  args: z.object({ words: z.tuple([]), keys: z.object({ 来自: placeName.optional() }) }).transform((a) => ({ from: a.keys.来自 ?? null })),
  run: (ctx, { from }, services) => {
    const person = mentionedPerson(ctx, FLOW_IN_USAGE)
    return services.flow.flowIn({ org: ctx.group.org, asker: ctx.asker, contactId: person.contactId, displayName: person.name, from, now: ctx.now })
  },
})

export const flowOut = command({
  name: '流出',
  summary: texts.summaries.flowOut(),
  usage: '流出 @某人 到 <地点>',
  example: '流出 @张三 到 深圳市南山区',
  where: 'group',
  access: OFFICERS,
  keywords: ['到'],
  args: z.object({ words: z.tuple([]), keys: z.object({ 到: placeName }) }).transform((a) => ({ place: a.keys.到 })),
  run: async (ctx, { place }, services) => services.flow.flowOut({ org: ctx.group.org, asker: ctx.asker, target: await ctx.mentionedMember(), place, now: ctx.now }),
})

export const merge = command({
  name: '合并',
  summary: texts.summaries.merge(),
  usage: '合并 <组织名> 到 <组织名>',
  example: '合并 第二党支部 到 第一党支部',
  // In the group of an organisation over both (or privately, from the asker's office there; 组织 <名> picks one).
  where: 'org',
  access: OFFICERS,
  keywords: ['到'],
  args: z.object({ words: z.tuple([orgName]), keys: z.object({ 到: orgName }) }).transform((a) => ({ fromName: a.words[0], toName: a.keys.到 })),
  run: (ctx, args, services) => services.merge.merge({ context: ctx.group, asker: ctx.asker, ...args, now: ctx.now }),
})

export const split = command({
  name: '拆分',
  summary: texts.summaries.split(),
  usage: '拆分 <单位名称> [为 <新组织名>]',
  example: '拆分 星辰科技 为 星辰科技党支部',
  // In the joint branch's group or a committee's above it (or privately, from the asker's office there).
  where: 'org',
  access: OFFICERS,
  keywords: ['为'],
  args: z
    .object({ words: z.tuple([z.string().min(1).max(MAX_UNIT_NAME).regex(/^[^#@\s]+$/)]), keys: z.object({ 为: orgName.optional() }) })
    .transform((a) => ({ unitName: a.words[0], newName: a.keys.为 ?? null })),
  run: (ctx, args, services) => services.split.split({ context: ctx.group, asker: ctx.asker, ...args, now: ctx.now }),
})

export const transferCommands = [transferOut, cancelTransfer, acceptTransfer, flowIn, flowOut, merge, split]
