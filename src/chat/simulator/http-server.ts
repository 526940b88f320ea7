import { readFileSync } from 'node:fs'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Logger } from 'pino'
import { z } from 'zod'
import { SimulatorError, type SimContent, type SimMessage, type Simulator } from './simulator.js'
import { simulatorTexts } from '../../texts/simulator.texts.js'

const MAX_BODY_BYTES = 1024 * 1024
/** A message may carry a file: room for a 10 MB document in base64, so the bot's own size limit can be tried. */
const MAX_MESSAGE_BODY_BYTES = 16 * 1024 * 1024
/** The page, its style and its script: plain files, no build step. */
const assets = new Map<string, { body: Buffer; type: string }>(
  (
    [
      ['/', 'page.html', 'text/html'],
      ['/index.html', 'page.html', 'text/html'],
      ['/page.css', 'page.css', 'text/css'],
      ['/page.js', 'page.js', 'text/javascript'],
      ['/compose.js', 'compose.js', 'text/javascript'],
      ['/accounts.js', 'accounts.js', 'text/javascript'],
    ] as const
  ).map(([path, file, type]) => [path, { body: readFileSync(new URL(`./${file}`, import.meta.url)), type: `${type}; charset=utf-8` }]),
)

const ContactBody = z.object({ name: z.string().trim().min(1).max(40) })
const AccountNumber = z.number().int().min(1).max(20)
const GroupBody = z.object({
  topic: z.string().trim().min(1).max(60),
  memberIds: z.array(z.string().min(1)).max(500).default([]),
  /** The bot accounts in the group (numbers); the first when left out. */
  accounts: z.array(AccountNumber).max(20).optional(),
})
const AccountBody = z.object({ account: AccountNumber })
const MemberBody = z.object({ contactId: z.string().min(1), alias: z.string().trim().min(1).max(40).optional() })
const FileBody = z.object({
  name: z.string().trim().min(1).max(200).refine((name) => !/[\\/\u0000]/.test(name), simulatorTexts.fileNameHasPath()),
  base64: z.string().min(1).regex(/^[A-Za-z0-9+/]+={0,2}$/, simulatorTexts.badBase64()),
})
/** Words or a file, not both: a WeChat message is one or the other. */
const MessageContent = z
  .object({ text: z.string().min(1).max(100_000).optional(), file: FileBody.optional() })
  .refine((body) => (body.text === undefined) !== (body.file === undefined), simulatorTexts.textOrFile())
const AliasBody = z.object({ alias: z.string().trim().max(40) })
const GroupMessageBody = MessageContent.and(z.object({ from: z.string().min(1) }))
/** A private message goes to one bot account: the first when left out. */
const PrivateMessageBody = MessageContent.and(z.object({ account: AccountNumber.default(1) }))
const ClockBody = z.object({ now: z.iso.datetime({ offset: true }) })

type Handler = (params: string[], body: unknown, query: URLSearchParams, res: ServerResponse) => Promise<[number, unknown?]> | [number, unknown?]

/**
 * The simulator's JSON API and web page (README「模拟器接口」). `isReady` says whether the whole bot
 * (not only Wechaty) is ready, for /api/health.
 */
