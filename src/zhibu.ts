import { randomBytes } from 'node:crypto'
import type { Server } from 'node:http'
import qrcodeTerminal from 'qrcode-terminal'
import { ScanStatus, WechatyBuilder } from 'wechaty'
import type { WechatyInterface } from 'wechaty/impls'
import { allCommands } from '../handlers/index.js'
import type { ChatPort, IncomingMessage } from './chat/port.js'
import { createSimulatorServer, listen } from './chat/simulator/http-server.js'
import { Simulator } from './chat/simulator/simulator.js'
import { WechatyChat } from './chat/wechaty-adapter.js'
import type { Clock } from './clock.js'
import { Dispatcher } from './commands/dispatcher.js'
import { CommandRegistry } from './commands/registry.js'
import type { Config } from './config.js'
import { openDatabase, type Db } from './db/client.js'
import type { Logger } from './logger.js'
import { createServices } from './services.js'

export interface Zhibu {
  db: Db
  bot: WechatyInterface
  /** The admin token in force (generated when ZHIBU_ADMIN_TOKEN is unset). */
  adminToken: string
  /** Set when running the simulator. */
  simulator?: { sim: Simulator; url: string }
  stop(): Promise<void>
}

/** Answers one message: dispatch, then send every reply. Sending failures are logged, never thrown. */
export function answer(dispatcher: Dispatcher, chat: ChatPort, logger: Logger) {
  return async (message: IncomingMessage): Promise<void> => {
    const replies = await dispatcher.handle(message)
    for (const reply of replies) {
      const to = reply.privateTo ? { kind: 'private' as const, contactId: reply.privateTo } : message.conversation
      try {
        await chat.send({ to, text: reply.text, ...(reply.mentionIds ? { mentionIds: reply.mentionIds } : {}) })
      } catch (err) {
        logger.error({ err, to, messageId: message.id }, 'reply could not be sent')
      }
    }
  }
}

/**
 * Starts the whole bot: database, commands, and Wechaty on the configured puppet, or on the
 * simulator (puppet-mock plus its web page and JSON API) when no puppet is configured.
 */
export async function startZhibu(config: Config, logger: Logger, clock: Clock): Promise<Zhibu> {
  const db = await openDatabase(config.DATABASE_URL)
  const adminToken = config.ZHIBU_ADMIN_TOKEN ?? randomBytes(6).toString('hex')
  if (!config.ZHIBU_ADMIN_TOKEN) logger.warn('ZHIBU_ADMIN_TOKEN is not set: a one-off token was generated for this run')
  const services = createServices(db, { timeZone: config.TZ, adminToken })
  const dispatcher = new Dispatcher({ registry: new CommandRegistry(allCommands), services, clock, timeZone: config.TZ, logger })

  const sim = config.WECHATY_PUPPET ? null : new Simulator(clock, config.BOT_NAME, config.SIM_STATE_FILE)
  const bot = sim ? sim.bot : buildWechaty(config, logger)
  let ready = false
  const chat: WechatyChat = new WechatyChat(bot, {
    clock,
    logger,
    staleAfterMs: config.STALE_MESSAGE_SECONDS * 1000,
    onMessage: (message) => answer(dispatcher, chat, logger)(message),
  })
  chat.attach()
  bot.on('login', (user) => {
    logger.info({ user: user.name() }, 'logged in')
    ready = true
  })
  bot.on('logout', (user) => {
    ready = false
    logger.error({ user: user.name() }, 'logged out of WeChat')
  })

  let server: Server | null = null
  let simulator: Zhibu['simulator']
  if (sim) {
    server = createSimulatorServer(sim, { isReady: () => ready && sim.ready, logger })
    const url = await listen(server, config.SIM_HOST, config.SIM_PORT)
    await sim.start()
    simulator = { sim, url }
  } else {
    await bot.start()
  }

  return {
    db,
    bot,
    adminToken,
    ...(simulator ? { simulator } : {}),
    stop: async () => {
      ready = false
      if (server) {
        const closed = new Promise<void>((resolve) => server!.close(() => resolve()))
        server.closeAllConnections()
        await closed
      }
      await (sim ? sim.stop() : bot.stop())
      await db.$disconnect()
    },
  }
}

function buildWechaty(config: Config, logger: Logger): WechatyInterface {
  const token = config.WECHATY_PUPPET_SERVICE_TOKEN
  const bot = WechatyBuilder.build({
    // The memory card keeps the WeChat session across restarts, beside the SQLite file.
    name: 'data/zhibu-wechat',
    puppet: config.WECHATY_PUPPET as never,
    ...(token ? { puppetOptions: { token } } : {}),
  })
  bot.on('scan', (qrcode, status) => {
    if (status !== ScanStatus.Waiting && status !== ScanStatus.Timeout) return
    logger.info('scan the QR code below with WeChat to log the bot in')
    qrcodeTerminal.generate(qrcode, { small: true })
  })
  return bot
}
