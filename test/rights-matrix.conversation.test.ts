/**
 * The role × command matrix (issue 12, acceptance): every declared command, typed with its own
 * example by each of ten roles, is either let through or refused exactly as the table below says,
 * and a refusal leaves the database as it was. Then every role asks 帮助, in the group and
 * privately, and runs every command it is shown: none of them answers 无权.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CommandInfo, Rights } from '../src/commands/command.js'
import { declaredCommands } from '../src/capabilities/index.js'
import { BINDERS, DUES_OFFICERS, MOVERS, OFFICERS, OFFICERS_ANYWHERE, SECRETARIES } from '../src/domain/org/rights.js'
import { texts } from '../src/texts/index.js'
import type { Person } from './support/conversation.js'
import { snapshot } from './support/db-snapshot.js'
import { exampleIn, isRightsRefusal, rightsWorld, type RightsWorld, type Role, type RoleKey } from './support/rights-world.js'

/**
 * Who is let through, per declared right. A 党小组长 is a member, not a committee member
 * (支部工作条例 第十八条); the street's 书记 acts in every branch below (属地管理); a sibling
 * branch's 书记 does not; the super-admin holds every office but is no member.
 */
const ALLOWED = new Map<Rights, readonly RoleKey[]>([
  ['anyone', ['plain', 'unregistered', 'siblingOfficer', 'propaganda', 'groupLeader', 'organiser', 'secretary', 'upperSecretary', 'stranger', 'superAdmin']],
  ['member', ['plain', 'propaganda', 'groupLeader', 'organiser', 'secretary']],
  [OFFICERS, ['propaganda', 'organiser', 'secretary', 'upperSecretary', 'superAdmin']],
  [DUES_OFFICERS, ['organiser', 'secretary', 'upperSecretary', 'superAdmin']],
  [SECRETARIES, ['secretary', 'upperSecretary', 'superAdmin']],
  // 绑定 … 上级 第一党支部: the branch's binders and those above it.
  [BINDERS, ['organiser', 'secretary', 'upperSecretary', 'superAdmin']],
  // 调整上级: the committees above the branch move it, not its own officers.
  [MOVERS, ['upperSecretary', 'superAdmin']],
  // 后台 shows what one leads: any committee member of any organisation.
  [OFFICERS_ANYWHERE, ['siblingOfficer', 'propaganda', 'organiser', 'secretary', 'upperSecretary', 'superAdmin']],
  ['superAdmin', ['superAdmin']],
])

/**
 * Commands open to anyone that act on the asker's own registration, wherever it is (they also work
 * privately, so they cannot be declared `member`): in the branch's group the registration there;
 * 学时 counts the person's hours in any organisation.
 */
const PERSONAL = new Map<string, readonly RoleKey[]>([
  ['学习打卡', ['plain', 'propaganda', 'groupLeader', 'organiser', 'secretary']],
  ['我的党费', ['plain', 'propaganda', 'groupLeader', 'organiser', 'secretary']],
  ['学时', ['plain', 'propaganda', 'groupLeader', 'organiser', 'secretary', 'siblingOfficer', 'upperSecretary']],
])

function expectedFor(command: CommandInfo, role: Role): 'allowed' | 'refused' {
  // A group's command typed privately is refused by place, whoever types it.
  if (!role.inGroup && (command.where === 'group' || command.where === 'room')) return 'refused'
  const allowed = PERSONAL.get(command.name) ?? ALLOWED.get(command.access)
  if (!allowed) throw new Error(`${command.name}: a right the matrix does not know; add it to ALLOWED`)
  return allowed.includes(role.key) ? 'allowed' : 'refused'
}

const onPostgres = Boolean(process.env.TEST_DATABASE_URL)

interface Outcome {
  command: string
  role: RoleKey
  text: string
  expected: 'allowed' | 'refused'
  got: 'allowed' | 'refused'
  changed: boolean
  replies: string[]
}

