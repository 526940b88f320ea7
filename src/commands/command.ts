import type { z } from 'zod'
import type { IncomingMessage } from '../chat/port.js'
import type { Mention } from '../chat/mentions.js'
import type { Asker, OrgContext } from '../domain/org/org.service.js'
import type { MemberRow } from '../domain/org/org.repository.js'
import type { Services } from '../services.js'
import type { ParsedArgs } from './grammar.js'
import type { Replies } from './reply.js'

/** Where a command may be used. */
export type Where = 'group' | 'private' | 'any'

/**
 * Who may run a command, checked before its arguments are read:
 * `member` is registered in the group's organisation; `officer` holds any office in it or above;
 * `secretary` is its 书记 or 副书记 or above. A super-admin passes every check.
 */
export type Access = 'anyone' | 'member' | 'officer' | 'secretary' | 'superAdmin'

/** What the arguments schema receives. */
export type CommandInput = ParsedArgs & { mentions: Mention[] }

export interface CommandContext {
  message: IncomingMessage
  now: Date
  timeZone: string
  services: Services
  asker: Asker
  /** The organisation the group is bound to; null in a private chat or an unbound group. */
  group: OrgContext | null
  /** The commands this asker may run here (for 帮助). */
  available(): CommandDef[]
  /** Every registered command. */
  all(): CommandDef[]
  /** The one registered member @-mentioned in the message, or a UserError saying what is wrong. */
  mentionedMember(): Promise<MemberRow>
}

/** A bound group's context; commands that run only in bound groups get it non-null. */
export type GroupCommandContext = CommandContext & { group: OrgContext }

export interface CommandDef<A = CommandInput> {
  /** The word users type; the first word of `usage`. */
  name: string
  aliases?: readonly string[]
  summary: string
  /** The form shown after 格式：, e.g. `报名 [#活动编号] [备注]`. */
  usage: string
  example: string
  where: Where
  access: Access
  /** Unbound groups ignore every command but those that set this (绑定, 认证, 帮助). */
  worksUnbound?: boolean
  /** Words that start keyword arguments, e.g. 时间 地点 名额. */
  keywords?: readonly string[]
  /** Reads `CommandInput` (parsed words, #n, keywords, mentions) into the handler's arguments. */
  args?: z.ZodType<A>
  run(ctx: CommandContext, args: A): Promise<Replies>
}

/** Declares a command with typed arguments (keeps `A` checked inside, erased in the registry). */
export function defineCommand<A = CommandInput>(def: CommandDef<A>): CommandDef {
  return def as unknown as CommandDef
}
