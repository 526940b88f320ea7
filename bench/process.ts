/**
 * The bot as a user starts it: `npm start` (simulator mode) in a child process on an empty
 * SQLite database, in a tree already installed and built (a stale build is made before the clock
 * starts). Cold start is the time from spawning `npm start` to `/api/health` answering ok
 * (npm, the prestart checks and migrating the empty database included); `botSpawnedMs` is when
 * the bot's own node process appeared. RSS is read from /proc for the process that
 * serves the bot (the deepest node process under npm, not npm), idle after start-up, after a warm-up
 * of a tenth as many messages, then again after `messages` more of the `mixed` workload sent
 * through the simulator's JSON API (the repeat window is off, as in bench/bot.ts: members here
 * repeat commands within seconds). Growth per 100,000 is counted from the warm-up on, as the
 * trend of RSS read eleven times across the 100,000 (see below); the difference of two single
 * readings, and what the bot holds above idle at the end, are reported beside it.
 */
import { execFileSync, spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { httpBot } from './bot.js'
import { assertRows, mixedWorkload } from './workloads.js'
import { buildWorld, drive } from './world.js'

const ADMIN_TOKEN = 'bench-admin-token-7'
/**
 * The outbox's pace and daily cap (3,000: WeChat's anti-spam guard) are lifted: 100,000 messages
 * bring some 20,000 answers, which the cap would hold back until tomorrow.
 */
const UNPACED = { OUTBOX_PER_MINUTE: '100000000', OUTBOX_CHAT_INTERVAL_MS: '0', OUTBOX_DAILY_CAP: '100000000' }
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits

/** Least-squares slope of y over x. */
function slope(points: Array<[number, number]>): number {
  const n = points.length
  const meanX = points.reduce((sum, [x]) => sum + x, 0) / n
  const meanY = points.reduce((sum, [, y]) => sum + y, 0) / n
  const covariance = points.reduce((sum, [x, y]) => sum + (x - meanX) * (y - meanY), 0)
  const variance = points.reduce((sum, [x]) => sum + (x - meanX) ** 2, 0)
  return covariance / variance
}

function children(pid: number): number[] {
  const found: number[] = []
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8')
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1])
      if (parent === pid) found.push(Number(entry))
    } catch {
      // the process ended while we looked
    }
  }
  return found
}

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024
}

/**
 * The tree under `pid` (npm → sh → [tsx →] node, and helpers such as esbuild's service); the
 * bot is the deepest node process running the entry point.
 */
function tree(pid: number): { all: number[]; bot: number | undefined } {
  const all = [pid]
  let bot: number | undefined
  for (let level = [pid]; level.length; ) {
    level = level.flatMap(children)
    all.push(...level)
    for (const p of level) {
      try {
        const comm = readFileSync(`/proc/${p}/comm`, 'utf8').trim()
        const cmdline = readFileSync(`/proc/${p}/cmdline`, 'utf8')
        if (comm === 'node' && /main\.(ts|js)|scripts\/start\.mjs/.test(cmdline)) bot = p
      } catch {
        // the process ended while we looked
      }
    }
  }
  return { all, bot }
}

function botOf(pid: number): { all: number[]; bot: number } {
  const { all, bot } = tree(pid)
  if (bot === undefined) throw new Error('process: no node process running main under npm start')
  return { all, bot }
}

