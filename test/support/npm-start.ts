import { spawn, type ChildProcess } from 'node:child_process'

export interface NpmStart {
  child: ChildProcess
  /** The simulator's address, printed at start-up. */
  url: string
  output: () => string
  /** npm's exit code (null when killed by a signal). */
  exited: Promise<number | null>
  /** The pid of the bot's own node process (npm's child). */
  botPid: () => number
}

/**
 * Runs `npm start` in the repository as a newcomer would (its own process group, like a terminal
 * session), with no WeChat puppet so the simulator starts, and waits for `/api/health`.
 */
export async function npmStart(env: NodeJS.ProcessEnv, timeoutMs = 90_000): Promise<NpmStart> {
  const started = Date.now()
  const childEnv: NodeJS.ProcessEnv = { ...process.env, SIM_PORT: '0', CONSOLE_PORT: '0', LOG_LEVEL: 'info', ...env }
  delete childEnv.WECHATY_PUPPET
  delete childEnv.ZHIBU_ADMIN_TOKEN
  const child = spawn('npm', ['start'], { env: childEnv, detached: true, stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  child.stdout!.on('data', (chunk) => (output += chunk))
  child.stderr!.on('data', (chunk) => (output += chunk))
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
  let url: string | undefined
  try {
    while (!url) {
      if (Date.now() - started > timeoutMs || child.exitCode !== null) throw new Error(`npm start printed no URL:\n${output}`)
      url = /模拟器已启动：(http:\/\/\S+)/.exec(output)?.[1]
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
    for (;;) {
      const health = await fetch(`${url}/api/health`).then((r) => r.json() as Promise<{ ok?: boolean }>).catch(() => null)
      if (health?.ok) break
      if (Date.now() - started > timeoutMs) throw new Error(`npm start not healthy:\n${output}`)
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
  } catch (error) {
    if (child.exitCode === null) process.kill(-child.pid!, 'SIGKILL')
    throw error
  }
  const botPid = () => {
    // pino's JSON lines carry the pid of the process that wrote them: the bot itself.
    const pid = /"pid":(\d+)/.exec(output)?.[1]
    if (!pid) throw new Error(`no log line with the bot's pid:\n${output}`)
    return Number(pid)
  }
  return { child, url, output: () => output, exited, botPid }
}
