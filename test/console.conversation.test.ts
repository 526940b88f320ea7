import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SESSION_COOKIE } from '../src/console/console.js'
import type { Person } from './support/conversation.js'
import { seedStreet } from './support/console-street.js'

describe('the officers’ console', () => {
  let street: Awaited<ReturnType<typeof seedStreet>>
  beforeAll(async () => {
    street = await seedStreet()
  })
  afterAll(() => street.close())

  /** The person sends `后台` privately, opens the link and confirms. The session cookie. */
  async function logIn(who: Person): Promise<string> {
    const [reply] = await street.bench.dm(who, '后台')
    const token = decodeURIComponent(/\/login\?t=(\S+)/.exec(reply ?? '')?.[1] ?? '')
    expect(token, reply).not.toBe('')
    const page = await street.app.inject({ method: 'GET', url: `/login?t=${token}` })
    expect(page.statusCode).toBe(200)
    expect(page.body).toContain('进入后台')
    const login = await street.app.inject({ method: 'POST', url: '/login', payload: `t=${token}`, headers: { 'content-type': 'application/x-www-form-urlencoded' } })
    expect(login.statusCode).toBe(303)
    return login.cookies.find((c) => c.name === SESSION_COOKIE)!.value
  }
  const get = (url: string, session?: string) => street.app.inject({ method: 'GET', url, ...(session ? { cookies: { [SESSION_COOKIE]: session } } : {}) })
  const post = (token: string) => street.app.inject({ method: 'POST', url: '/login', payload: `t=${token}`, headers: { 'content-type': 'application/x-www-form-urlencoded' } })

  it('opens with a one-time link: an HttpOnly, SameSite=Strict cookie for 8 hours', async () => {
    const token = await street.auth.issueLink(street.people.streetSecretary.contactId, street.bench.clock.now())
    // Fetching the link (as a link preview would) does not use it up.
    expect((await get(`/login?t=${token}`)).statusCode).toBe(200)
    const login = await post(token)
    expect(login.statusCode).toBe(303)
    expect(login.headers.location).toBe('/')
    const cookie = login.cookies.find((c) => c.name === SESSION_COOKIE)!
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/', maxAge: 8 * 3600 })
    const again = await post(token)
    expect(again.statusCode).toBe(403)
    expect(again.body).toContain('这个链接已经用过了')
    expect(again.cookies).toEqual([])
    expect((await get(`/login?t=${token}`)).body).toContain('已经用过了')
  })

  it('refuses a link after 10 minutes', async () => {
    const token = await street.auth.issueLink(street.people.streetSecretary.contactId, street.bench.clock.now())
    street.bench.clock.set(new Date(street.bench.clock.now().getTime() + 10 * 60_000 + 1000))
    const late = await post(token)
    expect(late.statusCode).toBe(403)
    expect(late.body).toContain('这个链接已过期')
    expect(late.cookies).toEqual([])
  })

  it('shows the street secretary every branch with its 三会一课 status and rates', async () => {
    const session = await logIn(street.people.streetSecretary)
    const page = await get('/', session)
    expect(page.statusCode).toBe(200)
    const row = (id: number) => new RegExp(`<tr data-org="${id}">(.*?)</tr>`).exec(page.body)![1]!
    const first = row(street.orgIds.first)
    expect(first).toContain('外滩第一党支部')
    // 3 members, 1 党课 held (2 of 3 present), the one member assessed paid.
    expect(first).toMatch(/<td>3<\/td>/)
    expect(first).toContain('已开 1｜')
    expect(first).toContain('<td>67%</td>')
    expect(first).toContain('<td>100%</td>')
    expect(row(street.orgIds.second)).toContain('data-state="overdue"')
    expect(page.body).toContain('/assets/echarts.min.js')
    const script = await get('/assets/echarts.min.js')
    expect(script.statusCode).toBe(200)
    expect(script.body.length).toBeGreaterThan(100_000)
  })

  it('refuses a forged or missing cookie, and shows no data', async () => {
    for (const session of ['forged-cookie-value', undefined]) {
      const page = await get(`/org/${street.orgIds.first}`, session)
      expect(page.statusCode).toBe(401)
      expect(page.body).toContain('请先登录')
      expect(page.body).not.toContain('张三')
    }
  })

  it('refuses a branch secretary the sibling branch, its dues and its exports', async () => {
    const session = await logIn(street.people.first)
    expect((await get(`/org/${street.orgIds.first}`, session)).body).toContain('张三')
    for (const url of [`/org/${street.orgIds.second}`, `/org/${street.orgIds.second}/dues`, `/org/${street.orgIds.second}/export?kind=考勤&period=本月`, `/org/${street.orgIds.street}`]) {
      const page = await get(encodeURI(url), session)
      expect(page.statusCode).toBe(403)
      expect(page.body).toContain('不是你任职的组织')
      expect(page.body).not.toContain('王五')
    }
    const overview = await get('/', session)
    expect(overview.body).toContain('外滩第一党支部')
    expect(overview.body).not.toContain('外滩第二党支部')
  })

  it('shows dues per member to the branch secretary, and hides them from the 宣传委员', async () => {
    const secretary = await logIn(street.people.first)
    const dues = await get(`/org/${street.orgIds.first}/dues`, secretary)
    expect(dues.statusCode).toBe(200)
    expect(dues.body).toMatch(/张三<\/td>.*50\.00 \/ 50\.00/)

    const publicity = await logIn(street.people.publicity)
    const org = await get(`/org/${street.orgIds.first}`, publicity)
    expect(org.statusCode).toBe(200)
    expect(org.body).toContain('学习党章')
    expect(org.body).not.toContain('党费明细')
    expect(org.body).not.toContain('kind=%E5%85%9A%E8%B4%B9')
    expect((await get(`/org/${street.orgIds.first}/dues`, publicity)).statusCode).toBe(403)
    const exported = await get(encodeURI(`/org/${street.orgIds.first}/export?kind=党费&period=本月`), publicity)
    expect(exported.statusCode).toBe(403)
    expect(exported.headers['content-type']).toContain('text/html')
  })

  it('downloads the attendance export as an xlsx named in Chinese', async () => {
    const session = await logIn(street.people.streetSecretary)
    const file = await get(encodeURI(`/org/${street.orgIds.first}/export?kind=考勤&period=本月`), session)
    expect(file.statusCode).toBe(200)
    expect(file.headers['content-disposition']).toContain(encodeURIComponent('外滩第一党支部-考勤-2026年11月.xlsx'))
    expect(file.rawPayload.subarray(0, 2).toString()).toBe('PK')
  })

  it('ends the session on 退出', async () => {
    const session = await logIn(street.people.streetSecretary)
    await street.app.inject({ method: 'POST', url: '/logout', cookies: { [SESSION_COOKIE]: session } })
    expect((await get('/', session)).statusCode).toBe(401)
  })

  it('gives 后台 only to people holding an office; a member is refused in chat and no link is made', async () => {
    const [reply] = await street.bench.dm(street.people.member, '后台')
    expect(reply).toContain('无权')
    expect(reply).not.toContain('/login')
    const [inGroup] = await street.bench.dm(street.people.first, '帮助')
    expect(inGroup).toContain('后台')
  })

  it('tells someone who holds no office (any more) that the console is for officers, and shows no data', async () => {
    // A link issued while they held an office: the pages read the rights afresh on every request.
    const token = await street.auth.issueLink(street.people.member.contactId, street.bench.clock.now())
    const login = await post(token)
    const session = login.cookies.find((c) => c.name === SESSION_COOKIE)!.value
    const page = await get('/', session)
    expect(page.statusCode).toBe(403)
    expect(page.body).toContain('没有担任职务')
  })
})
