import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { api } from './support/bot-process.js'
import { migrateSqliteFile } from './support/database.js'

interface Running {
  child: ChildProcess
  output: () => string
  exited: Promise<number | null>
}

function startProcess(args: string[], env: NodeJS.ProcessEnv, cwd: string): Running {
  const child = spawn(process.execPath, args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  child.stdout!.on('data', (chunk) => (output += chunk))
  child.stderr!.on('data', (chunk) => (output += chunk))
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)))
  return { child, output: () => output, exited }
}

async function waitFor<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, process: Running, timeoutMs = 60_000): Promise<T> {
  const started = Date.now()
  for (;;) {
    const value = await probe()
    if (value !== undefined) return value
    if (Date.now() - started > timeoutMs || process.child.exitCode !== null) throw new Error(`${what} within ${Date.now() - started} ms:\n${process.output()}`)
    await new Promise((done) => setTimeout(done, 100))
  }
}

/**
 * The production path, offline: `npm run simulator` hosts a bot account behind the real
 * puppet-service protocol (gRPC), and the bot connects to it as to a paid protocol service.
 */
describe('the bot on wechaty-puppet-service, against the simulator process', () => {
  const repo = resolve('.')
  // Both processes run in a scratch folder (the bot keeps its WeChat session in ./data there).
  const tsx = import.meta.resolve('tsx')
  const dir = mkdtempSync(join(tmpdir(), 'zhibu-puppet-service-'))
  const running: Running[] = []
  afterAll(async () => {
    for (const process of running) if (process.child.exitCode === null) process.child.kill('SIGKILL')
    rmSync(dir, { recursive: true, force: true })
  })

  it('GIVEN the simulator serving one account WHEN a member types 帮助 in a group THEN the bot, connected over gRPC with the printed endpoint and token, answers in that group', async () => {
    const simulator = startProcess(['--import', tsx, join(repo, 'src/simulator-main.ts')], {
      SIM_ACCOUNTS: '1',
      SIM_PORT: '0', CONSOLE_PORT: '0',
      SIM_GRPC_PORT: '0',
      SIM_STATE_FILE: join(dir, 'simulator.json'),
    }, dir)
    running.push(simulator)
    const printed = await waitFor('no endpoint printed', () => {
      const url = /模拟微信账号 1：(http:\/\/\S+)/.exec(simulator.output())?.[1]
      const endpoint = /WECHATY_PUPPET_SERVICE_ENDPOINT=(\S+)/.exec(simulator.output())?.[1]
      const token = /WECHATY_PUPPET_SERVICE_TOKEN=(insecure_\S+)/.exec(simulator.output())?.[1]
      return url && endpoint && token ? { url, endpoint, token } : undefined
    }, simulator)
    expect(printed.endpoint).toMatch(/^127\.0\.0\.1:\d+$/)

    const file = join(dir, 'zhibu.db')
    migrateSqliteFile(file)
    // Started as in production: no simulator inside the bot, only the protocol settings.
    const bot = startProcess(['--import', tsx, join(repo, 'src/main.ts')], {
      DATABASE_URL: `file:${file}`,
      WECHATY_PUPPET: 'wechaty-puppet-service',
      WECHATY_PUPPET_SERVICE_ENDPOINT: printed.endpoint,
      WECHATY_PUPPET_SERVICE_TOKEN: printed.token,
      WECHATY_PUPPET_SERVICE_NO_TLS_INSECURE_CLIENT: 'true',
      ZHIBU_ADMIN_TOKEN: 'puppet-service-test',
      OUTBOX_CHAT_INTERVAL_MS: '0',
      OUTBOX_JITTER_MS: '0',
      OUTBOX_COALESCE_MS: '0',
      LOG_LEVEL: 'info',
    }, dir)
    running.push(bot)
    await waitFor('the bot did not log in', () => (bot.output().includes('"msg":"logged in"') ? true : undefined), bot)

    const member = (await api(printed.url, 'POST', '/api/contacts', { name: '张三' })).json as { id: string }
    const group = (await api(printed.url, 'POST', '/api/groups', { topic: '第一党支部', memberIds: [member.id] })).json as { id: string }
    expect((await api(printed.url, 'POST', `/api/groups/${group.id}/messages`, { from: member.id, text: '帮助' })).status).toBe(202)
    const answer = await waitFor('no answer in the group', async () => {
      const { json } = await api(printed.url, 'GET', `/api/groups/${group.id}/messages`)
      return (json.messages as Array<{ from: string; text: string }>).find((message) => message.from === 'bot')
    }, bot, 30_000)
    expect(answer.text).toContain('你可以使用的命令')

    bot.child.kill('SIGTERM')
    expect(await bot.exited).toBe(0)
    simulator.child.kill('SIGTERM')
    expect(await simulator.exited).toBe(0)
  }, 150_000)
})
