import { ManualClock } from '../../src/clock.js'
import { scanMentions, type GroupMember } from '../../src/chat/mentions.js'
import type { IncomingMessage } from '../../src/chat/port.js'
import { Dispatcher } from '../../src/commands/dispatcher.js'
import { CommandRegistry } from '../../src/commands/registry.js'
import type { Reply } from '../../src/chat/reply.js'
import { silentLogger } from '../../src/logger.js'
import { DEFAULT_SCHEDULER_OPTIONS, Scheduler } from '../../src/scheduler/scheduler.js'
import { createCapabilities, type Services } from '../../src/capabilities/index.js'
import type { JobHandler } from '../../src/scheduler/scheduler.js'
import type { AdapterWrapper } from '../../src/db/resilient-adapter.js'
import { createTestDatabase, type TestDatabase } from './database.js'

export const ADMIN_TOKEN = 'test-admin-token-123'
/** Friday 27 November 2026, 10:00 in Shanghai. */
export const FRIDAY_10AM = new Date('2026-11-27T10:00:00+08:00')

export interface Person {
  contactId: string
  name: string
  /** Their 群昵称 in the groups they are in, when set. */
  alias?: string
}

/**
 * A conversation test bench: real dispatcher, services and database, a manual clock, and
 * groups of people who type. `say` returns the texts the bot would send (mentions as `@名字 `).
 */
export class Bench {
  private seq = 0
  private readonly names = new Map<string, string>()
  /** The scheduler over the same services and clock: `tick()` runs due jobs into OutboxMessage rows. */
  readonly scheduler: Scheduler

  private constructor(
    readonly database: TestDatabase,
    readonly services: Services,
    readonly dispatcher: Dispatcher,
    readonly clock: ManualClock,
    jobHandlers: Record<string, JobHandler>,
  ) {
    this.scheduler = new Scheduler({
      jobs: services.jobs,
      handlers: jobHandlers,
      clock,
      logger: silentLogger,
      instanceId: 'test-scheduler',
      options: { ...DEFAULT_SCHEDULER_OPTIONS, timeZone: 'Asia/Shanghai' },
    })
  }

  /** `wrap` goes under Prisma, at the driver (a fault injector, a statement counter). */
  static async start(options: { wrap?: AdapterWrapper } = {}): Promise<Bench> {
    const database = await createTestDatabase(options)
    const clock = new ManualClock(FRIDAY_10AM)
    const { services, jobs, commands, chatState } = createCapabilities(database.db, { timeZone: 'Asia/Shanghai', adminToken: ADMIN_TOKEN, clock })
    const dispatcher = new Dispatcher({ registry: new CommandRegistry(commands), org: services.org, chatState, clock, timeZone: 'Asia/Shanghai', logger: silentLogger })
    return new Bench(database, services, dispatcher, clock, jobs)
  }

  /** Moves the clock to `at` and runs every job due by then. */
  async runJobsAt(at: Date): Promise<void> {
    this.clock.set(at)
    await this.scheduler.tick()
  }

  /**
   * A bound branch group: `admin` authenticates and binds it, everyone registers (正式党员, 在职),
   * and `secretary` is appointed 书记.
   */
  async branch(topic: string, orgName: string, admin: Person, secretary: Person, members: Person[], extra: Person[] = []): Promise<Group> {
    const group = this.group(topic, [admin, secretary, ...members, ...extra])
    const expect = (reply: string, words: string) => {
      if (!reply.includes(words)) throw new Error(`setting up ${orgName}: expected 「${words}」 in 「${reply}」`)
    }
    expect((await this.dm(admin, `认证 ${ADMIN_TOKEN}`)).join(), '超级管理员')
    expect(await group.ask(admin, `绑定 ${orgName}`), `本群已绑定到「${orgName}」`)
    for (const p of [secretary, ...members]) expect(await group.ask(p, `登记 ${p.name} 正式党员 在职`), '已登记')
    expect(await group.ask(admin, `任命 @${secretary.name} 书记`), `已任命 ${secretary.name} 为「${orgName}」书记`)
    return group
  }

  get db() {
    return this.database.db
  }

  /** Someone with a WeChat name, and with `alias` their 群昵称 in every group they are in. */
  person(name: string, alias?: string): Person {
    const person = { contactId: `wxid_${++this.seq}`, name, ...(alias ? { alias } : {}) }
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
    const directory: GroupMember[] = this.people.map((p) => ({ contactId: p.contactId, name: p.name, alias: p.alias }))
    const scan = scanMentions(text, directory)
    return this.bench.send({ conversation: { kind: 'group', roomId: this.roomId }, topic: this.topic, sender: who, text: scan.text, mentions: scan.mentions, members: directory })
  }

  /** Says `text` and expects exactly one reply, returned as a string. */
  async ask(who: Person, text: string): Promise<string> {
    const replies = await this.say(who, text)
    if (replies.length !== 1) throw new Error(`expected one reply to "${text}", got ${JSON.stringify(replies)}`)
    return replies[0]!
  }
}

