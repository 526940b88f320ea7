import { randomBytes } from 'node:crypto'
import type { Logger } from 'pino'
import type { Clock } from '../../clock.js'
import { createSimulatorServer, listen } from './http-server.js'
import { Simulator } from './simulator.js'

/** One simulated bot account served over the real puppet-service protocol (gRPC). */
export interface HostedAccount {
  /** The one world every account lives in (the same object for all accounts). */
  sim: Simulator
  /** 1, 2, …: as the page and the JSON API name the account. */
  number: number
  /** The account's WeChat name (支部助手1 …) and contact id. */
  name: string
  id: string
  /** `127.0.0.1:<port>`: WECHATY_PUPPET_SERVICE_ENDPOINT for the bot process. */
  endpoint: string
  /** WECHATY_PUPPET_SERVICE_TOKEN for the bot process (`insecure_…`: no TLS, on 127.0.0.1 only). */
  token: string
  /** The simulator's page and JSON API (one for the whole world). */
  url: string
}

/** The part of wechaty-puppet-service's PuppetServer used here. */
interface PuppetServerLike {
  start(): Promise<void>
  stop(): Promise<void>
}
type PuppetServerClass = new (options: { endpoint: string; token: string; puppet: unknown; tls: { disable: boolean } }) => PuppetServerLike

/**
 * Loaded by a name TypeScript does not follow: the package's types pull in wechaty-grpc, whose
 * declarations change `util.promisify`'s type for the whole program.
 */
async function loadPuppetServer(): Promise<PuppetServerClass> {
  const name: string = 'wechaty-puppet-service'
  return ((await import(name)) as { PuppetServer: PuppetServerClass }).PuppetServer
}

export interface PuppetHostOptions {
  accounts: number
  botName: string
  host: string
  /** Simulator page port (0 = any free port). */
  httpPort: number
  /** gRPC port of the first account (0 = any free port); the others follow. */
  grpcPort: number
  /** Where the world (people, groups, accounts, messages) is kept between runs. */
  statePath: string
  clock: Clock
  logger: Logger
}

export interface PuppetHost {
  sim: Simulator
  url: string
  accounts: HostedAccount[]
  stop(): Promise<void>
}

/**
 * The simulator as its own process, as a paid protocol is offered: one world of people and
 * groups, each bot account's puppet-mock served by wechaty-puppet-service's PuppetServer on its
 * own port with its own token, so each bot connects exactly as in production
 * (WECHATY_PUPPET=wechaty-puppet-service). TLS is off and tokens start with `insecure_`, which the
 * protocol requires for plain connections; it listens on 127.0.0.1.
 */
export async function startPuppetHost(options: PuppetHostOptions): Promise<PuppetHost> {
  const PuppetServer = await loadPuppetServer()
  const sim = new Simulator(options.clock, options.botName, options.statePath, options.accounts)
  const page = createSimulatorServer(sim, { isReady: () => true, logger: options.logger })
  const url = await listen(page, options.host, options.httpPort)
  const accounts: HostedAccount[] = []
  const servers: PuppetServerLike[] = []
  for (const account of sim.accounts) {
    // The puppet is started here, not through a local Wechaty: the bot process drives it over gRPC.
    await account.puppet.start()
    account.login()
    const port = options.grpcPort === 0 ? await freePort(options.host) : options.grpcPort + account.number - 1
    const endpoint = `${options.host}:${port}`
    const token = `insecure_zhibu_sim_${randomBytes(8).toString('hex')}`
    const server = new PuppetServer({ endpoint, token, puppet: account.puppet, tls: { disable: true } })
    await server.start()
    servers.push(server)
    accounts.push({ sim, number: account.number, ...account.contact, endpoint, token, url })
  }
  // A protocol service sends heartbeats; the bot's watchdog resets the connection after 60 s without any event.
  const beating = setInterval(() => {
    for (const account of sim.accounts) account.puppet.emit('heartbeat', { data: 'zhibu simulator' })
  }, HEARTBEAT_MS)
  beating.unref()
  return {
    sim,
    url,
    accounts,
    stop: async () => {
      clearInterval(beating)
      const closed = new Promise<void>((resolve) => page.close(() => resolve()))
      page.closeAllConnections()
      await closed
      for (const server of servers) await server.stop()
      for (const account of sim.accounts) await account.puppet.stop()
    },
  }
}
const HEARTBEAT_MS = 15_000

/** A port nobody listens on now (PuppetServer needs a number up front). */
async function freePort(host: string): Promise<number> {
  const { createServer } = await import('node:net')
  return new Promise((resolve, reject) => {
    const probe = createServer()
    probe.once('error', reject)
    probe.listen(0, host, () => {
      const { port } = probe.address() as { port: number }
      probe.close(() => resolve(port))
    })
  })
}
