import { connect, createServer, type Server, type Socket } from 'node:net'

/**
 * A TCP proxy in front of a server (PostgreSQL) that a test can cut as a restart does: every open
 * connection dropped, and connections refused until `restore()`, on the same port.
 */
export class TcpProxy {
  #server: Server | null = null
  readonly #sockets = new Set<Socket>()
  port = 0
  /** Connections dropped by `cut()` so far. */
  dropped = 0

  constructor(
    private readonly target: { host: string; port: number },
  ) {}

  async start(port = 0): Promise<number> {
    const server = createServer((client) => {
      const upstream = connect(this.target.port, this.target.host)
      for (const [from, to] of [[client, upstream], [upstream, client]] as const) {
        this.#sockets.add(from)
        from.on('error', () => to.destroy())
        from.on('close', () => {
          this.#sockets.delete(from)
          to.destroy()
        })
        from.pipe(to)
      }
    })
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject)
      server.listen(port, '127.0.0.1', () => resolve())
    })
    this.#server = server
    this.port = (server.address() as { port: number }).port
    return this.port
  }

  /** The server goes away: open connections are reset and new ones refused. */
  async cut(): Promise<void> {
    const server = this.#server
    this.#server = null
    const closed = server ? new Promise<void>((resolve) => server.close(() => resolve())) : Promise.resolve()
    this.dropped += this.#sockets.size / 2
    for (const socket of this.#sockets) socket.destroy()
    await closed
  }

  /** The server is back on the same port. */
  async restore(): Promise<void> {
    await this.start(this.port)
  }

  async stop(): Promise<void> {
    await this.cut()
  }
}
