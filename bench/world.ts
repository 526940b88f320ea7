/**
 * A world of bound branch groups for the bench, built by talking to the bot as officers do,
 * and the drivers that push a workload through it: one message at a time, or many in flight.
 */
import type { BotUnderTest, Person } from './bot.js'

export interface BranchGroup {
  roomId: string
  secretary: Person
  members: Person[]
  meetingId: number
  noticeIds: number[]
}

export interface World {
  bot: BotUnderTest
  groups: BranchGroup[]
}

/** One message of a workload, and the words its answer must contain (null: chatter, no answer expected). */
export interface Step {
  group: BranchGroup
  who: Person
  text: string
  expect: string | null
}

function expectIn(answers: string[], words: string, what: string): string {
  const hit = answers.find((a) => a.includes(words))
  if (!hit) throw new Error(`bench setup, ${what}: expected 「${words}」 in ${JSON.stringify(answers)}`)
  return hit
}

function idIn(answers: string[], pattern: RegExp, what: string): number {
  const match = answers.map((a) => pattern.exec(a)).find(Boolean)
  if (!match) throw new Error(`bench setup, ${what}: no id in ${JSON.stringify(answers)}`)
  return Number(match[1])
}

/**
 * `groups` bound branches of `membersPerGroup` registered members (正式党员, 在职) and a 书记.
 * In each: one open activity (no capacity: every 报名 is confirmed), one meeting with check-in
 * open, and `notices` notices waiting for 收到. Organisations are named `${orgPrefix}第<n>党支部` (several
 * worlds on one database need names of their own).
 */
export async function buildWorld(bot: BotUnderTest, groups: number, membersPerGroup: number, notices = 2, orgPrefix = ''): Promise<World> {
  const admin = bot.person('管理员')
  expectIn(await bot.dm(admin, `认证 ${bot.adminToken}`), '超级管理员', '认证')
  const world: World = { bot, groups: [] }
  for (let g = 0; g < groups; g++) {
    const secretary = bot.person(`书记${g}`)
    const members = Array.from({ length: membersPerGroup }, (_, m) => bot.person(`党员${g}_${m}`))
    const roomId = await bot.group(`第${g}党支部群`, [admin, secretary, ...members])
    const say = (who: Person, text: string) => bot.say(roomId, who, text)
    expectIn(await say(admin, `绑定 ${orgPrefix}第${g}党支部`), '本群已绑定', '绑定')
    for (const p of [secretary, ...members]) expectIn(await say(p, `登记 ${p.name} 正式党员 在职`), '已登记', '登记')
    expectIn(await say(admin, `任命 @${secretary.name} 书记`), '已任命', '任命')
    expectIn(await say(secretary, '发起活动 学习会 时间 下周六上午9点 地点 党群服务中心'), '已发起活动', '发起活动')
    const meetingId = idIn(await say(secretary, '安排 党课 时间 下周三19:00 主题 学习党章'), /已安排 #(\d+)/, '安排')
    expectIn(await say(secretary, `开始签到 #${meetingId}`), `#${meetingId}`, '开始签到')
    const noticeIds: number[] = []
    for (let n = 0; n < notices; n++) noticeIds.push(idIn(await say(secretary, `通知 第${n + 1}项工作安排，请按时完成。`), /通知 #(\d+)/, '通知'))
    world.groups.push({ roomId, secretary, members, meetingId, noticeIds })
  }
  return world
}

export interface RunFigures {
  messages: number
  seconds: number
  msgsPerSecond: number
  p50Ms: number
  p99Ms: number
  maxMs: number
  /** Messages whose answer did not contain the expected words (the run fails when any). */
  wrongAnswers: number
}

const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? 0
}

/**
 * Sends `steps`, keeping up to `inFlight` messages in flight, never two from the same group at
 * once (a group's messages stay in order, as a chat delivers them). `inFlight = 1` awaits each
 * message before the next.
 */
export async function drive(world: World, steps: Step[], inFlight: number): Promise<RunFigures & { firstWrong?: string }> {
  const latencies: number[] = []
  let wrong = 0
  let firstWrong: string | undefined
  const perGroup = new Map<string, Step[]>()
  for (const step of steps) {
    const queue = perGroup.get(step.group.roomId) ?? []
    queue.push(step)
    perGroup.set(step.group.roomId, queue)
  }
  // Groups take turns in the order their first message appears; a group goes to the back of the line after each message.
  const ready = [...perGroup.keys()]
  const next = (): Step | undefined => {
    const roomId = ready.shift()
    return roomId === undefined ? undefined : perGroup.get(roomId)!.shift()
  }
  const requeue = (roomId: string) => {
    if (perGroup.get(roomId)!.length) ready.push(roomId)
  }
  const send = async (step: Step) => {
    const t = performance.now()
    const answers = await world.bot.say(step.group.roomId, step.who, step.text, step.expect !== null)
    latencies.push(performance.now() - t)
    const ok = step.expect === null || answers.some((a) => a.includes(step.expect!))
    if (!ok) {
      wrong++
      firstWrong ??= `「${step.text}」 → ${JSON.stringify(answers)} (expected 「${step.expect}」)`
    }
  }
  const started = performance.now()
  if (inFlight === 1) {
    // Awaited: strictly in the order given.
    for (const step of steps) await send(step)
  } else {
    const lane = async () => {
      for (let step = next(); step; step = next()) {
        await send(step)
        requeue(step.group.roomId)
      }
    }
    await Promise.all(Array.from({ length: inFlight }, lane))
  }
  const seconds = (performance.now() - started) / 1000
  latencies.sort((a, b) => a - b)
  return {
    messages: steps.length,
    seconds: round(seconds, 2),
    msgsPerSecond: Math.round(steps.length / seconds),
    p50Ms: round(percentile(latencies, 50), 3),
    p99Ms: round(percentile(latencies, 99), 3),
    maxMs: round(latencies.at(-1) ?? 0, 3),
    wrongAnswers: wrong,
    ...(firstWrong ? { firstWrong } : {}),
  }
}
