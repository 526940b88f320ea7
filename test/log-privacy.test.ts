/**
 * No amount, income, token or message text in any log line (issue 12, point 3). The error paths
 * are driven for real: commands that fail inside the services, with the dispatcher logging through
 * the production logger (src/logger.ts) into a captured stream, and a real Prisma validation error
 * whose message quotes the row it could not write.
 */
import { Writable } from 'node:stream'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ManualClock } from '../src/clock.js'
import type { Mention } from '../src/chat/mentions.js'
import { Dispatcher } from '../src/commands/dispatcher.js'
import { CommandRegistry } from '../src/commands/registry.js'
import { texts } from '../src/texts/index.js'
import { createLogger } from '../src/logger.js'
import { createCapabilities } from '../src/capabilities/index.js'
import { createTestDatabase, type TestDatabase } from './support/database.js'
import { ADMIN_TOKEN, FRIDAY_10AM } from './support/conversation.js'

/** The log as it would reach a file: JSON lines, every level. */
function capturedLogger() {
  const lines: string[] = []
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(...String(chunk).split('\n').filter(Boolean))
      done()
    },
  })
  return { logger: createLogger('trace', false, stream), lines }
}

const onPostgres = Boolean(process.env.TEST_DATABASE_URL)

describe.skipIf(onPostgres)('log privacy on the error paths', () => {
  let database: TestDatabase
  const { logger, lines } = capturedLogger()
  let dispatcher: Dispatcher
  let seq = 0
  const admin = { contactId: 'wxid_admin', name: '管理员' }
  const secretary = { contactId: 'wxid_secretary', name: '王书记' }
  const member = { contactId: 'wxid_member', name: '张三' }
  const roomId = 'room1@chatroom'

  const send = async (who: { contactId: string; name: string }, text: string, where: 'group' | 'private' = 'group', mentions: Mention[] = []) => {
    const conversation = where === 'group' ? { kind: 'group' as const, roomId } : { kind: 'private' as const, contactId: who.contactId }
    const replies = await dispatcher.handle({ id: `m${++seq}`, at: FRIDAY_10AM, conversation, topic: '第一党支部群', sender: who, text, mentions })
    return replies.map((r) => r.text)
  }

  beforeAll(async () => {
    database = await createTestDatabase()
    const { services, commands } = createCapabilities(database.db, { timeZone: 'Asia/Shanghai', adminToken: ADMIN_TOKEN })
    dispatcher = new Dispatcher({ registry: new CommandRegistry(commands), org: services.org, clock: new ManualClock(FRIDAY_10AM), timeZone: 'Asia/Shanghai', logger })
    await send(admin, `认证 ${ADMIN_TOKEN}`, 'private')
    await send(admin, '绑定 第一党支部')
    await send(secretary, '登记 王书记 正式党员 在职')
    await send(member, '登记 张三 正式党员 在职')
    // The mention as the chat adapter hands it over: taken out of the text, resolved to the contact.
    expect(await send(admin, '任命 书记', 'group', [{ name: '王书记', contactIds: [secretary.contactId] }])).toEqual([expect.stringContaining('已任命 王书记')])
  })

  afterAll(async () => {
    await database?.close()
  })

  it.each<[string, { contactId: string; name: string }, string, string[]]>([
    // A lone surrogate (half an emoji) in the text of a write: the database driver refuses it.
    ['学习打卡 with a lone surrogate: the message text', member, '学习打卡 读书心得第七章\ud800 1小时', ['读书心得第七章']],
    ['通知 with a lone surrogate: the notice text', secretary, '通知 周六上午九点党群中心集合\ud800', ['周六上午九点党群中心集合']],
    // The super-admin, who is no member, paying dues: the amount.
    ['交党费 by the super-admin: the amount', admin, '交党费 88.76 11月', ['88.76', '8876']],
    ['收到 by the super-admin', admin, '收到', []],
  ])('GIVEN %s THEN whatever fails, the log holds none of it', async (_what, who, text, secrets) => {
    const before = lines.length
    const replies = await send(who, text)
    const written = lines.slice(before).join('\n')
    // The failure is there to look at: the case is only a test of the log if the command failed.
    if (replies.includes(texts.common.internal())) expect(written).toMatch(/"level":50/)
    for (const secret of [...secrets, ADMIN_TOKEN, '\\ud800']) expect(written).not.toContain(secret)
  })

  it('GIVEN a Prisma validation error quoting the row it could not write (monthlyFen, incomeFen) THEN the logged error keeps neither amount', async () => {
    const error = await database.db.duesAssessment
      .create({
        // A category that is not a string, as a typed `constructor` once produced (issue 12).
        data: { memberId: 1, fromMonth: '2026-11', monthlyFen: 12345, incomeFen: 876543, category: (() => 0) as unknown as string, rule: '在职 1.5%', byContactId: 'wxid_secretary', createdAt: FRIDAY_10AM },
      })
      .catch((e: unknown) => e)
    expect(String(error)).toContain('12345') // the raw error does quote the amounts…
    const before = lines.length
    logger.error({ err: error, command: '核定党费' }, 'command failed')
    const written = lines.slice(before).join('\n')
    expect(written).toMatch(/"level":50/)
    expect(written).toContain('Invalid `prisma.duesAssessment.create()` invocation') // …still says what failed, and why…
    expect(written).toContain('argument `category`')
    for (const secret of ['12345', '876543', '123.45', '8765.43']) expect(written).not.toContain(secret) // …but not the amounts
  })

  it('GIVEN a rule that refuses an amount THEN its error message does not carry the amount', async () => {
    const { assessMonthlyDues } = await import('../src/domain/dues/dues-rate.js')
    const error = (() => {
      try {
        assessMonthlyDues({ category: '在职', monthlyIncomeFen: -987654 })
      } catch (e) {
        return e
      }
    })()
    const before = lines.length
    logger.error({ err: error }, 'command failed')
    expect(lines.slice(before).join('\n')).not.toContain('987654')
  })
})
