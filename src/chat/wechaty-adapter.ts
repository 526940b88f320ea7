import { FileBox } from 'file-box'
import type { Logger } from 'pino'
// Not from 'wechaty', whose index loads the puppet-service client too (see build-wechaty.ts).
import * as types from 'wechaty-puppet/types'
import type { ContactInterface, MessageInterface, RoomInterface, WechatyInterface } from 'wechaty/impls'
import type { Clock } from '../clock.js'
import { cleanIncomingText } from './text-hygiene.js'
import { scanMentions, type GroupMember } from './mentions.js'
import type { ChatPort, IncomingMessage, OutgoingMessage } from './port.js'
import { RecentKeys } from './recent-ids.js'
import { BackgroundWork } from '../util/background-work.js'

export interface WechatyChatOptions {
  clock: Clock
  logger: Logger
  /** Messages older than this (a backlog replayed after a restart or reconnect) are ignored. */
  staleAfterMs: number
  /**
   * The same text from the same sender in the same chat within this window, with nothing else from
   * them in between, is one message delivered twice (with a new id).
   */
  duplicateWindowMs: number
  /** Remembers message ids in the database, so a redelivery after a restart is recognised too. */
  seenIds?: { firstTime(id: string, now: Date): Promise<boolean> }
  onMessage(message: IncomingMessage): Promise<void>
  /** The bot's own account joined a group or left it (removed, or the group dissolved). */
  onMembership?(change: { account: string; roomId: string; joined: boolean }): void
}

/**
 * The only code that touches Wechaty. It turns Wechaty messages into `IncomingMessage`s (the
 * bot's own messages, redeliveries and stale backlog never get through) and sends `OutgoingMessage`s.
 * No error from a handler escapes into Wechaty.
 */
export class WechatyChat implements ChatPort {
  readonly #seen = new RecentKeys()
  /** sender + chat → what they last said and when, for redeliveries that come with a new id. */
  readonly #lastSaid = new Map<string, { text: string; atMs: number }>()
  #intake = true
  /** Messages taken and still being handled. */
  readonly #handling = new BackgroundWork()
  /** Group member directories, dropped when someone joins, leaves or the topic changes. */
  readonly #directories = new Map<string, Promise<GroupMember[]>>()

  constructor(
    private readonly bot: WechatyInterface,
    private readonly options: WechatyChatOptions,
  ) {}

  attach(): void {
    this.bot.on('message', (message) => {
      this.#handling.start(() => this.receive(message), (err) => this.options.logger.error({ err, messageId: message.id }, 'message handling failed'))
    })
    const forget = (room: RoomInterface): void => {
      this.#directories.delete(room.id)
    }
    this.bot.on('room-join', (room, invitees) => {
      forget(room)
      this.noteMembership(room, invitees, true)
    })
    this.bot.on('room-leave', (room, leavers) => {
      forget(room)
      this.noteMembership(room, leavers, false)
    })
    this.bot.on('room-topic', forget)
    // A member's 群昵称 changed: puppets mark the room's member list dirty (Wechaty does not pass it on).
    this.bot.on('puppet', (puppet) =>
      puppet.on('dirty', ({ payloadType, payloadId }) => {
        if (payloadType === types.Dirty.RoomMember || payloadType === types.Dirty.Room) this.#directories.delete(payloadId)
      }),
    )
    this.bot.on('error', (err) => this.options.logger.error({ err }, 'wechaty error'))
  }

  /** Tells `onMembership` when the bot's own account is among those who joined or left. */
  private noteMembership(room: RoomInterface, who: ContactInterface[], joined: boolean): void {
    const { onMembership, logger } = this.options
    if (!onMembership || !this.bot.isLoggedIn) return
    const account = this.bot.currentUser.id
    if (!who.some((contact) => contact.id === account)) return
    logger.info({ roomId: room.id, joined }, joined ? 'this account joined a group' : 'this account left a group')
    onMembership({ account, roomId: room.id, joined })
  }

  /**
   * Stops taking messages (shutting down); resolves once those already taken are handled (their
   * writes saved, their replies queued), so the database is not closed under them.
   */
  stopIntake(): Promise<void> {
    this.#intake = false
    return this.#handling.settled()
  }

