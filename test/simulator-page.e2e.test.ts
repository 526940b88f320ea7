import { existsSync, mkdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium, type Browser, type Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { LIVE_ADMIN_TOKEN, LiveBot } from './support/live-bot.js'

const CHROMIUM = '/usr/bin/chromium'
const ARGS = ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run']
// On a developer machine without Chromium these tests are skipped; in CI (CI=true) they must run,
// so a browser that cannot start fails them.
const runnable = existsSync(CHROMIUM) || process.env.CI === 'true'

/**
 * The simulator page in real headless Chromium, as a tester uses it: on a desktop (1280 px) and
 * on a phone (390 px).
 */
describe.skipIf(!runnable)('the simulator page in a browser', () => {
  let live: LiveBot
  let browser: Browser
  const ids: Record<string, string> = {}
  let room = ''

  const api = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(live.url + path, { method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) })
    const text = await response.text()
    return text ? JSON.parse(text) : null
  }
  const open = async (width: number, height: number): Promise<Page> => {
    const context = await browser.newContext({ viewport: { width, height }, deviceScaleFactor: width < 700 ? 2 : 1, timezoneId: 'Asia/Shanghai', locale: 'zh-CN' })
    const page = await context.newPage()
    await page.goto(live.url)
    await expect.poll(() => page.locator('#status-text').textContent()).toBe('就绪')
    return page
  }
  const bubbles = (page: Page) => page.locator('#messages .msg.bot .bubble')

  beforeAll(async () => {
    live = await LiveBot.start()
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS })
    for (const name of ['王书记', '张三', '李四', '赵六', '赵六']) {
      const contact = await api('POST', '/api/contacts', { name })
      ids[ids[name] ? `${name}2` : name] = contact.id
    }
    await api('POST', `/api/contacts/${ids['王书记']}/messages`, { text: `认证 ${LIVE_ADMIN_TOKEN}` })
    await live.waitForBot(ids['王书记']!, 1)
  })
  afterAll(async () => {
    await browser?.close()
    await live?.stop()
  })

  it('GIVEN a desktop THEN a tester creates a group, binds it, @-mentions with the picker and sees the replies without reloading', async () => {
    const page = await open(1280, 800)
    await page.click('#btn-new-group')
    await page.fill('#group-topic', '第一党支部')
    for (const name of ['王书记', '张三', '李四']) await page.locator('#group-checks label', { hasText: name }).locator('input').check()
    await page.click('#group-create')
    await expect.poll(() => page.locator('#chat-title').textContent()).toContain('第一党支部')
    room = (await api('GET', '/api/groups')).groups.find((g: { topic: string }) => g.topic === '第一党支部').id

    await page.locator('#speaker').selectOption(ids['王书记']!)
    await page.fill('#input', '绑定 第一党支部')
    await page.press('#input', 'Enter')
    await expect(bubbles(page).last()).toBeTruthy()
    await expect.poll(() => bubbles(page).last().textContent()).toContain('本群已绑定到「第一党支部」')
    await api('POST', `/api/groups/${room}/messages`, { from: ids['张三'], text: '登记 张三 正式党员' })
    await expect.poll(() => bubbles(page).last().textContent()).toContain('张三 已登记')

    // Typing @ offers the members; choosing one writes the mention.
    await page.locator('#input').pressSequentially('任命 @张')
    await expect.poll(() => page.locator('#mention-picker li').allTextContents()).toEqual(['张三'])
    await page.locator('#mention-picker li', { hasText: '张三' }).click()
    expect(await page.inputValue('#input')).toBe('任命 @张三 ')
    await page.locator('#input').pressSequentially('组织委员')
    await page.press('#input', 'Enter')
    await expect.poll(() => bubbles(page).last().textContent()).toMatch(/张三.*组织委员/)

    // Tapping a member's name in the header inserts the mention too.
    await page.locator('#member-chips button', { hasText: '李四' }).click()
    expect(await page.inputValue('#input')).toBe('@李四 ')
    await page.fill('#input', '')

    // A private answer elsewhere shows as unread until that chat is opened.
    await api('POST', `/api/contacts/${ids['王书记']}/messages`, { text: '帮助' })
    const wang = page.locator('#contact-list .item', { hasText: '王书记' })
    await expect.poll(() => wang.locator('.badge').textContent()).toBe('1')
    await wang.click()
    await expect.poll(() => wang.locator('.badge').count()).toBe(0)
    await expect.poll(() => bubbles(page).last().textContent()).toContain('帮助')

    // The attach button sends a file, which the bot receives as a file message.
    await page.locator('#file-input').setInputFiles({ name: '名册.csv', mimeType: 'text/csv', buffer: Buffer.from('姓名\n张三\n') })
    await expect.poll(() => page.locator('#messages .msg.right a.file').last().textContent()).toBe('［文件］名册.csv')
    const sent = (await api('GET', `/api/contacts/${ids['王书记']}/messages?after=0`)).messages.find((m: { from: string; file: unknown }) => m.from === ids['王书记'] && m.file)
    expect(Buffer.from(await (await fetch(live.url + sent.file.url)).arrayBuffer()).toString()).toBe('姓名\n张三\n')

    // Two contacts with one name are told apart.
    const zhao = await page.locator('#contact-list .item .name', { hasText: '赵六' }).allTextContents()
    expect(zhao).toEqual([`赵六·${ids['赵六']!.slice(-4)}`, `赵六·${ids['赵六2']!.slice(-4)}`])
  })

  it('GIVEN the desktop loses the bot for a moment THEN the error bar shows and clears when the bot is back', async () => {
    const page = await open(1280, 800)
    await page.route('**/api/**', (route) => route.abort())
    await expect.poll(() => page.locator('#errbar').isVisible(), { timeout: 5000 }).toBe(true)
    expect(await page.locator('#errtext').textContent()).toContain('无法连接')
    await page.unroute('**/api/**')
    await expect.poll(() => page.locator('#errbar').isVisible(), { timeout: 10_000 }).toBe(false)
  })

  it('GIVEN a phone (390 px) THEN the list comes first, the chat fills the screen with a back button, and reading history does not jump', async () => {
    const page = await open(390, 844)
    expect(await page.locator('#sidebar').isVisible()).toBe(true)
    expect(await page.locator('#chat').isVisible()).toBe(false)
    await page.locator('#group-list .item', { hasText: '第一党支部' }).click()
    expect(await page.locator('#sidebar').isVisible()).toBe(false)
    expect((await page.locator('#input').boundingBox())!.width).toBeGreaterThan(250)
    expect(await page.locator('#back').isVisible()).toBe(true)

    // Enough conversation to scroll, then a day later: a date divider.
    for (const text of ['活动', '帮助 报名', '成员']) {
      const before = await bubbles(page).count()
      await api('POST', `/api/groups/${room}/messages`, { from: ids['王书记'], text })
      await expect.poll(() => bubbles(page).count()).toBeGreaterThan(before)
    }
    live.clock.advance(24 * 3600_000)
    await api('POST', `/api/groups/${room}/messages`, { from: ids['李四'], text: '大家好' })
    await expect.poll(() => page.locator('#messages .day').allTextContents()).toEqual(['2026年11月27日 星期五', '2026年11月28日 星期六'])

    // Scrolled up to read: a new reply shows the 新消息 chip instead of jumping.
    await page.locator('#messages').evaluate((box) => (box.scrollTop = 0))
    const before = await bubbles(page).count()
    await api('POST', `/api/groups/${room}/messages`, { from: ids['王书记'], text: '活动' })
    await expect.poll(() => bubbles(page).count()).toBeGreaterThan(before)
    await expect.poll(() => page.locator('#new-chip').isVisible()).toBe(true)
    expect(await page.locator('#messages').evaluate((box) => box.scrollTop)).toBeLessThan(50)
    await page.click('#new-chip')
    await expect.poll(() => page.locator('#new-chip').isVisible()).toBe(false)

    await page.locator('#input').pressSequentially('代报名 @')
    await expect.poll(() => page.locator('#mention-picker li').count()).toBe(3)
    // UPDATE_SCREENSHOTS=1 refreshes the picture in the README; otherwise a test run leaves docs/ alone.
    const shots = process.env.UPDATE_SCREENSHOTS ? 'docs' : tmpdir()
    mkdirSync(shots, { recursive: true })
    await page.screenshot({ path: join(shots, 'simulator-phone.png') })

    await page.click('#back')
    expect(await page.locator('#sidebar').isVisible()).toBe(true)
    expect(await page.locator('#chat').isVisible()).toBe(false)
  })

  it('GIVEN the members panel THEN a group nickname is set and shown in the header', async () => {
    const page = await open(1280, 800)
    await page.locator('#group-list .item', { hasText: '第一党支部' }).click()
    await page.click('#btn-members')
    await page.getByLabel('李四 的群昵称').fill('小李')
    await page.getByLabel('李四 的群昵称').press('Enter')
    await expect.poll(() => page.locator('#member-chips button').allTextContents()).toEqual(['王书记', '张三', '小李'])
    await expect.poll(() => page.locator('#messages .msg .who', { hasText: '小李' }).count()).toBe(1)
    expect((await api('GET', '/api/groups')).groups.find((g: { id: string }) => g.id === room).aliases).toEqual({ [ids['李四']!]: '小李' })
  })
})
