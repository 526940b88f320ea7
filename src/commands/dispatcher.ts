import type { Logger } from 'pino'
import type { IncomingMessage } from '../chat/port.js'
import type { Clock } from '../clock.js'
import type { Asker, OrgContext, OrgService } from '../domain/org/org.service.js'
import type { MemberRow } from '../domain/org/org.repository.js'
import { texts } from '../texts/index.js'
import { UserError } from '../texts/user-error.js'
import type { CommandContext, CommandDef } from './command.js'
import { matchMemberName, typedName } from '../domain/org/member-name.js'
import { groupPostOf, lastOrgPair, mayScopePrivately, namedOrg, noRightFor, postedToGroup, privateScope, withoutOrgName } from './org-scope.js'
import { readNearMiss, type NearMissContext } from './near-miss.js'
import { MAX_COMMAND_LENGTH, normalizeText, parseArgs, rawRestOf, splitCommand } from './grammar.js'
import type { CommandRegistry } from './registry.js'
import { toReplies, type Reply } from '../chat/reply.js'

export interface DispatcherDeps {
  registry: CommandRegistry
  /** Reads the group's organisation and the asker's rights. */
  org: OrgService
  clock: Clock
  timeZone: string
  logger: Logger
  /** What a near-miss depends on in a group: whether a notice awaits the member's 收到, how many activities are open. */
  chatState?: (orgId: number, memberId: number | null, now: Date) => Promise<NearMissContext>
}

/** The state under which the most messages could mean something: a message that means nothing here means nothing anywhere. */
const EVERYTHING_POSSIBLE: NearMissContext = { awaitingAck: true, openActivities: 1 }
const NOTHING_PENDING: NearMissContext = { awaitingAck: false, openActivities: 0 }

/**
 * Turns one incoming message into replies: grammar → place and rights → arguments (zod) →
 * handler. The only place that checks rights. Ordinary chat in a group gets no reply; a
 * UserError becomes its Chinese sentence; any other error is logged and answered with a short
 * apology. It never throws.
 */
export class Dispatcher {
  constructor(private readonly deps: DispatcherDeps) {}

  async handle(message: IncomingMessage): Promise<Reply[]> {
    const { registry, logger } = this.deps
    const inGroup = message.conversation.kind === 'group'
    const exact = splitCommand(normalizeText(message.text.slice(0, MAX_COMMAND_LENGTH + 1)), (w) => registry.has(w))
    // Whole-message commands (CommandFields.matches, WeChat's 接龙) read the full text, never cut.
    const byWord = exact ? registry.get(exact.word) : undefined
    const whole = !byWord || byWord.matches ? registry.matching(message.text) : undefined
    // A file sent privately goes to the command that takes files, as if its word were typed.
    const fileCommand = !exact && !inGroup && message.file ? registry.list().find((c) => c.acceptsFile) : undefined
    const line = whole ? { word: whole.name, rest: '' } : fileCommand ? { word: fileCommand.name, rest: '' } : (exact ?? (await this.nearMiss(message)))
    if (!line) return inGroup ? [] : [{ text: texts.common.unknownPrivate() }]
    if ('suggest' in line) return [{ text: texts.common.didYouMean({ word: line.suggest }) }]
    const command = registry.get(line.word)!
    try {
      return await this.run(command, line.word, line.rest, message)
    } catch (error) {
      if (error instanceof UserError) return [{ text: error.reply }]
      logger.error(
        { err: error, command: command.name, messageId: message.id, conversation: message.conversation, sender: message.sender.contactId },
        'command failed',
      )
      return [{ text: texts.common.internal() }]
    }
  }

