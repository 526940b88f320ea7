/**
 * The bench's workloads, each with the rows it must leave in the database. Every check reads
 * the database itself, so a command that answers politely but writes nothing fails the run.
 */
import type { Step, World } from './world.js'
import { seededRandom } from '../test/support/seeded-random.js'

export interface ExpectedRows {
  signUps: number
  confirmedSignUps: number
  attendances: number
  noticeAcks: number
}

/** 报名 / 取消报名 alternate this many times per member: 报名, 取消报名, 报名, 取消报名, 报名. */
const SIGN_UP_TOGGLES = 5

/**
 * `writes`: every message changes the database. Each member alternates 报名 / 取消报名 (each 报名
 * a new row, each 取消报名 an update), checks in once at the open meeting (签到) and
 * acknowledges each notice (收到 #n). Members of a group take turns; groups take turns.
 */
export function writesWorkload(world: World): { steps: Step[]; expected: ExpectedRows } {
  const perMember = (group: World['groups'][number]) => [
    ...Array.from({ length: SIGN_UP_TOGGLES }, (_, i) => (i % 2 === 0 ? { text: '报名', expect: '报名成功' } : { text: '取消报名', expect: '取消' })),
    { text: '签到', expect: '签到成功' },
    ...group.noticeIds.map((id) => ({ text: `收到 #${id}`, expect: '已确认收到' })),
  ]
  const rounds = world.groups.map((group) => group.members.flatMap((who, m) => perMember(group).map((s, k) => ({ ...s, who, group, order: k * group.members.length + m }))))
  const longest = Math.max(...rounds.map((r) => r.length))
  const steps: Step[] = []
  for (let k = 0; k < longest; k++) {
    for (const round of rounds) {
      const step = round.find((s) => s.order === k)
      if (step) steps.push({ group: step.group, who: step.who, text: step.text, expect: step.expect })
    }
  }
  const members = world.groups.reduce((n, g) => n + g.members.length, 0)
  const signUpsPerMember = Math.ceil(SIGN_UP_TOGGLES / 2)
  return {
    steps,
    expected: {
      signUps: members * signUpsPerMember,
      confirmedSignUps: SIGN_UP_TOGGLES % 2 === 1 ? members : 0,
      attendances: members,
      noticeAcks: world.groups.reduce((n, g) => n + g.members.length * g.noticeIds.length, 0),
    },
  }
}

/** `peer`: Koishi's workload: each member of each group says 签到 once (one insert per message). */
export function peerWorkload(world: World): { steps: Step[]; expected: ExpectedRows } {
  const steps = world.groups.flatMap((group) => group.members.map((who) => ({ group, who, text: '签到', expect: '签到成功' })))
  return { steps, expected: { signUps: 0, confirmedSignUps: 0, attendances: steps.length, noticeAcks: 0 } }
}

/** Every run sends the same messages. */
export const seeded = seededRandom

const CHATTER = [
  '收到通知了，周三晚上准时到',
  '今天的学习材料发群里了，大家抽空看看',
  '书记辛苦了',
  '好的',
  '明天社区有志愿服务，有空的同志可以去',
  '👍',
  '我这周出差，材料回来补上',
  '会议室在三楼还是四楼？',
  '谢谢提醒',
  '党费这个月交了吗大家',
]

/**
 * `mixed`: what a branch group looks like in a normal week. The mix is an estimate, not a
 * measurement of real groups: most traffic is people talking to each other (80%); the commands
 * come around activities and meetings: 报名/取消报名 8%, 活动 (a read) 4%, 收到 4%, 签到 4%.
 * Group, sender and kind are each drawn independently from a seeded PRNG, so a member's
 * command does not follow from their position (the old mix gave each member the same command
 * every time, and after the first round nothing was written). 报名/取消报名 follows the
 * member's own state, so each one writes; a second 签到 or 收到 of a member is answered without
 * a new row, as in life.
 */
export function mixedWorkload(world: World, messages: number, seed = 20261127): { steps: Step[]; expected: ExpectedRows; commands: number } {
  const random = seeded(seed)
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!
  const signedUp = new Set<string>()
  const checkedIn = new Set<string>()
  const acked = new Set<string>()
  let signUps = 0
  let commands = 0
  const steps: Step[] = []
  for (let i = 0; i < messages; i++) {
    const group = pick(world.groups)
    const who = pick(group.members)
    const key = `${group.roomId}/${who.contactId}`
    const roll = random()
    let step: Omit<Step, 'group' | 'who'>
    if (roll < 0.8) step = { text: pick(CHATTER), expect: null }
    else if (roll < 0.88) {
      if (signedUp.delete(key)) step = { text: '取消报名', expect: '取消' }
      else {
        signedUp.add(key)
        signUps++
        step = { text: '报名', expect: '报名成功' }
      }
    } else if (roll < 0.92) step = { text: '活动', expect: '学习会' }
    else if (roll < 0.96) {
      const id = group.noticeIds.at(-1)!
      step = { text: `收到 #${id}`, expect: acked.has(key) ? '已确认过' : '已确认收到' }
      acked.add(key)
    } else {
      step = { text: '签到', expect: checkedIn.has(key) ? '' : '签到成功' }
      checkedIn.add(key)
    }
    if (step.expect !== null) commands++
    steps.push({ group, who, ...step })
  }
  return { steps, commands, expected: { signUps, confirmedSignUps: signedUp.size, attendances: checkedIn.size, noticeAcks: acked.size } }
}

/** Reads the rows back and throws (the bench exits non-zero) unless they are exactly those expected. */
export async function assertRows(world: World, expected: ExpectedRows, what: string): Promise<ExpectedRows> {
  const db = world.bot.db
  const found: ExpectedRows = {
    signUps: await db.signUp.count(),
    confirmedSignUps: await db.signUp.count({ where: { status: 'confirmed' } }),
    attendances: await db.attendance.count(),
    noticeAcks: await db.noticeAck.count(),
  }
  const wrong = (Object.keys(expected) as (keyof ExpectedRows)[]).filter((k) => found[k] !== expected[k])
  if (wrong.length) throw new Error(`${what}: the database does not hold the expected rows: ${wrong.map((k) => `${k} ${found[k]} (expected ${expected[k]})`).join(', ')}`)
  return found
}
