import { randomUUID } from 'node:crypto'
import { FileBox } from 'file-box'
// Not from 'wechaty', whose index loads the puppet-service client too (see build-wechaty.ts).
import * as types from 'wechaty-puppet/types'
import { WechatyImpl, type WechatyInterface } from 'wechaty/impls'
import type { Clock } from '../../clock.js'
import type { BotSend } from './simulator-puppet.js'
import { SimAccount } from './sim-account.js'
import { ConversationLog } from './conversation-log.js'
import { maskSecrets, WorldFile, type SavedWorld } from './world-file.js'
import type { SimContact, SimContent, SimGroup, SimMessage } from './sim-types.js'
import { simulatorTexts } from '../../texts/simulator.texts.js'

export { maskSecrets } from './world-file.js'
export type { SimContact, SimContent, SimGroup, SimMessage } from './sim-types.js'

interface StoredFile {
  name: string
  mediaType: string
  data: Promise<Buffer>
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
 * A small WeChat world for trying the bot without an account: wechaty-puppet-mock, contacts and
 * groups made on request, and a log of every conversation. One or more bot accounts live in the
 * one world (a group may hold several); `bot` is real Wechaty on the first account, for running
 * in one process. Hosted (`npm run simulator`), each account's puppet is served over gRPC.
 */
export class Simulator {
  readonly accounts: SimAccount[] = []
  readonly bot: WechatyInterface
  readonly #log: ConversationLog
  readonly #files = new Map<string, StoredFile>()
  readonly #botIds = new Set<string>()
  readonly #file: WorldFile
  readonly #listeners = new Set<(conversationId: string, message: SimMessage) => void>()
  #ready = false

  /**
   * @param statePath where the world is kept between runs, so that groups bound in the database
   *   still exist after a restart; without it the world lasts as long as the process.
   * @param accountCount bot accounts in the world, named `botName` alone, or `botName1`, `botName2`….
   */
  constructor(
    private readonly clock: Clock,
    botName: string,
    statePath?: string,
    accountCount = 1,
  ) {
    this.#file = new WorldFile(statePath)
    this.#log = new ConversationLog(this.#file)
    const saved = this.#file.read()
    const savedBots = saved?.bots ?? (saved ? [saved.bot] : [])
    const aliases = new Map<string, Map<string, string>>()
    for (let index = 0; index < accountCount; index++) {
      const name = accountCount === 1 ? botName : `${botName}${index + 1}`
      const id = savedBots[index]?.id ?? `sim-bot-${randomUUID()}`
      this.accounts.push(new SimAccount(index + 1, { id, name }, this.botSender(index + 1, name), aliases))
      this.#botIds.add(id)
    }
    for (const account of this.accounts) for (const bot of this.accounts) account.mocker.createContact({ id: bot.contact.id, name: bot.contact.name })
    this.bot = new WechatyImpl({ puppet: this.puppet })
    if (saved) this.restore(saved)
  }

  /** The first account's mocker, puppet and contact (the only ones when running in one process). */
  get mocker(): SimAccount['mocker'] {
    return this.first.mocker
  }

  get puppet(): SimAccount['puppet'] {
    return this.first.puppet
  }

  get botContact(): SimContact {
    return this.first.contact
  }

  get ready(): boolean {
    return this.#ready
  }

  /** Starts Wechaty on the first account and logs it in; resolves once Wechaty reports the login. */
  async start(): Promise<void> {
    const loggedIn = new Promise<void>((resolve) => this.bot.once('login', () => resolve()))
    await this.bot.start()
    this.first.login()
    await loggedIn
    this.#ready = true
  }

  async stop(): Promise<void> {
    this.#ready = false
    await this.bot.stop()
    this.#file.close()
  }

  account(number: number): SimAccount {
    const account = this.accounts[number - 1]
    if (!account) throw new SimulatorError(404, simulatorTexts.noAccount())
    return account
  }

  createContact(name: string): SimContact {
    const id = this.first.mocker.createContact({ name }).id
    for (const account of this.others) account.mocker.createContact({ id, name })
    this.save()
    return { id, name }
  }

