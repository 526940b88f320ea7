/**
 * The README's table 谁能看到什么, held against what the bot really sends (issue 12 point 1): for
 * every row with personal data, each kind of datum the table names for an audience (收入, 金额,
 * 名单, 原因, 出勤, 学时) reaches that audience, and no other kind does; a cell of — means that
 * audience gets no message at all.
 */
import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Reply } from '../src/chat/reply.js'
import { rightsWorld, type RightsWorld } from './support/rights-world.js'
import type { Person } from './support/conversation.js'

const KINDS = ['收入', '金额', '名单', '原因', '出勤', '学时'] as const
type Kind = (typeof KINDS)[number]
type Audience = 'group' | 'person' | 'officers'

/** The README's rows: the command cell's first words, and the three audience cells. */
function readmeRows(): Map<string, Record<Audience, string>> {
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8')
  const section = readme.slice(readme.indexOf('**谁能看到什么**'))
  const rows = new Map<string, Record<Audience, string>>()
  for (const line of section.split('\n').slice(2)) {
    if (!line.startsWith('|')) {
      if (rows.size > 0) break
      continue
    }
    const [command, group, person, officers] = line.split('|').slice(1, 5).map((c) => c.trim())
    const name = /`([^`\s]+)/.exec(command ?? '')?.[1]
    if (name && group !== undefined && person !== undefined && officers !== undefined) rows.set(name, { group, person, officers })
  }
  return rows
}

interface Row {
  /** The person the row's data is about. */
  person: Person
  replies: Reply[]
  /** What each kind of personal datum looks like in this row's scenario. */
  data: Partial<Record<Kind, string>>
}

describe('README 谁能看到什么: each row against what is sent', () => {
  let world: RightsWorld
  const rows = new Map<string, Row>()
  const table = readmeRows()

  beforeAll(async () => {
    world = await rightsWorld()
    const role = (key: string) => world.roles.find((r) => r.key === key)!.who
    const [organiser, secretary, member] = [role('organiser'), role('secretary'), role('plain')]
    const { branch } = world
    rows.set('核定党费', { person: member, replies: await branch.replies(organiser, `核定党费 @${member.name} 收入 8800 在职`), data: { 收入: '8800', 金额: '132.00' } })
    rows.set('收党费', { person: member, replies: await branch.replies(organiser, `收党费 @${member.name} 121.00 11月`), data: { 金额: '121.00' } })
    rows.set('交党费', { person: member, replies: await branch.replies(member, '交党费 148.50 10月'), data: { 金额: '148.50' } })
    rows.set('我的党费', { person: member, replies: await branch.replies(member, '我的党费'), data: { 金额: '132.00' } })
    rows.set('党费情况', { person: member, replies: await branch.replies(organiser, '党费情况 11月'), data: { 名单: member.name, 金额: '121.00' } })
    const meeting = world.ids.meeting
    await branch.say(member, `请假 #${meeting} 住院治疗`)
    await branch.say(secretary, `开始签到 #${meeting}`)
    rows.set('结束签到', { person: member, replies: await branch.replies(organiser, `结束签到 #${meeting}`), data: { 原因: '住院治疗' } })
    rows.set('考勤', { person: member, replies: await branch.replies(organiser, `考勤 本月 @${member.name}`), data: { 出勤: '出勤率' } })
    await world.bench.dm(member, '学习打卡 学习党章第三章 3小时')
    rows.set('学时', { person: member, replies: await branch.replies(member, '学时'), data: { 学时: '3 学时' } })
  }, 60_000)

  afterAll(async () => {
    await world?.bench.close()
  })

  it('GIVEN the README THEN its table has every row with personal data', () => {
    expect([...rows.keys()].filter((name) => !table.has(name))).toEqual([])
  })

  const audienceOf = (reply: Reply, person: Person): Audience => (reply.privateTo === undefined ? 'group' : reply.privateTo === person.contactId ? 'person' : 'officers')

  it.each(['核定党费', '收党费', '交党费', '我的党费', '党费情况', '结束签到', '考勤', '学时'])('GIVEN %s THEN each audience sees exactly what the README says', (name) => {
    const row = rows.get(name)!
    const cells = table.get(name)!
    for (const audience of ['group', 'person', 'officers'] as const) {
      const heard = row.replies.filter((r) => audienceOf(r, row.person) === audience).map((r) => r.text).join('\n')
      const cell = cells[audience]
      if (cell === '—') {
        expect(heard, `${name} → ${audience} (README: —)`).toBe('')
        continue
      }
      for (const [kind, datum] of Object.entries(row.data)) {
        expect({ audience, kind, seen: heard.includes(datum) }, `${name}: README says 「${cell}」`).toEqual({ audience, kind, seen: cell.includes(kind) })
      }
    }
  })

  it('GIVEN the group THEN it never hears an income, a leave reason or one person’s attendance', () => {
    const group = [...rows.values()].flatMap((row) => row.replies.filter((r) => r.privateTo === undefined).map((r) => r.text)).join('\n')
    expect(group).not.toContain('8800')
    expect(group).not.toContain('住院治疗')
    expect(group).not.toContain('出勤率')
  })
})
