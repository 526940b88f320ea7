import type { FileBoxInterface } from 'file-box'
import { PuppetMock, type mock } from 'wechaty-puppet-mock'
import type * as PUPPET from 'wechaty-puppet'

export type BotSend = (conversationId: string, content: { text: string } | { file: FileBoxInterface }) => void

/**
 * wechaty-puppet-mock with the two things the simulator needs: group nicknames (the mock leaves
 * `roomAlias` empty) and a record of everything the bot sends.
 */
export class SimulatorPuppet extends PuppetMock {
  /** roomId → contactId → 群昵称 */
  readonly roomAliases = new Map<string, Map<string, string>>()

  constructor(
    mocker: mock.Mocker,
    private readonly onBotSend: BotSend,
  ) {
    super({ mocker })
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