  /** Converts one Wechaty message, or returns null for what the bot must not act on. */
  async toIncoming(message: MessageInterface): Promise<IncomingMessage | null> {
    const { clock, logger, staleAfterMs } = this.options
    if (message.self()) return null
    const isFile = message.type() === types.Message.Attachment
    if (message.type() !== types.Message.Text && !isFile) return null
    if (!this.#seen.firstTime(message.id) || !(await this.firstTimeStored(message.id))) {
      logger.debug({ messageId: message.id }, 'duplicate delivery ignored')
      return null
    }
    const at = message.date()
    if (clock.now().getTime() - at.getTime() > staleAfterMs) {
      logger.debug({ messageId: message.id, at }, 'stale message ignored')
      return null
    }
    const talker = message.talker()
    const room = message.room()
    const file = isFile ? await readFile(message) : undefined
    // Lone surrogates and other invalid code points would break writes and replies downstream.
    const text = file ? '' : cleanIncomingText(message.text())
    if (this.isRepeat(`${room?.id ?? 'private'}|${talker.id}`, file ? `file:${file.name}:${file.base64.length}` : text, at.getTime())) {
      logger.debug({ messageId: message.id }, 'same text from the same sender within the window ignored')
      return null
    }
    if (!room) {
      return {
        id: message.id,
        conversation: { kind: 'private', contactId: talker.id },
        sender: { contactId: talker.id, name: talker.name() },
        text,
        mentions: [],
        ...(file ? { file } : {}),
        at,
      }
    }
    const directory = await this.directory(room)
    const selfId = this.bot.currentUser.id
    const scan = scanMentions(text, directory, [selfId])
    const self = directory.find((m) => m.contactId === talker.id)
    return {
      id: message.id,
      conversation: { kind: 'group', roomId: room.id },
      topic: await room.topic(),
      sender: { contactId: talker.id, name: self?.alias || talker.name() },
      text: file ? '' : scan.text,
      mentions: file ? [] : scan.mentions,
      members: directory,
      ...(file ? { file } : {}),
      at,
    }
  }

  async send(message: OutgoingMessage): Promise<void> {
    const file = message.file ? FileBox.fromBase64(message.file.base64, message.file.name) : null
    if (message.to.kind === 'private') {
      const contact = await this.bot.Contact.find({ id: message.to.contactId })
      if (!contact) throw new Error(`contact ${message.to.contactId} not found`)
      await contact.say(file ?? message.text)
      return
    }
    const room = await this.bot.Room.find({ id: message.to.roomId })
    if (!room) throw new Error(`room ${message.to.roomId} not found`)
    if (file) {
      await room.say(file)
      return
    }
    const mentioned = await this.contacts(message.mentionIds ?? [])
    await room.say(message.text, ...mentioned)
  }

  /**
   * A redelivery with a new id: the same text as the sender's previous message here, within the
   * window. `报名`, `取消报名`, `报名` are three real actions: the middle one breaks the repeat.
   */
  private isRepeat(key: string, text: string, atMs: number): boolean {
    const window = this.options.duplicateWindowMs
    if (window <= 0) return false
    const previous = this.#lastSaid.get(key)
    this.#lastSaid.delete(key)
    this.#lastSaid.set(key, { text, atMs })
    if (this.#lastSaid.size > 10_000) this.#lastSaid.delete(this.#lastSaid.keys().next().value!)
    return previous !== undefined && previous.text === text && Math.abs(atMs - previous.atMs) <= window
  }

  /** The database's memory of ids; when it cannot be written, the message is taken (and its command answered). */
  private async firstTimeStored(id: string): Promise<boolean> {
    const { seenIds, clock } = this.options
    if (!seenIds) return true
    return seenIds.firstTime(id, clock.now()).catch(() => true)
  }

  private async receive(message: MessageInterface): Promise<void> {
    if (!this.#intake) return
    const incoming = await this.toIncoming(message)
    if (incoming) await this.options.onMessage(incoming)
  }

  private directory(room: RoomInterface): Promise<GroupMember[]> {
    let directory = this.#directories.get(room.id)
    if (!directory) {
      directory = readDirectory(room)
      directory.catch(() => this.#directories.delete(room.id))
      this.#directories.set(room.id, directory)
    }
    return directory
  }

  private async contacts(ids: string[]): Promise<ContactInterface[]> {
    const found = await Promise.all(ids.map((id) => this.bot.Contact.find({ id })))
    return found.filter((c): c is ContactInterface => Boolean(c))
  }
}

async function readFile(message: MessageInterface): Promise<{ name: string; base64: string }> {
  const box = await message.toFileBox()
  return { name: box.name, base64: await box.toBase64() }
}

async function readDirectory(room: RoomInterface): Promise<GroupMember[]> {
  const members = await room.memberAll()
  return Promise.all(
    members.map(async (contact) => ({ contactId: contact.id, name: contact.name(), alias: (await room.alias(contact)) || undefined })),
  )
}
