/**
 * The bench's only contact with the bot. Everything else in bench/ talks to a `BotUnderTest`:
 * people, groups, and a `say` that resolves with the bot's answers. When the dispatcher or the
 * wiring moves, only this file (and test/support, which the tests keep current) changes.
 *
 *   core  the dispatcher, services and database, built the way the conversation tests build
 *         them (test/support/conversation.ts): no Wechaty, no outbox
 *   live  the whole bot as `npm start` wires it (src/zhibu.ts through test/support/live-bot.ts):
 *         puppet-mock → Wechaty → adapter → dispatcher → database → outbox → puppet-mock
 */
import type { SimMessage } from '../src/chat/simulator/simulator.js'
import { openDatabase, type Db } from '../src/db/client.js'
import { ADMIN_TOKEN, Bench, type Group, type Person } from '../test/support/conversation.js'
import { LIVE_ADMIN_TOKEN, LiveBot } from '../test/support/live-bot.js'

export type { Person }

export interface BotUnderTest {
  readonly adminToken: string
  readonly db: Db
  person(name: string): Person
  /** A new group of these people (and the bot); returns its room id. */
  group(topic: string, people: Person[]): Promise<string>
  /**
   * `who` types `text` in the group; resolves with the texts the bot answers to it. With
   * `answered` false (chatter) it resolves once the bot has the message, without waiting for words.
   */
  say(roomId: string, who: Person, text: string, answered?: boolean): Promise<string[]>
  dm(who: Person, text: string): Promise<string[]>
  close(): Promise<void>
}

/**
 * The core bot on a fresh database: SQLite, or a new schema in the PostgreSQL database at
 * `postgresUrl` (test/support/database.ts reads TEST_DATABASE_URL when it creates one).
 */
export async function startCoreBot(postgresUrl?: string): Promise<BotUnderTest> {
  const saved = process.env.TEST_DATABASE_URL
  if (postgresUrl) process.env.TEST_DATABASE_URL = postgresUrl
  else delete process.env.TEST_DATABASE_URL
  const bench = await Bench.start().finally(() => {
    if (saved === undefined) delete process.env.TEST_DATABASE_URL
    else process.env.TEST_DATABASE_URL = saved
  })
  const groups = new Map<string, Group>()
  return {
    adminToken: ADMIN_TOKEN,
    db: bench.db,
    person: (name) => bench.person(name),
    group: async (topic, people) => {
      const group = bench.group(topic, people)
      groups.set(group.roomId, group)
      return group.roomId
    },
    // Mentions (任命 @某人) resolve against the group's people, as the chat adapter does.
    say: async (roomId, who, text) => (await groups.get(roomId)!.replies(who, text)).map((r) => r.text),
    dm: (who, text) => bench.dm(who, text),
    close: () => bench.close(),
  }
}

/**
 * The whole bot, started in this process on the simulator's puppet-mock. The outbox's pace is
 * lifted (the simulator's default of 6,000 a minute would cap the figure at 100 msgs/s, the
 * daily cap of 3,000 would stop it) so the figure is the bot's, not the pacing's. The repeat window is off: the bench's members say
 * 报名 again seconds after 取消报名 (on the manual clock, at the very same instant), which the bot
 * would otherwise take for WeChat delivering one message twice; the check is one Map lookup.
 * `say` resolves when the bot's answer has reached the chat.
 */
export async function startLiveBot(): Promise<BotUnderTest> {
  const live = await LiveBot.start({ OUTBOX_PER_MINUTE: '100000000', OUTBOX_CHAT_INTERVAL_MS: '0', OUTBOX_DAILY_CAP: '100000000', DUPLICATE_WINDOW_SECONDS: '0' })
  const { sim } = live
  // Told by the simulator as each message is said (no polling: the bench's waiting costs the bot no CPU).
  const answers = async (conversationId: string, send: () => void, answered = true): Promise<string[]> => {
    if (!answered) {
      send()
      return []
    }
    const said: string[] = []
    let stop = () => {}
    const heard = new Promise<string[]>((resolve, reject) => {
      // What the bot says in the same turn belongs to the same answer.
      const timer = setTimeout(() => reject(new Error(`no answer in ${conversationId} within 10 s`)), 10_000)
      const unlisten = sim.onMessage((id, message) => {
        if (id !== conversationId || message.from !== 'bot') return
        if (said.push(message.text) === 1) setImmediate(() => resolve(said))
      })
      stop = () => {
        clearTimeout(timer)
        unlisten()
      }
    })
    try {
      send()
      return await heard
    } finally {
      stop()
    }
  }
  return {
    adminToken: LIVE_ADMIN_TOKEN,
    db: live.zhibu.db,
    person: (name) => ({ contactId: sim.createContact(name).id, name }),
    group: async (topic, people) => sim.createGroup(topic, people.map((p) => p.contactId)).id,
    say: (roomId, who, text, answered) => answers(roomId, () => sim.sayInGroup(roomId, who.contactId, text), answered).catch((e: Error) => Promise.reject(new Error(`${e.message}: 「${text}」`))),
    dm: (who, text) => answers(who.contactId, () => sim.sayPrivately(who.contactId, text)),
    close: () => live.stop(),
  }
}

/**
 * A bot already running in another process (`npm start` in simulator mode at `url`), reached
 * only through the simulator's JSON API; `databaseUrl` is its database, opened here to count rows.
 */
export async function httpBot(url: string, adminToken: string, databaseUrl: string): Promise<BotUnderTest> {
  const call = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(url + path, { method, ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }) })
    if (!response.ok) throw new Error(`${method} ${path}: HTTP ${response.status} ${await response.text()}`)
    return response.status === 204 ? null : response.json()
  }
  const lastSeq = new Map<string, number>()
  const answers = async (conversationId: string, path: string, body: unknown, answered = true): Promise<string[]> => {
    const messagesPath = `${path}?after=${lastSeq.get(conversationId) ?? 0}`
    await call('POST', path, body)
    if (!answered) return []
    const deadline = Date.now() + 10_000
    for (;;) {
      const { messages } = (await call('GET', messagesPath)) as { messages: SimMessage[] }
      const said = messages.filter((m) => m.from === 'bot')
      if (said.length) {
        lastSeq.set(conversationId, messages.at(-1)!.seq)
        return said.map((m) => m.text)
      }
      if (Date.now() > deadline) throw new Error(`no answer in ${conversationId} within 10 s`)
      await new Promise((resolve) => setTimeout(resolve, 2))
    }
  }
  const db = await openDatabase(databaseUrl)
  return {
    adminToken,
    db,
    person: (name) => {
      // Contacts are created over HTTP when the group is made; `person` only reserves the name.
      return { contactId: '', name }
    },
    group: async (topic, members) => {
      for (const p of members) if (!p.contactId) p.contactId = ((await call('POST', '/api/contacts', { name: p.name })) as { id: string }).id
      return ((await call('POST', '/api/groups', { topic, memberIds: members.map((p) => p.contactId) })) as { id: string }).id
    },
    say: (roomId, who, text, answered) => answers(roomId, `/api/groups/${encodeURIComponent(roomId)}/messages`, { from: who.contactId, text }, answered),
    dm: async (who, text) => {
      if (!who.contactId) who.contactId = ((await call('POST', '/api/contacts', { name: who.name })) as { id: string }).id
      return answers(who.contactId, `/api/contacts/${encodeURIComponent(who.contactId)}/messages`, { text })
    },
    close: () => db.$disconnect(),
  }
}
