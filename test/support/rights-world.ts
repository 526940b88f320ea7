import type { CommandInfo } from '../../src/commands/command.js'
import { texts } from '../../src/texts/index.js'
import { ADMIN_TOKEN, Bench, type Group, type Person } from './conversation.js'

/**
 * A street (外滩街道党委) with two branches, and one person for each role issue 12 names. Everyone
 * but the stranger sits in the first branch's group; the examples of the declarations name 张三,
 * 李四, 王五 and 赵老, so they are plain members of the first branch too.
 */
export interface RightsWorld {
  bench: Bench
  street: Group
  branch: Group
  sibling: Group
  roles: Role[]
  /** The numbers the examples' `#n` stand for. */
  ids: { activity: number; meeting: number; notice: number }
}

export interface Role {
  key: RoleKey
  who: Person
  /** Whether the role types in the first branch's group (the stranger only writes privately). */
  inGroup: boolean
}

export type RoleKey = 'plain' | 'unregistered' | 'siblingOfficer' | 'propaganda' | 'groupLeader' | 'organiser' | 'secretary' | 'upperSecretary' | 'stranger' | 'superAdmin'

export async function rightsWorld(): Promise<RightsWorld> {
  const bench = await Bench.start()
  const p = (name: string) => bench.person(name)
  const admin = p('管理员')
  const [secretary, organiser, propaganda, groupLeader, plain, unregistered] = ['王书记', '李组织', '赵宣传', '钱组长', '孙党员', '周路人'].map(p) as [Person, Person, Person, Person, Person, Person]
  const [siblingOfficer, upperSecretary, stranger] = ['冯书记', '陈街道', '吴陌生'].map(p) as [Person, Person, Person]
  const targets = ['张三', '李四', '王五', '赵老'].map(p)

  const check = (reply: string | string[], words: string) => {
    const text = ([] as string[]).concat(reply).join('\n')
    if (!text.includes(words)) throw new Error(`setting up the world: expected 「${words}」 in 「${text}」`)
  }
  check(await bench.dm(admin, `认证 ${ADMIN_TOKEN}`), '超级管理员')
  const street = bench.group('外滩街道党委群', [admin, upperSecretary])
  check(await street.ask(admin, '绑定 外滩街道党委 党委'), '本群已绑定')
  check(await street.ask(upperSecretary, `登记 ${upperSecretary.name} 正式党员 在职`), '已登记')
  check(await street.ask(admin, `任命 @${upperSecretary.name} 书记`), '已任命')

  const branchPeople = [secretary, organiser, propaganda, groupLeader, plain, ...targets]
  const branch = bench.group('第一党支部群', [admin, ...branchPeople, unregistered, siblingOfficer, upperSecretary])
  check(await branch.ask(admin, '绑定 第一党支部 上级 外滩街道党委'), '本群已绑定')
  for (const who of branchPeople) check(await branch.ask(who, `登记 ${who.name} 正式党员 在职`), '已登记')
  check(await branch.ask(admin, `任命 @${secretary.name} 书记`), '已任命')
  for (const [who, title] of [[organiser, '组织委员'], [propaganda, '宣传委员'], [groupLeader, '党小组长']] as const) {
    check(await branch.ask(secretary, `任命 @${who.name} ${title}`), '已任命')
  }

  const sibling = bench.group('第二党支部群', [admin, siblingOfficer])
  check(await sibling.ask(admin, '绑定 第二党支部 上级 外滩街道党委'), '本群已绑定')
  check(await sibling.ask(siblingOfficer, `登记 ${siblingOfficer.name} 正式党员 在职`), '已登记')
  check(await sibling.ask(admin, `任命 @${siblingOfficer.name} 书记`), '已任命')

  const number = (reply: string) => Number(/#(\d+)/.exec(reply)?.[1] ?? NaN)
  const activity = number(await branch.ask(secretary, '发起活动 社区志愿服务 时间 下周六上午9点 名额 20'))
  const meeting = number(await branch.ask(secretary, '安排 党课 时间 12月3日 19:00 主题 学习党章'))
  const notice = number((await branch.say(secretary, '通知 本周五下午3点开支部党员大会')).join('\n'))
  if ([activity, meeting, notice].some(Number.isNaN)) throw new Error('setting up the world: an activity, a meeting and a notice')

  const roles: Role[] = [
    { key: 'plain', who: plain, inGroup: true },
    { key: 'unregistered', who: unregistered, inGroup: true },
    { key: 'siblingOfficer', who: siblingOfficer, inGroup: true },
    { key: 'propaganda', who: propaganda, inGroup: true },
    { key: 'groupLeader', who: groupLeader, inGroup: true },
    { key: 'organiser', who: organiser, inGroup: true },
    { key: 'secretary', who: secretary, inGroup: true },
    { key: 'upperSecretary', who: upperSecretary, inGroup: true },
    { key: 'stranger', who: stranger, inGroup: false },
    { key: 'superAdmin', who: admin, inGroup: true },
  ]
  return { bench, street, branch, sibling, roles, ids: { activity, meeting, notice } }
}

/** Commands whose `#n` names an activity, a meeting or a notice. */
const REFERS_TO: Record<'activity' | 'meeting' | 'notice', readonly string[]> = {
  activity: ['报名', '取消报名', '代报名', '活动', '修改活动', '取消活动'],
  meeting: ['开始签到', '签到', '请假', '代签到', '代请假', '结束签到', '取消会议', '会议', '会议记录'],
  notice: ['收到', '通知情况', '催办'],
}

let freshGroups = 0

/**
 * Where and how a role types a command's own example in this world: `#n` becomes the world's
 * activity, meeting or notice; 登记 registers the asker under their own name; 绑定 binds a new
 * 党小组 under `bindUnder` from a fresh group (a bound group cannot be bound again).
 */
export function exampleIn(world: RightsWorld, command: CommandInfo, role: Role, bindUnder = '第一党支部'): { text: string; say: () => Promise<string[]> } {
  let text = command.example
  for (const [kind, names] of Object.entries(REFERS_TO) as Array<[keyof RightsWorld['ids'], readonly string[]]>) {
    if (names.includes(command.name)) text = text.replace(/#\d+/, `#${world.ids[kind]}`)
  }
  if (command.name === '登记') text = `登记 ${role.who.name} 正式党员 在职`
  // The branch already stands under the street: naming it again changes nothing, for those with rights.
  if (command.name === '调整上级') text = '调整上级 外滩街道党委'
  // 合并 past the rights check would dissolve the sibling branch the other rows need: a name that is no organisation.
  if (command.name === '合并') text = '合并 第九党支部 到 第一党支部'
  const { bench, branch } = world
  if (command.name === '绑定') {
    text = `绑定 第${++freshGroups}党小组 党小组 上级 ${bindUnder}`
    if (role.inGroup) {
      const fresh = bench.group(`党小组群${freshGroups}`, [role.who])
      return { text, say: () => fresh.say(role.who, text) }
    }
  }
  const privately = !role.inGroup || command.where === 'private'
  return { text, say: () => (privately ? bench.dm(role.who, text) : branch.say(role.who, text)) }
}

/** A refusal for who the asker is (no office, not registered, not here), as opposed to any other answer. */
export function isRightsRefusal(replies: string[]): boolean {
  const refusals = [texts.common.notRegistered(), texts.common.superAdminNotMember(), texts.common.groupOnly(), texts.dues.notRegisteredAnywhere()]
  return replies.some((r) => r.startsWith('无权') || refusals.includes(r))
}
