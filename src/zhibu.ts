import { randomBytes } from 'node:crypto'
import { hostname } from 'node:os'
import type { Server } from 'node:http'
import qrcodeTerminal from 'qrcode-terminal'
import { ScanStatus, WechatyBuilder } from 'wechaty'
import type { WechatyInterface } from 'wechaty/impls'
import type { IncomingMessage } from './chat/port.js'
import { createSimulatorServer, listen } from './chat/simulator/http-server.js'
import { Simulator } from './chat/simulator/simulator.js'
import { WechatyChat } from './chat/wechaty-adapter.js'
import { ManualClock, realPace, type Clock, type PaceClock } from './clock.js'
import { Dispatcher } from './commands/dispatcher.js'
import { CommandRegistry } from './commands/registry.js'
import { texts } from './texts/index.js'
import type { Config } from './config.js'
import { openDatabase, type Db } from './db/client.js'
import { formatChineseTime } from './domain/time/parse-time.js'
import type { Logger } from './logger.js'
import { OutboxRepository } from './outbox/outbox.repository.js'
import { DEFAULT_LIMITS, Outbox, type OutboxLimits, type QueuedMessage } from './outbox/outbox.js'
import { DEFAULT_SCHEDULER_OPTIONS, Scheduler } from './scheduler/scheduler.js'
import { createCapabilities } from './capabilities/index.js'
import { generateAdminToken } from './domain/org/auth-throttle.js'

export interface Zhibu {
  db: Db
  bot: WechatyInterface
  clock: Clock
  outbox: Outbox
  scheduler: Scheduler
  /** The admin token in force (generated when ZHIBU_ADMIN_TOKEN is unset). */
  adminToken: string
  /** Set when running the simulator. */
  simulator?: { sim: Simulator; url: string }
  /** Stops taking messages, flushes the outbox (bounded), closes the database. */
  stop(): Promise<void>
}

/** The outbox pace: the configured one, or sending at once in the simulator. */
export function outboxLimits(config: Config, simulator: boolean): OutboxLimits {
  const fast = simulator ? { chatIntervalMs: 0, perMinute: 6000, jitterMs: 0, coalesceMs: 0 } : {}
  const given = Object.fromEntries(
    Object.entries({
      chatIntervalMs: config.OUTBOX_CHAT_INTERVAL_MS,
      perMinute: config.OUTBOX_PER_MINUTE,
      jitterMs: config.OUTBOX_JITTER_MS,
      coalesceMs: config.OUTBOX_COALESCE_MS,
    }).filter(([, value]) => value !== undefined),
  )
  return { ...DEFAULT_LIMITS, ...fast, ...given, dailyCap: config.OUTBOX_DAILY_CAP, leaseMs: config.OUTBOX_LEASE_SECONDS * 1000 }
}

/**
 * Starts the whole bot: database, commands, scheduler, outbox, and Wechaty on the configured
 * puppet, or on the simulator (puppet-mock plus its web page and JSON API) when none is configured.
 * `clock` is the business clock; with SIM_CLOCK=manual the simulator uses a manual one instead.
 */
