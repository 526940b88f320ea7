import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { systemClock } from '../src/clock.js'
import { loadConfig } from '../src/config.js'
import { silentLogger } from '../src/logger.js'
import { startZhibu } from '../src/zhibu.js'
import { createTestDatabase } from './support/database.js'
import { LIVE_ADMIN_TOKEN, LiveBot, settle } from './support/live-bot.js'

interface ApiMessage {
  seq: number
  from: string
  text: string
  file: null | { name: string; url: string }
  at: string
}

/** JSON over HTTP against one running bot. */
function client(live: () => LiveBot) {
  const api = async (method: string, path: string, body?: unknown, raw?: string) => {
    const response = await fetch(live().url + path, {
      method,
      headers: body === undefined && raw === undefined ? {} : { 'content-type': 'application/json' },
      body: raw ?? (body === undefined ? undefined : JSON.stringify(body)),
    })
    const text = await response.text()
    return { status: response.status, json: text ? JSON.parse(text) : null }
  }
  const messages = async (path: string, after = 0): Promise<ApiMessage[]> => (await api('GET', `${path}?after=${after}`)).json.messages
  const lastSeq = async (path: string) => Math.max(0, ...(await messages(path)).map((m) => m.seq))
  /** Waits for `count` bot messages after `after` on a conversation, and returns them. */
  const botSays = async (path: string, after: number, count = 1): Promise<ApiMessage[]> => {
    const deadline = Date.now() + 5000
    for (;;) {
      const fromBot = (await messages(path, after)).filter((m) => m.from === 'bot')
      if (fromBot.length >= count) return fromBot
      if (Date.now() > deadline) throw new Error(`no reply on ${path}: ${JSON.stringify(await messages(path, after))}`)
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
  }
  return { api, messages, lastSeq, botSays }
}

const groupPath = (id: string) => `/api/groups/${encodeURIComponent(id)}/messages`

/**
 * The acceptance scenario of the scheduler issue: with SIM_CLOCK=manual, moving the clock over
 * HTTP makes due reminders go out, each @-mentioning only those signed up.
 */
describe('the simulator clock (SIM_CLOCK=manual)', () => {
  let live: LiveBot
  const { api, messages, lastSeq, botSays } = client(() => live)
  let groupId: string
  let secretary: string, zhang: string, li: string, wang: string
  let activityId: number

  /** Posts as `from` in the group and returns the bot's one reply. */
  const say = async (from: string, text: string): Promise<string> => {
    const after = await lastSeq(groupPath(groupId))
    expect((await api('POST', groupPath(groupId), { from, text })).status).toBe(202)
    const [reply] = await botSays(groupPath(groupId), after)
    return reply!.text
  }
  const moveClock = (now: string) => api('POST', '/api/clock', { now })
  const reminderRows = () => live.zhibu.db.outboxMessage.findMany({ where: { text: { contains: '活动提醒' } }, orderBy: { id: 'asc' } })

  beforeAll(async () => {
    live = await LiveBot.start({ SIM_CLOCK: 'manual' })
    expect(live.zhibu.clock.now()).toEqual(new Date('2026-11-27T10:00:00+08:00'))
    const contact = async (name: string) => (await api('POST', '/api/contacts', { name })).json.id as string
    secretary = await contact('王书记')
    zhang = await contact('张三')
    li = await contact('李四')
    wang = await contact('王五')
    groupId = (await api('POST', '/api/groups', { topic: '第一党支部', memberIds: [secretary, zhang, li, wang] })).json.id

    const dm = `/api/contacts/${encodeURIComponent(secretary)}/messages`
    expect((await api('POST', dm, { text: `认证 ${LIVE_ADMIN_TOKEN}` })).status).toBe(202)
    expect((await botSays(dm, 0))[0]!.text).toContain('认证成功')
    expect(await say(secretary, '绑定 第一党支部')).toContain('本群已绑定到「第一党支部」')
    expect(await say(secretary, '登记 王书记')).toContain('已登记')
    for (const [id, name] of [[zhang, '张三'], [li, '李四'], [wang, '王五']] as const) expect(await say(id, `登记 ${name}`)).toContain(`${name} 已登记`)

    const published = await say(secretary, '发起活动 社区志愿服务 时间 下周六上午9点 地点 外滩社区')
    expect(published).toContain('时间：12月5日(周六) 09:00')
    activityId = Number(/#(\d+)/.exec(published)![1])
    expect(await say(zhang, `报名 #${activityId}`)).toContain('张三 报名成功')
    expect(await say(li, `报名 #${activityId}`)).toContain('李四 报名成功')
  })
  afterAll(() => live.stop())

  it('GIVEN a time before any job THEN 200 and the group hears nothing new', async () => {
    const after = await lastSeq(groupPath(groupId))
    expect(await moveClock('2026-11-30T10:00:00+08:00')).toEqual({ status: 200, json: { now: '2026-11-30T02:00:00.000Z' } })
    expect(live.zhibu.clock.now()).toEqual(new Date('2026-11-30T10:00:00+08:00'))
    await settle()
    expect(await messages(groupPath(groupId), after)).toEqual([])
    expect(await reminderRows()).toEqual([])
    expect(await live.zhibu.db.job.count({ where: { state: 'pending', key: { startsWith: 'activity:' } } })).toBe(2)
  })

  it('GIVEN the clock moved to Friday 09:00 THEN the 24-hour reminder is queued before the 200 and names only those signed up', async () => {
    const after = await lastSeq(groupPath(groupId))
    expect((await moveClock('2026-12-04T09:00:00+08:00')).status).toBe(200)
    // Queued by the time the endpoint answers: no waiting for the next cron tick.
    const rows = await reminderRows()
    expect(rows).toHaveLength(1)
    expect(JSON.parse(rows[0]!.mentionIds)).toEqual([zhang, li])
    expect(rows[0]).toMatchObject({ toKind: 'group', toId: groupId })

    const [reminder] = await botSays(groupPath(groupId), after)
    expect(reminder!.text).toContain(`⏰ 活动提醒：#${activityId}「社区志愿服务」`)
    expect(reminder!.text).toContain('还有 24 小时')
    expect(reminder!.text).toContain('@张三')
    expect(reminder!.text).toContain('@李四')
    expect(reminder!.text).not.toContain('王五')
    expect(reminder!.text).not.toContain('@王书记')
    await settle()
    expect((await messages(groupPath(groupId), after)).filter((m) => m.from === 'bot')).toHaveLength(1)
  })

  it('GIVEN the same time posted again THEN nothing is sent twice', async () => {
    const after = await lastSeq(groupPath(groupId))
    expect((await moveClock('2026-12-04T09:00:00+08:00')).status).toBe(200)
    await settle()
    expect(await messages(groupPath(groupId), after)).toEqual([])
    expect(await reminderRows()).toHaveLength(1)
  })

  it('GIVEN the clock moved to Saturday 08:00 THEN the one-hour reminder names the same two', async () => {
    const after = await lastSeq(groupPath(groupId))
    expect((await moveClock('2026-12-05T08:00:00+08:00')).status).toBe(200)
    const rows = await reminderRows()
    expect(rows).toHaveLength(2)
    expect(JSON.parse(rows[1]!.mentionIds)).toEqual([zhang, li])

    const [reminder] = await botSays(groupPath(groupId), after)
    expect(reminder!.text).toContain(`#${activityId}「社区志愿服务」`)
    expect(reminder!.text).toContain('还有 1 小时')
    expect(reminder!.text).toContain('@张三')
    expect(reminder!.text).toContain('@李四')
    expect(reminder!.text).not.toContain('王五')
    expect(await live.zhibu.db.job.findMany({ where: { key: { startsWith: 'activity:' } }, select: { key: true, state: true }, orderBy: { key: 'asc' } })).toEqual([
      { key: `activity:${activityId}:remind:1`, state: 'done' },
      { key: `activity:${activityId}:remind:24`, state: 'done' },
    ])
  })

  it('GIVEN a new activity with a deadline and one jump of a week THEN the deadline notice and both reminders go out in order, none skipped', async () => {
    const published = await say(secretary, '发起活动 读书会 时间 2026-12-12 19:00 截止 2026-12-10 12:00')
    const id = Number(/#(\d+)/.exec(published)![1])
    expect(await say(wang, `报名 #${id}`)).toContain('王五 报名成功')
    const after = await lastSeq(groupPath(groupId))
    expect((await moveClock('2026-12-13T10:00:00+08:00')).status).toBe(200)
    const said = await botSays(groupPath(groupId), after, 3)
    expect(said.map((m) => m.text)).toEqual([
      expect.stringContaining(`#${id}「读书会」报名已截止，共 1 人报名`),
      expect.stringMatching(new RegExp(`^@王五 ⏰ 活动提醒：#${id}「读书会」.*还有 24 小时`)),
      expect.stringMatching(new RegExp(`^@王五 ⏰ 活动提醒：#${id}「读书会」.*还有 1 小时`)),
    ])
    // Each job ran at its own time, as if the week had passed.
    const jobs = await live.zhibu.db.job.findMany({ where: { key: { startsWith: `activity:${id}:` } }, orderBy: { doneAt: 'asc' } })
    expect(jobs.map((j) => [j.state, j.doneAt?.toISOString()])).toEqual([
      ['done', '2026-12-10T04:00:00.000Z'],
      ['done', '2026-12-11T11:00:00.000Z'],
      ['done', '2026-12-12T10:00:00.000Z'],
    ])
  })

  it.each([
    ['no time', {}],
    ['words for a time', { now: '下周五上午9点' }],
    ['a time without a zone', { now: '2026-12-04T09:00:00' }],
    ['a number', { now: 1796346000000 }],
  ])('GIVEN a body with %s THEN 400 with a Chinese error and the clock stays', async (_, body) => {
    const before = live.zhibu.clock.now()
    const response = await api('POST', '/api/clock', body)
    expect(response.status).toBe(400)
    expect(response.json.error).toContain('请求格式不对')
    expect(live.zhibu.clock.now()).toEqual(before)
  })

  it('GIVEN a body that is not JSON THEN 400', async () => {
    const response = await api('POST', '/api/clock', undefined, '{now: tomorrow')
    expect(response).toEqual({ status: 400, json: { error: '请求体不是合法的 JSON' } })
  })
})

describe('the simulator clock without SIM_CLOCK=manual', () => {
  const notManual = { status: 404, json: { error: '未启用手动时钟：请以 SIM_CLOCK=manual 启动' } }

  it('GIVEN the bot started as `npm start` does (system clock) THEN POST /api/clock answers 404 with a Chinese error', async () => {
    const database = await createTestDatabase()
    const dir = mkdtempSync(join(tmpdir(), 'zhibu-clock-'))
    const config = loadConfig({ DATABASE_URL: database.url, SIM_PORT: '0', CONSOLE_PORT: '0', SIM_STATE_FILE: join(dir, 'simulator.json'), LOG_LEVEL: 'silent', ZHIBU_ADMIN_TOKEN: LIVE_ADMIN_TOKEN })
    const zhibu = await startZhibu(config, silentLogger, systemClock)
    try {
      const response = await fetch(`${zhibu.simulator!.url}/api/clock`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ now: '2030-01-01T09:00:00+08:00' }),
      })
      expect({ status: response.status, json: await response.json() }).toEqual(notManual)
      expect(zhibu.clock.now().getFullYear()).toBeLessThan(2030)
    } finally {
      await zhibu.stop()
      await database.close()
      rmSync(dir, { recursive: true, force: true })
    }
  })

  describe('on LiveBot, which hands the bot a manual business clock but no SIM_CLOCK', () => {
    let live: LiveBot
    const { api } = client(() => live)
    beforeAll(async () => {
      live = await LiveBot.start()
    })
    afterAll(() => live.stop())
    it('GIVEN POST /api/clock THEN 404 with a Chinese error and the clock is untouched', async () => {
      const before = live.zhibu.clock.now()
      expect(await api('POST', '/api/clock', { now: '2026-12-04T09:00:00+08:00' })).toEqual(notManual)
      expect(live.zhibu.clock.now()).toEqual(before)
    })
  })
})
