/**
 * `npm run bench`: what the bot does per second when every message counts, printed as one JSON
 * object (nested: the figure `writes.awaited.msgsPerSecond` is `result.writes.awaited.msgsPerSecond`)
 * and written to bench/results.json; `node bench/table.mjs` puts it in the README.
 *
 *   writes    100 groups × 10 members; every message writes (报名/取消报名 alternating, 签到 once,
 *             收到 per notice); awaited one by one, then with 32 in flight (one per group at a
 *             time); the database must hold exactly the expected rows or the run fails
 *   mixed     a seeded, realistic week (80% chatter) where sender and command are independent
 *   peer      Koishi's workload: 签到 once per member, 100 groups × 50 members, awaited
 *   floors    raw better-sqlite3 inserts; Wechaty + puppet-mock with a no-op handler
 *   wechaty   the full path (simulator puppet-mock → Wechaty → dispatcher → SQLite → outbox →
 *             back to the chat), the `writes` workload awaited reply by reply; then the `writes`
 *             world of 100 groups with 32 in flight (one per group at a time), as many groups
 *             talk at once in life, beside the core's 32 in flight on the same workload
 *   process   `npm start`: cold start to /api/health, idle RSS, RSS growth per 100,000 messages
 *   reports   200 branches, 1,000,000 check-ins: the street's 统计 and 考勤
 *   postgres  `writes` on PostgreSQL, when POSTGRES_BENCH_URL is set; and `processes`: 1, 2 and 4
 *             bot processes (the whole bot each, own groups) sharing that database, msgs/s in total
 *   koishi    when KOISHI_PEER_DIR holds a Koishi install with run.js (see README), its figure in the same run
 *
 * BENCH_SCALE (default 1) shrinks the groups and message counts for a quick check: BENCH_SCALE=0.1.
 * Any wrong answer or wrong row count ends the run with exit code 1.
 */
import { execFileSync } from 'node:child_process'
import { cpus } from 'node:os'
import { writeFileSync } from 'node:fs'
import { startCoreBot, startLiveBot, type BotUnderTest } from './bot.js'
import { rawSqliteInsert, wechatyNoop } from './floors.js'
import { processFigures } from './process.js'
import { processesFigures } from './processes.js'
import { reports } from './reports.js'
import { assertRows, mixedWorkload, peerWorkload, writesWorkload } from './workloads.js'
import { buildWorld, drive, type Step, type World } from './world.js'

const SCALE = Number(process.env.BENCH_SCALE ?? 1)
const scaled = (n: number, least = 1) => Math.max(least, Math.round(n * SCALE))
const GROUPS = scaled(100, 2)
const MIXED_MESSAGES = scaled(20_000, 200)
const PROCESS_MESSAGES = scaled(100_000, 1_000)
const LIVE_GROUPS = scaled(20, 2)
const REPORT_CHECKINS = scaled(1_000_000, 10_000)
const PROCESS_GROUPS = scaled(20, 2)
const log = (line: string) => process.stderr.write(`bench: ${line}\n`)

/** Runs `steps` on `world`, fails on any wrong answer or row, returns the figures. */
async function measured(what: string, world: World, work: { steps: Step[]; expected: Parameters<typeof assertRows>[1] }, inFlight: number) {
  log(`${what}: ${work.steps.length} messages, ${inFlight} in flight`)
  const figures = await drive(world, work.steps, inFlight)
  if (figures.wrongAnswers) throw new Error(`${what}: ${figures.wrongAnswers} wrong answers; first: ${figures.firstWrong}`)
  const rows = await assertRows(world, work.expected, what)
  return { ...figures, rows }
}

async function withBot<T>(start: () => Promise<BotUnderTest>, work: (bot: BotUnderTest) => Promise<T>): Promise<T> {
  const bot = await start()
  try {
    return await work(bot)
  } finally {
    await bot.close()
  }
}

/** `writes` awaited and with 32 in flight, each on a fresh world of its own. */
async function writes(start: () => Promise<BotUnderTest>, label: string) {
  const awaited = await withBot(start, async (bot) => {
    const world = await buildWorld(bot, GROUPS, 10)
    return measured(`${label} awaited`, world, writesWorkload(world), 1)
  })
  const inFlight32 = await withBot(start, async (bot) => {
    const world = await buildWorld(bot, GROUPS, 10)
    return measured(`${label} 32 in flight`, world, writesWorkload(world), 32)
  })
  return { awaited, inFlight32 }
}

function koishiPeer() {
  const dir = process.env.KOISHI_PEER_DIR
  if (!dir) return undefined
  log(`koishi: node run.js in ${dir}`)
  const out = execFileSync('node', ['run.js'], { cwd: dir, env: { ...process.env, CHANNELS: String(GROUPS), USERS: '50' }, stdio: ['ignore', 'pipe', 'ignore'] })
  return JSON.parse(out.toString().trim().split('\n').at(-1)!) as { koishi: string; messages: number; msgsPerSecond: number }
}

