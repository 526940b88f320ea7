import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Simulator } from '../src/chat/simulator/simulator.js'
import { WechatyChat } from '../src/chat/wechaty-adapter.js'
import { ManualClock } from '../src/clock.js'
import { silentLogger } from '../src/logger.js'
import { AccountsRepository } from '../src/outbox/accounts.repository.js'
import { createTestDatabase, type TestDatabase } from './support/database.js'

const NOW = new Date('2026-12-04T09:00:00+08:00')

/**
 * The bot's own account is removed from a group (or added to one), as WeChat tells Wechaty: the
 * adapter says so, the account no longer speaks there, and another account in it takes the group over.
 */
describe('the bot account leaves or joins a group', () => {
  const clock = new ManualClock(NOW)
  // Two accounts in one world; Wechaty runs here on the first.
  const sim = new Simulator(clock, '支部助手', undefined, 2)
  const changes: Array<{ account: string; roomId: string; joined: boolean }> = []
  let database: TestDatabase
  let accounts: AccountsRepository
  let member: string

  beforeAll(async () => {
    database = await createTestDatabase()
    accounts = new AccountsRepository(database.db)
    const chat = new WechatyChat(sim.bot, {
      clock,
      logger: silentLogger,
      staleAfterMs: 180_000,
      duplicateWindowMs: 0,
      onMessage: async () => undefined,
      onMembership: (change) => {
        changes.push(change)
        void (change.joined ? accounts.joinedGroup(change.account, change.roomId, NOW) : accounts.leftGroup(change.account, change.roomId))
      },
    })
    chat.attach()
    await sim.start()
    member = sim.createContact('王书记').id
  })
  afterAll(async () => {
    await sim.stop()
    await database.close()
  })

  it('GIVEN a group of both accounts owned by the first WHEN the first is removed from it THEN the adapter says so and the second takes it over', async () => {
    const first = sim.account(1).contact.id
    const room = sim.createGroup('第一党支部', [member], [1, 2]).id
    await accounts.joinedGroup(first, room, NOW)
    await accounts.joinedGroup('bot_b', room, NOW)
    await accounts.beat(first, 'a-1', NOW)
    expect(await accounts.ownerOf(room)).toBe(first)
    expect(await accounts.takeOverAbandoned('bot_b', NOW, 60_000)).toEqual([])

    sim.removeAccount(room, 1)
    await expect.poll(() => changes).toContainEqual({ account: first, roomId: room, joined: false })
    expect(sim.group(room).accounts).toEqual([2])
    await expect.poll(() => accounts.takeOverAbandoned('bot_b', NOW, 60_000)).toEqual([room])
    expect(await accounts.ownerOf(room)).toBe('bot_b')
  })

  it('GIVEN a group without the first account WHEN it is added THEN the adapter says so and a group nobody owns becomes its own', async () => {
    const first = sim.account(1).contact.id
    const room = sim.createGroup('第二党支部', [member], [2]).id
    expect(changes.some((c) => c.roomId === room)).toBe(false)
    sim.addAccount(room, 1)
    await expect.poll(() => changes).toContainEqual({ account: first, roomId: room, joined: true })
    await expect.poll(() => accounts.ownerOf(room)).toBe(first)
  })

  it('GIVEN another person joins THEN nothing is said about the account', async () => {
    const room = sim.createGroup('第三党支部', [member], [1]).id
    const other = sim.createContact('李四').id
    sim.addMember(room, other)
    const before = changes.length
    await new Promise((resolve) => setTimeout(resolve, 200))
    expect(changes.length).toBe(before)
  })
})
