/**
 * `postgres.processes`: several bot processes (bot accounts) sharing one PostgreSQL database, as a
 * street or district runs them. Each process is the whole bot (`src/main.ts` in simulator mode:
 * Wechaty, dispatcher, outbox) with a world of its own groups; all of them take the `writes`
 * workload at once, each awaiting every answer (`inFlight` 1), through the simulator's JSON API, and the
 * figure is messages per second in total. The database must hold exactly the rows of every world,
 * or the run fails.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createPostgres } from '../test/support/database.js'
import { httpBot } from './bot.js'
import { assertRows, writesWorkload, type ExpectedRows } from './workloads.js'
import { buildWorld, drive } from './world.js'

const ADMIN_TOKEN = 'bench-processes-admin-token-26'
/** Pace and daily cap lifted, as in bench/process.ts: the figure is the bot's, not the pacing's. */
const UNPACED = { OUTBOX_PER_MINUTE: '100000000', OUTBOX_CHAT_INTERVAL_MS: '0', OUTBOX_DAILY_CAP: '100000000', DUPLICATE_WINDOW_SECONDS: '0' }
const log = (line: string) => process.stderr.write(`bench: ${line}\n`)

interface BotProcess {
  child: ChildProcess
  url: string
  output: () => string
}

async function startBot(databaseUrl: string, dir: string, n: number): Promise<BotProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    env: { ...process.env, DATABASE_URL: databaseUrl, SIM_PORT: '0', CONSOLE_PORT: '0', SIM_STATE_FILE: join(dir, `simulator-${n}.json`), LOG_LEVEL: 'warn', ZHIBU_ADMIN_TOKEN: ADMIN_TOKEN, ...UNPACED },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout!.on('data', (chunk) => (output += chunk))
  child.stderr!.on('data', (chunk) => (output += chunk))
  const started = Date.now()
  for (;;) {
    if (child.exitCode !== null) throw new Error(`processes: bot ${n} exited:\n${output}`)
    if (Date.now() - started > 90_000) throw new Error(`processes: bot ${n} not healthy in 90 s:\n${output}`)
    const url = /模拟器已启动：(http:\/\/\S+)/.exec(output)?.[1]
    if (url && (await fetch(`${url}/api/health`).then((r) => r.ok, () => false))) return { child, url, output: () => output }
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

async function stopBot(bot: BotProcess): Promise<void> {
  if (bot.child.exitCode !== null) return
  const exited = new Promise((resolve) => bot.child.once('exit', resolve))
  bot.child.kill('SIGTERM')
  await exited
}

/** `count` bot processes on one new schema of `postgresUrl`, each with `groups` groups of 10 members. */
async function sharing(postgresUrl: string, count: number, groups: number, inFlight: number) {
  const database = await createPostgres(postgresUrl, {})
  const dir = mkdtempSync(join(tmpdir(), 'zhibu-bench-processes-'))
  const bots: BotProcess[] = []
  try {
    bots.push(...(await Promise.all(Array.from({ length: count }, (_, n) => startBot(database.url, dir, n + 1)))))
    const worlds = await Promise.all(bots.map(async (bot, n) => buildWorld(await httpBot(bot.url, ADMIN_TOKEN, database.url), groups, 10, 2, `P${n + 1}`)))
    const work = worlds.map((world) => writesWorkload(world))
    log(`postgres processes ${count}: ${work.reduce((sum, w) => sum + w.steps.length, 0)} messages, ${inFlight} in flight per process`)
    const started = performance.now()
    const runs = await Promise.all(worlds.map((world, n) => drive(world, work[n]!.steps, inFlight)))
    const seconds = (performance.now() - started) / 1000
    const wrong = runs.find((run) => run.wrongAnswers)
    if (wrong) throw new Error(`postgres processes ${count}: ${wrong.wrongAnswers} wrong answers; first: ${wrong.firstWrong}`)
    const expected = work.reduce<ExpectedRows>(
      (sum, w) => ({ signUps: sum.signUps + w.expected.signUps, confirmedSignUps: sum.confirmedSignUps + w.expected.confirmedSignUps, attendances: sum.attendances + w.expected.attendances, noticeAcks: sum.noticeAcks + w.expected.noticeAcks }),
      { signUps: 0, confirmedSignUps: 0, attendances: 0, noticeAcks: 0 },
    )
    // Every world's rows are in the one database: the totals must be exact.
    const rows = await assertRows(worlds[0]!, expected, `postgres processes ${count}`)
    for (const world of worlds) await world.bot.close()
    const messages = runs.reduce((sum, run) => sum + run.messages, 0)
    return {
      messages,
      seconds: Math.round(seconds * 100) / 100,
      msgsPerSecond: Math.round(messages / seconds),
      p99Ms: Math.max(...runs.map((run) => run.p99Ms)),
      rows,
    }
  } catch (error) {
    for (const [n, bot] of bots.entries()) log(`postgres processes ${count}: bot ${n + 1} said:\n${bot.output().slice(-3000)}`)
    throw error
  } finally {
    await Promise.all(bots.map(stopBot))
    await database.close()
    rmSync(dir, { recursive: true, force: true })
  }
}

/** `writes` through 1, 2 and 4 bot processes sharing one PostgreSQL database. */
export async function processesFigures(postgresUrl: string, groups: number, inFlight = 1) {
  const figures: Record<string, Awaited<ReturnType<typeof sharing>>> = {}
  for (const count of [1, 2, 4]) figures[count] = await sharing(postgresUrl, count, groups, inFlight)
  return figures
}