const started = Date.now()
/** Figures measured so far: printed to stderr when a later section fails, to help find why. */
const partial: Record<string, unknown> = {}
const keep = <T>(key: string, value: T): T => ((partial[key] = value), value)
try {
  const core = keep('writes', await writes(() => startCoreBot(), 'writes'))
  const mixed = keep('mixed', await withBot(startCoreBot, async (bot) => {
    const world = await buildWorld(bot, GROUPS, 10)
    const work = mixedWorkload(world, MIXED_MESSAGES)
    return { ...(await measured('mixed', world, work, 1)), commands: work.commands }
  }))
  const peer = keep('peer', await withBot(startCoreBot, async (bot) => {
    const world = await buildWorld(bot, GROUPS, 50)
    return measured('peer', world, peerWorkload(world), 1)
  }))
  const koishi = keep('koishi', koishiPeer())
  log('floors')
  const floors = keep('floors', { rawSqliteInsert: rawSqliteInsert(core.awaited.messages), wechatyNoop: await wechatyNoop(scaled(5_000, 500)) })
  const fullPath = keep('wechaty', await withBot(startLiveBot, async (bot) => {
    const world = await buildWorld(bot, LIVE_GROUPS, 10)
    return measured('wechaty full path', world, writesWorkload(world), 1)
  }))
  const fullPathInFlight32 = keep('wechatyInFlight32', await withBot(startLiveBot, async (bot) => {
    const world = await buildWorld(bot, GROUPS, 10)
    return measured('wechaty full path 32 in flight', world, writesWorkload(world), 32)
  }))
  log(`process: npm start, then ${PROCESS_MESSAGES} messages over HTTP`)
  const processFigs = keep('process', await processFigures(PROCESS_MESSAGES, GROUPS))
  log('reports')
  const reportFigs = keep('reports', await reports(REPORT_CHECKINS))
  const postgresUrl = process.env.POSTGRES_BENCH_URL
  const postgres = postgresUrl
    ? { writes: keep('postgres', await writes(() => startCoreBot(postgresUrl), 'postgres writes')), processes: await processesFigures(postgresUrl, PROCESS_GROUPS) }
    : undefined

  const lesser = Math.min(floors.wechatyNoop.msgsPerSecond, core.awaited.msgsPerSecond)
  const result = {
    machine: { node: process.version, cpus: cpus().length, scale: SCALE, loadAverageAtEnd: (await import('node:os')).loadavg().map((n) => Math.round(n * 10) / 10) },
    writes: core,
    mixed,
    peer: { ...peer, ...(koishi ? { koishiMsgsPerSecond: koishi.msgsPerSecond, koishiVersion: koishi.koishi, ratioToKoishi: Math.round((peer.msgsPerSecond / koishi.msgsPerSecond) * 100) / 100 } : {}) },
    floors,
    wechaty: {
      fullPath: { ...fullPath, shareOfLesserFloor: Math.round((fullPath.msgsPerSecond / lesser) * 1000) / 1000 },
      fullPathInFlight32: { ...fullPathInFlight32, shareOfCoreInFlight32: Math.round((fullPathInFlight32.msgsPerSecond / core.inFlight32.msgsPerSecond) * 1000) / 1000 },
    },
    process: processFigs,
    reports: reportFigs,
    ...(postgres ? { postgres } : {}),
    targets: {
      'writes.awaited.msgsPerSecond': 1500,
      'writes.awaited.p99Ms': 10,
      'writes.inFlight32.msgsPerSecond': 4000,
      'peer.ratioToKoishi': 8,
      'wechaty.fullPath.shareOfLesserFloor': 0.9,
      'process.idleRssMb': 200,
      'process.rssGrowthMbPer100k': 50,
      'process.coldStartMs': 5000,
      'postgres.writes.inFlight32.msgsPerSecond': 1500,
      'reports.streetScorecard.medianMs': 300,
    },
    seconds: Math.round((Date.now() - started) / 1000),
  }
  const json = JSON.stringify(result, null, 2)
  console.log(json)
  writeFileSync(process.env.BENCH_OUT ?? (SCALE === 1 ? 'bench/results.json' : 'bench/results.quick.json'), `${json}\n`)
  process.exit(0)
} catch (error) {
  console.error(`bench: figures measured before the failure (not a result):\n${JSON.stringify(partial, null, 2)}`)
  console.error(`bench FAILED: ${error instanceof Error ? error.message : String(error)}`)
  process.exit(1)
}
