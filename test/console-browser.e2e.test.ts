import { readFileSync } from 'node:fs'
import { chromium, type Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { consoleLink } from '../src/console/console.js'
import { seedStreet } from './support/console-street.js'

/**
 * The console in real headless Chromium, as a street secretary would use it on a desktop and on a
 * phone: open the `后台` link, read the overview, open a branch, download the attendance export.
 * In CI (CI=true) a browser that cannot start fails the test; elsewhere the test is skipped.
 */
const CHROMIUM_ARGS = ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run']

describe('the console in a browser', () => {
  let street: Awaited<ReturnType<typeof seedStreet>>
  let browser: Browser | null = null
  let launchError: unknown = null
  let port = 0

  beforeAll(async () => {
    street = await seedStreet()
    await street.app.listen({ host: '127.0.0.1', port: 0 })
    port = (street.app.server.address() as { port: number }).port
    try {
      browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS, timeout: 60_000 })
    } catch (error) {
      launchError = error
    }
  }, 120_000)
  afterAll(async () => {
    await browser?.close()
    await street?.close()
  })

  for (const screen of [
    { name: 'desktop', width: 1280, height: 800 },
    { name: 'phone', width: 390, height: 844 },
  ]) {
    it(`logs in through the link, reads the street, opens a branch and downloads its attendance (${screen.name})`, async (ctx) => {
      if (!browser) {
        if (process.env.CI === 'true') throw new Error(`Chromium did not start: ${String(launchError)}`)
        ctx.skip()
        return
      }
      const context = await browser.newContext({ viewport: { width: screen.width, height: screen.height }, acceptDownloads: true, locale: 'zh-CN' })
      try {
        const page = await context.newPage()
        const token = await street.auth.issueLink(street.people.streetSecretary.contactId, street.bench.clock.now())
        await page.goto(consoleLink({ CONSOLE_HOST: '127.0.0.1', CONSOLE_PORT: port }, token))
        await page.getByRole('button', { name: '进入后台' }).click()
        await page.waitForURL(`http://127.0.0.1:${port}/`)

        const first = page.locator(`tr[data-org="${street.orgIds.first}"]`)
        await expect(first.locator('td').nth(3).textContent()).resolves.toBe('67%')
        await expect(first.locator('td').nth(4).textContent()).resolves.toBe('100%')
        await expect(page.locator(`tr[data-org="${street.orgIds.second}"] [data-state]`).getAttribute('data-state')).resolves.toBe('overdue')
        // The chart is drawn by ECharts served from node_modules.
        await page.locator('#chart0 svg').waitFor()
        // Nothing wider than the phone: tables scroll inside their card, the page does not.
        expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(screen.width)
        await page.screenshot({ path: `docs/console-${screen.name}.png`, fullPage: true })

        await first.getByRole('link', { name: '外滩第一党支部' }).click()
        await page.getByRole('heading', { name: '外滩第一党支部' }).waitFor()
        await expect(page.getByText('学习党章').count()).resolves.toBeGreaterThan(0)
        const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: '考勤 本月' }).click()])
        expect(download.suggestedFilename()).toBe('外滩第一党支部-考勤-2026年11月.xlsx')
        expect(readFileSync((await download.path())!).subarray(0, 2).toString()).toBe('PK')
      } finally {
        await context.close()
      }
    })
  }
})