  private async run(command: CommandDef, word: string, rest: string, message: IncomingMessage): Promise<Reply[]> {
    const { org, clock, timeZone, registry } = this.deps
    const conversation = message.conversation
    const inGroup = conversation.kind === 'group'
    let group = conversation.kind === 'group' ? await org.contextOfGroup(conversation.roomId) : null
    // An unbound group hears nothing but the commands that set it up.
    if (inGroup && !group && !worksUnbound(command)) return []
    if (message.text.length > MAX_COMMAND_LENGTH && !command.matches) throw new UserError('common.tooLong', { max: MAX_COMMAND_LENGTH })
    if ((command.where === 'group' || command.where === 'room') && !inGroup) throw new UserError('common.groupOnly')
    if (command.where === 'private' && inGroup) throw new UserError('common.privateOnly')

    // An organisation's command sent privately: `组织 <名>` is the dispatcher's, and the member acted on is named.
    const scopedPrivately = command.where === 'org' && !inGroup
    const pair = scopedPrivately ? lastOrgPair(rest, command.keywords) : null
    const named = await namedOrg(org, pair, command.prose === true)
    const parsed = parseArgs(pair && named !== undefined ? pair.rest : rest, command.keywords)
    const targetName = scopedPrivately && command.target === 'member' ? parsed.words.shift() : undefined
    if (targetName !== undefined) parsed.text = parsed.words.join(' ')

    const sender = message.sender
    let asker = await org.asker(sender.contactId, sender.name, group?.org ?? null)
    if (scopedPrivately) {
      group = await privateScope(org, asker, command.access, named)
      asker = await org.asker(sender.contactId, sender.name, group.org)
    }
    const denial = this.denial(command, asker, group)
    if (denial) throw denial
    if (scopedPrivately && command.target === 'member' && targetName === undefined) throw new UserError('scope.nameNeeded', { usage: command.usage })
    // An announcement sent privately goes to the organisation's group.
    const post = scopedPrivately && command.postsToGroup ? await groupPostOf(org, group) : null

    const input = { ...parsed, mentions: message.mentions }
    let args: unknown = input
    if (command.args) {
      const parsed = command.args.safeParse(input)
      if (!parsed.success) {
        // A refinement may carry a sentence from the catalogue (Chinese); zod's own messages are
        // English and never shown: the user gets the right form instead.
        const custom = parsed.error.issues.find((i) => i.code === 'custom' && /[\u4e00-\u9fff]/.test(i.message))?.message
        if (custom) return [{ text: custom }]
        throw new UserError('common.format', { usage: command.usage, example: command.example })
      }
      args = parsed.data
    }

    const ctx: CommandContext & Record<string, unknown> = {
      message,
      now: clock.now(),
      timeZone,
      asker,
      group,
      rawRest: named !== undefined ? withoutOrgName(rawRestOf(message.text, word) ?? rest) : (rawRestOf(message.text, word) ?? rest),
      available: () => registry.list().filter((c) => this.visible(c, asker, group, inGroup)),
      all: () => [...registry.list()],
      mentionedMember: () => (targetName !== undefined && group ? this.namedMember(group, targetName) : this.mentionedMember(message, group, command.usage)),
    }
    // The narrowing `defineCommand` promises: a member command has the asker's registration,
    // a room command the room it was typed in.
    if (command.access === 'member') ctx.member = asker.member
    if (conversation.kind === 'group') ctx.room = { roomId: conversation.roomId, topic: message.topic ?? '' }
    const replies = toReplies(await command.run(ctx, args))
    if (post) return postedToGroup(replies, post)
    return scopedPrivately ? privateAnswer(replies, asker.contactId) : addressed(replies, message)
  }

  /**
   * A message that is not an exact command, read as people type (src/commands/near-miss.ts): run
   * (我要报名, 好的，收到 while a notice awaits, +1 with one activity open), a suggestion (报明), or
   * nothing (chat). The state it depends on is read only for messages that could be one of these.
   */
  private async nearMiss(message: IncomingMessage): Promise<{ word: string; rest: string } | { suggest: string } | null> {
    const { registry, org, clock, chatState } = this.deps
    const commands = registry.list()
    if (readNearMiss(message.text, commands, EVERYTHING_POSSIBLE).kind === 'none') return null
    let state: NearMissContext = NOTHING_PENDING
    if (message.conversation.kind === 'group' && chatState) {
      const group = await org.contextOfGroup(message.conversation.roomId)
      if (!group) return null
      const asker = await org.asker(message.sender.contactId, message.sender.name, group.org)
      state = await chatState(group.org.id, asker.member?.id ?? null, clock.now())
    }
    const miss = readNearMiss(message.text, commands, state)
    switch (miss.kind) {
      case 'none':
        return null
      case 'suggest':
        return { suggest: miss.word }
      case 'run':
        return { word: miss.word, rest: miss.rest }
      case 'ask':
        // +1 with several activities open: 报名 without a number answers with the list to choose from.
        return { word: miss.word, rest: '' }
    }
  }

