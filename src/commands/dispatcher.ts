import type { Logger } from 'pino'
import type { IncomingMessage } from '../chat/port.js'
import type { Clock } from '../clock.js'
import { SECRETARY_TITLES } from '../domain/org/rights.js'
import type { Asker, OrgContext } from '../domain/org/org.service.js'
import type { MemberRow } from '../domain/org/org.repository.js'
import type { Services } from '../services.js'
import type { CommandContext, CommandDef, CommandInput } from './command.js'
import { UserError } from './errors.js'
import { MAX_COMMAND_LENGTH, normalizeText, parseArgs, splitCommand } from './grammar.js'
import type { CommandRegistry } from './registry.js'
import { toReplies, type Reply } from './reply.js'
import { texts } from './texts.js'

export interface DispatcherDeps {
  registry: CommandRegistry
  services: Services
  clock: Clock
  timeZone: string
  logger: Logger
}

/**
 * Turns one incoming message into replies: grammar → rights → arguments (zod) → handler.
 * Ordinary chat in a group gets no reply; a UserError becomes its Chinese sentence; any other
 * error is logged and answered with a short apology. It never throws.
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
      return await this.run(command, line.rest, message)
    } catch (error) {
      if (error instanceof UserError) return [{ text: error.reply }]
      logger.error(
        { err: error, command: command.name, messageId: message.id, conversation: message.conversation, sender: message.sender.contactId },
        'command failed',
      )
      return [{ text: texts.common.internal() }]
    }
  }

  private async run(command: CommandDef, rest: string, message: IncomingMessage): Promise<Reply[]> {
    const { services, clock, timeZone, registry } = this.deps
    const inGroup = message.conversation.kind === 'group'
    const group = message.conversation.kind === 'group' ? await services.org.contextOfGroup(message.conversation.roomId) : null
    // An unbound group hears nothing but the commands that set it up.
    if (inGroup && !group && !command.worksUnbound) return []
    if (message.text.length > MAX_COMMAND_LENGTH) throw new UserError(texts.common.tooLong({ max: MAX_COMMAND_LENGTH }))
    if (command.where === 'group' && !inGroup) throw new UserError(texts.common.groupOnly())
    if (command.where === 'private' && inGroup) throw new UserError(texts.common.privateOnly())

    const asker = await services.org.asker(message.sender.contactId, message.sender.name, group?.org ?? null)
    const denial = this.denial(command, asker, group)
    if (denial) throw new UserError(denial)

    const input = { ...parseArgs(rest, command.keywords), mentions: message.mentions }
    let args: unknown = input
    if (command.args) {
      const parsed = command.args.safeParse(input)
      if (!parsed.success) {
        // A refinement may carry a sentence from the catalogue (Chinese); zod's own messages are
        // English and never shown: the user gets the right form instead.
        const custom = parsed.error.issues.find((i) => i.code === 'custom' && /[\u4e00-\u9fff]/.test(i.message))?.message
        throw new UserError(custom ?? texts.common.format({ usage: command.usage, example: command.example }))
      }
      args = parsed.data
    }

    const ctx: CommandContext = {
      message,
      now: clock.now(),
      timeZone,
      services,
      asker,
      group,
      available: () => registry.list().filter((c) => this.visible(c, asker, group, inGroup)),
      all: () => [...registry.list()],
      mentionedMember: () => this.mentionedMember(message, group, command.usage),
    }
    return toReplies(await command.run(ctx, args as CommandInput))
  }

  /** Why the asker may not run the command here, or null when they may. */
  private denial(command: CommandDef, asker: Asker, group: OrgContext | null): string | null {
    const { org } = this.deps.services
    if (asker.isSuperAdmin || command.access === 'anyone') return null
    switch (command.access) {
      case 'superAdmin':
        return texts.common.noRight({ need: '超级管理员' })
      case 'member':
        if (!group) return texts.common.groupOnly()
        return asker.member ? null : texts.common.notRegistered()
      case 'officer':
        if (!group) return texts.common.groupOnly()
        return org.may(asker, group) ? null : texts.common.noRight({ need: '本组织或上级的委员职务' })
      case 'secretary':
        if (!group) return texts.common.groupOnly()
        return org.may(asker, group, SECRETARY_TITLES) ? null : texts.common.noRight({ need: '本组织或上级的书记、副书记' })
    }
  }

  private visible(command: CommandDef, asker: Asker, group: OrgContext | null, inGroup: boolean): boolean {
    const fitsChat = command.where === 'any' || (command.where === 'group') === inGroup
    if (!fitsChat) return false
    if (inGroup && !group) return Boolean(command.worksUnbound)
    if (command.access === 'member') return true // the unregistered see what 登记 unlocks
    return this.denial(command, asker, group) === null
  }

  private async mentionedMember(message: IncomingMessage, group: OrgContext | null, usage: string): Promise<MemberRow> {
    if (!group) throw new UserError(texts.common.groupOnly())
    const [mention, ...others] = message.mentions
    if (!mention || others.length > 0) throw new UserError(texts.common.mentionNeeded({ usage }))
    if (mention.contactIds.length === 0) throw new UserError(texts.common.mentionUnknown({ name: mention.name }))
    if (mention.contactIds.length > 1) throw new UserError(texts.common.mentionAmbiguous({ name: mention.name }))
    return this.deps.services.org.memberByContact(group.org, mention.contactIds[0]!, mention.name)
  }
}
