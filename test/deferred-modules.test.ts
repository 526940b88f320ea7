import { execFile } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'

const repo = fileURLToPath(new URL('..', import.meta.url))
const tsx = import.meta.resolve('tsx')

/**
 * The packages the bot defers at start-up (deferred-modules.ts) are not loaded with Wechaty, and
 * the calls that need them still work: a QR code made and read back through file-box (qrcode,
 * jimp, jsqr), and open-graph asking a closed port. In a fresh process, so the module cache is
 * the bot's own at start.
 */
describe('deferRarelyUsedModules', () => {
  it('GIVEN the stand-ins WHEN Wechaty and file-box load THEN the heavy packages stay unloaded until a call needs them, and the call works', async () => {
    const script = `
      import { createRequire } from 'node:module'
      import { deferRarelyUsedModules } from './src/chat/deferred-modules.ts'
      deferRarelyUsedModules()
      const { FileBox } = await import('file-box')
      await import('wechaty/impls')
      const require = createRequire(import.meta.url)
      const loaded = (part) => Object.keys(require.cache).some((file) => file.includes(part))
      const before = { jimp: loaded('/@jimp/core/'), request: loaded('/request/'), cheerio: loaded('/cheerio/'), fpTsArray: loaded('/fp-ts/lib/Array.js') }
      const png = await FileBox.fromQRCode('zhibu-deferred').toBuffer()
      const value = await FileBox.fromBuffer(png, 'qr.png').toQRCode()
      const og = require(createRequire(require.resolve('wechaty')).resolve('open-graph'))
      const ogError = await new Promise((resolve) => og('http://127.0.0.1:1/', (err) => resolve(Boolean(err))))
      console.log(JSON.stringify({ before, value, ogError, after: { jimp: loaded('/@jimp/core/'), request: loaded('/request/') } }))
    `
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', tsx, '--input-type=module', '-e', script], { cwd: repo })
    expect(JSON.parse(stdout.trim().split('\n').pop()!)).toEqual({
      before: { jimp: false, request: false, cheerio: false, fpTsArray: false },
      value: 'zhibu-deferred',
      ogError: true,
      after: { jimp: true, request: true },
    })
  }, 60_000)
})
