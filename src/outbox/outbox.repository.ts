import { isTransaction, retryOnUniqueViolation, type Db } from '../db/client.js'
import { Prisma } from '../db/sql.js'
import { yieldToEventLoop } from '../util/event-loop.js'

export type Tx = Parameters<Parameters<Db['$transaction']>[0]>[0]

export interface NewOutboxMessage {
  toKind: 'group' | 'private'
  toId: string
  text: string
  mentionIds: string[]
  file?: { name: string; base64: string } | undefined
  coalesceKey?: string | undefined
  idempotencyKey?: string | undefined
  /** The sending account; left out, it is routed when queued (AccountsRepository.route). */
  account?: string | null | undefined
  /** Not before this instant (holding a coalescible message, or a retry's backoff). */
  notBefore: Date
  createdAt: Date
}

export const privateChat = (contactId: string) => `private:${contactId}`


export interface OutboxRow {
  id: number
  toKind: string
  toId: string
  text: string
  mentionIds: string
  fileName: string | null
  fileBase64: string | null
  attempts: number
  notBefore: Date
}

const rowSelect = { id: true, toKind: true, toId: true, text: true, mentionIds: true, fileName: true, fileBase64: true, attempts: true, notBefore: true } as const

export function toOutboxData(message: NewOutboxMessage) {
  return {
    toKind: message.toKind,
    toId: message.toId,
    text: message.text,
    mentionIds: JSON.stringify(message.mentionIds),
    fileName: message.file?.name ?? null,
    fileBase64: message.file?.base64 ?? null,
    coalesceKey: message.coalesceKey ?? null,
    idempotencyKey: message.idempotencyKey ?? null,
    account: message.account ?? null,
    state: 'queued',
    notBefore: message.notBefore,
    createdAt: message.createdAt,
  }
}


/**
 * Inserts the messages inside the caller's transaction, except those whose idempotency key is
 * already held (by an earlier run of the same job, or by another job) or repeated in the batch.
 * Two transactions racing for one key: the unique index refuses the second, which the caller
 * runs again (retryOnUniqueViolation) and which then finds the key held.
 */
export async function queueMessages(tx: Tx, messages: readonly NewOutboxMessage[], account: string | null = null): Promise<void> {
  const keys = messages.flatMap((m) => (m.idempotencyKey ? [m.idempotencyKey] : []))
  const held = new Set<string | null>()
  for (let i = 0; i < keys.length; i += QUEUE_BATCH) {
    if (i > 0) await yieldToEventLoop()
    const batch = keys.slice(i, i + QUEUE_BATCH)
    for (const row of await tx.outboxMessage.findMany({ where: { idempotencyKey: { in: batch } }, select: { idempotencyKey: true } })) held.add(row.idempotencyKey)
  }
  const fresh = messages.filter((m) => {
    if (!m.idempotencyKey) return true
    if (held.has(m.idempotencyKey)) return false
    held.add(m.idempotencyKey)
    return true
  })
  if (fresh.length === 0) return
  const routed = await routeMessages(tx, account, fresh)
  // A fan-out of thousands goes in batches, yielding between them (D13: it blocked the simulator's API).
  for (let i = 0; i < routed.length; i += QUEUE_BATCH) {
    if (i > 0) await yieldToEventLoop()
    await tx.outboxMessage.createMany({ data: routed.slice(i, i + QUEUE_BATCH).map(toOutboxData) })
  }
}

/** Rows written (or keys looked up) per statement when queueing many messages at once. */
const QUEUE_BATCH = 50

/** Pacing as the database knows it (every process's sends); see OutboxRepository.paceSince. */
export interface KnownPace {
  lastToChat: Map<string, number>
  /** The `perMinute`-th newest send of this account within the last minute (the minute is full until a minute after it). */
  minuteFullSince: number | null
  /** This account has sent `dailyCap` messages today. */
  dayFull: boolean
}

/** What the pace asks of the database: the chats whose last send matters, and the two rates. */
export interface PaceQuestion {
  /** Empty when there is no interval per chat (then the last sends do not matter). */
  chats: ReadonlyArray<{ toKind: string; toId: string }>
  minuteAgo: Date
  perMinute: number
  dayStart: Date
  dailyCap: number
}

