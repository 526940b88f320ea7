import type { Logger } from 'pino'
import type { IncomingMessage } from '../chat/port.js'
import type { Clock } from '../clock.js'
import type { Asker, OrgContext, OrgService } from '../domain/org/org.service.js'
import type { MemberRow } from '../domain/org/org.repository.js'
import { texts } from '../texts/index.js'
import { UserError } from '../texts/user-error.js'
import type { CommandContext, CommandDef } from './command.js'
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
}

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
    const line = splitCommand(normalizeText(message.text.slice(0, MAX_COMMAND_LENGTH + 1)), (w) => registry.has(w))
    if (!line) return inGroup ? [] : [{ text: texts.common.unknownPrivate() }]
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
    const group = conversation.kind === 'group' ? await org.contextOfGroup(conversation.roomId) : null
    // An unbound group hears nothing but the commands that set it up.
    if (inGroup && !group && !worksUnbound(command)) return []
    if (message.text.length > MAX_COMMAND_LENGTH) throw new UserError('common.tooLong', { max: MAX_COMMAND_LENGTH })
    if ((command.where === 'group' || command.where === 'room') && !inGroup) throw new UserError('common.groupOnly')
    if (command.where === 'private' && inGroup) throw new UserError('common.privateOnly')

    const asker = await org.asker(message.sender.contactId, message.sender.name, group?.org ?? null)
    const denial = this.denial(command, asker, group)
    if (denial) throw denial

    const input = { ...parseArgs(rest, command.keywords), mentions: message.mentions }
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
      rawRest: rawRestOf(message.text, word) ?? rest,
      available: () => registry.list().filter((c) => this.visible(c, asker, group, inGroup)),
      all: () => [...registry.list()],
      mentionedMember: () => this.mentionedMember(message, group, command.usage),
    }
    // The narrowing `defineCommand` promises: a member command has the asker's registration,
    // a room command the room it was typed in.
    if (command.access === 'member') ctx.member = asker.member
    if (conversation.kind === 'group') ctx.room = { roomId: conversation.roomId, topic: message.topic ?? '' }
    return toReplies(await command.run(ctx, args))
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
    const refusal = new UserError('common.noRight', { need: texts.common.rightsLabel({ label: access.label, anywhere: Boolean(access.anywhere) }) })
    if (access.anywhere) return asker.roles.some((role) => (access.titles as readonly string[]).includes(role.title)) ? null : refusal
    if (!group) return new UserError('common.groupOnly')
    return this.deps.org.may(asker, group, access.titles) ? null : refusal
  }

  private visible(command: CommandDef, asker: Asker, group: OrgContext | null, inGroup: boolean): boolean {
    const fitsChat =
      command.where === 'any' || (inGroup ? command.where === 'group' || command.where === 'room' : command.where === 'private')
    if (!fitsChat || (inGroup && command.listedOnlyInPrivate)) return false
    if (inGroup && !group) return worksUnbound(command)
    if (command.access === 'member' && !asker.isSuperAdmin) return true // the unregistered see what 登记 unlocks
    return this.denial(command, asker, group) === null
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

/** Commands that answer in a group not yet bound to an organisation. */
function worksUnbound(command: CommandDef): boolean {
  return command.where === 'room' || Boolean(command.worksUnbound)
}