describe.skipIf(onPostgres)('rights: ten roles × every declared command', () => {
  let world: RightsWorld
  const outcomes: Outcome[] = []

  beforeAll(async () => {
    world = await rightsWorld()
    // The refusals first, while the world is whole: an allowed 取消活动 must not hide a wrong refusal of 报名.
    // 登记 last: it registers whoever types it, and the unregistered must stay so until then.
    const ordered = [...declaredCommands.filter((c) => c.name !== '登记'), ...declaredCommands.filter((c) => c.name === '登记')]
    for (const command of ordered) {
      for (const role of world.roles) {
        const { text, say } = exampleIn(world, command, role)
        const before = await snapshot(world.bench)
        const replies = await say()
        const after = await snapshot(world.bench)
        const got = isRightsRefusal(replies) ? 'refused' : 'allowed'
        outcomes.push({ command: command.name, role: role.key, text, expected: expectedFor(command, role), got, changed: before !== after, replies })
      }
    }
    if (process.env.MATRIX_REPORT) {
      const count = (e: string, g: string) => outcomes.filter((o) => o.expected === e && o.got === g).length
      console.log(JSON.stringify({ cells: outcomes.length, allowed: count('allowed', 'allowed'), refused: count('refused', 'refused'), wrongRefusals: count('allowed', 'refused'), unauthorised: count('refused', 'allowed'), changedWhenRefused: outcomes.filter((o) => o.expected === 'refused' && o.changed).length }))
    }
  }, 120_000)

  afterAll(async () => {
    await world?.bench.close()
  })

  it('GIVEN the matrix THEN it covers every declared command for ten roles', () => {
    expect(new Set(outcomes.map((o) => o.role)).size).toBe(10)
    expect(outcomes).toHaveLength(declaredCommands.length * 10)
    // Not a matrix of refusals: the allowed cells are many and really answered.
    expect(outcomes.filter((o) => o.got === 'allowed').length).toBeGreaterThan(outcomes.length / 3)
  })

  it('GIVEN a role without the right THEN refused, and the database unchanged (0 unauthorised changes)', () => {
    const unauthorised = outcomes.filter((o) => o.expected === 'refused' && (o.got !== 'refused' || o.changed))
    expect(unauthorised.map(({ command, role, text, replies, changed }) => ({ command, role, text, changed, replies }))).toEqual([])
  })

  it('GIVEN a role with the right THEN never refused for who they are (0 wrong refusals)', () => {
    const wrong = outcomes.filter((o) => o.expected === 'allowed' && o.got === 'refused')
    expect(wrong.map(({ command, role, text, replies }) => ({ command, role, text, replies }))).toEqual([])
  })

  it('GIVEN the 党小组长 THEN member commands work and branch-wide officer commands are refused', () => {
    const of = (command: string) => outcomes.find((o) => o.role === 'groupLeader' && o.command === command)?.got
    expect([of('报名'), of('签到'), of('学习打卡'), of('我的党费')]).toEqual(['allowed', 'allowed', 'allowed', 'allowed'])
    expect([of('取消活动'), of('导出'), of('党费情况'), of('发起活动'), of('后台')]).toEqual(['refused', 'refused', 'refused', 'refused', 'refused'])
  })

  it('GIVEN the super-admin who is no member THEN member commands get the clear refusal, the 代 forms act on the member', () => {
    const admin = (command: string) => outcomes.find((o) => o.role === 'superAdmin' && o.command === command)!
    const memberCommands = declaredCommands.filter((c) => c.access === 'member')
    expect(memberCommands.length).toBeGreaterThan(5)
    for (const command of memberCommands) expect(admin(command.name).replies, command.name).toEqual([texts.common.superAdminNotMember()])
    // Open to anyone but about one's own registration: a plain refusal, never the apology.
    for (const command of PERSONAL.keys()) expect(admin(command).got, command).toBe('refused')
    expect(admin('代报名').got).toBe('allowed')
    expect(admin('代报名').replies.join()).toContain('王五')
    expect(outcomes.flatMap((o) => o.replies).filter((r) => r.includes(texts.common.internal()))).toEqual([])
  })
})

/** Where each role may bind a 党小组 (绑定 names the parent; a binder binds under what they lead). */
const BIND_UNDER = new Map<RoleKey, string>([
  ['siblingOfficer', '第二党支部'],
  ['upperSecretary', '外滩街道党委'],
])

