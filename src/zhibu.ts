import { randomBytes } from 'node:crypto'
import { hostname } from 'node:os'
import type { Server } from 'node:http'
import type { WechatyInterface } from 'wechaty/impls'
import type { IncomingMessage } from './chat/port.js'
import { loadSimulator } from './chat/simulator/load.js'
import type { Simulator } from './chat/simulator/simulator.js'
import { WechatyChat } from './chat/wechaty-adapter.js'
import { keepPuppetConnected } from './chat/puppet-reconnect.js'
import { ManualClock, realPace, type Clock, type PaceClock } from './clock.js'
import { Dispatcher } from './commands/dispatcher.js'
import { CommandRegistry } from './commands/registry.js'
import { texts } from './texts/index.js'
import type { Config } from './config.js'
import { openDatabase, type Db } from './db/client.js'
import { DatabaseHealth, describe, quietStorageErrors } from './db/health.js'
import { HeartbeatRepository } from './db/heartbeat.repository.js'
import { SeenMessagesRepository } from './db/seen-messages.repository.js'
import type { AdapterWrapper } from './db/resilient-adapter.js'
import { isStorageFailure } from './db/storage-failure.js'
import { formatChineseTime } from './domain/time/parse-time.js'
import type { Logger } from './logger.js'
import { AccountsRepository } from './outbox/accounts.repository.js'
import { OutboxRepository } from './outbox/outbox.repository.js'
import { ReachNotes } from './outbox/reach-notes.js'
import { DEFAULT_LIMITS, Outbox, type OutboxLimits, type QueuedMessage } from './outbox/outbox.js'
import { toQueued } from './outbox/outbox-row.js'
import { HOLD_MOST_MS, MessageScope } from './db/message-scope.js'
import { DEFAULT_FALLBACK, FallbackSender } from './outbox/fallback.js'
import { reliabilityTexts } from './texts/reliability.texts.js'
import { DEFAULT_SCHEDULER_OPTIONS, Scheduler } from './scheduler/scheduler.js'
import { createCapabilities } from './capabilities/index.js'
import { generateAdminToken } from './domain/org/auth-throttle.js'
import { buildWechaty } from './chat/build-wechaty.js'
import { BackgroundWork } from './util/background-work.js'

export interface Zhibu {
  db: Db
  bot: WechatyInterface
  clock: Clock
  outbox: Outbox
  scheduler: Scheduler
  /** The admin token in force (generated when ZHIBU_ADMIN_TOKEN is unset). */
  adminToken: string
  /** Where the officers' console listens. */
  consoleUrl: string
  /** Whether the database takes writes (the reason while it does not). */
  health: DatabaseHealth
  /** Replies sent without the database while it failed. */
  fallback: FallbackSender
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
  return { ...DEFAULT_LIMITS, ...fast, ...given, dailyCap: config.OUTBOX_DAILY_CAP, leaseMs: config.OUTBOX_LEASE_SECONDS * 1000, retentionMs: config.OUTBOX_RETENTION_DAYS * 86_400_000 }
}

/**
 * Starts the whole bot: database, commands, scheduler, outbox, and Wechaty on the configured
 * puppet, or on the simulator (puppet-mock plus its web page and JSON API) when none is configured.
 * `clock` is the business clock; with SIM_CLOCK=manual the simulator uses a manual one instead.
 */
/** Start-up could not go on; the message is one sentence for the operator, no stack trace. */
export class StartupError extends Error {}

/** Test seams: `wrapDatabase` puts a fault-injecting driver under Prisma. */
export interface StartOptions {
  wrapDatabase?: AdapterWrapper
}

export async function startZhibu(config: Config, logger: Logger, systemClock: Clock, pace: PaceClock = realPace, options: StartOptions = {}): Promise<Zhibu> {
  const health = new DatabaseHealth(logger, () => pace.nowMs())
  try {
    return await start(config, quietStorageErrors(logger, health), systemClock, pace, options, health)
  } catch (error) {
    if (error instanceof StartupError || !isStorageFailure(error)) throw error
    throw cannotUseDatabase(config.DATABASE_URL, error)
  }
}

