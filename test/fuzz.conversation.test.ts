/**
 * The fuzz conversation (issue 12, acceptance): 20,000 generated messages from every kind of
 * person, in a bound branch group and in private, through the real dispatcher and database.
 * Random command words with random arguments, JavaScript built-in names, lone surrogates, huge
 * numbers, emoji, full-width forms, @mentions and plain chatter. Whatever is typed:
 * - nothing escapes the dispatcher, and nobody gets the apology (an unexpected error);
 * - no reply shows English internals (undefined, NaN, function Object() …) the person did not type;
 * - chatter writes nothing to the database.
 *
 * Seeded and reproducible: FUZZ_SEED and FUZZ_COUNT override the seed and the number of messages
 * (`npm run fuzz` is the long run: 200,000 messages, figures printed). Runs on SQLite only: it measures the rules, not the
 * database, and would take minutes on PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { cleanIncomingText } from '../src/chat/text-hygiene.js'
import { normalizeText, splitCommand } from '../src/commands/grammar.js'
import { CommandRegistry } from '../src/commands/registry.js'
import type { CommandInfo } from '../src/commands/command.js'
import { texts } from '../src/texts/index.js'
import { declaredCommands as allCommands } from '../src/capabilities/index.js'
import { BUILT_IN_NAMES } from './support/built-in-names.js'
import { Bench, type Group, type Person } from './support/conversation.js'
import { snapshot as databaseSnapshot } from './support/db-snapshot.js'
import { seededRandom } from './support/seeded-random.js'

const SEED = Number(process.env.FUZZ_SEED ?? 20261127)
const COUNT = Number(process.env.FUZZ_COUNT ?? 20_000)
const onPostgres = Boolean(process.env.TEST_DATABASE_URL)

/** A failure can be replayed from its seed and index. */
const prng = seededRandom

const registry = new CommandRegistry<CommandInfo>(allCommands)
const KEYWORDS = [...new Set(allCommands.flatMap((c) => c.keywords ?? []))]

const LONE_SURROGATES = ['\ud800', '\udbff', '\udc00', '\udfff', '\ud83d']
const HUGE_NUMBERS = ['99999999999999999999', '1e308', '1e400', '-1', '-0', '0', '0.001', '9007199254740993', '12345678.999', 'Infinity', 'NaN', '３０', '１２３４５．６７', '1,000,000', '¥88', '￥5100元']
const EMOJI = ['👍', '🇨🇳', '👨‍👩‍👧', '🙏🏻', '❤️', '😀']
const FULL_WIDTH = ['＃３', '＃５２', '（２０２６）', '：', '，', '！', '＠', '　']
const TIMES = ['明天下午3点', '下周六上午9点', '11月30日 9:00', '2026-12-01 14:00', '昨天', '去年', '25点', '2月30日 9:00', '3000年1月1日 9:00']
const DOMAIN_WORDS = ['党员大会', '支委会', '党课', '组织生活', '在职', '离退休', '学生', '困难', '本月', '上季度', '2026-11', '11月', '9-11月', '考勤', '党费', '活动', '会议', '书记', '组织委员', '正式党员', '第一党支部', '2小时', '半小时', '30分钟', '机密', '〔2026〕15号']
const CHATTER = ['大家好', '今天天气不错', '收到了吗', '好的', '谢谢书记', '明天几点开会？', '哈哈哈', '我在路上', '这个月的党费交了吗', '学习强国打卡了', '请问活动在哪里', '[图片]', 'OK', 'ok👌', '。。。', '@所有人 注意安全', '报名的人多吗', '签到在哪签']

interface Cast {
  bench: Bench
  group: Group
  admin: Person
  secretary: Person
  organiser: Person
  propaganda: Person
  groupLeader: Person
  member: Person
  unregistered: Person
  stranger: Person
}

async function castOfSeven(): Promise<Cast> {
  const bench = await Bench.start()
  const [admin, secretary, organiser, propaganda, groupLeader, member, unregistered, stranger] = ['管理员', '王书记', '李组织', '赵宣传', '钱组长', '孙党员', '周路人', '吴陌生'].map((n) => bench.person(n)) as [Person, Person, Person, Person, Person, Person, Person, Person]
  const group = await bench.branch('第一党支部群', '第一党支部', admin, secretary, [organiser, propaganda, groupLeader, member], [unregistered])
  for (const [who, title] of [[organiser, '组织委员'], [propaganda, '宣传委员'], [groupLeader, '党小组长']] as const) {
    await group.ask(secretary, `任命 @${who.name} ${title}`)
  }
  return { bench, group, admin, secretary, organiser, propaganda, groupLeader, member, unregistered, stranger }
}