/** The send queue's rows: the only Prisma code for them. */
export class OutboxRepository {
  /** The logged-in account: it sends only its own rows (and those queued for no account). Null: every row. */
  #account: string | null = null

  constructor(private readonly db: Db) {}

  /** The same queue, written through the caller's open transaction (a message's replies with its write). */
  within(tx: Db): OutboxRepository {
    const repo = new OutboxRepository(tx)
    repo.#account = this.#account
    return repo
  }

  actAs(account: string | null): void {
    this.#account = account
  }

  get account(): string | null {
    return this.#account
  }

  private mine() {
    return this.#account === null ? {} : { OR: [{ account: this.#account }, { account: null }] }
  }

  /**
   * What the database knows of pacing, over every process: the last send to each of the chats (by
   * any account), and whether this account's sends fill the rolling minute or the day. Each rate
   * reads at most `perMinute` (or `dailyCap`) index entries and returns one row, however many
   * messages were sent.
   */
  async paceSince({ chats, minuteAgo, perMinute, dayStart, dailyCap }: PaceQuestion): Promise<KnownPace> {
    const lastToChat = new Map<string, number>()
    const ids = [...new Set(chats.map((c) => c.toId))]
    if (ids.length > 0) {
      const last = await this.db.outboxMessage.groupBy({ by: ['toKind', 'toId'], where: { toId: { in: ids }, state: 'sent' }, _max: { sentAt: true } })
      for (const row of last) if (row._max.sentAt) lastToChat.set(`${row.toKind}:${row.toId}`, row._max.sentAt.getTime())
    }
    // Both rates in one statement: the `perMinute`-th newest send within the minute, and whether there is a `dailyCap`-th today.
    const own = this.#account === null ? Prisma.empty : Prisma.sql` AND "account" = ${this.#account}`
    const [row] = await this.db.$queryRaw<Array<{ minuteFull: unknown; dayFull: unknown }>>`
      SELECT
        (SELECT "sentAt" FROM "OutboxMessage" WHERE "state" = 'sent' AND "sentAt" > ${minuteAgo}${own}
          ORDER BY "sentAt" DESC LIMIT 1 OFFSET CAST(${perMinute - 1} AS INTEGER)) AS "minuteFull",
        (SELECT 1 FROM "OutboxMessage" WHERE "state" = 'sent' AND "sentAt" >= ${dayStart}${own}
          ORDER BY "sentAt" DESC LIMIT 1 OFFSET CAST(${dailyCap - 1} AS INTEGER)) AS "dayFull"`
    const minuteFull = row?.minuteFull
    return { lastToChat, minuteFullSince: minuteFull == null ? null : toMs(minuteFull), dayFull: row?.dayFull != null }
  }

