import { ManualClock } from '../../src/clock.js'
import { scanMentions, type GroupMember } from '../../src/chat/mentions.js'
import type { IncomingMessage } from '../../src/chat/port.js'
import { Dispatcher } from '../../src/commands/dispatcher.js'
import { CommandRegistry } from '../../src/commands/registry.js'
import type { Reply } from '../../src/commands/reply.js'
import { silentLogger } from '../../src/logger.js'
import { createServices } from '../../src/services.js'
import { allCommands } from '../../handlers/index.js'
import { createTestDatabase, type TestDatabase } from './database.js'

export const ADMIN_TOKEN = 'test-admin-token-123'
/** Friday 27 November 2026, 10:00 in Shanghai. */
export const FRIDAY_10AM = new Date('2026-11-27T10:00:00+08:00')

export interface Person {
  contactId: string
  name: string
}

/**
 * A conversation test bench: real dispatcher, services and database, a manual clock, and
 * groups of people who type. `say` returns the texts the bot would send (mentions as `@名字 `).
 */
export class Bench {
  private seq = 0
  private readonly names = new Map<string, string>()
  private constructor(
    readonly database: TestDatabase,
    readonly dispatcher: Dispatcher,
    readonly clock: ManualClock,
  ) {}

  static async start(): Promise<Bench> {
    const database = await createTestDatabase()
    const services = createServices(database.db, { timeZone: 'Asia/Shanghai', adminToken: ADMIN_TOKEN })
    const clock = new ManualClock(FRIDAY_10AM)
    const dispatcher = new Dispatcher({ registry: new CommandRegistry(allCommands), services, clock, timeZone: 'Asia/Shanghai', logger: silentLogger })
    return new Bench(database, dispatcher, clock)
  }

  get db() {
    return this.database.db
  }

  person(name: string): Person {
    const person = { contactId: `wxid_${++this.seq}`, name }
    this.names.set(person.contactId, name)
    return person
  }

  /** Reply texts as a member would read them, mentions shown as `@名字 `. */
  render(replies: Reply[]): string[] {
    return replies.map((r) => (r.mentionIds?.length ? `${r.mentionIds.map((id) => `@${this.names.get(id) ?? id}`).join(' ')} ${r.text}` : r.text))
  }

  group(topic: string, people: Person[]): Group {
    return new Group(this, `room${++this.seq}@chatroom`, topic, people)
  }

  /** A private message to the bot. */
  async dm(from: Person, text: string): Promise<string[]> {
    return this.render(await this.send({ conversation: { kind: 'private', contactId: from.contactId }, sender: from, text, mentions: [] }))
  }

  async send(message: Omit<IncomingMessage, 'id' | 'at'>): Promise<Reply[]> {
    return this.dispatcher.handle({ ...message, id: `msg${++this.seq}`, at: this.clock.now() })
  }

  close(): Promise<void> {
    return this.database.close()
  }
}

export class Group {
  constructor(
    private readonly bench: Bench,
    readonly roomId: string,
    readonly topic: string,
    readonly people: Person[],
  ) {}

  /** `who` types `text` in the group; mentions resolve against the group's people. */
  async say(who: Person, text: string): Promise<string[]> {
    return this.bench.render(await this.replies(who, text))
  }

  async replies(who: Person, text: string): Promise<Reply[]> {
    const directory: GroupMember[] = this.people.map((p) => ({ contactId: p.contactId, name: p.name }))
    const scan = scanMentions(text, directory)
    return this.bench.send({ conversation: { kind: 'group', roomId: this.roomId }, topic: this.topic, sender: who, text: scan.text, mentions: scan.mentions })
  }

  /** Says `text` and expects exactly one reply, returned as a string. */
  async ask(who: Person, text: string): Promise<string> {
    const replies = await this.say(who, text)
    if (replies.length !== 1) throw new Error(`expected one reply to "${text}", got ${JSON.stringify(replies)}`)
    return replies[0]!
  }
}

