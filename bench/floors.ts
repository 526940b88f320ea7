/**
 * The floors: what the layers under the bot can do on their own, to set the bot's figures beside.
 *   rawSqliteInsert  one-row inserts with raw better-sqlite3 (WAL, synchronous=NORMAL), no Prisma
 *   wechatyNoop      messages through puppet-mock and Wechaty into a handler that does nothing
 * The floor touches Wechaty directly on purpose: it measures Wechaty itself, without the bot.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { types, WechatyBuilder } from 'wechaty'
import { mock, PuppetMock } from 'wechaty-puppet-mock'
import { migrateSqliteFile } from '../test/support/database.js'

export function rawSqliteInsert(rows: number) {
  const dir = mkdtempSync(join(tmpdir(), 'zhibu-bench-raw-'))
  try {
    const file = join(dir, 'raw.db')
    migrateSqliteFile(file)
    const raw = new Database(file)
    raw.pragma('journal_mode = WAL')
    raw.pragma('synchronous = NORMAL')
    raw.exec(`INSERT INTO Organization (name, type, createdAt) VALUES ('支部', '党支部', 0);
              INSERT INTO Member (orgId, contactId, name, stage, category, registeredAt) VALUES (1, 'x', 'x', '正式党员', '在职', 0);
              INSERT INTO Activity (orgId, title, startsAt, status, createdByContactId, createdAt) VALUES (1, 't', 0, 'open', 'x', 0);`)
    // One member may hold one active place (a partial unique index): the floor writes history rows,
    // which the index does not cover, so every insert is a plain single-row write.
    const insert = raw.prepare(`INSERT INTO SignUp (activityId, memberId, status, note, createdAt, byContactId) VALUES (1, 1, 'cancelled', NULL, ?, 'x')`)
    const started = performance.now()
    for (let i = 0; i < rows; i++) insert.run(i)
    const seconds = (performance.now() - started) / 1000
    const written = (raw.prepare('SELECT count(*) AS n FROM SignUp').get() as { n: number }).n
    raw.close()
    if (written !== rows) throw new Error(`raw insert floor: ${written} rows, expected ${rows}`)
    return { rows, rowsPerSecond: Math.round(rows / seconds) }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

/** Messages from 10 members of one room, emitted by puppet-mock; Wechaty builds each message; nothing is done with it. */
export async function wechatyNoop(count: number) {
  const mocker = new mock.Mocker()
  const puppet = new PuppetMock({ mocker })
  const bot = WechatyBuilder.build({ puppet })
  const self = mocker.createContact({ name: '支部助手' })
  const talkers = Array.from({ length: 10 }, (_, m) => mocker.createContact({ id: `wxid_noop_${m}`, name: `成员${m}` }))
  const room = mocker.createRoom({ id: 'noop@chatroom', topic: '支部', memberIdList: [self.id, ...talkers.map((t) => t.id)] })
  let done = 0
  let finish: () => void = () => {}
  const all = new Promise<void>((resolve) => (finish = resolve))
  bot.on('message', async (message) => {
    // What any handler must do first: read who said what where.
    void message.talker().id
    void message.room()?.id
    void message.text()
    if (++done === count) finish()
  })
  const loggedIn = new Promise<void>((resolve) => bot.once('login', () => resolve()))
  await bot.start()
  mocker.login(self)
  await loggedIn
  const started = performance.now()
  for (let i = 0; i < count; i++) {
    const id = `noop${i}`
    mocker.MessageMock.create({ id, talkerId: talkers[i % talkers.length]!.id, roomId: room.id, mentionIdList: [], text: '报名', timestamp: Date.now(), type: types.Message.Text })
    puppet.emit('message', { messageId: id })
    if (i % 200 === 199) await new Promise((resolve) => setImmediate(resolve))
  }
  await all
  const seconds = (performance.now() - started) / 1000
  await bot.stop()
  return { messages: count, msgsPerSecond: Math.round(count / seconds) }
}
