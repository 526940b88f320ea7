import { spawn, type ChildProcess } from 'node:child_process'

export interface BotProcess {
  child: ChildProcess
  url: string
  output: () => string
  exited: Promise<number | null>
}

/** Starts `tsx src/main.ts` as a child process with `env`, and waits for the simulator URL and health. */
export async function startBotProcess(env: NodeJS.ProcessEnv, timeoutMs = 20_000): Promise<BotProcess> {
  const started = Date.now()
  const child = spawn('node_modules/.bin/tsx', ['src/main.ts'], { env: { ...process.env, ...env }, detached: true, stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  child.stdout!.on('data', (chunk) => (output += chunk))
  child.stderr!.on('data', (chunk) => (output += chunk))
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
  let url: string | undefined
  while (!url) {
    if (Date.now() - started > timeoutMs) throw new Error(`bot did not start:\n${output}`)
    url = /模拟器已启动：(http:\/\/\S+)/.exec(output)?.[1]
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  for (;;) {
    const health = await fetch(`${url}/api/health`).then((r) => r.json() as Promise<{ ok: boolean }>).catch(() => null)
    if (health?.ok) break
    if (Date.now() - started > timeoutMs) throw new Error(`bot not healthy:\n${output}`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  return { child, url, output: () => output, exited }
}

/**
 * JSON over HTTP against the simulator. A request on a kept-alive connection that the server
 * closes for idleness at that very moment (after 5 s without a request, as when a test spends
 * seconds writing to the database between two calls) fails with "other side closed" before the
 * server read it: it is sent once more, on a new connection. A bot that died fails both times.
 */
export async function api(url: string, method: string, path: string, body?: unknown): Promise<{ status: number; json: any }> {
  const send = () =>
    fetch(url + path, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
  const response = await send().catch((err: unknown) => {
    if ((err as { cause?: { code?: string } }).cause?.code === 'UND_ERR_SOCKET') return send()
    throw err
  })
  const text = await response.text()
  return { status: response.status, json: text ? JSON.parse(text) : null }
}
