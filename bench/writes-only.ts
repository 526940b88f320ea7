/**
 * A quick `writes` run on the core bot alone (no floors, no process figures), for profiling the
 * write path: `npx tsx bench/writes-only.ts` (BENCH_SCALE and POSTGRES_BENCH_URL as in run.ts;
 * BENCH_PROFILE=dir writes a CPU profile of each driven run, the world's building left out).
 */
import { writeFileSync } from 'node:fs'
import { Session } from 'node:inspector/promises'
import { startCoreBot } from './bot.js'
import { assertRows, writesWorkload } from './workloads.js'
import { buildWorld, drive } from './world.js'

const SCALE = Number(process.env.BENCH_SCALE ?? 1)
const GROUPS = Math.max(2, Math.round(100 * SCALE))
const postgres = process.env.POSTGRES_BENCH_URL
const profileDir = process.env.BENCH_PROFILE

for (const inFlight of (process.env.BENCH_IN_FLIGHT ?? '1,32').split(',').map(Number)) {
  const bot = await startCoreBot(postgres)
  const world = await buildWorld(bot, GROUPS, 10)
  const work = writesWorkload(world)
  const session = profileDir ? new Session() : undefined
  if (session) {
    session.connect()
    await session.post('Profiler.enable')
    await session.post('Profiler.start')
  }
  const cpu = process.cpuUsage()
  const figures = await drive(world, work.steps, inFlight)
  const used = process.cpuUsage(cpu)
  // CPU time per message: steadier than msgs/s on a machine others share.
  const cpuMsPerMessage = Math.round(((used.user + used.system) / 1000 / work.steps.length) * 1000) / 1000
  if (session) {
    const { profile } = await session.post('Profiler.stop')
    writeFileSync(`${profileDir}/writes-${inFlight}.cpuprofile`, JSON.stringify(profile))
    session.disconnect()
  }
  if (figures.wrongAnswers) throw new Error(`writes ${inFlight}: ${figures.wrongAnswers} wrong answers; first: ${figures.firstWrong}`)
  await assertRows(world, work.expected, `writes ${inFlight}`)
  console.log(JSON.stringify({ inFlight, cpuMsPerMessage, ...figures }))
  await bot.close()
}