export function createSimulatorServer(
  sim: Simulator,
  options: {
    isReady: () => boolean
    /** Why the bot cannot work right now (the database refuses writes), or null. */
    unhealthy?: () => string | null
    logger: Logger
    /** Only with SIM_CLOCK=manual: moves the bot's clock and resolves once every job due by then has run. */
    setClock?: (now: Date) => Promise<void>
  },
): Server {
  const routes: Array<[method: string, pattern: RegExp, handler: Handler, maxBodyBytes?: number]> = [
    ['GET', /^\/api\/health$/, () => {
      const reason = options.unhealthy?.()
      return reason ? [503, { ok: false, reason }] : options.isReady() ? [200, { ok: true }] : [503, { ok: false }]
    }],
    ['GET', /^\/api\/files\/([^/]+)$/, async ([id], _, __, res) => (await sendFile(res, id!), [200])],
    ['GET', /^\/api\/accounts$/, () => [200, { accounts: sim.accounts.map((a) => ({ number: a.number, ...a.contact })) }]],
    ['GET', /^\/api\/contacts$/, () => [200, { contacts: sim.contacts() }]],
    ['POST', /^\/api\/contacts$/, (_, body) => [201, sim.createContact(ContactBody.parse(body).name)]],
    ['GET', /^\/api\/groups$/, () => [200, { groups: sim.groups() }]],
    [
      'POST',
      /^\/api\/groups$/,
      (_, body) => {
        const { topic, memberIds, accounts } = GroupBody.parse(body)
        const group = sim.createGroup(topic, memberIds, accounts)
        return [201, { id: group.id, topic: group.topic, accounts: group.accounts }]
      },
    ],
    ['POST', /^\/api\/groups\/([^/]+)\/accounts$/, ([roomId], body) => (sim.addAccount(roomId!, AccountBody.parse(body).account), [204])],
    ['DELETE', /^\/api\/groups\/([^/]+)\/accounts\/(\d+)$/, ([roomId, number]) => (sim.removeAccount(roomId!, Number(number)), [204])],
    [
      'POST',
      /^\/api\/groups\/([^/]+)\/members$/,
      ([roomId], body) => {
        const { contactId, alias } = MemberBody.parse(body)
        sim.addMember(roomId!, contactId, alias)
        return [204]
      },
    ],
    [
      'PUT',
      /^\/api\/groups\/([^/]+)\/members\/([^/]+)$/,
      ([roomId, contactId], body) => {
        const group = sim.group(roomId!)
        if (!group.memberIds.includes(contactId!)) throw new SimulatorError(404, simulatorTexts.notInGroup())
        sim.setAlias(roomId!, contactId!, AliasBody.parse(body).alias)
        return [204]
      },
    ],
    [
      'POST',
      /^\/api\/groups\/([^/]+)\/messages$/,
      ([roomId], body) => {
        const message = GroupMessageBody.parse(body)
        return [202, { id: sim.sayInGroup(roomId!, message.from, content(message)) }]
      },
      MAX_MESSAGE_BODY_BYTES,
    ],
    ['GET', /^\/api\/groups\/([^/]+)\/messages$/, ([roomId], _, query) => (sim.group(roomId!), [200, history(sim, roomId!, after(query))])],
    [
      'POST',
      /^\/api\/contacts\/([^/]+)\/messages$/,
      ([contactId], body) => {
        const message = PrivateMessageBody.parse(body)
        return [202, { id: sim.sayPrivately(contactId!, content(message), message.account) }]
      },
      MAX_MESSAGE_BODY_BYTES,
    ],
    [
      'GET',
      /^\/api\/contacts\/([^/]+)\/messages$/,
      ([contactId], _, query) => (sim.contact(contactId!), [200, history(sim, contactId!, after(query))]),
    ],
    [
      'POST',
      /^\/api\/clock$/,
      async (_, body) => {
        if (!options.setClock) throw new SimulatorError(404, simulatorTexts.noManualClock())
        const now = new Date(ClockBody.parse(body).now)
        await options.setClock(now)
        return [200, { now: now.toISOString() }]
      },
    ],
  ]

  const server = createServer((req, res) => {
    serve(req, res).catch((err) => {
      options.logger.error({ err, method: req.method }, 'simulator request failed')
      if (!res.headersSent) sendJson(res, 500, { error: simulatorTexts.internal() })
    })
  })
  return server

  async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const refusal = refuseForeign(req)
    if (refusal) {
      req.resume()
      sendJson(res, 403, { error: refusal })
      return
    }
    const target = parseTarget(req.url)
    if (!target) {
      req.resume()
      sendJson(res, 400, { error: simulatorTexts.badPath() })
      return
    }
    const { pathname, query } = target
    const asset = req.method === 'GET' ? assets.get(pathname) : undefined
    if (asset) {
      res.writeHead(200, { 'content-type': asset.type, 'cache-control': 'no-cache' }).end(asset.body)
      return
    }
    const route = routes.find(([method, pattern]) => method === req.method && pattern.test(pathname))
    if (!route) {
      req.resume()
      const known = routes.some(([, pattern]) => pattern.test(pathname))
      sendJson(res, known ? 405 : 404, { error: known ? simulatorTexts.badMethod() : simulatorTexts.noSuchApi() })
      return
    }
    try {
      const params = route[1].exec(pathname)!.slice(1).map(decodeParam)
      const body = req.method === 'GET' ? (req.resume(), undefined) : await readJson(req, route[3] ?? MAX_BODY_BYTES)
      const [status, payload] = await route[2](params, body, query, res)
      if (res.headersSent) return
      if (payload === undefined) res.writeHead(status).end()
      else sendJson(res, status, payload)
    } catch (error) {
      if (error instanceof SimulatorError) sendJson(res, error.status, { error: error.message })
      else if (error instanceof z.ZodError) sendJson(res, 400, { error: simulatorTexts.badRequest({ detail: error.issues.map((i) => i.path.join('.') || i.message).join(', ') }) })
      else if (error instanceof BadRequest) sendJson(res, error.status, { error: error.message })
      else throw error
    }
  }

  /**
   * A page on another site (or a DNS name rebound to 127.0.0.1) must not drive the simulator:
   * only the addresses it listens on are accepted as Host, and a browser's Origin must be one of them.
   */
  function refuseForeign(req: IncomingMessage): string | null {
    const address = server.address()
    const port = address && typeof address === 'object' ? address.port : 0
    const hosts = new Set(
      ['localhost', '127.0.0.1', '[::1]', bracket(req.socket.localAddress ?? ''), bracket(address && typeof address === 'object' ? address.address : '')].flatMap(
        (host) => (port === 80 ? [`${host}:${port}`, host] : [`${host}:${port}`]),
      ),
    )
    const host = req.headers.host?.toLowerCase()
    if (!host || !hosts.has(host)) return simulatorTexts.foreignHost()
    const origin = req.headers.origin
    if (origin !== undefined && !hosts.has(origin.toLowerCase().replace(/^http:\/\//, ''))) return '不接受其他网站发来的请求（Origin 不符）'
    return null
  }

  async function sendFile(res: ServerResponse, id: string): Promise<void> {
    const file = await sim.file(id)
    res
      .writeHead(200, {
        'content-type': file.mediaType,
        'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(file.name)}`,
        'content-length': file.data.length,
      })
      .end(file.data)
  }
}

/** Starts listening; resolves with the base URL. Port 0 picks a free port. */
export function listen(server: Server, host: string, port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, host, () => {
      const address = server.address() as AddressInfo
      resolve(`http://${host}:${address.port}`)
    })
  })
}