export async function startZhibu(config: Config, logger: Logger, systemClock: Clock, pace: PaceClock = realPace): Promise<Zhibu> {
  const simulated = !config.WECHATY_PUPPET
  const manualClock = simulated && config.SIM_CLOCK === 'manual' ? new ManualClock(systemClock.now()) : null
  const clock = manualClock ?? systemClock
  const instanceId = `${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`
  const db = await openDatabase(config.DATABASE_URL)
  const adminToken = config.ZHIBU_ADMIN_TOKEN ?? generateAdminToken()
  if (!config.ZHIBU_ADMIN_TOKEN) logger.warn('ZHIBU_ADMIN_TOKEN is not set: a one-off token was generated for this run')
  const { services, jobs: jobHandlers, commands } = createCapabilities(db, {
    timeZone: config.TZ,
    adminToken,
    activityReminderHours: config.ACTIVITY_REMINDER_HOURS,
    // A job due now (a broadcast to the branches below) runs at once rather than at the next tick.
    onJobDueNow: () => void scheduler.tick(),
  })
  const dispatcher = new Dispatcher({ registry: new CommandRegistry(commands), org: services.org, clock, timeZone: config.TZ, logger })

  const sim = simulated ? new Simulator(clock, config.BOT_NAME, config.SIM_STATE_FILE) : null
  const bot = sim ? sim.bot : buildWechaty(config, logger)
  const chat: WechatyChat = new WechatyChat(bot, {
    clock,
    logger,
    staleAfterMs: config.STALE_MESSAGE_SECONDS * 1000,
    duplicateWindowMs: config.DUPLICATE_WINDOW_SECONDS * 1000,
    onMessage: (message) => answer(message),
  })
  const outbox = new Outbox({ repo: new OutboxRepository(db), chat, pace, limits: outboxLimits(config, simulated), logger, instanceId })
  const scheduler = new Scheduler({
    jobs: services.jobs,
    handlers: jobHandlers,
    clock,
    logger,
    instanceId,
    options: { ...DEFAULT_SCHEDULER_OPTIONS, graceMs: config.JOB_GRACE_MINUTES * 60_000, leaseMs: config.JOB_LEASE_MINUTES * 60_000, timeZone: config.TZ },
    onQueued: () => outbox.notify(),
  })

  /** Answers one message: dispatch, then queue every reply. */
  async function answer(message: IncomingMessage): Promise<void> {
    const replies = await dispatcher.handle(message)
    const queued: QueuedMessage[] = replies.flatMap((reply): QueuedMessage[] => {
      const to = reply.privateTo ? { kind: 'private' as const, contactId: reply.privateTo } : message.conversation
      const text: QueuedMessage = {
        to,
        text: reply.text,
        ...(reply.mentionIds?.length ? { mentionIds: reply.mentionIds } : {}),
        ...(reply.coalesceKey ? { coalesceKey: reply.coalesceKey } : {}),
      }
      return reply.file ? [text, { to, text: reply.file.name, file: reply.file }] : [text]
    })
    if (queued.length) await outbox.enqueue(queued)
  }

  let ready = false
  let loggedOutAt: Date | null = null
  chat.attach()
  bot.on('login', (user) => {
    logger.info({ user: user.name() }, 'logged in')
    ready = true
    void outbox.start()
    if (loggedOutAt) void tellAdminsWeAreBack(loggedOutAt)
    loggedOutAt = null
  })
  bot.on('logout', (user) => {
    ready = false
    loggedOutAt = clock.now()
    logger.error({ user: user.name() }, 'logged out of WeChat: sending is paused until the bot logs in again')
    void outbox.stop()
  })

  async function tellAdminsWeAreBack(since: Date): Promise<void> {
    const now = clock.now()
    const text = texts.common.backOnline({ since: formatChineseTime(since, config.TZ, now), now: formatChineseTime(now, config.TZ, now) })
    const admins = await services.org.superAdminIds()
    await outbox.enqueue(admins.map((contactId) => ({ to: { kind: 'private', contactId }, text })))
  }

  /**
   * Moves the simulator's manual clock as if the time in between had passed: each job runs at its
   * own due time, in order (so a jump of a week is not "the bot was down" and skips nothing).
   */
  async function advanceClock(manual: ManualClock, to: Date): Promise<void> {
    for (let next = await services.jobs.nextDueAt(to); next; next = await services.jobs.nextDueAt(to)) {
      if (next.getTime() > manual.now().getTime()) manual.set(next)
      await scheduler.tick()
    }
    manual.set(to)
    await scheduler.tick()
  }

  let server: Server | null = null
  let simulator: Zhibu['simulator']
  if (sim) {
    server = createSimulatorServer(sim, {
      isReady: () => ready && sim.ready,
      logger,
      ...(manualClock ? { setClock: (to: Date) => advanceClock(manualClock, to) } : {}),
    })
    const url = await listen(server, config.SIM_HOST, config.SIM_PORT)
    await sim.start()
    simulator = { sim, url }
  } else {
    await bot.start()
  }
  // Monthly chains of jobs (the compliance digest, dues reminders) are started here too: a chain broken by a long
  // outage would otherwise never resume.
  await services.meeting.ensureDigestScheduled(clock.now())
  await services.duesReminders.ensureMonthlyJobs(clock.now())
  await scheduler.start()

  return {
    db,
    bot,
    clock,
    outbox,
    scheduler,
    adminToken,
    ...(simulator ? { simulator } : {}),
    stop: async () => {
      ready = false
      chat.stopIntake()
      await scheduler.stop()
      await outbox.stop(config.SHUTDOWN_FLUSH_SECONDS * 1000)
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
