import { readFileSync } from 'node:fs'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Logger } from 'pino'
import { z } from 'zod'
import { SimulatorError, type Simulator } from './simulator.js'

const MAX_BODY_BYTES = 1024 * 1024
const page = readFileSync(new URL('./page.html', import.meta.url))

const ContactBody = z.object({ name: z.string().trim().min(1).max(40) })
const GroupBody = z.object({ topic: z.string().trim().min(1).max(60), memberIds: z.array(z.string().min(1)).max(500).default([]) })
const MemberBody = z.object({ contactId: z.string().min(1), alias: z.string().trim().min(1).max(40).optional() })
const GroupMessageBody = z.object({ from: z.string().min(1), text: z.string().min(1).max(100_000) })
const PrivateMessageBody = z.object({ text: z.string().min(1).max(100_000) })
const ClockBody = z.object({ now: z.iso.datetime({ offset: true }) })

type Handler = (params: string[], body: unknown, query: URLSearchParams) => Promise<[number, unknown?]> | [number, unknown?]

/**
 * The simulator's JSON API and web page (design.md §4). `isReady` says whether the whole bot
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
  const routes: Array<[method: string, pattern: RegExp, handler: Handler]> = [
    ['GET', /^\/api\/health$/, () => {
      const reason = options.unhealthy?.()
      return reason ? [503, { ok: false, reason }] : options.isReady() ? [200, { ok: true }] : [503, { ok: false }]
    }],
    ['GET', /^\/api\/contacts$/, () => [200, { contacts: sim.contacts() }]],
    ['POST', /^\/api\/contacts$/, (_, body) => [201, sim.createContact(ContactBody.parse(body).name)]],
    ['GET', /^\/api\/groups$/, () => [200, { groups: sim.groups() }]],
    [
      'POST',
      /^\/api\/groups$/,
      (_, body) => {
        const { topic, memberIds } = GroupBody.parse(body)
        const group = sim.createGroup(topic, memberIds)
        return [201, { id: group.id, topic: group.topic }]
      },
    ],
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
      'POST',
      /^\/api\/groups\/([^/]+)\/messages$/,
      ([roomId], body) => {
        const { from, text } = GroupMessageBody.parse(body)
        return [202, { id: sim.sayInGroup(roomId!, from, text) }]
      },
    ],
    ['GET', /^\/api\/groups\/([^/]+)\/messages$/, ([roomId], _, query) => (sim.group(roomId!), [200, { messages: sim.messages(roomId!, after(query)) }])],
    [
      'POST',
      /^\/api\/contacts\/([^/]+)\/messages$/,
      ([contactId], body) => [202, { id: sim.sayPrivately(contactId!, PrivateMessageBody.parse(body).text) }],
    ],
    [
      'GET',
      /^\/api\/contacts\/([^/]+)\/messages$/,
      ([contactId], _, query) => (sim.contact(contactId!), [200, { messages: sim.messages(contactId!, after(query)) }]),
    ],
    [
      'POST',
      /^\/api\/clock$/,
      async (_, body) => {
        if (!options.setClock) throw new SimulatorError(404, '未启用手动时钟：请以 SIM_CLOCK=manual 启动')
        const now = new Date(ClockBody.parse(body).now)
        await options.setClock(now)
        return [200, { now: now.toISOString() }]
      },
    ],
  ]

  return createServer((req, res) => {
    serve(req, res).catch((err) => {
      options.logger.error({ err, url: req.url }, 'simulator request failed')
      if (!res.headersSent) sendJson(res, 500, { error: '模拟器内部错误' })
    })
  })

  async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost')
    if (req.method === 'GET' && (url.pathname === '/' || url.pathname === '/index.html')) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page)
      return
    }
    const fileMatch = /^\/api\/files\/([^/]+)$/.exec(url.pathname)
    if (req.method === 'GET' && fileMatch) {
      await sendFile(res, decodeURIComponent(fileMatch[1]!))
      return
    }
    const route = routes.find(([method, pattern]) => method === req.method && pattern.test(url.pathname))
    if (!route) {
      const known = routes.some(([, pattern]) => pattern.test(url.pathname))
      sendJson(res, known ? 405 : 404, { error: known ? '不支持该请求方法' : '没有这个接口' })
      return
    }
    const params = route[1].exec(url.pathname)!.slice(1).map((p) => decodeURIComponent(p))
    try {
      const body = req.method === 'POST' ? await readJson(req) : undefined
      const [status, payload] = await route[2](params, body, url.searchParams)
      if (payload === undefined) res.writeHead(status).end()
      else sendJson(res, status, payload)
    } catch (error) {
      if (error instanceof SimulatorError) sendJson(res, error.status, { error: error.message })
      else if (error instanceof z.ZodError) sendJson(res, 400, { error: `请求格式不对：${error.issues.map((i) => i.path.join('.') || i.message).join('，')}` })
      else if (error instanceof BadBody) sendJson(res, 400, { error: error.message })
      else throw error
    }
  }

  async function sendFile(res: ServerResponse, id: string): Promise<void> {
    try {
      const file = await sim.file(id)
      res
        .writeHead(200, {
          'content-type': file.mediaType,
          'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(file.name)}`,
          'content-length': file.data.length,
        })
        .end(file.data)
    } catch (error) {
      if (error instanceof SimulatorError) sendJson(res, error.status, { error: error.message })
      else throw error
    }
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

class BadBody extends Error {}

function after(query: URLSearchParams): number {
  const value = Number(query.get('after') ?? 0)
  return Number.isFinite(value) ? value : 0
}

function sendJson(res: ServerResponse, status: number, payload: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(payload))
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req) {
    size += (chunk as Buffer).length
    if (size > MAX_BODY_BYTES) throw new BadBody('请求体太大')
    chunks.push(chunk as Buffer)
  }
  if (size === 0) return {}
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'))
  } catch {
    throw new BadBody('请求体不是合法的 JSON')
  }
}
