/**
 * `node --import tsx bench/full-path.ts`: only the `wechaty` section of `npm run bench` (the full
 * path, the `writes` workload awaited reply by reply; with BENCH_IN_FLIGHT=32, on 100 groups
 * with 32 in flight), at BENCH_SCALE like run.ts, for working on that path without the whole run.
 * Prints one JSON line. With FULL_PATH_PROFILE=<file>, the messages (not the start-up) are
 * profiled into <file> (.cpuprofile, for Chrome's DevTools).
 */
import { writeFileSync } from 'node:fs'
import { Session } from 'node:inspector/promises'
import { startLiveBot } from './bot.js'
import { assertRows, writesWorkload } from './workloads.js'
import { buildWorld, drive } from './world.js'

const SCALE = Number(process.env.BENCH_SCALE ?? 1)
const inFlight = Number(process.env.BENCH_IN_FLIGHT ?? 1)
const groups = Math.max(2, Math.round((inFlight > 1 ? 100 : 20) * SCALE))
const bot = await startLiveBot()
try {
  const world = await buildWorld(bot, groups, 10)
  const work = writesWorkload(world)
  const profile = process.env.FULL_PATH_PROFILE
  const session = profile ? new Session() : null
  if (session) {
    session.connect()
    await session.post('Profiler.enable')
    await session.post('Profiler.start')
  }
  const cpu = process.cpuUsage()
  const figures = await drive(world, work.steps, inFlight)
  const { user, system } = process.cpuUsage(cpu)
  if (session && profile) writeFileSync(profile, JSON.stringify((await session.post('Profiler.stop')).profile))
  if (figures.wrongAnswers) throw new Error(`${figures.wrongAnswers} wrong answers; first: ${figures.firstWrong}`)
  // CPU time per message: steadier than msgs/s on a shared machine (it counts no waiting for a core).
  const cpuMsPerMessage = Math.round(((user + system) / 1000 / figures.messages) * 1000) / 1000
  console.log(JSON.stringify({ scale: SCALE, groups, inFlight, ...figures, cpuMsPerMessage, rows: await assertRows(world, work.expected, 'wechaty full path') }))
} finally {
  await bot.close()
}
