import type { FileBoxInterface } from 'file-box'
import { PuppetMock, type mock } from 'wechaty-puppet-mock'
import type * as PUPPET from 'wechaty-puppet'
import { PUPPET_CACHE } from '../puppet-cache.js'

export type BotSend = (conversationId: string, content: { text: string } | { file: FileBoxInterface }) => void

/**
 * wechaty-puppet-mock with the three things the simulator needs: group nicknames (the mock leaves
 * `roomAlias` empty), a record of everything the bot sends, and only the groups this account is in
 * (with several accounts every account's mocker knows every group of the one world).
 */
export class SimulatorPuppet extends PuppetMock {
  /** roomId → contactId → 群昵称 (shared by every account of one world) */
  readonly roomAliases: Map<string, Map<string, string>>

  constructor(
    mocker: mock.Mocker,
    private readonly onBotSend: BotSend,
    roomAliases = new Map<string, Map<string, string>>(),
  ) {
    super({ mocker, cache: { ...PUPPET_CACHE } })
    this.roomAliases = roomAliases
  }

  override async roomList(): Promise<string[]> {
    const all = await super.roomList()
    if (!this.isLoggedIn) return all
    const self = this.currentUserId
    return all.filter((id) => this.mocker.cacheRoomPayload.get(id)?.memberIdList.includes(self))
  }

  override async roomMemberRawPayload(roomId: string, contactId: string): Promise<PUPPET.payloads.RoomMember> {
    const payload = (await super.roomMemberRawPayload(roomId, contactId)) as PUPPET.payloads.RoomMember
    const alias = this.roomAliases.get(roomId)?.get(contactId)
    return alias ? { ...payload, roomAlias: alias } : payload
  }

  override async messageSendText(conversationId: string, text: string): Promise<void> {
    this.onBotSend(conversationId, { text })
    return super.messageSendText(conversationId, text)
  }

  override async messageSendFile(conversationId: string, file: FileBoxInterface): Promise<void> {
    this.onBotSend(conversationId, { file })
    return super.messageSendFile(conversationId, file)
  }
}
