import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium, type Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { MESSAGES_IN_MEMORY } from '../src/chat/simulator/conversation-log.js'
import { createSimulatorServer, listen } from '../src/chat/simulator/http-server.js'
import { Simulator } from '../src/chat/simulator/simulator.js'
import { ManualClock } from '../src/clock.js'
import { silentLogger } from '../src/logger.js'

const CHROMIUM = '/usr/bin/chromium'
const ARGS = ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run']
const runnable = existsSync(CHROMIUM) || process.env.CI === 'true'

/** A chat longer than the simulator keeps in memory, opened on the page (no bot needed: members talk). */
describe.skipIf(!runnable)('the simulator page on a chat older than memory', () => {
  let dir: string
  let sim: Simulator
  let server: ReturnType<typeof createSimulatorServer>
  let url: string
  let browser: Browser

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'zhibu-simpage-'))
    sim = new Simulator(new ManualClock(new Date('2026-11-27T10:00:00+08:00')), '支部助手', join(dir, 'simulator.json'))
    server = createSimulatorServer(sim, { isReady: () => true, logger: silentLogger })
    url = await listen(server, '127.0.0.1', 0)
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS })
  })
  afterAll(async () => {
    await browser?.close()
    await new Promise<void>((resolve) => server.close(() => resolve()))
    rmSync(dir, { recursive: true, force: true })
  })

  it('GIVEN more messages than memory holds THEN the chat shows the newest and says the older ones are in the log file; a short chat says nothing', async () => {
    const a = sim.createContact('张三')
    const busy = sim.createGroup('第一党支部', [a.id])
    const short = sim.createGroup('第二党支部', [a.id])
    for (let n = 1; n <= MESSAGES_IN_MEMORY + 10; n++) sim.sayInGroup(busy.id, a.id, `第${n}条`)
    sim.sayInGroup(short.id, a.id, '早')

    const page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage()
    await page.goto(`${url}/#group=${busy.id}&as=${a.id}`)
    // The world's newest messages: all but the short chat's one are the busy chat's latest.
    await expect.poll(() => page.locator('#messages .msg').count(), { timeout: 20_000 }).toBe(MESSAGES_IN_MEMORY - 1)
    await expect.poll(() => page.locator('#messages .msg .text').last().textContent()).toBe(`第${MESSAGES_IN_MEMORY + 10}条`)
    expect(await page.locator('#messages .msg .text').first().textContent()).toBe('第12条')
    expect(await page.locator('#messages .older').textContent()).toBe(`更早的消息不在这里显示，全部记录在 ${join(dir, 'simulator-messages.jsonl')}`)

    await page.goto(`${url}/#group=${short.id}&as=${a.id}`)
    await page.reload()
    await expect.poll(() => page.locator('#messages .msg .text').allTextContents()).toEqual(['早'])
    expect(await page.locator('#messages .older').count()).toBe(0)
  }, 60_000)
})
