import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { groupCommitted } from '../src/db/group-commit.js'
import { onPostgres } from '../src/db/client.js'
import { HOLD_MOST_MS, MessageScope } from '../src/db/message-scope.js'
import { createTestDatabase, type TestDatabase } from './support/database.js'
import { StatementCounter } from './support/statement-counter.js'

/**
 * Writes that arrive together share one commit (on SQLite at the driver), and
 * each keeps its own outcome: a failing write fails alone, the others are saved.
 */
describe('group commit', () => {
  const counter = new StatementCounter()
  let database: TestDatabase

  beforeAll(async () => {
    database = await createTestDatabase({ wrap: counter.wrap })
  })
  afterAll(() => database.close())

  const admit = (contactId: string) =>
    groupCommitted(database.db, (db) => db.$executeRaw`INSERT INTO "SuperAdmin" ("contactId", "since") VALUES (${contactId}, ${new Date()})`)

  it('GIVEN twenty writes at once THEN every row is saved, in fewer commits than writes', async () => {
    const { statements } = await counter.during(() => Promise.all(Array.from({ length: 20 }, (_, i) => admit(`together${i}`))))
    expect(await database.db.superAdmin.count({ where: { contactId: { startsWith: 'together' } } })).toBe(20)
    const commits = statements.filter((s) => s === 'COMMIT').length
    // SQLite groups them at the driver (src/db/sqlite-group-commit.ts), PostgreSQL in group-commit.ts.
    expect(commits).toBeGreaterThan(0)
    expect(commits).toBeLessThan(10)
  })

  it('GIVEN twenty writes at once that each decide on a locked row THEN every row is saved, with one lock statement per batch rather than one per write', async () => {
    const deciding = (i: number) =>
      groupCommitted(database.db, (db) => db.$executeRaw`INSERT INTO "SuperAdmin" ("contactId", "since") VALUES (${`locked${i}`}, ${new Date()})`, { table: 'Activity', id: i % 3 })
    const { statements } = await counter.during(() => Promise.all(Array.from({ length: 20 }, (_, i) => deciding(i))))
    expect(await database.db.superAdmin.count({ where: { contactId: { startsWith: 'locked' } } })).toBe(20)
    const locks = statements.filter((s) => s.includes('FOR UPDATE')).length
    const commits = statements.filter((s) => s === 'COMMIT').length
    if (onPostgres(database.db)) expect(locks).toBe(commits)
    else expect(locks).toBe(0)
  })

  it('GIVEN one of ten writes at once breaks a unique key THEN only it fails and the nine others are saved', async () => {
    await admit('taken')
    const outcomes = await Promise.allSettled(['a', 'b', 'c', 'd', 'taken', 'e', 'f', 'g', 'h', 'i'].map((id) => admit(id === 'taken' ? id : `solo${id}`)))
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled', 'fulfilled', 'rejected', 'fulfilled', 'fulfilled', 'fulfilled', 'fulfilled', 'fulfilled'])
    expect(await database.db.superAdmin.count({ where: { contactId: { startsWith: 'solo' } } })).toBe(9)
  })

  // SQLite commits a write at once, microseconds before its reply is queued: no scope is held there.
  it.runIf(Boolean(process.env.TEST_DATABASE_URL))('GIVEN a write made for a message (PostgreSQL) THEN it commits with the replies queued in its transaction, and neither commits when queueing them fails', async () => {
    const insert = (db: TestDatabase['db'], contactId: string) => db.$executeRaw`INSERT INTO "SuperAdmin" ("contactId", "since") VALUES (${contactId}, ${new Date()})`
    const count = (prefix: string) => database.db.superAdmin.count({ where: { contactId: { startsWith: prefix } } })

    const message = new MessageScope()
    await message.run(() => admit('scoped-write'))
    expect(message.tx).not.toBeNull()
    expect(await count('scoped-')).toBe(0) // answered, not yet committed
    await insert(message.tx!, 'scoped-reply') // stands for the reply queued in the same transaction
    await message.release()
    expect(await count('scoped-')).toBe(2)

    await admit('taken-by-reply')
    const failing = new MessageScope()
    await failing.run(() => admit('rolled-write'))
    await insert(failing.tx!, 'taken-by-reply').catch((error: unknown) => failing.fail(error)) // the reply cannot be queued
    await expect(failing.release()).rejects.toThrow()
    expect(await count('rolled-')).toBe(0)
  })

  it.runIf(Boolean(process.env.TEST_DATABASE_URL))('GIVEN a message whose second write fails (PostgreSQL) THEN only that write fails: the first commits with the message', async () => {
    await admit('second-taken')
    const message = new MessageScope()
    await message.run(() => admit('second-first'))
    await expect(message.run(() => admit('second-taken'))).rejects.toThrow()
    await message.release()
    expect(await database.db.superAdmin.count({ where: { contactId: 'second-first' } })).toBe(1)
  })

  it.runIf(Boolean(process.env.TEST_DATABASE_URL))('GIVEN two messages in one shared transaction, one queueing its reply while the other\'s second write fails (PostgreSQL) THEN the reply commits with its write', async () => {
    await admit('pair-taken')
    const [first, second] = [new MessageScope(), new MessageScope()]
    await Promise.all([first.run(() => admit('pair-first')), second.run(() => admit('pair-second'))])
    expect(first.tx).toBe(second.tx) // one batch, one transaction
    // The failing write's savepoint is opened first; the reply is handed over in the same tick.
    const [write, reply] = await Promise.allSettled([
      first.run(() => admit('pair-taken')),
      second.alongside((tx) => (tx ?? database.db).$executeRaw`INSERT INTO "SuperAdmin" ("contactId", "since") VALUES (${'pair-reply'}, ${new Date()})`),
    ])
    expect(write.status).toBe('rejected')
    expect(reply.status).toBe('fulfilled')
    await Promise.all([first.release(), second.release()])
    const saved = await database.db.superAdmin.findMany({ where: { contactId: { startsWith: 'pair-' } }, select: { contactId: true }, orderBy: { contactId: 'asc' } })
    expect(saved.map((row) => row.contactId)).toEqual(['pair-first', 'pair-reply', 'pair-second', 'pair-taken'])
  })

  it.runIf(Boolean(process.env.TEST_DATABASE_URL))('GIVEN one message making two writes at once (PostgreSQL) THEN both commit with it, without waiting out the hold', async () => {
    const message = new MessageScope()
    await message.run(() => Promise.all([admit('twice-a'), admit('twice-b')]))
    await message.release()
    expect(message.expired).toBe(false) // released by the message, not waited out
    expect(await database.db.superAdmin.count({ where: { contactId: { startsWith: 'twice-' } } })).toBe(2)
  })

  it.runIf(Boolean(process.env.TEST_DATABASE_URL))('GIVEN a shared transaction waiting for its message to queue replies (PostgreSQL) THEN other writes commit meanwhile in the next one', async () => {
    const message = new MessageScope()
    await message.run(() => admit('held-write'))
    // The first transaction is held open (its message has not queued its replies yet): the next
    // one runs beside it rather than after it.
    await admit('meanwhile')
    expect(await database.db.superAdmin.count({ where: { contactId: 'meanwhile' } })).toBe(1)
    expect(await database.db.superAdmin.count({ where: { contactId: 'held-write' } })).toBe(0)
    await message.release()
    expect(message.expired).toBe(false)
    expect(await database.db.superAdmin.count({ where: { contactId: 'held-write' } })).toBe(1)
  })

  it.runIf(Boolean(process.env.TEST_DATABASE_URL))('GIVEN a message slower than the hold (PostgreSQL) THEN its write commits without waiting longer, and the scope says so', async () => {
    const message = new MessageScope()
    await message.run(() => admit('slow-write'))
    await new Promise((resolve) => setTimeout(resolve, HOLD_MOST_MS + 300))
    expect(await database.db.superAdmin.count({ where: { contactId: 'slow-write' } })).toBe(1)
    await message.release()
    expect(message.expired).toBe(true)
  })
})
