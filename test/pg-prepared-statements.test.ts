import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PreparingClient } from '../src/db/pg-prepared-statements.js'
import { createTestDatabase, type TestDatabase } from './support/database.js'

const postgres = process.env.TEST_DATABASE_URL

/** PostgreSQL parses and plans each statement text once per connection, not at every run. */
describe.runIf(Boolean(postgres))('prepared statements on PostgreSQL', () => {
  let database: TestDatabase
  let client: PreparingClient
  const prepared = async (like: string) =>
    Number((await client.query<{ n: string }>(`SELECT count(*) AS n FROM pg_prepared_statements WHERE statement LIKE '${like}'`)).rows[0]!.n)

  beforeAll(async () => {
    database = await createTestDatabase()
    client = new PreparingClient({ connectionString: postgres })
    await client.connect()
  })
  afterAll(async () => {
    await client.end()
    await database.close()
  })

  it('GIVEN the bot writes through Prisma THEN the connection keeps the statement prepared, once however often it runs', async () => {
    const insert = (db: TestDatabase['db'], contactId: string) => db.$executeRaw`INSERT INTO "SuperAdmin" ("contactId", "since") VALUES (${contactId}, ${new Date()})`
    const kept = await database.db.$transaction(async (tx) => {
      for (const contactId of ['a', 'b', 'c']) await insert(tx as unknown as TestDatabase['db'], `prepared-${contactId}`)
      return tx.$queryRaw<Array<{ n: bigint }>>`SELECT count(*) AS n FROM pg_prepared_statements WHERE statement LIKE 'INSERT INTO "SuperAdmin"%'`
    })
    expect(Number(kept[0]!.n)).toBe(1)
    expect(await database.db.superAdmin.count({ where: { contactId: { startsWith: 'prepared-' } } })).toBe(3)
  })

  it('GIVEN a statement refused because its transaction had failed THEN it runs on the same connection after the rollback', async () => {
    const text = 'SELECT $1::int + 1 AS n'
    await client.query('BEGIN')
    await expect(client.query('SELECT * FROM no_such_table')).rejects.toThrow()
    await expect(client.query({ text, values: [1] })).rejects.toThrow(/aborted/)
    await client.query('ROLLBACK')
    expect((await client.query({ text, values: [41] })).rows[0]).toEqual({ n: 42 })
    expect(await prepared('SELECT $1::int + 1 AS n')).toBe(1)
  })

  it('GIVEN more distinct statements than a connection keeps THEN the rest still run, unprepared', async () => {
    for (let i = 0; i < 510; i++) expect((await client.query({ text: `SELECT $1::int + ${i} AS n /* many */`, values: [1] })).rows[0]).toEqual({ n: 1 + i })
    expect(await prepared('%/* many */')).toBe(500 - 1) // the one before this test is kept too
  })
})
