/**
 * `npm run bench`: throughput, latency and memory of the message path, printed as one JSON object.
 *
 *   core      20,000 messages from 100 groups (报名 / 取消报名 / 登记 writes, 活动 reads, chatter)
 *             through the dispatcher to SQLite, one after another: msgs/s, p50/p99 per message
 *   floors    raw better-sqlite3 inserts of the same rows; Wechaty + puppet-mock with a no-op handler
 *   wechaty   the full path: puppet-mock → Wechaty → adapter → dispatcher → SQLite
 *   memory    RSS before and after 100,000 messages through the dispatcher
 *   reports   200 branches under one street committee with 1,000,000 check-in rows: how long the
 *             street's 统计 scorecard and 考勤 take on SQLite
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { types, WechatyBuilder } from 'wechaty'
import { mock, PuppetMock } from 'wechaty-puppet-mock'
import type { IncomingMessage } from '../src/chat/port.js'
import { WechatyChat } from '../src/chat/wechaty-adapter.js'
import { ManualClock } from '../src/clock.js'
import { Dispatcher } from '../src/commands/dispatcher.js'
import { CommandRegistry } from '../src/commands/registry.js'
import { openDatabase, type Db } from '../src/db/client.js'
import { silentLogger } from '../src/logger.js'
import { parsePeriod } from '../src/domain/report/period.js'
import { createCapabilities } from '../src/capabilities/index.js'

const GROUPS = 100
const MEMBERS = 10
const CORE_MESSAGES = Number(process.env.BENCH_MESSAGES ?? 20_000)
const MEMORY_MESSAGES = Number(process.env.BENCH_MEMORY_MESSAGES ?? 100_000)
const WECHATY_MESSAGES = Number(process.env.BENCH_WECHATY_MESSAGES ?? 5_000)
const REPORT_BRANCHES = 200
const REPORT_CHECKINS = Number(process.env.BENCH_CHECKINS ?? 1_000_000)
const NOW = new Date('2026-11-27T10:00:00+08:00')

const dir = mkdtempSync(join(tmpdir(), 'zhibu-bench-'))
process.on('exit', () => rmSync(dir, { recursive: true, force: true }))

function migrate(file: string): void {
  const raw = new Database(file)
  for (const name of readdirSync('prisma/migrations', { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort()) {
    raw.exec(readFileSync(join('prisma/migrations', name, 'migration.sql'), 'utf8'))
  }
  raw.close()
}

interface World {
  db: Db
  dispatcher: Dispatcher
  rooms: string[]
  members: string[][]
}

/** 100 bound groups of 10 registered members, each group with one open activity. */
async function buildWorld(name: string): Promise<World> {
  const file = join(dir, `${name}.db`)
  migrate(file)
  const db = await openDatabase(`file:${file}`)
  const { services, commands } = createCapabilities(db, { timeZone: 'Asia/Shanghai', adminToken: 'bench-token-1' })
  const clock = new ManualClock(NOW)
  const dispatcher = new Dispatcher({ registry: new CommandRegistry(commands), org: services.org, clock, timeZone: 'Asia/Shanghai', logger: silentLogger })
  const rooms: string[] = []
  const members: string[][] = []
  let seq = 0
  const send = (roomId: string | null, contactId: string, text: string) =>
    dispatcher.handle({
      id: `setup-${++seq}`,
      conversation: roomId ? { kind: 'group', roomId } : { kind: 'private', contactId },
      sender: { contactId, name: contactId },
      text,
      mentions: [],
      at: NOW,
    })
  await send(null, 'admin', '认证 bench-token-1')
  for (let g = 0; g < GROUPS; g++) {
    const roomId = `room${g}@chatroom`
    rooms.push(roomId)
    await send(roomId, 'admin', `绑定 支部${g}`)
    await send(roomId, 'admin', '发起活动 学习会 时间 下周六上午9点')
    const ids = Array.from({ length: MEMBERS }, (_, m) => `wxid_${g}_${m}`)
    for (const id of ids) await send(roomId, id, `登记 成员${id.slice(5)}`)
    members.push(ids)
  }
  return { db, dispatcher, rooms, members }
}

const MIX = ['报名', '取消报名', '登记 {name} 正式党员 在职', '活动', '今天的学习材料发群里了', '收到，谢谢书记', '报名', '好的']

function message(world: World, i: number): IncomingMessage {
  const g = i % GROUPS
  const contactId = world.members[g]![Math.floor(i / GROUPS) % MEMBERS]!
  const text = MIX[i % MIX.length]!.replace('{name}', `成员${contactId.slice(5)}`)
  return { id: `m${i}`, conversation: { kind: 'group', roomId: world.rooms[g]! }, sender: { contactId, name: contactId }, text, mentions: [], at: NOW }
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))]!
}

const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits

async function core() {
  const world = await buildWorld('core')
  for (let i = 0; i < 500; i++) await world.dispatcher.handle(message(world, i)) // warm-up
  const latencies: number[] = []
  const started = performance.now()
  for (let i = 0; i < CORE_MESSAGES; i++) {
    const t = performance.now()
    await world.dispatcher.handle(message(world, i + 500))
    latencies.push(performance.now() - t)
  }
  const seconds = (performance.now() - started) / 1000
  latencies.sort((a, b) => a - b)
  const signUps = await world.db.signUp.count()
  await world.db.$disconnect()
  return {
    messages: CORE_MESSAGES,
    msgsPerSecond: Math.round(CORE_MESSAGES / seconds),
    p50Ms: round(percentile(latencies, 50), 3),
    p99Ms: round(percentile(latencies, 99), 3),
    maxMs: round(latencies.at(-1)!, 3),
    signUpRowsWritten: signUps,
  }
}

/** The floor for writes: the same sign-up rows inserted with raw better-sqlite3 (WAL, one statement each). */
function rawSqliteFloor() {
  const file = join(dir, 'raw.db')
  migrate(file)
  const raw = new Database(file)
  raw.pragma('journal_mode = WAL')
  raw.pragma('synchronous = NORMAL')
  raw.exec(`INSERT INTO Organization (name, type, createdAt) VALUES ('支部', '党支部', 0);
            INSERT INTO Member (orgId, contactId, name, stage, category, registeredAt) VALUES (1, 'x', 'x', '正式党员', '在职', 0);
            INSERT INTO Activity (orgId, title, startsAt, status, createdByContactId, createdAt) VALUES (1, 't', 0, 'open', 'x', 0);`)
  const insert = raw.prepare(`INSERT INTO SignUp (activityId, memberId, status, note, createdAt, byContactId) VALUES (1, 1, 'confirmed', NULL, ?, 'x')`)
  const started = performance.now()
  for (let i = 0; i < CORE_MESSAGES; i++) insert.run(i)
  const seconds = (performance.now() - started) / 1000
  raw.close()
  return { rows: CORE_MESSAGES, rowsPerSecond: Math.round(CORE_MESSAGES / seconds) }
}

/** Messages through puppet-mock and Wechaty into the adapter; `handle` is what the bot does with each. */
async function throughWechaty(handle: (m: IncomingMessage) => Promise<void>, count: number) {
  const mocker = new mock.Mocker()
  const puppet = new PuppetMock({ mocker })
  const bot = WechatyBuilder.build({ puppet })
  const self = mocker.createContact({ name: '支部助手' })
  const talkers = Array.from({ length: MEMBERS }, (_, m) => mocker.createContact({ id: `wxid_0_${m}`, name: `成员0_${m}` }))
  const room = mocker.createRoom({ id: 'room0@chatroom', topic: '支部0', memberIdList: [self.id, ...talkers.map((t) => t.id)] })
  let done = 0
  let finish: () => void = () => {}
  const all = new Promise<void>((resolve) => (finish = resolve))
  const clock = { now: () => new Date() }
  const chat = new WechatyChat(bot, {
    clock,
    logger: silentLogger,
    staleAfterMs: 3_600_000,
    duplicateWindowMs: 0,
    onMessage: async (m) => {
      await handle(m)
      if (++done === count) finish()
    },
  })
  chat.attach()
  const loggedIn = new Promise<void>((resolve) => bot.once('login', () => resolve()))
  await bot.start()
  mocker.login(self)
  await loggedIn
  const started = performance.now()
  for (let i = 0; i < count; i++) {
    const id = `w${i}`
    mocker.MessageMock.create({ id, talkerId: talkers[i % MEMBERS]!.id, roomId: room.id, mentionIdList: [], text: MIX[i % MIX.length]!.replace('{name}', `成员0_${i % MEMBERS}`), timestamp: Date.now(), type: types.Message.Text })
    puppet.emit('message', { messageId: id })
    if (i % 200 === 199) await new Promise((resolve) => setImmediate(resolve))
  }
  await all
  const seconds = (performance.now() - started) / 1000
  await bot.stop()
  return { messages: count, msgsPerSecond: Math.round(count / seconds) }
}

async function wechatyPaths() {
  const noop = await throughWechaty(async () => {}, WECHATY_MESSAGES)
  const world = await buildWorld('wechaty')
  const full = await throughWechaty(async (m) => {
    await world.dispatcher.handle({ ...m, at: NOW })
  }, WECHATY_MESSAGES)
  await world.db.$disconnect()
  return { noopFloor: noop, fullPath: full, fullPathShareOfFloor: round(full.msgsPerSecond / noop.msgsPerSecond, 3) }
}

async function memory() {
  const world = await buildWorld('memory')
  for (let i = 0; i < 2000; i++) await world.dispatcher.handle(message(world, i))
  global.gc?.()
  const before = process.memoryUsage().rss
  for (let i = 0; i < MEMORY_MESSAGES; i++) await world.dispatcher.handle(message(world, i + 2000))
  global.gc?.()
  const after = process.memoryUsage().rss
  await world.db.$disconnect()
  return { messages: MEMORY_MESSAGES, rssBeforeMb: round(before / 2 ** 20, 1), rssAfterMb: round(after / 2 ** 20, 1), growthMb: round((after - before) / 2 ** 20, 1) }
}