type Message = { index: number; where: 'group' | 'private'; who: Person; text: string }

function generator(cast: Cast, seed: number) {
  const random = prng(seed)
  const pick = <T,>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!
  const chance = (p: number) => random() < p
  const groupPeople = cast.group.people
  const everyone = [...groupPeople, cast.stranger]

  const piece = (): string => {
    const kind = random()
    if (kind < 0.12) return `#${pick(['1', '2', '3', '52', '0', '999999999999', '1000000001', '-1', '3.5', ''])}`
    if (kind < 0.24) return pick(HUGE_NUMBERS)
    if (kind < 0.34) return pick(BUILT_IN_NAMES)
    if (kind < 0.42) return `@${pick([...groupPeople.map((p) => p.name), '不存在的人', 'constructor', ''])}`
    if (kind < 0.55) return pick(KEYWORDS)
    if (kind < 0.63) return pick(TIMES)
    if (kind < 0.78) return pick(DOMAIN_WORDS)
    if (kind < 0.84) return pick(EMOJI)
    if (kind < 0.9) return pick(FULL_WIDTH)
    if (kind < 0.93) return `读书${pick(LONE_SURROGATES)}`
    if (kind < 0.95) return '\u200b'
    return pick(CHATTER)
  }
  const words = (n: number) => Array.from({ length: n }, piece).join(chance(0.1) ? '　' : ' ')

  const command = (): string => {
    const chosen = pick(allCommands)
    const word = chance(0.8) ? chosen.name : pick([chosen.name, ...(chosen.aliases ?? [])])
    // (A leading @支部助手 is the chat adapter's to remove, before the dispatcher sees the text.)
    const prefix = chance(0.1) ? pick(['/', '#', '＃', ' ']) : ''
    return `${prefix}${word} ${words(Math.floor(random() * 6))}`.trimEnd()
  }
  /** Chatter: never starts with a command word (checked below by the dispatcher's own grammar). */
  const chatter = (): string => {
    const text = chance(0.5) ? pick(CHATTER) : `${pick(CHATTER)}${words(1 + Math.floor(random() * 4))}`
    return chance(0.05) ? `${text}${pick(LONE_SURROGATES)}` : text
  }

  let index = 0
  return {
    next(onlyChatter: boolean): Message {
      const text = onlyChatter || chance(0.35) ? chatter() : command()
      const where = chance(0.75) ? 'group' : 'private'
      const who = where === 'group' ? pick(groupPeople) : pick(everyone)
      return { index: index++, where, who, text }
    },
  }
}

const isCommand = (text: string) => splitCommand(normalizeText(text), (w) => registry.has(w)) !== null