  contacts(): SimContact[] {
    return [...this.first.mocker.cacheContactPayload.values()].filter((c) => !this.#botIds.has(c.id)).map((c) => ({ id: c.id, name: c.name }))
  }

  /** A group of these people and these bot accounts (the first when none is named). */
  createGroup(topic: string, memberIds: string[], accounts: number[] = [1]): SimGroup {
    for (const id of memberIds) this.contact(id)
    const bots = [...new Set(accounts.length ? accounts : [1])].map((n) => this.account(n).contact.id)
    const id = this.makeRoom({ topic, memberIdList: [...bots, ...new Set(memberIds)] })
    this.save()
    return this.group(id)
  }

  groups(): SimGroup[] {
    return [...this.first.mocker.cacheRoomPayload.keys()].map((id) => this.group(id))
  }

  group(id: string): SimGroup {
    const payload = this.first.mocker.cacheRoomPayload.get(id)
    if (!payload) throw new SimulatorError(404, simulatorTexts.noGroup())
    return {
      id,
      topic: payload.topic,
      memberIds: payload.memberIdList.filter((m) => !this.#botIds.has(m)),
      aliases: Object.fromEntries(this.puppet.roomAliases.get(id) ?? []),
      accounts: this.accounts.filter((a) => payload.memberIdList.includes(a.contact.id)).map((a) => a.number),
    }
  }

  /** Adds a contact to a group (with an optional 群昵称), as if a bot in it had invited them. */
  addMember(roomId: string, contactId: string, alias?: string): void {
    const group = this.group(roomId)
    this.contact(contactId)
    if (alias) this.setAlias(roomId, contactId, alias)
    const inviter = group.accounts[0] ? this.account(group.accounts[0]).contact.id : contactId
    for (const account of this.accounts) account.join(roomId, contactId, inviter)
    this.save()
  }

  /** A bot account is invited into the group (by a member, or by another account in it). */
  addAccount(roomId: string, number: number): void {
    const group = this.group(roomId)
    const invitee = this.account(number).contact.id
    const inviter = group.memberIds[0] ?? (group.accounts[0] ? this.account(group.accounts[0]).contact.id : invitee)
    for (const account of this.accounts) account.join(roomId, invitee, inviter)
    this.save()
  }

  /** A bot account is removed from the group (by the first member), as a group owner does in WeChat. */
  removeAccount(roomId: string, number: number): void {
    const group = this.group(roomId)
    const removee = this.account(number).contact.id
    if (!group.accounts.includes(number)) throw new SimulatorError(404, simulatorTexts.accountNotInGroup())
    for (const account of this.accounts) account.leave(roomId, removee, group.memberIds[0] ?? removee)
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
    for (const { puppet } of this.accounts) {
      puppet.cache.roomMember.delete(roomId)
      puppet.dirtyPayload(types.Dirty.Room, roomId)
    }
    this.save()
  }

  /** A member types (or sends a file) in a group; every bot account in it receives it. Returns the message id. */
  sayInGroup(roomId: string, fromId: string, content: SimContent): string {
    const group = this.group(roomId)
    this.contact(fromId)
    if (!group.memberIds.includes(fromId)) throw new SimulatorError(400, simulatorTexts.senderNotInGroup())
    const route = { talkerId: fromId, roomId, mentionIdList: [] }
    return this.deliver(fromId, group.accounts.map((n) => ({ account: this.account(n), route })), roomId, content)
  }

  /** A contact writes (or sends a file) privately to a bot account (the first by default). Returns the message id. */
  sayPrivately(contactId: string, content: SimContent, number = 1): string {
    this.contact(contactId)
    const account = this.account(number)
    return this.deliver(contactId, [{ account, route: { talkerId: contactId, listenerId: account.contact.id } }], contactId, content, number)
  }

  /**
   * Messages of a group (by room id) or of a private chat (by contact id) after `after`, of those
   * still in memory (the newest few thousand of the world; the log file keeps them all).
   */
  messages(conversationId: string, after = 0): SimMessage[] {
    return this.#log.after(conversationId, after)
  }

  /** Whether messages of the conversation after `after` were said that are now only in the log file. */
  forgotSome(conversationId: string, after = 0): boolean {
    return this.#log.forgotSome(conversationId, after)
  }

  /** Where every message is written down (null without a state file). */
  get logFile(): string | null {
    return this.#file.logFile
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
    const payload = this.first.mocker.cacheContactPayload.get(id)
    if (!payload || this.#botIds.has(id)) throw new SimulatorError(404, simulatorTexts.noContact())
    return { id, name: payload.name }
  }

  private get first(): SimAccount {
    return this.accounts[0]!
  }

  private get others(): SimAccount[] {
    return this.accounts.slice(1)
  }

  private makeRoom(room: { id?: string; topic: string; memberIdList: string[] }): string {
    const id = this.first.mocker.createRoom({ ...room, memberIdList: [...room.memberIdList] }).id
    for (const account of this.others) account.mocker.createRoom({ ...room, id, memberIdList: [...room.memberIdList] })
    return id
  }

  private deliver(
    from: string,
    to: Array<{ account: SimAccount; route: { talkerId: string; roomId: string; mentionIdList: string[] } | { talkerId: string; listenerId: string } }>,
    conversationId: string,
    content: SimContent,
    account?: number,
  ): string {
    const id = `sim-${randomUUID()}`
    const timestamp = this.clock.now().getTime()
    const box = typeof content === 'string' ? null : FileBox.fromBase64(content.file.base64, content.file.name)
    const to1 = account ? { account } : {}
    if (box) this.append(conversationId, { from, text: '', file: this.keepFile(box.name, 'application/octet-stream', box.toBuffer()), ...to1 })
    else this.append(conversationId, { from, text: maskSecrets(String(content)), file: null, ...to1 })
    // Built like the mock's own `say().to()`, but stamped with the bot's clock (manual in tests);
    // one id for every account in the group, as WeChat gives a group message one server id.
    for (const { account: receiver, route } of to) {
      if (box) {
        // As WeChat delivers a document: an attachment message whose file the puppet hands out.
        receiver.mocker.cacheFileBoxPayload.set(id, box.toJSON())
        receiver.mocker.MessageMock.create({ id, ...route, filename: box.name, timestamp, type: types.Message.Attachment })
      } else {
        receiver.mocker.MessageMock.create({ id, ...route, text: String(content), timestamp, type: types.Message.Text })
      }
      receiver.puppet.emit('message', { messageId: id })
    }
    return id
  }

  /** Keeps a file for the page's download link (until the process ends). */
  private keepFile(name: string, mediaType: string, data: Promise<Buffer>): { name: string; url: string } {
    const fileId = randomUUID()
    this.#files.set(fileId, { name, mediaType, data })
    return { name, url: `/api/files/${fileId}` }
  }

  private botSender(account: number, accountName: string): BotSend {
    return (conversationId, content) => {
      const from = { from: 'bot', account, accountName }
      if ('text' in content) return this.append(conversationId, { ...from, text: content.text, file: null })
      const { file } = content
      this.append(conversationId, { ...from, text: '', file: this.keepFile(file.name, file.mediaType || 'application/octet-stream', file.toBuffer()) })
    }
  }

  private append(conversationId: string, message: Omit<SimMessage, 'seq' | 'at'>): void {
    const logged = this.#log.append(conversationId, message, this.clock.now())
    for (const listener of this.#listeners) listener(conversationId, logged)
  }

  private save(): void {
    const bots = this.accounts.map((a) => a.contact)
    this.#file.write({ bot: bots[0]!, bots, contacts: this.contacts(), groups: this.groups() } satisfies SavedWorld)
  }

  private restore(world: SavedWorld): void {
    for (const contact of world.contacts) for (const account of this.accounts) account.mocker.createContact({ id: contact.id, name: contact.name })
    for (const group of world.groups) {
      const bots = (group.accounts ?? [1]).flatMap((n) => (this.accounts[n - 1] ? [this.accounts[n - 1]!.contact.id] : []))
      this.makeRoom({ id: group.id, topic: group.topic, memberIdList: [...bots, ...group.memberIds] })
      this.puppet.roomAliases.set(group.id, new Map(Object.entries(group.aliases ?? {})))
    }
    this.#log.restore()
  }
}
