import { spawn, type ChildProcess } from 'node:child_process'
import { createServer } from 'node:net'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

/** A child process of the test: its output so far, and its exit. */
export interface Running {
  child: ChildProcess
  output: () => string
  exited: Promise<number | null>
  /** Writes one line to its stdin. */
  send(line: string): void
}

const tsx = import.meta.resolve('tsx')
const repo = resolve(fileURLToPath(import.meta.url), '../../..')

function kept(child: ChildProcess): Running {
  let output = ''
  child.stdout!.on('data', (chunk) => (output += chunk))
  child.stderr!.on('data', (chunk) => (output += chunk))
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)))
  return { child, output: () => output, exited, send: (line) => child.stdin!.write(`${line}\n`) }
}

/** `node <args>` in `cwd` with `env` added. */
export function startProcess(args: string[], env: NodeJS.ProcessEnv, cwd: string): Running {
  return kept(spawn(process.execPath, args, { cwd, env: { ...process.env, ...env }, stdio: ['pipe', 'pipe', 'pipe'] }))
}

/** `node --import tsx <repo>/<script>` in `cwd` (the bot keeps its WeChat session in ./data there) with `env` added. */
export function startTsx(script: string, env: NodeJS.ProcessEnv, cwd = repo): Running {
  return startProcess(['--import', tsx, join(repo, script)], env, cwd)
}

/** Polls `probe` every 50 ms until it gives a value; fails with the processes' output when time runs out or one of them exits. */
export async function waitFor<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, running: Running | Running[], timeoutMs = 60_000): Promise<T> {
  const processes = Array.isArray(running) ? running : [running]
  const started = Date.now()
  for (;;) {
    const value = await probe()
    if (value !== undefined) return value
    if (Date.now() - started > timeoutMs || processes.some((p) => p.child.exitCode !== null)) {
      throw new Error(`${what} within ${Date.now() - started} ms:\n${processes.map((p) => p.output().slice(-4000)).join('\n-----\n')}`)
    }
    await new Promise((done) => setTimeout(done, 50))
  }
}

/** A port nobody listens on now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer()
    probe.once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number }
      probe.close(() => resolve(port))
    })
  })
}

/** Log lines (pino JSON) of a process whose `msg` is `msg`. */
export function logLines(running: Running, msg: string): Array<Record<string, unknown>> {
  return running
    .output()
    .split('\n')
    .filter((line) => line.startsWith('{') && line.includes(`"msg":"${msg}"`))
    .map((line) => JSON.parse(line) as Record<string, unknown>)
}
