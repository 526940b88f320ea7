import { z } from 'zod'
import { ACCEPTED_CATEGORY_WORDS, ACCEPTED_STAGE_WORDS, readRegistrationWords } from '../src/domain/org/vocabulary.js'
import { texts } from '../src/texts/index.js'
import { commandsOf } from '../src/commands/command.js'
import {
  DEFAULT_ORG_TYPE,
  MEMBER_CATEGORIES,
  MEMBER_STAGES,
  OFFICER_TITLES,
  ORG_TYPES,
  type MemberCategory,
  type MemberStage,
} from '../src/domain/org/rights.js'
import type { AdminAuthService } from '../src/domain/org/admin-auth.service.js'
import type { OrgTreeService } from '../src/domain/org/org-tree.service.js'
import type { OrgService } from '../src/domain/org/org.service.js'
import { BINDERS, MOVERS, OFFICERS, SECRETARIES } from '../src/domain/org/rights.js'

/** The services these commands call. */
export type OrgNeeds = { org: OrgService; adminAuth: AdminAuthService; orgTree: OrgTreeService }
const command = commandsOf<OrgNeeds>('members')

/** The word for "no parent" in 调整上级. */
const NO_PARENT = '无'
const orgName = z.string().min(2).max(40).regex(/^[^#@\s]+$/)
const personName = z.string().min(1).max(20).regex(/^[^#@\s]+$/)
const unitName = z.string().min(1).max(40).regex(/^[^#@\s]+$/)

export const authenticate = command({
  name: '认证',
  summary: texts.summaries.authenticate(),
  usage: '认证 <令牌>',
  example: '认证 Xq3v9Lm2Tz8Rb1Kc7Wd5Hn0J',
  // Typed in a group, a real token is burned (everyone there read it): so it is heard there too.
  where: 'any',
  listedOnlyInPrivate: true,
  access: 'anyone',
  worksUnbound: true,
  args: z.object({ words: z.tuple([z.string().min(1)]) }).transform((a) => ({ token: a.words[0] })),
  run: (ctx, { token }, services) =>
    ctx.message.conversation.kind === 'group'
      ? services.adminAuth.typedInGroup(ctx.asker.contactId, token, ctx.now)
      : services.adminAuth.authenticate(ctx.asker.contactId, token, ctx.now),
})

export const bind = command({
  name: '绑定',
  summary: texts.summaries.bind(),
  usage: `绑定 <组织名> [${ORG_TYPES.join('|')}] [上级 <上级组织名>]`,
  example: '绑定 第一党支部 党支部 上级 外滩街道党委',
  where: 'room',
  access: BINDERS,
  keywords: ['上级'],
  args: z
    .object({
      words: z.union([z.tuple([orgName]), z.tuple([orgName, z.enum(ORG_TYPES)])]),
      keys: z.object({ 上级: orgName.optional() }),
    })
    .transform((a) => ({ name: a.words[0], type: a.words[1] ?? DEFAULT_ORG_TYPE, parentName: a.keys.上级 ?? null })),
  run: (ctx, args, services) => {
    // 绑定 <本组织名> 上级 <名> in a group already bound to it moves the organisation under that parent.
    if (ctx.group && args.parentName && args.name === ctx.group.org.name) {
      return services.orgTree.moveUnder({ context: ctx.group, asker: ctx.asker, parentName: args.parentName, now: ctx.now })
    }
    return services.org.bindGroup({
      roomId: ctx.room.roomId,
      topic: ctx.room.topic,
      ...args,
      asker: ctx.asker,
      now: ctx.now,
    })
  },
})

/** What 登记 records when the person does not say: most who register are full members in work. */
const DEFAULT_STAGE: MemberStage = '正式党员'
const DEFAULT_CATEGORY: MemberCategory = '在职'

export const register = command({
  name: '登记',
  summary: texts.summaries.register(),
  usage: `登记 <姓名> [${MEMBER_STAGES.join('|')}] [${MEMBER_CATEGORIES.join('|')}] [单位 <工作单位>]`,
  example: '登记 张三 正式党员 在职',
  where: 'group',
  access: 'anyone',
  keywords: ['单位'],
  // People write who they are in everyday words (党员, 预备, 退休, 上班…), in any order; 单位 <名称> last.
  args: z
    .object({ words: z.tuple([personName], z.string()).refine((w) => w.length <= 4), keys: z.object({ 单位: unitName.optional() }) })
    .transform(({ words: [name, ...rest], keys }, ctx) => {
      const read = readRegistrationWords(rest)
      if (read.unknownWords.length > 0) {
        const message = texts.vocabulary.unknownRegistrationWords({ words: read.unknownWords, stages: ACCEPTED_STAGE_WORDS, categories: ACCEPTED_CATEGORY_WORDS })
        ctx.addIssue({ code: 'custom', message })
      } else if (read.conflictingWords.length > 0) {
        ctx.addIssue({ code: 'custom', message: texts.vocabulary.conflictingRegistrationWords({ words: read.conflictingWords }) })
      }
      return { name, stage: read.stage ?? DEFAULT_STAGE, category: read.category ?? DEFAULT_CATEGORY, unit: keys.单位 ?? null }
    }),
  run: (ctx, args, services) => {
    const { org } = ctx.group
    return services.org.register({ org, contactId: ctx.asker.contactId, ...args, now: ctx.now })
  },
})

const titleArgs = z.object({ words: z.tuple([z.enum(OFFICER_TITLES)]) }).transform((a) => ({ title: a.words[0] }))

export const appoint = command({
  name: '任命',
  summary: texts.summaries.appoint(),
  usage: `任命 @某人 <${OFFICER_TITLES.join('|')}>`,
  example: '任命 @李四 组织委员',
  where: 'group',
  access: SECRETARIES,
  args: titleArgs,
  run: async (ctx, { title }, services) => {
    const { group } = ctx
    return services.org.appoint({ context: group, asker: ctx.asker, target: await ctx.mentionedMember(), title, now: ctx.now })
  },
})

export const dismiss = command({
  name: '免去',
  summary: texts.summaries.dismiss(),
  usage: `免去 @某人 <${OFFICER_TITLES.join('|')}>`,
  example: '免去 @李四 组织委员',
  where: 'group',
  access: SECRETARIES,
  args: titleArgs,
  run: async (ctx, { title }, services) => {
    const { group } = ctx
    return services.org.dismiss({ context: group, asker: ctx.asker, target: await ctx.mentionedMember(), title, now: ctx.now })
  },
})

export const members = command({
  name: '成员',
  summary: texts.summaries.members(),
  usage: '成员',
  example: '成员',
  // Officers ask privately too: the organisation comes from their office (组织 <名> when several).
  where: 'org',
  access: OFFICERS,
  run: (ctx, _args, services) => services.org.memberList(ctx.group.org),
})

/** `调整上级 <上级组织名>` moves this group's organisation under another; `调整上级 无` detaches it. */
export const moveUnder = command({
  name: '调整上级',
  summary: texts.summaries.moveUnder(),
  usage: '调整上级 <上级组织名|无>',
  example: '调整上级 外滩街道综合经济党委',
  where: 'group',
  access: MOVERS,
  args: z.object({ words: z.tuple([orgName.or(z.literal(NO_PARENT))]) }).transform((a) => ({ parentName: a.words[0] === NO_PARENT ? null : a.words[0] })),
  run: (ctx, { parentName }, services) => services.orgTree.moveUnder({ context: ctx.group, asker: ctx.asker, parentName, now: ctx.now }),
})

export const orgCommands = [authenticate, bind, moveUnder, register, appoint, dismiss, members]