/**
 * 200 branches of 25 members under one street committee, meetings through the year and 25
 * check-ins each until REPORT_CHECKINS rows; then the street's 统计 and 考勤 for 本月, timed.
 */
async function reports() {
  const file = process.env.BENCH_REPORT_DB ?? join(dir, 'reports.db')
  migrate(file)
  const raw = new Database(file)
  raw.pragma('journal_mode = WAL')
  const iso = (d: Date) => d.toISOString().replace('Z', '+00:00')
  const created = iso(NOW)
  const generate = raw.transaction(() => {
    raw.prepare(`INSERT INTO Organization (id, name, type, parentId, createdAt) VALUES (1, '外滩街道党委', '党委', NULL, ?)`).run(created)
    const org = raw.prepare(`INSERT INTO Organization (id, name, type, parentId, createdAt) VALUES (?, ?, '党支部', 1, ?)`)
    const member = raw.prepare(`INSERT INTO Member (id, orgId, contactId, name, stage, category, registeredAt) VALUES (?, ?, ?, ?, '正式党员', '在职', ?)`)
    const meeting = raw.prepare(`INSERT INTO Meeting (id, orgId, type, startsAt, status, closedAt, createdByContactId, createdAt) VALUES (?, ?, ?, ?, 'closed', ?, 'x', ?)`)
    const attendance = raw.prepare(`INSERT INTO Attendance (meetingId, memberId, status, at, byContactId) VALUES (?, ?, ?, ?, 'x')`)
    const types = ['党员大会', '支委会', '党小组会', '党课', '主题党日']
    const statuses = ['present', 'present', 'present', 'present', 'present', 'present', 'late', 'leave', 'absent', 'present']
    const meetingsPerBranch = Math.ceil(REPORT_CHECKINS / REPORT_BRANCHES / 25)
    const yearStart = new Date('2026-01-01T00:00:00+08:00').getTime()
    const span = NOW.getTime() - yearStart
    let meetingId = 0
    let rows = 0
    for (let b = 0; b < REPORT_BRANCHES; b++) {
      const orgId = b + 2
      org.run(orgId, `支部${b}`, created)
      for (let m = 0; m < 25; m++) member.run(b * 25 + m + 1, orgId, `wxid_r${b}_${m}`, `成员${b}_${m}`, created)
      for (let k = 0; k < meetingsPerBranch && rows < REPORT_CHECKINS; k++) {
        const at = iso(new Date(yearStart + Math.floor((span * (k + 0.5)) / meetingsPerBranch)))
        meeting.run(++meetingId, orgId, types[k % types.length], at, at, at)
        for (let m = 0; m < 25 && rows < REPORT_CHECKINS; m++, rows++) attendance.run(meetingId, b * 25 + m + 1, statuses[(k + m) % statuses.length], at)
      }
    }
    return { meetings: meetingId, rows }
  })
  const startedAt = performance.now()
  const generated = generate()
  raw.pragma('optimize')
  raw.close()
  const generateSeconds = round((performance.now() - startedAt) / 1000, 1)

  const db = await openDatabase(`file:${file}`)
  const { services } = createCapabilities(db, { timeZone: 'Asia/Shanghai', adminToken: undefined })
  const street = { id: 1, name: '外滩街道党委', type: '党委', parentId: null }
  const period = parsePeriod('本月', NOW, 'Asia/Shanghai')!
  const time = async (work: () => Promise<unknown>) => {
    const runs: number[] = []
    for (let i = 0; i < 5; i++) {
      const t = performance.now()
      await work()
      runs.push(performance.now() - t)
    }
    runs.sort((a, b) => a - b)
    return { medianMs: round(runs[2]!, 1), maxMs: round(runs[4]!, 1) }
  }
  const scorecard = await time(() => services.report.scorecard(street, period, NOW))
  const attendance = await time(() => services.report.attendance({ org: street, period, askerContactId: 'x', inGroup: true }))
  const branch = await time(() => services.report.attendance({ org: { id: 2, name: '支部0', type: '党支部', parentId: 1 }, period, askerContactId: 'x', inGroup: true }))
  await db.$disconnect()
  return { organisations: REPORT_BRANCHES + 1, checkInRows: generated.rows, meetings: generated.meetings, generateSeconds, streetScorecard: scorecard, streetAttendance: attendance, branchAttendance: branch }
}

const started = Date.now()
const result = {
  machine: { node: process.version, cpus: (await import('node:os')).cpus().length },
  core: await core(),
  floors: { rawSqliteInsert: rawSqliteFloor() },
  wechaty: await wechatyPaths(),
  memory: await memory(),
  reports: await reports(),
  targets: { coreMsgsPerSecond: 2000, coreP99Ms: 20, wechatyShareOfFloor: 0.9, rssGrowthMbPer100k: 50, reportMs: 300 },
  seconds: Math.round((Date.now() - started) / 1000),
}
console.log(JSON.stringify(result, null, 2))
process.exit(0)