describe.skipIf(onPostgres)('rights: the super-admin acting in a branch where they are no member', () => {
  let world: RightsWorld
  let admin: Person
  beforeAll(async () => {
    world = await rightsWorld()
    admin = world.roles.find((r) => r.key === 'superAdmin')!.who
  }, 60_000)
  afterAll(async () => {
    await world?.bench.close()
  })

  // Issue 12: these crashed with the apology (Cannot read properties of null).
  it.each(['报名 #52', '报名', '收到', '交党费 20 11月', '签到', '请假 出差', '取消报名'])('GIVEN %s in the group THEN the clear refusal, nothing written', async (text) => {
    const before = await snapshot(world.bench)
    expect(await world.branch.say(admin, text)).toEqual([texts.common.superAdminNotMember()])
    expect(await snapshot(world.bench)).toBe(before)
  })

  it('GIVEN 交党费 privately THEN the same refusal', async () => {
    expect(await world.bench.dm(admin, '交党费 20 11月')).toEqual([texts.common.superAdminNotMember()])
  })

  it('GIVEN the 代 forms THEN they act on the member named', async () => {
    expect(await world.branch.say(admin, `代报名 @王五 #${world.ids.activity} 电话报名`)).toEqual([expect.stringContaining('王五 报名成功')])
    expect(await world.branch.say(admin, `代请假 @张三 #${world.ids.meeting} 住院`)).toEqual([expect.stringContaining('张三')])
  })
})

describe.skipIf(onPostgres)('rights: 帮助 lists only what then works', () => {
  let world: RightsWorld
  const runs: Array<{ role: RoleKey; where: 'group' | 'private'; command: string; text: string; replies: string[] }> = []

  beforeAll(async () => {
    world = await rightsWorld()
    for (const role of world.roles) {
      for (const where of role.inGroup ? (['group', 'private'] as const) : (['private'] as const)) {
        const help = (where === 'group' ? await world.branch.say(role.who, '帮助') : await world.bench.dm(role.who, '帮助')).join('\n')
        const listed = help.split('\n').flatMap((line) => (line.startsWith('· ') ? [line.slice(2).split(/\s/)[0]!] : []))
        for (const name of listed) {
          const command = declaredCommands.find((c) => c.name === name)
          if (!command) throw new Error(`帮助 listed ${name}, which is not declared`)
          const { text, say } = exampleIn(world, command, { ...role, inGroup: where === 'group' }, BIND_UNDER.get(role.key))
          runs.push({ role: role.key, where, command: name, text, replies: await say() })
        }
      }
    }
    if (process.env.MATRIX_REPORT) console.log(JSON.stringify({ helpRuns: runs.length, noRight: runs.filter((r) => r.replies.some((reply) => reply.includes('无权'))).length }))
  }, 120_000)

  afterAll(async () => {
    await world?.bench.close()
  })

  it('GIVEN every role, in the group and privately THEN 帮助 listed commands and each was run', () => {
    expect(new Set(runs.map((r) => `${r.role}/${r.where}`)).size).toBe(19)
    expect(runs.length).toBeGreaterThan(150)
  })

  it('GIVEN a command 帮助 listed THEN it is never refused for lack of rights (0 无权)', () => {
    const refused = runs.filter((r) => r.replies.some((reply) => reply.includes('无权')) || r.replies.includes(texts.common.superAdminNotMember()))
    expect(refused.map(({ role, where, text, replies }) => ({ role, where, text, replies }))).toEqual([])
  })

  it('GIVEN the 党小组长 THEN 帮助 shows member commands and none of the committee', () => {
    const leader = new Set(runs.filter((r) => r.role === 'groupLeader' && r.where === 'group').map((r) => r.command))
    expect(leader.has('报名')).toBe(true)
    expect(['发起活动', '取消活动', '导出', '党费情况', '核定党费', '收党费'].filter((c) => leader.has(c))).toEqual([])
  })

  it('GIVEN any run THEN nobody got the apology', () => {
    expect(runs.filter((r) => r.replies.some((reply) => reply.includes(texts.common.internal())))).toEqual([])
  })
})
