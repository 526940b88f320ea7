// Measures what an operator feels: `npm start` to `/api/health` ok (cold start, on a database
// already migrated, as after `npm install`), and the resident memory of the started, idle bot.
// Prints JSON: { coldStartMs, idleRssMb, runs }. `node scripts/measure-start.mjs [runs]`.
// The bench can call it; it needs Linux (/proc) and a built dist/ (`npm run build`).
import { execFileSync, spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

const runs = Number(process.argv[2] ?? 3)
const dir = mkdtempSync(path.join(tmpdir(), 'zhibu-measure-'))
const env = { ...process.env, DATABASE_URL: `file:${path.join(dir, 'zhibu.db')}`, SIM_STATE_FILE: path.join(dir, 'sim.json'), SIM_PORT: '0', CONSOLE_PORT: '0', LOG_LEVEL: 'info' }
delete env.WECHATY_PUPPET
delete env.ZHIBU_ADMIN_TOKEN
execFileSync(process.execPath, ['scripts/build.mjs', '--if-stale'], { stdio: 'inherit' })
execFileSync(process.execPath, ['scripts/setup-db.mjs', 'migrate'], { env, stdio: 'ignore' })

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms))

async function once() {
  const started = performance.now()
  const child = spawn('npm', ['start'], { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  child.stdout.on('data', (chunk) => (output += chunk))
  child.stderr.on('data', (chunk) => (output += chunk))
  const exited = new Promise((resolve) => child.once('exit', resolve))
  let url
  for (;;) {
    url ??= /模拟器已启动：(http:\/\/\S+)/.exec(output)?.[1]
    const ok = url && (await fetch(`${url}/api/health`).then((r) => r.ok).catch(() => false))
    if (ok) break
    if (performance.now() - started > 120_000) throw new Error(`no health within 120 s:\n${output}`)
    await sleep(20)
  }
  const coldStartMs = performance.now() - started
  await sleep(5_000) // idle: the start-up work and its garbage are behind it
  const pid = Number(/"pid":(\d+)/.exec(output)[1])
  const rssKb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1])
  process.kill(pid, 'SIGTERM')
  await exited
  return { coldStartMs, rssMb: rssKb / 1024 }
}

const results = []
for (let i = 0; i < runs; i++) results.push(await once())
rmSync(dir, { recursive: true, force: true })
const median = (values) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)]
console.log(
  JSON.stringify({
    coldStartMs: Math.round(median(results.map((r) => r.coldStartMs))),
    idleRssMb: Math.round(median(results.map((r) => r.rssMb))),
    runs: results.map((r) => ({ coldStartMs: Math.round(r.coldStartMs), rssMb: Math.round(r.rssMb) })),
  }),
)
