import { randomBytes } from 'node:crypto'
import type { Server } from 'node:http'
import type { Logger } from 'pino'
import type { Clock } from '../../clock.js'
import { createSimulatorServer, listen } from './http-server.js'
import { Simulator } from './simulator.js'

/** One simulated bot account served over the real puppet-service protocol (gRPC). */
export interface HostedAccount {
  sim: Simulator
  /** `127.0.0.1:<port>`: WECHATY_PUPPET_SERVICE_ENDPOINT for the bot process. */
  endpoint: string
  /** WECHATY_PUPPET_SERVICE_TOKEN for the bot process (`insecure_…`: no TLS, on 127.0.0.1 only). */
  token: string
  /** The simulator's page and JSON API for this account's world. */
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
  /** Simulator page port of the first account (0 = any free port); the others follow. */
  httpPort: number
  /** gRPC port of the first account (0 = any free port); the others follow. */
  grpcPort: number
  /** State file of the first account; the others get `-2`, `-3`… before `.json`. */
  statePath: string
  clock: Clock
  logger: Logger
}

export interface PuppetHost {
  accounts: HostedAccount[]
  stop(): Promise<void>
}

/**
 * The simulator as its own process, as a paid protocol is offered: each account's puppet-mock
 * world is served by wechaty-puppet-service's PuppetServer, so the bot connects exactly as in
 * production (WECHATY_PUPPET=wechaty-puppet-service). TLS is off and tokens start with
 * `insecure_`, which the protocol requires for plain connections; it listens on 127.0.0.1.
 */
export async function startPuppetHost(options: PuppetHostOptions): Promise<PuppetHost> {
  const PuppetServer = await loadPuppetServer()
  const accounts: HostedAccount[] = []
  const servers: PuppetServerLike[] = []
  const pages: Server[] = []
  for (let index = 0; index < options.accounts; index++) {
    const statePath = index === 0 ? options.statePath : options.statePath.replace(/(\.json)?$/, `-${index + 1}.json`)
    const name = options.accounts === 1 ? options.botName : `${options.botName}${index + 1}`
    const sim = new Simulator(options.clock, name, statePath)
    // The puppet is started here, not through a local Wechaty: the bot process drives it over gRPC.
    await sim.puppet.start()
    sim.mocker.login(sim.mocker.ContactMock.load(sim.botContact.id))
    const port = options.grpcPort === 0 ? await freePort(options.host) : options.grpcPort + index
    const endpoint = `${options.host}:${port}`
    const token = `insecure_zhibu_sim_${randomBytes(8).toString('hex')}`
    const server = new PuppetServer({ endpoint, token, puppet: sim.puppet, tls: { disable: true } })
    await server.start()
    servers.push(server)
    const page = createSimulatorServer(sim, { isReady: () => true, logger: options.logger })
    const url = await listen(page, options.host, options.httpPort === 0 ? 0 : options.httpPort + index)
    pages.push(page)
    accounts.push({ sim, endpoint, token, url })
  }
  return {
    accounts,
    stop: async () => {
      for (const page of pages) {
        const closed = new Promise<void>((resolve) => page.close(() => resolve()))
        page.closeAllConnections()
        await closed
      }
      for (const server of servers) await server.stop()
      for (const account of accounts) await account.sim.puppet.stop()
    },
  }
}

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
