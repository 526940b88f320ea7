import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startPuppetHost, type PuppetHost } from '../src/chat/simulator/puppet-host.js'
import type { SimMessage } from '../src/chat/simulator/simulator.js'
import { systemClock } from '../src/clock.js'
import { silentLogger } from '../src/logger.js'
import { startProcess, waitFor, type Running } from './support/child-process.js'
import { createPostgres, type TestDatabase } from './support/database.js'

const ADMIN_TOKEN = 'two-accounts-admin-token-4821'
const postgres = process.env.POSTGRES_TEST_URL

/**
 * The acceptance walkthrough, as a deployment runs it: one simulated WeChat hosting two bot
 * accounts over the puppet-service protocol, two bot processes on one PostgreSQL (POSTGRES_TEST_URL;
 * SQLite is one process's database), three groups (one of them holding both accounts). Every reply and every reminder comes once, from the account that owns the group.
 */
describe.skipIf(!postgres)('two bot accounts, two processes, one database, one simulated WeChat', () => {
  const repo = resolve('.')
  const tsx = import.meta.resolve('tsx')
  const dir = mkdtempSync(join(tmpdir(), 'zhibu-two-accounts-'))
  const bots: Running[] = []
  let host: PuppetHost
  let database: TestDatabase

  beforeAll(async () => {
    database = await createPostgres(postgres!, {})
    host = await startPuppetHost({ accounts: 2, botName: '支部助手', host: '127.0.0.1', httpPort: 0, grpcPort: 0, statePath: join(dir, 'simulator.json'), clock: systemClock, logger: silentLogger })
    for (const account of host.accounts) {
      // Each process in its own folder (its WeChat memory card), as two deployments would be.
      const cwd = join(dir, `bot${account.number}`)
      mkdirSync(cwd)
      bots.push(
        startProcess(['--import', tsx, join(repo, 'src/main.ts')], {
          DATABASE_URL: database.url,
          WECHATY_PUPPET: 'wechaty-puppet-service',
          WECHATY_PUPPET_SERVICE_ENDPOINT: account.endpoint,
          WECHATY_PUPPET_SERVICE_TOKEN: account.token,
          WECHATY_PUPPET_SERVICE_NO_TLS_INSECURE_CLIENT: 'true',
          ZHIBU_ADMIN_TOKEN: ADMIN_TOKEN,
          CONSOLE_PORT: '0',
          OUTBOX_CHAT_INTERVAL_MS: '0',
          OUTBOX_JITTER_MS: '0',
          OUTBOX_COALESCE_MS: '0',
          ACTIVITY_REMINDER_HOURS: '1',
          LOG_LEVEL: 'info',
        }, cwd),
      )
    }
    for (const bot of bots) await waitFor('a bot did not log in', () => (bot.output().includes('"msg":"logged in"') ? true : undefined), bots, 90_000)
  }, 150_000)

  afterAll(async () => {
    for (const bot of bots) if (bot.child.exitCode === null) bot.child.kill('SIGTERM')
    await Promise.all(bots.map((bot) => Promise.race([bot.exited, new Promise((done) => setTimeout(done, 15_000))])))
    for (const bot of bots) if (bot.child.exitCode === null) bot.child.kill('SIGKILL')
    await host?.stop()
    await database?.close()
    rmSync(dir, { recursive: true, force: true })
  }, 60_000)

  const botMessages = (conversationId: string): SimMessage[] => host.sim.messages(conversationId).filter((m) => m.from === 'bot')
  /** Says `text` and waits for `count` more bot messages there; then waits a moment more so a duplicate would show. */
  async function say(roomId: string, from: string, text: string, count = 1): Promise<SimMessage[]> {
    const before = botMessages(roomId).length
    host.sim.sayInGroup(roomId, from, text)
    await waitFor(`no answer to 「${text}」`, () => (botMessages(roomId).length >= before + count ? true : undefined), bots, 30_000)
    await new Promise((done) => setTimeout(done, 300))
    return botMessages(roomId).slice(before)
  }

  it('GIVEN three groups (two on account 1, one of them also holding account 2, one on account 2) THEN every reply and reminder comes once, from the group’s account', async () => {
    const sim = host.sim
    const secretary = sim.createContact('王书记').id
    const member = sim.createContact('张三').id
    const groups = [
      { name: '第一党支部', account: 1, id: sim.createGroup('第一党支部', [secretary, member], [1]).id },
      { name: '第二党支部', account: 1, id: sim.createGroup('第二党支部', [secretary, member], [1]).id },
      { name: '第三党支部', account: 2, id: sim.createGroup('第三党支部', [secretary, member], [2]).id },
    ]

    sim.sayPrivately(secretary, `认证 ${ADMIN_TOKEN}`, 1)
    await waitFor('no answer to 认证', () => botMessages(secretary).find((m) => m.text.includes('认证成功')), bots, 30_000)

    for (const group of groups) {
      const [bound] = await say(group.id, secretary, `绑定 ${group.name}`)
      expect(bound).toMatchObject({ account: group.account, accountName: `支部助手${group.account}` })
    }
    // Account 2 is invited into the second group: the group now holds both, and stays account 1's.
    sim.addAccount(groups[1]!.id, 2)
    expect(sim.group(groups[1]!.id).accounts).toEqual([1, 2])

    for (const group of groups) {
      await say(group.id, member, '登记 张三 正式党员')
      await say(group.id, secretary, '发起活动 学习会 时间 下周六上午9点 地点 党员活动室')
      await say(group.id, member, '报名')
    }
    // The reminders are due now (rather than an hour before next Saturday); the next tick of either process sends them.
    const { count } = await database.db.job.updateMany({ where: { kind: 'activity.remind', state: 'pending' }, data: { dueAt: new Date() } })
    expect(count).toBe(3)
    for (const group of groups) {
      await waitFor(`no reminder in ${group.name}`, () => botMessages(group.id).find((m) => m.text.includes('活动提醒')), bots, 90_000)
    }
    await new Promise((done) => setTimeout(done, 1500))

    for (const group of groups) {
      const said = botMessages(group.id)
      const texts = said.map((m) => m.text)
      expect(new Set(said.map((m) => m.account)), group.name).toEqual(new Set([group.account]))
      expect(texts.filter((t) => t.includes('本群已绑定')), group.name).toHaveLength(1)
      expect(texts.filter((t) => t.includes('已登记')), group.name).toHaveLength(1)
      expect(texts.filter((t) => t.includes('「学习会」')).length, group.name).toBeGreaterThanOrEqual(1)
      expect(texts.filter((t) => t.includes('报名成功')), group.name).toHaveLength(1)
      expect(texts.filter((t) => t.includes('活动提醒')), group.name).toHaveLength(1)
      expect(new Set(texts).size, `${group.name}: ${texts.join(' | ')}`).toBe(texts.length)
    }
    expect(botMessages(secretary).map((m) => m.account)).toEqual([1])

    // 换号 in the group holding both: from then on the second account answers there.
    const both = groups[1]!.id
    const [listed] = await say(both, secretary, '换号')
    expect(listed).toMatchObject({ account: 1, text: expect.stringContaining('1. 支部助手1（正在本群发言）\n2. 支部助手2') })
    const [moved] = await say(both, secretary, '换号 2')
    expect(moved).toMatchObject({ account: 2, text: expect.stringContaining('本群今后由 支部助手2 发言') })
    const [roster] = await say(both, member, '活动')
    expect(roster).toMatchObject({ account: 2, text: expect.stringContaining('学习会') })
    expect(botMessages(both).slice(-3).map((m) => m.account)).toEqual([1, 2, 2])
  }, 240_000)
})
