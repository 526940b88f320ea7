import { request, type Server } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createSimulatorServer, listen } from '../src/chat/simulator/http-server.js'
import { Simulator } from '../src/chat/simulator/simulator.js'
import { ManualClock } from '../src/clock.js'
import { silentLogger } from '../src/logger.js'

interface Answer {
  status: number
  json: any
}

/**
 * The simulator's HTTP layer against what a stranger, a hostile web page or a clumsy script would
 * send. The world is not started: none of these requests should ever reach the bot.
 */
describe('the simulator API refuses bad and foreign requests', () => {
  let server: Server
  let port: number
  let failures = 0
  const logger = Object.assign(Object.create(silentLogger), { error: () => void failures++ })

  /** One raw HTTP request, with full control over Host, Origin and the body bytes. */
  const raw = (method: string, path: string, headers: Record<string, string> = {}, body?: Buffer | string): Promise<Answer> =>
    new Promise((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, method, path, headers: { host: `127.0.0.1:${port}`, ...headers } }, (res) => {
        const chunks: Buffer[] = []
        res.on('data', (chunk: Buffer) => chunks.push(chunk))
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8')
          resolve({ status: res.statusCode!, json: text ? JSON.parse(text) : null })
        })
      })
      req.on('error', reject)
      req.end(body)
    })
  const json = (method: string, path: string, body: string, headers: Record<string, string> = {}) =>
    raw(method, path, { 'content-type': 'application/json', ...headers }, body)

  beforeAll(async () => {
    const sim = new Simulator(new ManualClock(new Date('2026-11-27T10:00:00+08:00')), '支部助手')
    server = createSimulatorServer(sim, { isReady: () => true, logger })
    port = Number(new URL(await listen(server, '127.0.0.1', 0)).port)
  })
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

  it('GIVEN the page asked as 127.0.0.1 or localhost THEN it is served', async () => {
    expect((await raw('GET', '/api/health')).status).toBe(200)
    expect((await raw('GET', '/api/contacts', { host: `localhost:${port}` })).status).toBe(200)
    expect((await raw('POST', '/api/contacts', { 'content-type': 'application/json', origin: `http://localhost:${port}` }, '{"name":"张三"}')).status).toBe(201)
  })

  it('GIVEN a Host that is not the simulator (DNS rebinding) THEN 403 and nothing is created', async () => {
    for (const host of ['evil.example', `evil.example:${port}`, `127.0.0.1:${port + 1}`, `localhost.evil.example:${port}`]) {
      expect(await json('POST', '/api/contacts', '{"name":"李四"}', { host })).toEqual({ status: 403, json: { error: expect.stringContaining('Host') } })
    }
    expect((await raw('GET', '/', { host: 'evil.example' })).status).toBe(403)
    expect((await raw('GET', '/api/contacts')).json.contacts.map((c: { name: string }) => c.name)).not.toContain('李四')
  })

  it('GIVEN a page on another site posting (foreign Origin) THEN 403 and nothing is created', async () => {
    for (const origin of ['http://evil.example', `https://127.0.0.1:${port}`, `http://127.0.0.1:${port + 1}`, 'null']) {
      expect(await json('POST', '/api/contacts', '{"name":"王五"}', { origin })).toEqual({ status: 403, json: { error: expect.stringContaining('Origin') } })
    }
    expect((await raw('GET', '/api/contacts')).json.contacts.map((c: { name: string }) => c.name)).not.toContain('王五')
  })

  it('GIVEN malformed %-escapes in the path THEN 400 with a Chinese error, not 500', async () => {
    for (const path of ['/api/contacts/%E0%A4%A/messages', '/api/groups/%/messages', '/api/contacts/%ZZ/messages', '/api/files/%C0']) {
      expect(await raw('GET', path)).toEqual({ status: 400, json: { error: expect.stringContaining('% 转义') } })
    }
    expect(await json('POST', '/api/groups/%E4%B8/members', '{"contactId":"x"}')).toMatchObject({ status: 400 })
  })

  it('GIVEN a body that is not JSON, or JSON of the wrong shape THEN 400', async () => {
    for (const body of ['{"name":', 'name=张三', '\u0000', '{"name":"张三"}}']) {
      expect(await json('POST', '/api/contacts', body)).toEqual({ status: 400, json: { error: '请求体不是合法的 JSON' } })
    }
    for (const body of ['null', '[]', '"张三"', '{"name":42}', '{"__proto__":{"name":"x"}}', '{"constructor":{"name":"x"}}']) {
      expect(await json('POST', '/api/contacts', body)).toMatchObject({ status: 400, json: { error: expect.stringContaining('请求格式不对') } })
    }
    expect(await json('POST', '/api/groups', '{"topic":"第一党支部","memberIds":"all"}')).toMatchObject({ status: 400 })
  })

  it('GIVEN a body over 1 MB THEN 413 on the same connection (no reset), and the server still answers', async () => {
    const big = JSON.stringify({ name: 'x'.repeat(2 * 1024 * 1024) })
    expect(await json('POST', '/api/contacts', big)).toEqual({ status: 413, json: { error: expect.stringContaining('请求体太大') } })
    const tenMegabytes = Buffer.alloc(10 * 1024 * 1024, 'a')
    expect(await raw('POST', '/api/contacts', { 'content-type': 'application/json' }, tenMegabytes)).toMatchObject({ status: 413 })
    expect((await raw('GET', '/api/health')).status).toBe(200)
  })

  it('GIVEN odd requests a script might send THEN each gets a 4xx and the server logs no failure', async () => {
    const odd: Array<[string, string, string?]> = [
      ['GET', '/api/contacts/nobody/messages?after=abc'],
      ['GET', '/api/groups/__proto__/messages'],
      ['GET', '/api/contacts/constructor/messages'],
      ['POST', '/api/groups/toString/messages', '{"from":"x","text":"帮助"}'],
      ['POST', '/api/groups', '{"topic":"群","memberIds":["nobody"]}'],
      ['DELETE', '/api/contacts'],
      ['PUT', '/api/nothing'],
      ['POST', '/api/clock', '{"now":"2026-12-01T09:00:00+08:00"}'],
      ['GET', '/api/files/..%2F..%2Fetc%2Fpasswd'],
    ]
    for (const [method, path, body] of odd) {
      const answer = await raw(method, path, body ? { 'content-type': 'application/json' } : {}, body)
      expect(answer.status, `${method} ${path}`).toBeGreaterThanOrEqual(400)
      expect(answer.status, `${method} ${path}`).toBeLessThan(500)
      expect(answer.json.error, `${method} ${path}`).toMatch(/[\u4e00-\u9fff]/)
    }
    expect(failures).toBe(0)
  })
})