/** A request the simulator cannot read: answered with its status and message, never a 500. */
class BadRequest extends Error {
  constructor(
    readonly status: 400 | 413,
    message: string,
  ) {
    super(message)
  }
}

/** The path and query of a request target; null when it is not an origin-form path. */
function parseTarget(target: string | undefined): { pathname: string; query: URLSearchParams } | null {
  if (!target?.startsWith('/')) return null
  const mark = target.indexOf('?')
  return mark < 0 ? { pathname: target, query: new URLSearchParams() } : { pathname: target.slice(0, mark), query: new URLSearchParams(target.slice(mark + 1)) }
}

function decodeParam(param: string): string {
  try {
    return decodeURIComponent(param)
  } catch {
    throw new BadRequest(400, simulatorTexts.badEscape())
  }
}

function bracket(address: string): string {
  return address.includes(':') ? `[${address}]` : address
}

function content(message: { text?: string | undefined; file?: { name: string; base64: string } | undefined }): SimContent {
  return message.file ? { file: message.file } : message.text!
}

/**
 * A conversation's messages after `after`. Memory holds the newest few thousand of the world:
 * when some asked for are older, the answer says so (`truncated`) and where they all are
 * (`logFile`, when the world has one), rather than leave a silent gap.
 */
function history(sim: Simulator, conversationId: string, after: number): { messages: SimMessage[]; truncated?: true; logFile?: string } {
  const messages = sim.messages(conversationId, after)
  if (!sim.forgotSome(conversationId, after)) return { messages }
  return { messages, truncated: true, ...(sim.logFile ? { logFile: sim.logFile } : {}) }
}

function after(query: URLSearchParams): number {
  const value = Number(query.get('after') ?? 0)
  return Number.isFinite(value) ? value : 0
}

function sendJson(res: ServerResponse, status: number, payload: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(payload))
}

/**
 * Reads a JSON body of at most `maxBytes`. A larger body is read to its end and thrown away
 * before the 413, so the client gets the answer instead of a reset connection.
 */
async function readJson(req: IncomingMessage, maxBytes: number): Promise<unknown> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req) {
    size += (chunk as Buffer).length
    if (size <= maxBytes) chunks.push(chunk as Buffer)
  }
  if (size > maxBytes) throw new BadRequest(413, simulatorTexts.tooLarge({ megabytes: maxBytes / 1024 / 1024 }))
  if (size === 0) return {}
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'))
  } catch {
    throw new BadRequest(400, simulatorTexts.badJson())
  }
}
