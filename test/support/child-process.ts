import { spawn, type ChildProcess } from 'node:child_process'

/** A child process whose output is kept, for end-to-end tests. */
export interface Running {
  child: ChildProcess
  output: () => string
  exited: Promise<number | null>
}

export function startProcess(args: string[], env: NodeJS.ProcessEnv, cwd: string): Running {
  const child = spawn(process.execPath, args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  child.stdout!.on('data', (chunk) => (output += chunk))
  child.stderr!.on('data', (chunk) => (output += chunk))
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)))
  return { child, output: () => output, exited }
}

/** Polls `probe` until it gives a value; fails with the processes' output when time runs out or one of them exits. */
export async function waitFor<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, processes: Running[], timeoutMs = 60_000): Promise<T> {
  const started = Date.now()
  for (;;) {
    const value = await probe()
    if (value !== undefined) return value
    if (Date.now() - started > timeoutMs || processes.some((p) => p.child.exitCode !== null)) {
      throw new Error(`${what} within ${Date.now() - started} ms:\n${processes.map((p) => p.output().slice(-4000)).join('\n-----\n')}`)
    }
    await new Promise((done) => setTimeout(done, 100))
  }
}
