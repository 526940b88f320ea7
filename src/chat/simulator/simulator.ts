import { randomUUID } from 'node:crypto'
import { appendFileSync, chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import { FileBox } from 'file-box'
import { types, WechatyBuilder } from 'wechaty'
import type { WechatyInterface } from 'wechaty/impls'
import { mock } from 'wechaty-puppet-mock'
import type { Clock } from '../../clock.js'
import { SimulatorPuppet, type BotSend } from './simulator-puppet.js'
import { simulatorTexts } from '../../texts/simulator.texts.js'

export interface SimContact {
  id: string
  name: string
}

export interface SimGroup {
  id: string
  topic: string
  memberIds: string[]
  /** contactId → 群昵称, for members who set one. */
  aliases: Record<string, string>
}

export interface SimMessage {
  seq: number
  /** The sender's contact id, or "bot". */
  from: string
  text: string
  file: { name: string; url: string } | null
  at: string
}

/** What a contact sends: words, or a file as WeChat delivers it (an attachment message). */
export type SimContent = string | { file: { name: string; base64: string } }

interface StoredFile {
  name: string
  mediaType: string
  data: Promise<Buffer>
}

/**
 * What survives a restart: the people and the groups (a JSON file, rewritten on each change) and
 * what was said (a JSON-lines file beside it, appended as each message is said, so even a killed
 * process keeps every message it logged). Files (sent by the bot or by a contact) are not kept.
 */
interface SavedWorld {
  bot: SimContact
  contacts: SimContact[]
  groups: SimGroup[]
}

interface LoggedLine extends SimMessage {
  conversationId: string
}

/** The simulator's files hold names and conversations: readable by their owner only. */
const PRIVATE_FILE = 0o600

/**
 * What the log keeps of a message: the admin token after `认证` is masked, so the history on
 * disk and on the page never shows it (the bot itself still receives the real text).
 */
export function maskSecrets(text: string): string {
  return text.replace(/认证\s+\S+/gu, '认证 ******')
}

/** A problem with a simulator request; the HTTP layer answers it with 4xx and the message. */
export class SimulatorError extends Error {
  constructor(
    readonly status: 400 | 404,
    message: string,
  ) {
    super(message)
  }
}

/**
 * A small WeChat world for trying the bot without an account: real Wechaty on
 * wechaty-puppet-mock, contacts and groups made on request, and a log of every conversation.
 */
export class Simulator {
  readonly mocker = new mock.Mocker()
  readonly puppet: SimulatorPuppet
  readonly bot: WechatyInterface
  readonly botContact: SimContact
  readonly #log = new Map<string, SimMessage[]>()
  readonly #files = new Map<string, StoredFile>()
  readonly #listeners = new Set<(conversationId: string, message: SimMessage) => void>()
  #seq = 0
  #ready = false

  /**
   * @param statePath where the world is kept between runs, so that groups bound in the database
   *   still exist after a restart; without it the world lasts as long as the process.
   */
  constructor(
    private readonly clock: Clock,
    botName: string,
    private readonly statePath?: string,
  ) {
    this.puppet = new SimulatorPuppet(this.mocker, this.recordBotSend)
    this.bot = WechatyBuilder.build({ puppet: this.puppet })
    if (statePath) mkdirSync(dirname(statePath), { recursive: true })
    const saved = statePath && existsSync(statePath) ? (JSON.parse(readFileSync(statePath, 'utf8')) as SavedWorld) : null
    const self = this.mocker.createContact({ ...(saved ? { id: saved.bot.id } : {}), name: botName })
    this.botContact = { id: self.id, name: botName }
    if (saved) this.restore(saved)
    // Files written by an older version were world-readable.
    if (statePath) for (const path of [statePath, this.logPath()]) if (existsSync(path)) chmodSync(path, PRIVATE_FILE)
  }

  get ready(): boolean {
    return this.#ready
  }

  /** Starts Wechaty and logs the bot in; resolves once Wechaty reports the login. */
  async start(): Promise<void> {
    const loggedIn = new Promise<void>((resolve) => this.bot.once('login', () => resolve()))
    await this.bot.start()
    this.mocker.login(this.mocker.ContactMock.load(this.botContact.id))
    await loggedIn
    this.#ready = true
  }

  async stop(): Promise<void> {
    this.#ready = false
    await this.bot.stop()
  }

  createContact(name: string): SimContact {
    const contact = this.mocker.createContact({ name })
    this.save()
    return { id: contact.id, name }
  }

  contacts(): SimContact[] {
    return [...this.mocker.cacheContactPayload.values()]
      .filter((c) => c.id !== this.botContact.id)
      .map((c) => ({ id: c.id, name: c.name }))
  }

  createGroup(topic: string, memberIds: string[]): SimGroup {
    for (const id of memberIds) this.contact(id)
    const room = this.mocker.createRoom({ topic, memberIdList: [this.botContact.id, ...new Set(memberIds)] })
    this.save()
    return this.group(room.id)
  }

  groups(): SimGroup[] {
    return [...this.mocker.cacheRoomPayload.keys()].map((id) => this.group(id))
  }

  group(id: string): SimGroup {
    const payload = this.mocker.cacheRoomPayload.get(id)
    if (!payload) throw new SimulatorError(404, simulatorTexts.noGroup())
    return {
      id,
      topic: payload.topic,
      memberIds: payload.memberIdList.filter((m) => m !== this.botContact.id),
      aliases: Object.fromEntries(this.puppet.roomAliases.get(id) ?? []),
    }
  }

  /** Adds a contact to a group (with an optional 群昵称), as if the bot had invited them. */
  addMember(roomId: string, contactId: string, alias?: string): void {
    const group = this.group(roomId)
    const contact = this.mocker.ContactMock.load(this.contact(contactId).id)
    if (alias) this.setAlias(roomId, contactId, alias)
    if (!group.memberIds.includes(contactId)) {
      this.mocker.RoomMock.load(roomId).add(contact).by(this.mocker.ContactMock.load(this.botContact.id))
    }
    this.save()
  }

  /** Sets a member's 群昵称 (an empty one clears it); Wechaty is told the member list changed, as WeChat does. */
  setAlias(roomId: string, contactId: string, alias: string): void {
    this.group(roomId)
    this.contact(contactId)
    const aliases = this.puppet.roomAliases.get(roomId) ?? new Map<string, string>()
    if (alias) aliases.set(contactId, alias)
    else aliases.delete(contactId)
    this.puppet.roomAliases.set(roomId, aliases)
    // The puppet forgets its cached member list; the room is marked dirty, as a WeChat puppet
    // does when the member list changes (Wechaty misreads a RoomMember mark with a room id).
    this.puppet.cache.roomMember.delete(roomId)
    this.puppet.dirtyPayload(types.Dirty.Room, roomId)
    this.save()
  }

  /** A member types (or sends a file) in a group. Returns the message id. */
  sayInGroup(roomId: string, fromId: string, content: SimContent): string {
    const group = this.group(roomId)
    this.contact(fromId)
    if (!group.memberIds.includes(fromId)) throw new SimulatorError(400, simulatorTexts.senderNotInGroup())
    return this.deliver({ talkerId: fromId, roomId, mentionIdList: [] }, roomId, content)
  }

  /** A contact writes (or sends a file) to the bot privately. Returns the message id. */
  sayPrivately(contactId: string, content: SimContent): string {
    this.contact(contactId)
    return this.deliver({ talkerId: contactId, listenerId: this.botContact.id }, contactId, content)
  }

  /** Messages of a group (by room id) or of a private chat (by contact id) after `after`. */
  messages(conversationId: string, after = 0): SimMessage[] {
    return (this.#log.get(conversationId) ?? []).filter((m) => m.seq > after)
  }

  /** Calls `listener` with each message said from now on (by anyone, the bot too); returns the way to stop. */
  onMessage(listener: (conversationId: string, message: SimMessage) => void): () => void {
    this.#listeners.add(listener)
    return () => this.#listeners.delete(listener)
  }

  async file(id: string): Promise<{ name: string; mediaType: string; data: Buffer }> {
    const file = this.#files.get(id)
    if (!file) throw new SimulatorError(404, simulatorTexts.noFile())
    return { name: file.name, mediaType: file.mediaType, data: await file.data }
  }

  contact(id: string): SimContact {
    const payload = this.mocker.cacheContactPayload.get(id)
    if (!payload || id === this.botContact.id) throw new SimulatorError(404, simulatorTexts.noContact())
    return { id, name: payload.name }
  }

  private deliver(
    route: { talkerId: string; roomId: string; mentionIdList: string[] } | { talkerId: string; listenerId: string },
    conversationId: string,
    content: SimContent,
  ): string {
    const id = `sim-${randomUUID()}`
    const timestamp = this.clock.now().getTime()
    // Built like the mock's own `say().to()`, but stamped with the bot's clock (manual in tests).
    if (typeof content === 'string') {
      this.append(conversationId, { from: route.talkerId, text: maskSecrets(content), file: null })
      this.mocker.MessageMock.create({ id, ...route, text: content, timestamp, type: types.Message.Text })
    } else {
      // As WeChat delivers a document: an attachment message whose file the puppet hands out.
      const { name, base64 } = content.file
      const box = FileBox.fromBase64(base64, name)
      this.mocker.cacheFileBoxPayload.set(id, box.toJSON())
      this.append(conversationId, { from: route.talkerId, text: '', file: this.keepFile(name, 'application/octet-stream', box.toBuffer()) })
      this.mocker.MessageMock.create({ id, ...route, filename: name, timestamp, type: types.Message.Attachment })
    }
    this.puppet.emit('message', { messageId: id })
    return id
  }

  /** Keeps a file for the page's download link (until the process ends). */
  private keepFile(name: string, mediaType: string, data: Promise<Buffer>): { name: string; url: string } {
    const fileId = randomUUID()
    this.#files.set(fileId, { name, mediaType, data })
    return { name, url: `/api/files/${fileId}` }
  }

  private recordBotSend: BotSend = (conversationId, content) => {
    if ('text' in content) {
      this.append(conversationId, { from: 'bot', text: content.text, file: null })
      return
    }
    const { file } = content
    this.append(conversationId, { from: 'bot', text: '', file: this.keepFile(file.name, file.mediaType || 'application/octet-stream', file.toBuffer()) })
  }

  private append(conversationId: string, message: Omit<SimMessage, 'seq' | 'at'>): void {
    const list = this.#log.get(conversationId) ?? []
    const logged = { seq: ++this.#seq, ...message, at: this.clock.now().toISOString() }
    list.push(logged)
    this.#log.set(conversationId, list)
    if (this.statePath) appendFileSync(this.logPath(), `${JSON.stringify({ conversationId, ...logged } satisfies LoggedLine)}\n`, { mode: PRIVATE_FILE })
    for (const listener of this.#listeners) listener(conversationId, logged)
  }

  /** Writes the people and groups (rare changes), atomically. */
  private save(): void {
    if (!this.statePath) return
    const world: SavedWorld = {
      bot: this.botContact,
      contacts: this.contacts(),
      groups: this.groups(),
    }
    writeFileSync(`${this.statePath}.tmp`, JSON.stringify(world), { mode: PRIVATE_FILE })
    chmodSync(`${this.statePath}.tmp`, PRIVATE_FILE)
    renameSync(`${this.statePath}.tmp`, this.statePath)
  }

  private logPath(): string {
    return `${this.statePath!.replace(/\.json$/, '')}-messages.jsonl`
  }

  private restore(world: SavedWorld): void {
    for (const contact of world.contacts) this.mocker.createContact({ id: contact.id, name: contact.name })
    for (const group of world.groups) {
      this.mocker.createRoom({ id: group.id, topic: group.topic, memberIdList: [this.botContact.id, ...group.memberIds] })
      this.puppet.roomAliases.set(group.id, new Map(Object.entries(group.aliases ?? {})))
    }
    if (!existsSync(this.logPath())) return
    for (const line of readFileSync(this.logPath(), 'utf8').split('\n')) {
      if (!line) continue
      const { conversationId, ...message } = JSON.parse(line) as LoggedLine
      if (message.from !== 'bot') message.text = maskSecrets(message.text)
      const list = this.#log.get(conversationId) ?? []
      list.push(message)
      this.#log.set(conversationId, list)
      this.#seq = Math.max(this.#seq, message.seq)
    }
  }
}
