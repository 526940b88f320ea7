import { createReadStream } from 'node:fs'
import { createRequire } from 'node:module'
import fastifyCookie from '@fastify/cookie'
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest, type FastifyServerOptions } from 'fastify'
import { z } from 'zod'
import { branchBarsOption, CHART_METRICS } from '../charts/charts.js'
import type { Clock } from '../clock.js'
import type { Config } from '../config.js'
import type { Db } from '../db/client.js'
import { OrgRepository, type OrgRow } from '../domain/org/org.repository.js'
import type { HeldRole } from '../domain/org/rights.js'
import { monthsOf, parsePeriod, type Period } from '../domain/report/period.js'
import { ReportRepository } from '../domain/report/report.repository.js'
import type { ReportExport } from '../domain/report/report-export.service.js'
import type { ReportFigures } from '../domain/report/report-figures.service.js'
import { consoleRoots, mayOpen, maySeeDues } from './access.js'
import { ConsoleAuth, SESSION_TTL_MS, type LinkRefusal } from './auth.js'
import { consoleTexts as t } from '../texts/console.texts.js'
import { ConsoleRepository } from './console.repository.js'
import { duesGrid, duesPage, orgPage } from './org-pages.js'
import { loginPage, overviewPage, refusalPage } from './pages.js'

export const SESSION_COOKIE = 'zhibu_console'

/** CONSOLE_* settings (src/config.ts): where the console listens and the address links point to (behind a TLS proxy: https://…). */
export type ConsoleSettings = Pick<Config, 'CONSOLE_HOST' | 'CONSOLE_PORT'> & Partial<Pick<Config, 'CONSOLE_PUBLIC_URL'>>

export interface ConsoleDeps {
  auth: ConsoleAuth
  repo: ConsoleRepository
  orgs: OrgRepository
  report: ReportFigures
  reportExport: ReportExport
  reports: ReportRepository
  clock: Clock
  timeZone: string
  /** Mark the cookie Secure (the console is reached over https through a proxy). */
  secureCookie?: boolean
}

/** The link `后台` sends: `${base}/login?t=${token}`. */
export function consoleLink(settings: ConsoleSettings, token: string): string {
  const base = settings.CONSOLE_PUBLIC_URL ?? `http://${settings.CONSOLE_HOST}:${settings.CONSOLE_PORT}`
  return `${base.replace(/\/$/, '')}/login?t=${encodeURIComponent(token)}`
}

const LINK_WORDS: Record<LinkRefusal, () => string> = { used: t.linkUsed, expired: t.linkExpired, unknown: t.linkUnknown }

interface Officer {
  contactId: string
  roles: HeldRole[]
}

/**
 * The console declares no JSON schemas. Fastify builds its validator and serializer compilers
 * (ajv, fast-json-stringify: some 0.3 s of a cold start) when the app is created unless it is
 * given factories: these load the real ones only if a schema is ever compiled.
 */
type CompilersFactory = NonNullable<NonNullable<FastifyServerOptions['schemaController']>['compilersFactory']>
type ValidatorFactory = NonNullable<CompilersFactory['buildValidator']>
type SerializerFactory = NonNullable<CompilersFactory['buildSerializer']>

function compilersOnFirstSchema(): CompilersFactory {
  const fromFastify = createRequire(createRequire(import.meta.url).resolve('fastify'))
  let validator: ValidatorFactory | undefined
  let serializer: SerializerFactory | undefined
  return {
    buildValidator: ((...args: Parameters<ValidatorFactory>) => (validator ??= fromFastify('@fastify/ajv-compiler')())(...args)) as ValidatorFactory,
    buildSerializer: ((...args: Parameters<SerializerFactory>) => (serializer ??= fromFastify('@fastify/fast-json-stringify-compiler')())(...args)) as SerializerFactory,
  }
}

