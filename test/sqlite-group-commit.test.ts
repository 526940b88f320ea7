import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import Database from 'better-sqlite3'
import { DatabaseHealth } from '../src/db/health.js'
import { MessageScope } from '../src/db/message-scope.js'
import { silentLogger } from '../src/logger.js'
import { createTestDatabase, type TestDatabase } from './support/database.js'
import { Faults } from './support/faulty-adapter.js'
import { StatementCounter } from './support/statement-counter.js'

/**
 * On SQLite, writes of concurrent messages share one COMMIT at the driver (src/db/sqlite-group-commit.ts);
 * each keeps its own outcome, a full disk fails each in its own message, and Prisma's own
 * transactions still work beside it. PostgreSQL has its own (src/db/group-commit.ts).
 */
describe.skipIf(Boolean(process.env.TEST_DATABASE_URL))('group commit on SQLite', () => {
  const counter = new StatementCounter()
  const faults = new Faults()
  const health = new DatabaseHealth(silentLogger)
  let database: TestDatabase

  beforeAll(async () => {
    database = await createTestDatabase({ health, wrap: (factory) => counter.wrap(faults.wrap(factory)) })
  })
  afterAll(() => database.close())

  const admit = (contactId: string) => database.db.$executeRaw`INSERT INTO "SuperAdmin" ("contactId", "since") VALUES (${contactId}, ${new Date()})`
  const count = (prefix: string) => database.db.superAdmin.count({ where: { contactId: { startsWith: prefix } } })

  it('GIVEN thirty writes at once THEN every row is saved, in a few commits', async () => {
    const { statements } = await counter.during(() => Promise.all(Array.from({ length: 30 }, (_, i) => admit(`many${i}`))))
    expect(await count('many')).toBe(30)
    const commits = statements.filter((s) => s === 'COMMIT').length
    expect(commits).toBeGreaterThan(0)
    expect(commits).toBeLessThan(5)
  })

  it('GIVEN one write alone THEN it commits by itself, with no BEGIN or COMMIT', async () => {
    const { statements } = await counter.during(() => admit('alone'))
    expect(statements).toEqual([expect.stringMatching(/^INSERT INTO "SuperAdmin"/)])
  })

  it('GIVEN a write breaks a unique key among others at once THEN only it fails, and the others are saved once', async () => {
    await admit('dup')
    const outcomes = await Promise.allSettled(['u1', 'u2', 'dup', 'u3', 'u4'].map(admit))
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled', 'fulfilled'])
    expect(await count('u')).toBe(4)
  })

  it('GIVEN the disk is full WHEN ten messages write at once THEN each fails in its own message and nothing is saved', async () => {
    faults.mode = 'diskFull'
    try {
      const watched = await Promise.all(Array.from({ length: 10 }, (_, i) => health.watch(() => admit(`full${i}`).then(() => 'saved', () => 'failed'))))
      expect(watched.map((w) => [w.result, w.storageFailed])).toEqual(Array.from({ length: 10 }, () => ['failed', true]))
    } finally {
      faults.mode = 'none'
    }
    expect(await count('full')).toBe(0)
    expect(health.failing()).not.toBeNull()
    await Promise.all([admit('after1'), admit('after2')])
    expect(await count('after')).toBe(2)
    expect(health.failing()).toBeNull()
  })

  it("GIVEN Prisma's own transaction runs beside writes at once (and writes through the root handle) THEN all finish and are saved", async () => {
    const inTransaction = database.db.$transaction(async (tx) => {
      await tx.$executeRaw`INSERT INTO "SuperAdmin" ("contactId", "since") VALUES (${'tx1'}, ${new Date()})`
      await new Promise((resolve) => setTimeout(resolve, 5))
      await tx.$executeRaw`INSERT INTO "SuperAdmin" ("contactId", "since") VALUES (${'tx2'}, ${new Date()})`
    })
    await Promise.all([inTransaction, ...Array.from({ length: 10 }, (_, i) => admit(`beside${i}`))])
    expect(await count('tx')).toBe(2)
    expect(await count('beside')).toBe(10)
  })

  // SQLite has one connection: a statement sent while a transaction is open would run inside it,
  // be answered, and vanish if that transaction rolled back.
  it("GIVEN Prisma's own transaction is open and then rolls back WHEN another message writes and reads meanwhile THEN its write is kept and its read saw nothing uncommitted", async () => {
    let besideWrite: Promise<unknown> | undefined
    let besideRead: Promise<number> | undefined
    const rolledBack = database.db.$transaction(async (tx) => {
      await tx.$executeRaw`INSERT INTO "SuperAdmin" ("contactId", "since") VALUES (${'undone'}, ${new Date()})`
      // Prisma sends a query only once it is awaited (or then'd): these start now.
      besideWrite = admit('kept').then((changed) => changed)
      besideRead = count('undone').then((found) => found)
      await new Promise((resolve) => setTimeout(resolve, 20))
      throw new Error('the officer’s change is refused')
    })
    await expect(rolledBack).rejects.toThrow('refused')
    await besideWrite
    expect(await besideRead).toBe(0)
    expect(await count('kept')).toBe(1)
    expect(await count('undone')).toBe(0)
  })

  it('GIVEN a shared commit is about to fail WHEN a write arrives meanwhile THEN that write is not taken into it: it is saved', async () => {
    let commitReached = () => {}
    const reached = new Promise<void>((resolve) => (commitReached = resolve))
    let letCommitGo = () => {}
    const gate = new Promise<void>((resolve) => (letCommitGo = resolve))
    faults.beforeStatement = async (sql) => {
      if (sql !== 'COMMIT') return
      faults.beforeStatement = null
      commitReached()
      await gate
    }
    faults.failingCommits = 1
    try {
      const batch = Promise.all([admit('batch1'), admit('batch2')]) // Promise.all then's them: both start now
      await reached
      const late = admit('late').then((changed) => changed)
      await new Promise((resolve) => setTimeout(resolve, 10))
      letCommitGo()
      await Promise.all([batch, late])
    } finally {
      faults.beforeStatement = null
      faults.failingCommits = 0
    }
    expect(await count('batch')).toBe(2)
    expect(await count('late')).toBe(1)
  })

  /** What another connection (another process after a crash) finds: only what was committed. */
  const committed = (prefix: string) => {
    const reader = new Database(database.url.replace(/^file:/, ''), { readonly: true })
    try {
      return (reader.prepare('SELECT count(*) AS n FROM "SuperAdmin" WHERE "contactId" LIKE ?').get(`${prefix}%`) as { n: number }).n
    } finally {
      reader.close()
    }
  }

  // A crash between a message's write and its reply must leave neither: the write waits, uncommitted, for the reply.
  it("GIVEN a message's write is answered WHEN its reply is not queued yet THEN neither is committed; once it is, both are", async () => {
    const scope = new MessageScope()
    let beforeReply = -1
    await scope.run(async () => {
      await admit('held-write')
      beforeReply = committed('held-')
      await admit('held-reply') // stands for the queued reply
    })
    await scope.release()
    expect(beforeReply).toBe(0)
    expect(committed('held-')).toBe(2)
  })

  it("GIVEN a message's write and reply WHEN their COMMIT fails THEN the message learns it and nothing of it is saved", async () => {
    const scope = new MessageScope()
    await scope.run(async () => {
      await admit('lost-write')
      faults.failingCommits = 1
      await admit('lost-reply')
    })
    try {
      await expect(scope.release()).rejects.toThrow('database or disk is full')
    } finally {
      faults.failingCommits = 0
    }
    expect(await count('lost-')).toBe(0)
  })

  it('GIVEN a message holds its write open WHEN the same message then needs a transaction of its own THEN both are saved, without waiting out the hold', async () => {
    const scope = new MessageScope()
    await scope.run(async () => {
      await admit('own-write')
      await database.db.$transaction(async (tx) => {
        await tx.$executeRaw`INSERT INTO "SuperAdmin" ("contactId", "since") VALUES (${'own-step1'}, ${new Date()})`
        await tx.$executeRaw`INSERT INTO "SuperAdmin" ("contactId", "since") VALUES (${'own-step2'}, ${new Date()})`
      })
      await admit('own-reply')
    })
    await scope.release()
    expect(scope.expired).toBe(false) // the shared transaction did not wait HOLD_MOST_MS for it
    expect(committed('own-')).toBe(4)
  })

  it('GIVEN a message holds its write open WHEN another message reads meanwhile THEN it waits and sees the committed write, never an uncommitted one', async () => {
    const scope = new MessageScope()
    let written = () => {}
    const wrote = new Promise<void>((resolve) => (written = resolve))
    let queueReply = () => {}
    const replyNow = new Promise<void>((resolve) => (queueReply = resolve))
    const message = scope.run(async () => {
      await admit('pending-write')
      written()
      await replyNow
    })
    await wrote
    let answered = false
    const other = count('pending-').then((n) => ((answered = true), n)) // this test's context: another message
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect(answered).toBe(false)
    queueReply()
    await message
    await scope.release()
    expect(await other).toBe(1)
  })

  it('GIVEN a read while writes wait for their commit THEN it answers from what is committed', async () => {
    const writes = Promise.all([admit('seen1'), admit('seen2')])
    const before = await count('seen')
    await writes
    expect(before).toBe(0)
    expect(await count('seen')).toBe(2)
  })
})