function cannotUseDatabase(url: string, error: unknown): StartupError {
  return new StartupError(`Zhibu cannot start: the database ${withoutPassword(url)} cannot be used (${describe(error)}); fix it or DATABASE_URL and start again.`)
}

function withoutPassword(url: string): string {
  return url.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@')
}

async function start(config: Config, logger: Logger, systemClock: Clock, pace: PaceClock, options: StartOptions, health: DatabaseHealth): Promise<Zhibu> {
  const simulated = !config.WECHATY_PUPPET
  const manualClock = simulated && config.SIM_CLOCK === 'manual' ? new ManualClock(systemClock.now()) : null
  const clock = manualClock ?? systemClock
  const instanceId = `${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`
  const db = await openDatabase(config.DATABASE_URL, { health, ...(options.wrapDatabase ? { wrap: options.wrapDatabase } : {}) }).catch((error: unknown) => {
    throw cannotUseDatabase(config.DATABASE_URL, error)
  })
  const heartbeats = new HeartbeatRepository(db)
  await heartbeats.beat(instanceId, new Date(pace.nowMs()))
  const adminToken = config.ZHIBU_ADMIN_TOKEN ?? generateAdminToken()
  if (!config.ZHIBU_ADMIN_TOKEN) logger.warn('ZHIBU_ADMIN_TOKEN is not set: a one-off token was generated for this run')
  const { services, jobs: jobHandlers, commands, consoleApp, chatState } = createCapabilities(db, {
    timeZone: config.TZ,
    adminToken,
    clock,
    onAuthFailure: ({ contactId, reason }) => logger.warn({ contactId, reason }, 'admin authentication refused'),
    console: { CONSOLE_HOST: config.CONSOLE_HOST, CONSOLE_PORT: config.CONSOLE_PORT, CONSOLE_PUBLIC_URL: config.CONSOLE_PUBLIC_URL },
    activityReminderHours: config.ACTIVITY_REMINDER_HOURS,
    // A job due now (a broadcast to the branches below) runs at once rather than at the next tick.
    onJobDueNow: () => void scheduler.tick(),
  })
  const dispatcher = new Dispatcher({ registry: new CommandRegistry(commands), org: services.org, chatState, clock, timeZone: config.TZ, logger })

  const simulation = simulated ? await loadSimulator() : null
  const sim = simulation ? new simulation.Simulator(clock, config.BOT_NAME, config.SIM_STATE_FILE) : null
  const bot = sim ? sim.bot : buildWechaty({ puppet: config.WECHATY_PUPPET, token: config.WECHATY_PUPPET_SERVICE_TOKEN }, logger)
  const background = new BackgroundWork() // what WeChat's events start; a stop waits for it
  const inBackground = (what: string, work: () => Promise<unknown>) => background.start(work, (err) => logger.warn({ err }, `${what} failed`))
  const chat: WechatyChat = new WechatyChat(bot, {
    clock,
    logger,
    staleAfterMs: config.STALE_MESSAGE_SECONDS * 1000,
    duplicateWindowMs: config.DUPLICATE_WINDOW_SECONDS * 1000,
    // Kept twice the backlog window: any redelivery young enough to be taken is recognised.
    seenIds: new SeenMessagesRepository(db, 2 * config.STALE_MESSAGE_SECONDS * 1000),
    onMessage: (message) => answer(message),
    // Where this account can speak: a group it was added to, or one it left (another account then takes it over).
    onMembership: ({ account, roomId, joined }) => {
      const now = new Date(pace.nowMs())
      const note = () => (joined ? accounts.joinedGroup(account, roomId, now) : accounts.leftGroup(account, roomId))
      inBackground('accounts: noting a group joined or left', () => note().then(() => outbox.notify()))
    },
  })
  const limits = outboxLimits(config, simulated)
  const accounts = new AccountsRepository(db)
  const outboxRepo = new OutboxRepository(db)
  const reach = new ReachNotes({ accounts, account: () => outboxRepo.account, pace, logger })
  const outbox = new Outbox({
    repo: outboxRepo,
    chat,
    pace,
    limits,
    logger,
    instanceId,
    accounts: { repo: accounts, takeoverDelayMs: config.ACCOUNT_TAKEOVER_MINUTES * 60_000, onTakeover: (rooms) => void tellAdminsOfTakeover(rooms.length) },
  })
  const fallback = new FallbackSender({ chat, pace, logger, options: { ...DEFAULT_FALLBACK, chatIntervalMs: limits.chatIntervalMs } })
  const scheduler = new Scheduler({
    jobs: services.jobs,
    handlers: jobHandlers,
    clock,
    logger,
    instanceId,
    // With the manual clock no time passes while the bot is down: nothing it left undone was "missed".
    options: { ...DEFAULT_SCHEDULER_OPTIONS, graceMs: manualClock ? Number.POSITIVE_INFINITY : config.JOB_GRACE_MINUTES * 60_000, leaseMs: config.JOB_LEASE_MINUTES * 60_000, timeZone: config.TZ },
    onQueued: () => outbox.notify(),
    // Each tick also deletes the rows of processes dead for a day: a crash leaves its row behind.
    deadInstances: async () => {
      await heartbeats.forgetBefore(new Date(pace.nowMs() - DEAD_HEARTBEAT_KEPT_MS))
      return heartbeats.deadSince(new Date(pace.nowMs() - 3 * HEARTBEAT_MS))
    },
    account: () => outboxRepo.account,
  })

  /**
   * Answers one message: dispatch, then queue every reply, in the transaction of the message's
   * write when it holds one open (MessageScope). When the database failed the command, the member
   * is told to send again; when the queue cannot be written, the replies go out directly.
   */
  async function answer(message: IncomingMessage, runs = 1): Promise<void> {
    reach.heard({ roomId: message.conversation.kind === 'group' ? message.conversation.roomId : undefined, contactId: message.sender.contactId })
    const scope = new MessageScope()
    const { result: replies, storageFailed } = await health.watch(() => scope.run(() => dispatcher.handle(message)))
    const queued: QueuedMessage[] = storageFailed ? [] : replies.flatMap((reply) => toQueued(reply, message.conversation))
    const held = scope.holding
    const queue = () => (held ? scope.alongside((tx) => outbox.enqueue(queued, { tx, committed: scope.committed })) : outbox.enqueue(queued))
    const notQueued = queued.length ? await queue().then(() => null, (err: unknown) => ({ err })) : null
    if (notQueued && held) scope.fail(notQueued.err)
    try {
      await scope.release()
    } catch (err) {
      if (runs === 1) return answer(message, 2) // rolled back with its replies, nothing of it saved: once more
      if (isStorageFailure(err)) health.failed(err) // then the member is asked to send again
      else logger.error({ err }, 'a message could not be saved twice; the member is asked to send again')
      return void fallback.send([cannotSave(message)])
    }
    if (scope.expired) logger.warn({ holdMs: HOLD_MOST_MS }, 'a message took longer than the hold to queue its replies: its write committed before them')
    if (storageFailed) return void fallback.send([cannotSave(message)])
    if (!notQueued) return
    // What was done is done (the command's own write committed): the replies must still reach the member.
    if (!isStorageFailure(notQueued.err)) logger.error({ err: notQueued.err }, 'queueing replies failed; they are sent directly')
    fallback.send(queued)
  }

  async function tellAdminsOfTakeover(count: number): Promise<void> {
    const text = texts.common.groupsTakenOver({ count, minutes: config.ACCOUNT_TAKEOVER_MINUTES })
    const admins = await services.org.superAdminIds()
    await outbox.enqueue(admins.map((contactId) => ({ to: { kind: 'private', contactId }, text })))
  }

  /** The heartbeat, also the probe that notices the database taking writes again. */
  let lastBeat = pace.nowMs()
  const beating = setInterval(() => {
    const now = pace.nowMs()
    if (!health.failing() && now - lastBeat < HEARTBEAT_MS) return
    lastBeat = now
    heartbeats.beat(instanceId, new Date(now)).then(
      () => outbox.notify(),
      () => undefined,
    )
  }, 1000)
  beating.unref()

  let ready = false
  let loggedOutAt: Date | null = null
  chat.attach()
  bot.on('login', (user) => {
    logger.info({ user: user.name() }, 'logged in')
    ready = true
    const since = loggedOutAt
    inBackground('outbox: starting to send', () => outbox.start(user.id))
    inBackground('accounts: recording the account name', () => accounts.named(user.id, user.name(), instanceId, new Date(pace.nowMs())))
    if (since) inBackground('telling the admins the bot is back', () => tellAdminsWeAreBack(since))
    loggedOutAt = null
  })
  let stopping = false
  // A puppet service that went away (restarted, network) is reconnected to with backoff.
  if (!sim) keepPuppetConnected(bot, { logger, stopping: () => stopping })
  bot.on('logout', (user) => {
    ready = false
    loggedOutAt = clock.now()
    inBackground('accounts: recording the logout', () => accounts.loggedOut(user.id, new Date(pace.nowMs())))
    // Stopping logs the bot out on purpose: that is no error.
    if (stopping) return logger.info({ user: user.name() }, 'logged out of WeChat (stopping)')
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
  if (sim && simulation) {
    const { createSimulatorServer, listen } = simulation
    server = createSimulatorServer(sim, {
      isReady: () => ready && sim.ready,
      unhealthy: () => (health.failing() ? `database: ${health.failing()}` : null),
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
  await services.compliance.ensureDigestScheduled(clock.now())
  await services.duesReminders.ensureMonthlyJobs(clock.now())
  await scheduler.start()
  const console = await consoleApp()
  const consoleUrl = await console.listen({ host: config.CONSOLE_HOST, port: config.CONSOLE_PORT })
  logger.info({ url: consoleUrl }, 'officers console listening')

  return {
    db,
    bot,
    clock,
    outbox,
    scheduler,
    adminToken,
    consoleUrl,
    health,
    fallback,
    ...(simulator ? { simulator } : {}),
    stop: async () => {
      stopping = true
      ready = false
      clearInterval(beating)
      // Each step may fail (the database is down) or hang (a send that never returns); the
      // process still stops within SHUTDOWN_FLUSH_SECONDS + 5 s.
      const flushMs = config.SHUTDOWN_FLUSH_SECONDS * 1000
      const steps = async () => {
        const step = (name: string, run: () => Promise<unknown>) => run().catch((err: unknown) => logger.warn({ err, step: name }, 'stop: step failed'))
        await step('intake', () => chat.stopIntake())
        await step('scheduler', () => scheduler.stop())
        await step('background', () => background.settled())
        await step('outbox', () => outbox.stop(flushMs))
        await step('fallback', () => Promise.race([fallback.idle(), pace.sleep(2000)]))
        if (server) {
          const closed = new Promise<void>((resolve) => server!.close(() => resolve()))
          server.closeAllConnections()
          await closed
        }
        await step('console', () => console.close())
        await step('chat', () => (sim ? sim.stop() : bot.stop()))
        await step('heartbeat', () => heartbeats.remove(instanceId))
        // The logout that stopping the chat caused is recorded before the database closes.
        await step('background', () => background.settled())
        await step('database', () => db.$disconnect())
      }
      const finished = await Promise.race([steps().then(() => true), realPace.sleep(flushMs + 4000).then(() => false)])
      if (!finished) logger.warn('stop: gave up waiting; exiting anyway')
    },
  }
}

/** How often a healthy process writes its heartbeat. */
const HEARTBEAT_MS = 5000
/** How long the heartbeat row of a dead process is kept (its jobs are taken over long before). */
const DEAD_HEARTBEAT_KEPT_MS = 86_400_000

/** 暂时无法保存，请稍后再发, to whoever sent the message (@-mentioned in a group). */
function cannotSave(message: IncomingMessage): QueuedMessage {
  const inGroup = message.conversation.kind === 'group'
  return { to: message.conversation, text: reliabilityTexts.cannotSave(), ...(inGroup ? { mentionIds: [message.sender.contactId] } : {}) }
}