/** The officers' web console (issue 16): pages rendered on the server from the same services as the chat. */
export async function createConsole(deps: ConsoleDeps): Promise<FastifyInstance> {
  const app = Fastify({ logger: false, trustProxy: true, schemaController: { compilersFactory: compilersOnFirstSchema() } })
  await app.register(fastifyCookie)
  // The one static file, served by hand: a static-files plugin would load a dozen packages for it.
  const echartsFile = createRequire(import.meta.url).resolve('echarts/dist/echarts.min.js')
  app.get('/assets/echarts.min.js', (_request, reply) =>
    reply.type('application/javascript; charset=utf-8').header('cache-control', 'public, max-age=86400').send(createReadStream(echartsFile)),
  )
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 4096 }, (_req, body, done) =>
    done(null, Object.fromEntries(new URLSearchParams(body as string))),
  )
  app.addHook('onSend', async (request, reply) => {
    // Pages hold personal data: never cached. ECharts itself may be.
    if (!request.url.startsWith('/assets/')) reply.header('cache-control', 'no-store')
    reply.header('x-frame-options', 'DENY')
    reply.header('referrer-policy', 'no-referrer')
  })

  const now = () => deps.clock.now()
  const html = (reply: FastifyReply, status: number, body: string) => reply.code(status).type('text/html; charset=utf-8').send(body)
  const refuse = (reply: FastifyReply, status: number, message: string, loggedIn = true) => html(reply, status, refusalPage(message, loggedIn))

  /** The officer behind the session cookie, or a refusal page sent. */
  async function officer(request: FastifyRequest, reply: FastifyReply): Promise<Officer | null> {
    const contactId = await deps.auth.contactOf(request.cookies[SESSION_COOKIE], now())
    if (!contactId) {
      await refuse(reply, 401, t.notLoggedIn(), false)
      return null
    }
    return { contactId, roles: await deps.orgs.activeRolesOf(contactId) }
  }

  /** The organisation in the URL with its chain, if the officer may open it (a refusal page sent otherwise). */
  async function orgFor(request: FastifyRequest, reply: FastifyReply, who: Officer): Promise<{ org: OrgRow; chain: number[] } | null> {
    const id = Number((request.params as { id: string }).id)
    const chain = Number.isSafeInteger(id) && id > 0 ? (await deps.orgs.chainUp(id)).map((o) => o.id) : []
    // An unknown id and someone else's organisation get the same answer: no hint what exists.
    if (!chain.length || !mayOpen(who.roles, chain)) {
      await refuse(reply, 403, t.notYours())
      return null
    }
    return { org: (await deps.orgs.findOrgById(id))!, chain }
  }

  const periodOf = (word: unknown): Period => (typeof word === 'string' && parsePeriod(word, now(), deps.timeZone)) || parsePeriod('本月', now(), deps.timeZone)!

  app.get('/login', async (request, reply) => {
    const token = String((request.query as { t?: string }).t ?? '')
    const refusal = await deps.auth.checkLink(token, now())
    return refusal ? refuse(reply, 403, LINK_WORDS[refusal](), false) : html(reply, 200, loginPage(token))
  })

  app.post('/login', async (request, reply) => {
    const token = String((request.body as { t?: string } | undefined)?.t ?? '')
    const result = await deps.auth.login(token, now())
    if ('refused' in result) return refuse(reply, 403, LINK_WORDS[result.refused](), false)
    reply.setCookie(SESSION_COOKIE, result.session, {
      httpOnly: true,
      sameSite: 'strict',
      secure: deps.secureCookie ?? false,
      path: '/',
      maxAge: SESSION_TTL_MS / 1000,
    })
    return reply.redirect('/', 303)
  })

  app.post('/logout', async (request, reply) => {
    const session = request.cookies[SESSION_COOKIE]
    if (session) await deps.auth.logout(session, now())
    reply.clearCookie(SESSION_COOKIE, { path: '/' })
    return refuse(reply, 200, t.notLoggedIn(), false)
  })

  app.get('/', async (request, reply) => {
    const who = await officer(request, reply)
    if (!who) return reply
    const chains = new Map<number, number[]>()
    for (const role of who.roles) chains.set(role.orgId, (await deps.orgs.chainUp(role.orgId)).map((o) => o.id))
    const roots = consoleRoots(who.roles, chains)
    if (!roots.length) return refuse(reply, 403, t.noOffice())
    const period = periodOf((request.query as { period?: string }).period)
    const tables = []
    for (const id of roots) {
      const root = (await deps.orgs.findOrgById(id))!
      const { rows, total } = await deps.report.scorecard(root, period, now())
      const chart = branchBarsOption({ title: t.chartTitle({ org: root.name, period: period.label }), rows, metrics: CHART_METRICS.统计, fontScale: 0.5 })
      tables.push({ root, rows, total, chart })
    }
    return html(reply, 200, overviewPage({ period: period.label, tables }))
  })

  app.get('/org/:id', async (request, reply) => {
    const who = await officer(request, reply)
    const target = who && (await orgFor(request, reply, who))
    if (!who || !target) return reply
    const { org, chain } = target
    const [members, meetings, activities, notices] = await Promise.all([
      deps.orgs.listMembers(org.id),
      deps.repo.meetings(org.id),
      deps.repo.activities(org.id),
      deps.repo.notices(org.id),
    ])
    const page = orgPage({ org, members, meetings, activities, notices, maySeeDues: maySeeDues(who.roles, chain), now: now(), timeZone: deps.timeZone })
    return html(reply, 200, page)
  })

  app.get('/org/:id/dues', async (request, reply) => {
    const who = await officer(request, reply)
    const target = who && (await orgFor(request, reply, who))
    if (!who || !target) return reply
    if (!maySeeDues(who.roles, target.chain)) return refuse(reply, 403, t.duesRefused())
    const year = periodOf('本年')
    const current = monthsOf(periodOf('本月'), deps.timeZone)[0]!
    const months = monthsOf(year, deps.timeZone).filter((m) => m <= current)
    const [members, assessments, payments] = await Promise.all([
      deps.reports.members([target.org.id]),
      deps.reports.assessments([target.org.id]),
      deps.reports.paymentsByMemberMonth([target.org.id], months),
    ])
    return html(reply, 200, duesPage({ org: target.org, year: year.label, months, grid: duesGrid(members, assessments, payments, months) }))
  })

  app.get('/org/:id/export', async (request, reply) => {
    const who = await officer(request, reply)
    const target = who && (await orgFor(request, reply, who))
    if (!who || !target) return reply
    const query = request.query as { kind?: string; period?: string; ref?: string }
    const scope = (await deps.report.scope(target.org)).map((o) => o.id)
    const ref = Number(query.ref)
    let file: { name: string; base64: string }
    try {
      if (query.kind === '考勤') file = await deps.reportExport.attendance(target.org, periodOf(query.period), now())
      else if (query.kind === '党费') {
        if (!maySeeDues(who.roles, target.chain)) return refuse(reply, 403, t.duesRefused())
        file = await deps.reportExport.dues(target.org, periodOf(query.period), now())
      } else if (query.kind === '会议' && Number.isSafeInteger(ref)) file = await deps.reportExport.meeting(scope, ref)
      else if (query.kind === '活动' && Number.isSafeInteger(ref)) file = await deps.reportExport.activity(scope, ref)
      else return refuse(reply, 404, t.notFound())
    } catch {
      // A meeting or activity outside the organisation's scope: the service refuses it.
      return refuse(reply, 404, t.notFound())
    }
    return reply
      .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', `attachment; filename="export.xlsx"; filename*=UTF-8''${encodeURIComponent(file.name)}`)
      .send(Buffer.from(file.base64, 'base64'))
  })

  app.setNotFoundHandler((_request, reply) => refuse(reply, 404, t.notFound(), false))
  return app
}

/** Starts the console on CONSOLE_HOST:CONSOLE_PORT (127.0.0.1 by default: put a TLS proxy in front to reach it from phones). */
export async function startConsole(deps: ConsoleDeps, settings: ConsoleSettings): Promise<{ app: FastifyInstance; url: string }> {
  const app = await createConsole(deps)
  const url = await app.listen({ host: settings.CONSOLE_HOST, port: settings.CONSOLE_PORT })
  return { app, url }
}

/** Everything the console needs, built from the process's database handle and services (for src/zhibu.ts). */
export function consoleDeps(input: { db: Db; services: { report: ReportFigures; reportExport: ReportExport }; clock: Clock; timeZone: string; settings: ConsoleSettings }): ConsoleDeps {
  const repo = new ConsoleRepository(input.db)
  return {
    auth: new ConsoleAuth(repo),
    repo,
    orgs: new OrgRepository(input.db),
    report: input.services.report,
    reportExport: input.services.reportExport,
    reports: new ReportRepository(input.db),
    clock: input.clock,
    timeZone: input.timeZone,
    secureCookie: input.settings.CONSOLE_PUBLIC_URL?.startsWith('https://') ?? false,
  }
}