  /** Why the asker may not run the command here, or null when they may. */
  private denial(command: CommandDef, asker: Asker, group: OrgContext | null): UserError | null {
    const access = command.access
    if (access === 'anyone') return null
    if (access === 'member') {
      if (!group) return new UserError('common.groupOnly')
      return asker.member ? null : new UserError(asker.isSuperAdmin ? 'common.superAdminNotMember' : 'common.notRegistered')
    }
    if (asker.isSuperAdmin) return null
    if (access === 'superAdmin') return new UserError('common.noRight', { need: texts.common.superAdmin() })
    const refusal = noRightFor(access)
    if (access.anywhere) return asker.roles.some((role) => (access.titles as readonly string[]).includes(role.title)) ? null : refusal
    if (!group) return new UserError('common.groupOnly')
    const over = access.above ? { ...group, chain: group.chain.slice(1) } : group
    return this.deps.org.may(asker, over, access.titles) ? null : refusal
  }

  private visible(command: CommandDef, asker: Asker, group: OrgContext | null, inGroup: boolean): boolean {
    const fitsChat =
      command.where === 'any' ||
      command.where === 'org' ||
      (inGroup ? command.where === 'group' || command.where === 'room' : command.where === 'private')
    if (!fitsChat || (inGroup && command.listedOnlyInPrivate)) return false
    if (inGroup && !group) return worksUnbound(command) && this.denial(command, asker, group) === null
    if (!inGroup && command.where === 'org') return mayScopePrivately(asker, command.access)
    return this.denial(command, asker, group) === null
  }

  /** The member named (instead of @-mentioned) in a private chat, or a UserError saying why there is none. */
  private async namedMember(group: OrgContext, typed: string): Promise<MemberRow> {
    const match = matchMemberName(await this.deps.org.membersOf(group.org.id), typed)
    const name = typedName(typed).slice(0, 20)
    if (match.kind === 'one') return match.member
    if (match.kind === 'none') throw new UserError('scope.nameUnknown', { name, org: group.org.name })
    const choices = match.members.map((m, i) => texts.scope.nameChoice({ label: `${name}${i + 1}`, stage: m.stage, category: m.category }))
    throw new UserError('scope.nameShared', { name, choices })
  }

  private async mentionedMember(message: IncomingMessage, group: OrgContext | null, usage: string): Promise<MemberRow> {
    if (!group) throw new UserError('common.groupOnly')
    const [mention, ...others] = message.mentions
    if (!mention || others.length > 0) throw new UserError('common.mentionNeeded', { usage })
    if (mention.contactIds.length === 0) throw new UserError('common.mentionUnknown', { name: mention.name })
    if (mention.contactIds.length > 1) throw new UserError('common.mentionAmbiguous', { name: mention.name })
    return this.deps.org.memberByContact(group.org, mention.contactIds[0]!, mention.name)
  }
}

/**
 * A group's answer in a private chat: when the command also answers the asker privately (the
 * details a group would hear 已私信 about), that private answer is the whole reply here.
 */
function privateAnswer(replies: Reply[], askerId: string): Reply[] {
  if (!replies.some((r) => r.privateTo === askerId)) return replies
  return replies.filter((r) => r.privateTo !== undefined).map((r) => (r.privateTo === askerId ? { ...r, privateTo: undefined } : r))
}

/**
 * When the bot answers someone privately, its note in the group saying so (…已私信你) names them
 * (@王书记 详情已私信你), so the reader knows the private message is theirs.
 */
function addressed(replies: Reply[], message: IncomingMessage): Reply[] {
  if (message.conversation.kind !== 'group') return replies
  const asker = message.sender.contactId
  if (!replies.some((r) => r.privateTo === asker)) return replies
  const saysSentPrivately = (r: Reply) => !r.privateTo && !r.mentionIds?.length && r.text.includes(texts.common.privateWord())
  return replies.map((r) => (saysSentPrivately(r) ? { ...r, mentionIds: [asker] } : r))
}

/** Commands that answer in a group not yet bound to an organisation. */
function worksUnbound(command: CommandDef): boolean {
  return command.where === 'room' || Boolean(command.worksUnbound)
}
