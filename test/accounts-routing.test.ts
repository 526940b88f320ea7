import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { silentLogger } from '../src/logger.js'
import { AccountsRepository } from '../src/outbox/accounts.repository.js'
import { OutboxRepository } from '../src/outbox/outbox.repository.js'
import { DEFAULT_LIMITS, Outbox } from '../src/outbox/outbox.js'
import type { ChatPort } from '../src/chat/port.js'
import { realPace } from '../src/clock.js'
import { createTestDatabase, type TestDatabase } from './support/database.js'

const NOW = new Date('2026-12-04T09:00:00+08:00')
const nobody: ChatPort = { send: async () => undefined }

/** Which account a reply or reminder goes from, when several share the database. */
describe('routing a message to the account that can send it', () => {
  let database: TestDatabase
  let accounts: AccountsRepository
  beforeEach(async () => {
    database = await createTestDatabase()
    accounts = new AccountsRepository(database.db)
    // Bot A heard 张三 in group 1 first; bot B heard 李四 in group 2 and then in group 1 too.
    await accounts.seen('bot_a', { roomId: 'g1@chatroom', contactId: 'wxid_zhang' }, NOW)
    await accounts.seen('bot_b', { roomId: 'g2@chatroom', contactId: 'wxid_li' }, NOW)
    await accounts.seen('bot_b', { roomId: 'g1@chatroom', contactId: 'wxid_li' }, NOW)
  })
  afterEach(() => database.close())

  /** Queues one message as the process logged in as `account` would, and says which account it went to. */
  async function queuedBy(account: string | null, to: { kind: 'group'; roomId: string } | { kind: 'private'; contactId: string }): Promise<string | null> {
    const repo = new OutboxRepository(database.db)
    repo.actAs(account)
    const outbox = new Outbox({ repo, chat: nobody, pace: realPace, limits: DEFAULT_LIMITS, logger: silentLogger, instanceId: 'x' })
    await outbox.enqueue([{ to, text: 'hi' }])
    return (await database.db.outboxMessage.findFirstOrThrow({ orderBy: { id: 'desc' } })).account
  }

  it.each([
    ['a group goes from its first account, whoever queues it', 'bot_b', { kind: 'group', roomId: 'g1@chatroom' }, 'bot_a'],
    ['a group nobody owns becomes the queuing account’s', 'bot_b', { kind: 'group', roomId: 'g9@chatroom' }, 'bot_b'],
    ['a person goes from the current account when it shares a group with them', 'bot_b', { kind: 'private', contactId: 'wxid_li' }, 'bot_b'],
    ['a person goes from the account that shares a group with them', 'bot_b', { kind: 'private', contactId: 'wxid_zhang' }, 'bot_a'],
    ['a person no account knows goes from the current account', 'bot_a', { kind: 'private', contactId: 'wxid_new' }, 'bot_a'],
    ['a single account not yet logged in leaves the row to any account', null, { kind: 'private', contactId: 'wxid_new' }, null],
  ] as const)('%s', async (_, account, to, expected) => {
    expect(await queuedBy(account, to)).toBe(expected)
  })

  it('GIVEN bot A leaves group 1 THEN bot B takes it over with its waiting messages; group 2 stays B’s', async () => {
    await queuedBy('bot_a', { kind: 'group', roomId: 'g1@chatroom' })
    await accounts.beat('bot_a', 'a-1', NOW)
    expect(await accounts.takeOverAbandoned('bot_b', NOW, 60_000)).toEqual([])
    await accounts.leftGroup('bot_a', 'g1@chatroom')
    expect(await accounts.takeOverAbandoned('bot_b', NOW, 60_000)).toEqual(['g1@chatroom'])
    expect(await accounts.ownerOf('g1@chatroom')).toBe('bot_b')
    expect((await database.db.outboxMessage.findFirstOrThrow({ where: { toId: 'g1@chatroom' } })).account).toBe('bot_b')
  })

  it('GIVEN two accounts’ processes starting at once, B’s not yet alive THEN A does not take B’s group; after the delay with no sign of life it does', async () => {
    await accounts.seen('bot_b', { roomId: 'g3@chatroom', contactId: 'wxid_member' }, NOW)
    await accounts.seen('bot_a', { roomId: 'g3@chatroom', contactId: 'wxid_member' }, NOW)
    await accounts.beat('bot_a', 'a-1', NOW)
    expect(await accounts.takeOverAbandoned('bot_a', new Date(NOW.getTime() + 1000), 60_000)).toEqual([])
    expect(await accounts.ownerOf('g3@chatroom')).toBe('bot_b')
    expect(await accounts.takeOverAbandoned('bot_a', new Date(NOW.getTime() + 61_000), 60_000)).toEqual(['g3@chatroom'])
  })
})
