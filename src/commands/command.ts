import type { z } from 'zod'
import type { IncomingMessage } from '../chat/port.js'
import type { Mention } from '../chat/mentions.js'
import type { Asker, OrgContext } from '../domain/org/org.service.js'
import type { MemberRow } from '../domain/org/org.repository.js'
import type { TitleRights } from '../domain/org/rights.js'
import type { ParsedArgs } from './grammar.js'
import type { Replies } from '../chat/reply.js'

/**
 * Where a command may be used: `group` a bound group; `room` any group, bound or not (绑定);
 * `private` a private chat with the bot; `any` a bound group or a private chat; `org` an
 * organisation's command that works in its bound group or privately: there the organisation is
 * the one where the asker holds the office the command needs (for member commands: where they are
 * registered), or the one named with `组织 <名>` at the end; with several, the asker is shown the
 * list. Either way `run` gets the organisation as `ctx.group` and rights are checked in it.
 */
export type Where = 'group' | 'room' | 'private' | 'any' | 'org'

/**
 * Who may run a command, declared once per command. The dispatcher is the only place that
 * checks it, and 帮助 lists exactly the commands it would let through.
 * - `anyone`: everybody (rules inside the command may still refuse, e.g. 认证's token);
 * - `member`: registered in the group's organisation (a super-admin is not a member by holding
 *   the token: member commands act on the asker's own registration);
 * - `{ titles }`: holds one of these offices in the organisation or above it (属地管理), or with
 *   `anywhere` in any organisation; a super-admin passes;
 * - `superAdmin`: only the super-admin.
 */
export type Rights = 'anyone' | 'member' | 'superAdmin' | TitleRights

/** What the arguments schema receives. */
export type CommandInput = ParsedArgs & { mentions: Mention[] }

/** What every command's `run` gets. */
export interface CommandContext {
  message: IncomingMessage
  now: Date
  timeZone: string
  asker: Asker
  /** The organisation the group is bound to; null in a private chat or an unbound group. */
  group: OrgContext | null
  /** Everything after the command word exactly as typed (line breaks, full-width punctuation kept). */
  rawRest: string
  /** The commands this asker may run here (for 帮助). */
  available(): CommandDef[]
  /** Every registered command. */
  all(): CommandDef[]
  /** The one registered member @-mentioned in the message (or named, see `target`), or a UserError saying what is wrong. */
  mentionedMember(): Promise<MemberRow>
}

/** A command used in a bound group: the group's organisation is known. */
export interface GroupCommandContext extends CommandContext {
  group: OrgContext
}

/** A member command in a bound group: the asker's own registration is known. */
export interface MemberCommandContext extends GroupCommandContext {
  member: MemberRow
}

/** A command used in any group, bound or not. */
export interface RoomCommandContext extends CommandContext {
  room: { roomId: string; topic: string }
}

/** The context a declaration earns: narrowed by where the command runs and who may run it. */
export type ContextFor<W extends Where, R extends Rights> = W extends 'group' | 'org'
  ? R extends 'member'
    ? MemberCommandContext
    : GroupCommandContext
  : W extends 'room'
    ? RoomCommandContext
    : CommandContext

interface CommandFields {
  /** The word users type; the first word of `usage`. */
  name: string
  aliases?: readonly string[]
  summary: string
  /** The form shown after 格式：, e.g. `报名 [#活动编号] [备注]`. */
  usage: string
  example: string
  /** `any` commands that also answer in unbound groups (帮助). */
  worksUnbound?: boolean
  /** An `any` command 帮助 lists in private chats only (认证 answers in a group only to burn an exposed token). */
  listedOnlyInPrivate?: boolean
  /** Words that start keyword arguments, e.g. 时间 地点 名额. */
  keywords?: readonly string[]
  /**
   * `member`: the command acts on one member, @-mentioned in a group; sent privately (`where:
   * 'org'`), the first word names them instead (`收党费 张三 76.50`) and `mentionedMember()`
   * finds them by that name (a name two members share asks which).
   */
  target?: 'member'
  /**
   * A message this command reads without a command word (WeChat's 接龙): the dispatcher tries it
   * when no command word starts the message, or when the word that does is this command's. Such a
   * command reads the whole message (`ctx.message.text`, never cut at MAX_COMMAND_LENGTH) and gets
   * no arguments. It must be cheap and false for ordinary chat: it sees every group message.
   */
  matches?: (text: string) => boolean
  /**
   * The command's answer is the organisation's announcement in its group (通知, 发起活动, 安排).
   * Sent privately (`where: 'org'`), what it would say in the group goes to the organisation's
   * bound group, and the asker is told privately where it went and its number.
   */
  postsToGroup?: true
  /**
   * Its argument is prose used as typed (`ctx.rawRest`, 通知). Sent privately, a `组织 <名>` whose
   * name is no organisation is words of the text (通知 请各 组织 委员 …), not a refusal.
   */
  prose?: true
  /** The command a file sent privately runs (a roster sheet): the file is `ctx.message.file`. At most one command declares it. */
  acceptsFile?: boolean
}

/** The heading 帮助 lists a command under (成员 / 活动 / 会议 / 党费 / 通知 / 统计 / 其他). */
export type HelpSection = 'members' | 'activity' | 'meeting' | 'dues' | 'notice' | 'reports' | 'other'

/** What the registry, 帮助 and the README know of a command: its words, place, rights and arguments. */
export interface CommandInfo extends CommandFields {
  section: HelpSection
  where: Where
  access: Rights
  args?: z.ZodType<unknown>
}

/** A command ready to run: declared, and bound to the services it calls. */
export interface CommandDef extends CommandInfo {
  run(ctx: CommandContext, args: unknown): Promise<Replies>
}

/** A declared command, waiting for the services `S` it calls (given when its capability is assembled). */
export interface DeclaredCommand<S> extends CommandInfo {
  bind(services: S): CommandDef
}

/** A command as its handler declares it: `run` gets the narrowed context, typed arguments and its services. */
export interface CommandSpec<W extends Where, R extends Rights, A, S> extends CommandFields {
  where: W
  access: R
  /** Reads `CommandInput` (parsed words, #n, keywords, mentions) into the handler's arguments. */
  args?: z.ZodType<A, CommandInput> | z.ZodType<A>
  run(ctx: ContextFor<W, R>, args: A, services: S): Promise<Replies> | Replies
}

/**
 * Declares the commands of a capability that calls services `S`, listed by 帮助 under `section`:
 * `const command = commandsOf<{ activity: ActivityService }>('activity')`, then `command({ … })` per command.
 * The dispatcher builds the narrowed context the declaration promises (it has checked the place
 * and the rights), so handlers need no casts.
 */
export function commandsOf<S>(section: HelpSection) {
  return function defineCommand<W extends Where, R extends Rights, A = CommandInput>(spec: CommandSpec<W, R, A, S>): DeclaredCommand<S> {
    const { run, ...fields } = spec
    const info = { ...fields, section }
    return {
      ...info,
      args: spec.args as z.ZodType<unknown> | undefined,
      bind: (services) => ({
        ...info,
        args: spec.args as z.ZodType<unknown> | undefined,
        run: async (ctx, args) => run(ctx as ContextFor<W, R>, args as A, services),
      }),
    }
  }
}

/** Binds a capability's declared commands to its services. */
export function bindAll<S>(commands: readonly DeclaredCommand<S>[], services: S): CommandDef[] {
  return commands.map((command) => command.bind(services))
}
