import { mock } from 'wechaty-puppet-mock'
import { keepNewestMessages } from './mocker-bounds.js'
import { SimulatorPuppet, type BotSend } from './simulator-puppet.js'
import type { SimContact } from './sim-types.js'

/**
 * One bot account of the simulated world: its own puppet-mock (a mocker holds one logged-in
 * user), mirroring the world's people and groups. The world keeps every mocker in step.
 */
export class SimAccount {
  readonly mocker = new mock.Mocker()
  readonly puppet: SimulatorPuppet

  constructor(
    /** 1, 2, …: how the page and the JSON API name the account. */
    readonly number: number,
    readonly contact: SimContact,
    onBotSend: BotSend,
    roomAliases: Map<string, Map<string, string>>,
  ) {
    keepNewestMessages(this.mocker)
    this.puppet = new SimulatorPuppet(this.mocker, onBotSend, roomAliases)
  }

  isIn(roomId: string): boolean {
    return this.mocker.cacheRoomPayload.get(roomId)?.memberIdList.includes(this.contact.id) ?? false
  }

  /** Logs this account in to its puppet (started already, locally or behind a PuppetServer). */
  login(): void {
    this.mocker.login(this.mocker.ContactMock.load(this.contact.id))
  }

  /**
   * `inviteeId` joins the group. An account in the group (the invitee included) hears it as
   * WeChat tells it (room-join); the others' copies of the group only change.
   */
  join(roomId: string, inviteeId: string, inviterId: string): void {
    const room = this.mocker.RoomMock.load(roomId)
    if (room.payload.memberIdList.includes(inviteeId)) return
    const hears = this.isIn(roomId) || inviteeId === this.contact.id
    if (!hears) {
      room.payload.memberIdList.push(inviteeId)
      return
    }
    // Wechaty syncs the room when it hears the join.
    room.add(this.mocker.ContactMock.load(inviteeId)).by(this.mocker.ContactMock.load(inviterId))
  }

  /** `removeeId` leaves the group (removed by `removerId`); heard by the accounts that were in it. */
  leave(roomId: string, removeeId: string, removerId: string): void {
    const room = this.mocker.RoomMock.load(roomId)
    if (!room.payload.memberIdList.includes(removeeId)) return
    if (!this.isIn(roomId)) {
      room.payload.memberIdList.splice(room.payload.memberIdList.indexOf(removeeId), 1)
      return
    }
    room.remove(this.mocker.ContactMock.load(removeeId)).by(this.mocker.ContactMock.load(removerId))
  }
}
