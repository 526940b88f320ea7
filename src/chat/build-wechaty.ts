import qrcodeTerminal from 'qrcode-terminal'
import type { Logger } from 'pino'
// From 'wechaty/impls' and 'wechaty-puppet/types', not 'wechaty': its index also loads the
// puppet-service client (gRPC, LevelDB, some 0.4 s of a cold start) for its IoClient export.
import { ScanStatus } from 'wechaty-puppet/types'
import { WechatyImpl, type WechatyInterface } from 'wechaty/impls'
import { PUPPET_CACHE } from './puppet-cache.js'

/** Wechaty on a real puppet (by package name), with caches sized for a street-size world. */
export function buildWechaty(options: { puppet?: string | undefined; token?: string | undefined }, logger: Logger): WechatyInterface {
  // What `WechatyBuilder.build(options)` does.
  const bot: WechatyInterface = new WechatyImpl({
    // The memory card keeps the WeChat session across restarts, beside the SQLite file.
    name: 'data/zhibu-wechat',
    puppet: options.puppet as never,
    puppetOptions: { cache: { ...PUPPET_CACHE }, ...(options.token ? { token: options.token } : {}) },
  })
  bot.on('scan', (qrcode, status) => {
    if (status !== ScanStatus.Waiting && status !== ScanStatus.Timeout) return
    logger.info('scan the QR code below with WeChat to log the bot in')
    qrcodeTerminal.generate(qrcode, { small: true })
  })
  return bot
}