  /** Queues the message, unless the outbox already holds its idempotency key. */
  async insert(message: NewOutboxMessage): Promise<void> {
    // Through a transaction the caller holds open (`within`), which commits what is queued here.
    if (isTransaction(this.db)) return queueMessages(this.db as unknown as Tx, [message], this.#account)
    await retryOnUniqueViolation(() => this.db.$transaction((tx) => queueMessages(tx, [message], this.#account)))
  }

  /**
   * Queues a reply to a group that has an owner, routed to the owner in the same one statement
   * (no transaction); with `claim`, already taken for sending by this sender (only when the owner
   * is this sender's account), so it need not be read and claimed again. A crash leaves it
   * `sending` for reclaimAbandoned, like any claimed row. Returns the row, or null when this path
   * does not apply (a private message, an idempotency key, a group nobody owns, another
   * account's group when claiming): the caller queues it with `insert` then.
   */
  async insertForGroup(message: NewOutboxMessage, claim?: { by: string; at: Date }): Promise<{ row: OutboxRow; claimed: boolean } | null> {
    if (message.toKind !== 'group' || message.idempotencyKey) return null
    const data = toOutboxData(message)
    // With no account of its own, the sender routes a group nobody owns to no account, as `routeMessages` does.
    const from = this.#account === null
      ? Prisma.sql`FROM (SELECT 1 AS "one") AS "one" LEFT JOIN "GroupOwner" o ON o."roomId" = ${data.toId}`
      : Prisma.sql`FROM "GroupOwner" o WHERE o."roomId" = ${data.toId}${claim ? Prisma.sql` AND o."account" = ${this.#account}` : Prisma.empty}`
    const rows = await this.db.$queryRaw<Array<{ id: number | bigint }>>`
      INSERT INTO "OutboxMessage" ("toKind", "toId", "text", "mentionIds", "fileName", "fileBase64", "coalesceKey", "idempotencyKey", "account", "state", "attempts", "notBefore", "createdAt", "claimedBy", "claimedAt")
      SELECT ${data.toKind}, ${data.toId}, ${data.text}, ${data.mentionIds}, ${data.fileName}, ${data.fileBase64}, ${data.coalesceKey}, ${null}, o."account",
        ${claim ? 'sending' : 'queued'}, 0, ${data.notBefore}, ${data.createdAt}, ${claim?.by ?? null}, ${claim?.at ?? null}
      ${from}
      RETURNING "id"`
    const inserted = rows[0]
    if (!inserted) return null
    const row: OutboxRow = { id: Number(inserted.id), toKind: data.toKind, toId: data.toId, text: data.text, mentionIds: data.mentionIds, fileName: data.fileName, fileBase64: data.fileBase64, attempts: 0, notBefore: data.notBefore }
    return { row, claimed: claim !== undefined }
  }

  /**
   * Appends `text` as a new line to the waiting message with `coalesceKey`, if one is still
   * waiting: one statement, which applies only while the row is queued (a sender that read it
   * before fails its claim, the text having changed, and reads again).
   */
  async appendToWaiting(coalesceKey: string, text: string): Promise<boolean> {
    const count = await this.db.$executeRaw`
      UPDATE "OutboxMessage" SET "text" = "text" || ${`\n${text}`}
      WHERE "id" = (SELECT "id" FROM "OutboxMessage" WHERE "coalesceKey" = ${coalesceKey} AND "state" = 'queued' ORDER BY "id" DESC LIMIT 1)
        AND "state" = 'queued'`
    return count === 1
  }

  /** A message this sender took but will not send now goes back to the queue. */
  async release(id: number, by: string): Promise<void> {
    await this.db.outboxMessage.updateMany({ where: { id, state: 'sending', claimedBy: by }, data: { state: 'queued', claimedBy: null, claimedAt: null } })
  }

  /**
   * The first `limit` queued messages in the order they may go (those due now first, oldest
   * first; then those held until later, soonest first): one read tells the sender what to send
   * now and when to look again.
   */
  queued(limit: number): Promise<OutboxRow[]> {
    return this.db.outboxMessage.findMany({
      where: { state: 'queued', ...this.mine() },
      orderBy: [{ notBefore: 'asc' }, { id: 'asc' }],
      take: limit,
      select: rowSelect,
    })
  }

  /**
   * Takes these messages for sending, in one statement: returns those this sender now holds, in
   * the order given, each with its text as claimed (a line appended after the read is in it;
   * none can be appended once it is taken, so the sender never marks sent a line it did not send).
   * Another sender's claim, or a message no longer queued, leaves it out.
   */
  async claim(rows: readonly OutboxRow[], by: string, now: Date): Promise<OutboxRow[]> {
    if (rows.length === 0) return []
    // One statement (the ORM's updateMany opens a transaction around its own read and update).
    const taken = await this.db.$queryRaw<Array<{ id: number | bigint; text: string }>>`
      UPDATE "OutboxMessage" SET "state" = 'sending', "claimedBy" = ${by}, "claimedAt" = ${now}
      WHERE "id" IN (${Prisma.join(rows.map((row) => row.id))}) AND "state" = 'queued'
      RETURNING "id", "text"`
    const texts = new Map(taken.map((row) => [Number(row.id), row.text]))
    return rows.flatMap((row) => (texts.has(row.id) ? [{ ...row, text: texts.get(row.id)! }] : []))
  }

  /** Marks the message sent; a file's contents (an export with names and amounts) are dropped at once. */
  async markSent(id: number, now: Date): Promise<void> {
    // One statement that returns no row (the sender needs nothing back), without the ORM's query building.
    await this.db.$executeRaw`UPDATE "OutboxMessage" SET "state" = 'sent', "sentAt" = ${now}, "fileBase64" = NULL WHERE "id" = ${id}`
  }

  /** Deletes messages sent before `sentBefore`: the bot keeps no copy of what it said longer than needed. */
  async purgeSent(sentBefore: Date): Promise<number> {
    const { count } = await this.db.outboxMessage.deleteMany({ where: { state: 'sent', sentAt: { lt: sentBefore } } })
    return count
  }

  async retryLater(id: number, attempts: number, notBefore: Date, error: string): Promise<void> {
    await this.db.outboxMessage.update({
      where: { id },
      data: { state: 'queued', attempts, notBefore, lastError: error, claimedBy: null, claimedAt: null },
    })
  }

  async markFailed(id: number, attempts: number, error: string): Promise<void> {
    await this.db.outboxMessage.update({ where: { id }, data: { state: 'failed', attempts, lastError: error } })
  }

  /** Messages left `sending` by a sender that died (claimed before `claimedBefore`) go back to the queue. */
  async reclaimAbandoned(claimedBefore: Date): Promise<number> {
    const { count } = await this.db.outboxMessage.updateMany({
      where: { state: 'sending', claimedAt: { lt: claimedBefore } },
      data: { state: 'queued', claimedBy: null, claimedAt: null },
    })
    return count
  }

  countQueued(): Promise<number> {
    return this.db.outboxMessage.count({ where: { state: { in: ['queued', 'sending'] }, ...this.mine() } })
  }
}

/**
 * Sets each message's sending account, inside the caller's transaction: a group's owner (the
 * current account becomes the owner of a group nobody owns yet); a person from the current
 * account if it shares a group with them, else from an account that does, else the current one.
 */
export async function routeMessages(tx: Tx, current: string | null, messages: readonly NewOutboxMessage[]): Promise<NewOutboxMessage[]> {
  const rooms = [...new Set(messages.filter((m) => m.toKind === 'group').map((m) => m.toId))]
  const people = [...new Set(messages.filter((m) => m.toKind === 'private').map((m) => privateChat(m.toId)))]
  const owners = new Map(
    rooms.length === 0 ? [] : (await tx.groupOwner.findMany({ where: { roomId: { in: rooms } } })).map((o) => [o.roomId, o.account] as const),
  )
  if (current) {
    for (const roomId of rooms.filter((r) => !owners.has(r))) {
      await claimIfUnowned(tx, roomId, current, messages[0]!.createdAt)
      owners.set(roomId, (await tx.groupOwner.findUniqueOrThrow({ where: { roomId } })).account)
    }
  }
  const reach = people.length === 0 ? [] : await tx.accountReach.findMany({ where: { chat: { in: people } }, orderBy: { seenAt: 'desc' }, select: { account: true, chat: true } })
  const fromAccount = (message: NewOutboxMessage): string | null => {
    if (message.toKind === 'group') return owners.get(message.toId) ?? current
    const able = reach.filter((r) => r.chat === privateChat(message.toId))
    if (current && able.some((r) => r.account === current)) return current
    return able[0]?.account ?? current
  }
  return messages.map((message) => ({ ...message, account: fromAccount(message) }))
}

export async function claimIfUnowned(db: Db | Tx, roomId: string, account: string, now: Date): Promise<void> {
  // Insert-or-ignore that works alike on SQLite and PostgreSQL: an empty update of the existing row.
  await db.groupOwner.upsert({ where: { roomId }, create: { roomId, account, since: now }, update: {} })
}

/** A time read back by raw SQL: a Date, epoch milliseconds, or an ISO text, as the driver gives it. */
function toMs(value: unknown): number {
  if (value instanceof Date) return value.getTime()
  if (typeof value === 'number' || typeof value === 'bigint') return Number(value)
  return new Date(String(value)).getTime()
}