export async function processFigures(messages: number, groups: number) {
  const dir = mkdtempSync(join(tmpdir(), 'zhibu-bench-process-'))
  const databaseUrl = `file:${join(dir, 'zhibu.db')}`
  execFileSync(process.execPath, ['scripts/build.mjs', '--if-stale'], { stdio: 'ignore' })
  const started = performance.now()
  const child = spawn('npm', ['start'], {
    env: { ...process.env, DATABASE_URL: databaseUrl, SIM_PORT: '0', SIM_STATE_FILE: join(dir, 'simulator.json'), LOG_LEVEL: 'warn', CONSOLE_PORT: '0', ZHIBU_ADMIN_TOKEN: ADMIN_TOKEN, DUPLICATE_WINDOW_SECONDS: '0', ...UNPACED },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  })
  let output = ''
  child.stdout!.on('data', (chunk) => (output += chunk))
  child.stderr!.on('data', (chunk) => (output += chunk))
  const stop = async () => {
    try {
      process.kill(-child.pid!, 'SIGTERM')
    } catch {
      // already gone
    }
    await new Promise((resolve) => (child.exitCode === null ? child.once('exit', resolve) : resolve(null)))
  }
  try {
    let url: string | undefined
    let botSpawnedMs: number | undefined
    for (;;) {
      if (botSpawnedMs === undefined && tree(child.pid!).bot !== undefined) botSpawnedMs = Math.round(performance.now() - started)
      if (child.exitCode !== null) throw new Error(`npm start exited:\n${output}`)
      if (performance.now() - started > 60_000) throw new Error(`npm start not healthy in 60 s:\n${output}`)
      url ??= /模拟器已启动：(http:\/\/\S+)/.exec(output)?.[1]
      const ok = url ? await fetch(`${url}/api/health`).then((r) => r.ok, () => false) : false
      if (ok) break
      await sleep(20)
    }
    const coldStartMs = Math.round(performance.now() - started)
    await sleep(3000)
    const { all, bot } = botOf(child.pid!)
    const idleRssMb = rssMb(bot)
    const idleTreeRssMb = all.reduce((sum, pid) => sum + rssMb(pid), 0)

    const http = await httpBot(url!, ADMIN_TOKEN, databaseUrl)
    const world = await buildWorld(http, groups, 10)
    const afterSetupRssMb = rssMb(bot)
    // A warm-up of a tenth more messages first: V8 sizes its heap to the load once (room it keeps,
    // not data retained), and the caches fill to their bounds. Growth is what the 100,000 after it add.
    const warmUp = Math.max(1_000, Math.round(messages / 10))
    const mixed = mixedWorkload(world, warmUp + messages, 7)
    const warm = await drive(world, mixed.steps.slice(0, warmUp), 32)
    const trend: Array<[messagesDone: number, rssMb: number]> = [[0, rssMb(bot)]]
    await sleep(3000)
    const afterWarmUpRssMb = rssMb(bot)
    // The messages go in tenths, RSS read the instant each tenth's last answer came, with no pause
    // (as the first point, read as the warm-up ended): growth per message is the slope of the line
    // through those eleven points.
    // Two readings alone (after warm-up, at the end) also measure where V8's heap room happened to be
    // at those two instants: the same code gave 20 to 80 MB that way in eight runs. Both are reported.
    const runs = [warm]
    const tenth = Math.ceil(messages / 10)
    let seconds = 0
    for (let done = 0; done < messages; done += tenth) {
      const part = await drive(world, mixed.steps.slice(warmUp + done, warmUp + Math.min(done + tenth, messages)), 32)
      trend.push([Math.min(done + tenth, messages), rssMb(bot)])
      runs.push(part)
      seconds += part.seconds
    }
    await sleep(3000)
    const afterRssMb = rssMb(bot)
    for (const { wrongAnswers, firstWrong } of runs) if (wrongAnswers) throw new Error(`process: ${wrongAnswers} wrong answers, first: ${firstWrong}`)
    await assertRows(world, mixed.expected, 'process (mixed through npm start)')
    await http.close()
    return {
      coldStartMs,
      botSpawnedMs,
      idleRssMb: round(idleRssMb),
      idleTreeRssMb: round(idleTreeRssMb),
      afterSetupRssMb: round(afterSetupRssMb),
      warmUpMessages: warmUp,
      afterWarmUpRssMb: round(afterWarmUpRssMb),
      messages,
      messagesPerSecondOverHttp: Math.round(messages / seconds),
      rssAfterMessagesMb: round(afterRssMb),
      rssTrendMb: trend.map(([, mb]) => round(mb)),
      rssGrowthMbPer100k: round(slope(trend) * 100_000),
      rssEndpointGrowthMbPer100k: round(((afterRssMb - afterWarmUpRssMb) * 100_000) / messages),
      // What a started bot holds after all of it, above its idle start: the heap's room included.
      rssAboveIdleMb: round(afterRssMb - idleRssMb),
    }
  } finally {
    await stop()
    rmSync(dir, { recursive: true, force: true })
  }
}
