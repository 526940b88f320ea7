import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { api, startBotProcess, type BotProcess } from './support/bot-process.js'
import { createPostgres, type TestDatabase } from './support/database.js'
import { TcpProxy } from './support/tcp-proxy.js'

const postgres = process.env.POSTGRES_TEST_URL
const ADMIN_TOKEN = 'postgres-restart-admin-token-26'
const CANNOT_SAVE = '暂时无法保存，请稍后再发'
const MEMBERS = 16
const DOWN_MS = 3000

/** One bot process with its own simulated WeChat: a bound branch group with registered members and an activity. */
async function branchOn(bot: BotProcess, orgName: string) {
  const post = async (path: string, body: unknown) => (await api(bot.url, 'POST', path, body)).json as { id: string }
  const lines = async (conversation: string, kind: 'groups' | 'contacts' = 'groups') => {
    const { json } = await api(bot.url, 'GET', `/api/${kind}/${conversation}/messages`)
    return (json.messages as Array<{ from: string; text: string }>).filter((m) => m.from === 'bot').flatMap((m) => m.text.split('\n'))
  }
  const until = async (check: () => Promise<boolean>, timeoutMs = 20_000) => {
    const started = Date.now()
    while (!(await check())) {
      if (Date.now() - started > timeoutMs) throw new Error(`no answer in time:\n${bot.output().slice(-3000)}`)
      await new Promise((resolve) => setTimeout(resolve, 25))
    }
  }
  const admin = (await post('/api/contacts', { name: '管理员' })).id
  const members = await Promise.all(Array.from({ length: MEMBERS }, async (_, i) => ({ name: `党员${i + 1}`, id: (await post('/api/contacts', { name: `党员${i + 1}` })).id })))
  const roomId = (await post('/api/groups', { topic: `${orgName}群`, memberIds: [admin, ...members.map((m) => m.id)] })).id
  await post(`/api/contacts/${admin}/messages`, { text: `认证 ${ADMIN_TOKEN}` })
  await until(async () => (await lines(admin, 'contacts')).length > 0)
  const ask = async (from: string, text: string) => {
    const before = (await lines(roomId)).length
    await post(`/api/groups/${roomId}/messages`, { from, text })
    await until(async () => (await lines(roomId)).length > before)
  }
  await ask(admin, `绑定 ${orgName}`)
  for (const m of members) await ask(m.id, `登记 ${m.name}`)
  await ask(admin, '发起活动 学习会 时间 下周六上午9点')
  const activityId = Number(/#(\d+)/.exec((await lines(roomId)).join('\n'))?.[1])
  return { bot, members, roomId, activityId, lines: () => lines(roomId), say: (from: string, text: string) => post(`/api/groups/${roomId}/messages`, { from, text }), until }
}

/**
 * PostgreSQL restarts (every connection dropped, connections refused for 3 s) while two bot
 * processes on it take a stream of 报名. Neither crashes; every member is answered once, either
 * 报名成功 or asked to send again; whoever was told 报名成功 is signed up; both answer normally
 * again within 10 s of the database being back.
 */
describe.skipIf(!postgres)('PostgreSQL restarted under two bot processes (needs POSTGRES_TEST_URL; skipped without it)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'zhibu-pg-restart-'))
  let database: TestDatabase
  const proxy = new TcpProxy({ host: new URL(postgres ?? 'postgresql://x@127.0.0.1:5432').hostname, port: Number(new URL(postgres ?? 'postgresql://x@127.0.0.1:5432').port || 5432) })
  const bots: BotProcess[] = []
  afterAll(async () => {
    for (const bot of bots) if (bot.child.exitCode === null) bot.child.kill('SIGKILL')
    await proxy.stop()
    await database?.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('GIVEN two processes taking 报名 WHEN PostgreSQL restarts mid-stream THEN no crash, nothing told is lost, and both answer again within 10 s', async () => {
    database = await createPostgres(postgres!, {})
    await proxy.start()
    const through = new URL(database.url)
    through.hostname = '127.0.0.1'
    through.port = String(proxy.port)
    const start = (n: number) =>
      startBotProcess({
        DATABASE_URL: through.toString(),
        SIM_PORT: '0',
        CONSOLE_PORT: '0',
        SIM_STATE_FILE: join(dir, `simulator-${n}.json`),
        ZHIBU_ADMIN_TOKEN: ADMIN_TOKEN,
        SHUTDOWN_FLUSH_SECONDS: '1',
        LOG_LEVEL: 'warn',
      }, 60_000)
    bots.push(...(await Promise.all([start(1), start(2)])))
    const branches = await Promise.all([branchOn(bots[0]!, '第一党支部'), branchOn(bots[1]!, '第二党支部')])

    // Each member of both groups types 报名, one every 150 ms; from the sixth on, PostgreSQL is gone for 3 s.
    const before = await Promise.all(branches.map(async (b) => (await b.lines()).length))
    let cutAt = 0
    let backAt = 0
    for (let i = 0; i < MEMBERS; i++) {
      if (i === 5) {
        await proxy.cut()
        cutAt = Date.now()
      }
      if (i === 12) {
        await new Promise((resolve) => setTimeout(resolve, Math.max(0, DOWN_MS - (Date.now() - cutAt))))
        await proxy.restore()
        backAt = Date.now()
      }
      for (const b of branches) await b.say(b.members[i]!.id, `报名 #${b.activityId}`)
      await new Promise((resolve) => setTimeout(resolve, 150))
    }
    const answers = async (b: (typeof branches)[number], index: number) => {
      const said = (await b.lines()).slice(before[index])
      return {
        said,
        told: b.members.filter((m) => said.some((l) => l.startsWith(`${m.name} 报名成功`))).map((m) => m.name),
        apologisedTo: b.members.filter((m) => said.includes(`@${m.name} ${CANNOT_SAVE}`)).map((m) => m.name),
      }
    }
    for (const [index, b] of branches.entries()) await b.until(async () => {
      const { told, apologisedTo } = await answers(b, index)
      return told.length + apologisedTo.length >= MEMBERS
    }, 30_000)
    await new Promise((resolve) => setTimeout(resolve, 1000))

    let lost = 0
    let duplicated = 0
    let apologies = 0
    let signedButAsked = 0
    for (const [index, b] of branches.entries()) {
      expect(b.bot.child.exitCode).toBeNull() // no crash
      const health = await api(b.bot.url, 'GET', '/api/health')
      expect(health.status).toBe(200)
      const { said, told, apologisedTo } = await answers(b, index)
      const once = b.members.map((m) => said.filter((l) => l.startsWith(`${m.name} 报名成功`) || l === `@${m.name} ${CANNOT_SAVE}`).length)
      duplicated += once.reduce((sum, n) => sum + Math.max(0, n - 1), 0)
      expect(once.filter((n) => n === 0)).toEqual([]) // everyone answered
      const signed = await database.db.signUp.findMany({ where: { activityId: b.activityId, status: 'confirmed' }, select: { member: { select: { name: true } } } })
      const names = new Set(signed.map((s) => s.member.name))
      lost += told.filter((name) => !names.has(name)).length
      // A commit whose answer the cut lost: signed up, yet asked to send again (harmless: 已经报名 then).
      signedButAsked += apologisedTo.filter((name) => names.has(name)).length
      expect([...names].every((name) => told.includes(name) || apologisedTo.includes(name))).toBe(true)
      apologies += apologisedTo.length
    }
    // Both answer again: a member asked to send again does so, and is signed up.
    const recovery: number[] = []
    for (const [index, b] of branches.entries()) {
      const { apologisedTo } = await answers(b, index)
      expect(apologisedTo.length).toBeGreaterThan(0) // the cut landed while messages came in
      const again = b.members.find((m) => m.name === apologisedTo.at(-1))!
      for (;;) {
        const count = (await b.lines()).length
        await b.say(again.id, `报名 #${b.activityId}`)
        await b.until(async () => (await b.lines()).length > count)
        if ((await b.lines()).slice(count).some((l) => l.startsWith(`${again.name} 报名成功`) || l.startsWith(`${again.name} 已经报名`))) break
        expect(Date.now() - backAt).toBeLessThan(10_000)
        await new Promise((resolve) => setTimeout(resolve, 200))
      }
      recovery.push(Date.now() - backAt)
    }
    for (const ms of recovery) expect(ms).toBeLessThanOrEqual(10_000)

    expect(lost).toBe(0)
    expect(duplicated).toBe(0)
    console.log(`PostgreSQL restarted (down ${DOWN_MS} ms, ${Math.round(proxy.dropped)} connections dropped) under two processes: ${2 * MEMBERS} 报名 injected, ${apologies} asked to send again (${signedButAsked} of them signed up all the same), lost ${lost}, duplicated ${duplicated}; both answered again ${recovery.join(' ms and ')} ms after the database was back`)

    for (const bot of bots) bot.child.kill('SIGTERM')
    for (const bot of bots) expect(await bot.exited).toBe(0)
  }, 170_000)
})