/** English words a reply may contain: file names of exports and the date pattern in usages. */
const ALLOWED_ENGLISH = new Set(['xlsx', 'YYYY', 'Excel'])
const INTERNAL_FRAGMENTS = /undefined|NaN|null|Infinity|Error|function|native code|\[object|Object|prototype|Cannot|Prisma|stack/

/** Every run of Latin letters anybody has typed so far (a reply may echo a title or a notice typed earlier). */
const typedEnglish = new Set<string>()

/**
 * Whether `word` is typed words run together: a reply may drop the spaces ("toString valueOf" →
 * 「toStringvalueOf」) and cut a long echo short (「…isProto」), so the last word may be a prefix.
 */
function wasTyped(word: string): boolean {
  const reachable = [true, ...Array.from({ length: word.length }, () => false)]
  for (let end = 1; end <= word.length; end++) {
    for (let start = 0; start < end && !reachable[end]; start++) reachable[end] = reachable[start]! && typedEnglish.has(word.slice(start, end))
  }
  if (reachable[word.length]) return true
  const cut = (start: number) => [...typedEnglish].some((typed) => typed.startsWith(word.slice(start)))
  return reachable.some((ok, start) => ok && start < word.length && cut(start))
}

/** English in a reply that nobody typed. */
function englishInternals(message: string): string[] {
  // A link the bot hands out (后台) is an address, not an internal.
  const reply = message.replace(/https?:\/\/\S+/g, '')
  const words = [...(reply.match(/[A-Za-z]{4,}/g) ?? []), ...(reply.match(INTERNAL_FRAGMENTS) ?? [])]
  return words.filter((w) => !ALLOWED_ENGLISH.has(w) && !wasTyped(w))
}

interface Finding {
  index: number
  where: string
  who: string
  text: string
  problem: string
}

describe.skipIf(onPostgres)(`fuzz: ${COUNT} generated messages (seed ${SEED})`, () => {
  let cast: Cast
  const findings: Finding[] = []
  const chatterWrites: string[] = []
  const tally = { messages: 0, commands: 0, replies: 0, chatterBatches: 0, exceptions: 0, apologies: 0, english: 0, seconds: 0 }
  let atStart = ''
  let atEnd = ''

  const snapshot = () => databaseSnapshot(cast.bench)

  const deliver = async (m: Message): Promise<void> => {
    tally.messages++
    for (const word of normalizeText(m.text).match(/[A-Za-z]+/g) ?? []) typedEnglish.add(word)
    if (isCommand(m.text)) tally.commands++
    const report = (problem: string) => {
      const finding = { index: m.index, where: m.where, who: m.who.name, text: JSON.stringify(m.text), problem }
      findings.push(finding)
    }
    let replies: string[]
    // The chat adapter (src/chat/wechaty-adapter.ts) cleans lone surrogates before the dispatcher sees the text.
    const text = cleanIncomingText(m.text)
    try {
      replies = m.where === 'group' ? await cast.group.say(m.who, text) : await cast.bench.dm(m.who, text)
    } catch (error) {
      tally.exceptions++
      report(`threw ${(error as Error).message}`)
      return
    }
    tally.replies += replies.length
    for (const reply of replies) {
      if (reply.includes(texts.common.internal())) {
        tally.apologies++
        report('apology')
      }
      const english = englishInternals(reply)
      if (english.length > 0) tally.english++
      if (english.length > 0) report(`English internals ${JSON.stringify(english)} in ${JSON.stringify(reply.slice(0, 120))}`)
    }
  }

  beforeAll(async () => {
    cast = await castOfSeven()
    const started = performance.now()
    atStart = await snapshot()
    const next = generator(cast, SEED).next
    const BATCH = 50
    for (let batch = 0; batch * BATCH < COUNT; batch++) {
      // Every fifth batch is chatter only, with the database compared before and after.
      const onlyChatter = batch % 5 === 4
      const before = onlyChatter ? await snapshot() : ''
      for (let i = 0; i < BATCH && batch * BATCH + i < COUNT; i++) {
        const m = next(onlyChatter)
        if (onlyChatter && isCommand(m.text)) throw new Error(`the generator made a command where chatter was asked for: ${JSON.stringify(m.text)}`)
        await deliver(m)
      }
      if (onlyChatter) {
        tally.chatterBatches++
        const after = await snapshot()
        if (after !== before) chatterWrites.push(`batch ${batch}: ${before} → ${after}`)
      }
      // The day goes on: a minute per batch, so deadlines and 10-minute windows are crossed.
      cast.bench.clock.advance(60_000)
    }
    atEnd = await snapshot()
    tally.seconds = Math.round((performance.now() - started) / 1000)
    if (process.env.FUZZ_REPORT) console.log(JSON.stringify({ seed: SEED, ...tally, findings: findings.length, chatterWrites: chatterWrites.length }))
  }, Math.max(600_000, COUNT * 10))

  afterAll(async () => {
    await cast?.bench.close()
  })

  it('GIVEN the run THEN it really sent the messages, most of them commands, and got answers', () => {
    expect(tally.messages).toBe(COUNT)
    expect(tally.commands).toBeGreaterThan(COUNT / 3)
    expect(tally.replies).toBeGreaterThan(COUNT / 3)
    expect(tally.chatterBatches).toBeGreaterThan(0)
  })

  it('GIVEN the whole run THEN the commands did write, and the snapshot saw it (rows and changes)', () => {
    const changes = (snapshot: string) => Number(/changes=(\d+)/.exec(snapshot)![1])
    expect(changes(atEnd)).toBeGreaterThan(changes(atStart))
    expect(atEnd.replace(/ changes=\d+/, '')).not.toBe(atStart.replace(/ changes=\d+/, ''))
  })

  it('GIVEN any message THEN nothing escapes, nobody gets the apology, no reply shows English internals', () => {
    expect(findings.slice(0, 20)).toEqual([])
  })

  it('GIVEN batches of chatter only THEN the database is unchanged', () => {
    expect(chatterWrites).toEqual([])
  })
})
