import type { Db } from './client.js'

/** Message ids already taken, kept past a restart: the only Prisma code for them. */
export class SeenMessagesRepository {
  #sincePurge = 0

  constructor(
    private readonly db: Db,
    /** Ids older than this are forgotten: no redelivery that old is accepted anyway. */
    private readonly keepMs: number,
  ) {}

  /** True the first time `id` is offered, false for a redelivery (also after a restart). */
  async firstTime(id: string, now: Date): Promise<boolean> {
    if (++this.#sincePurge >= 500) {
      this.#sincePurge = 0
      await this.db.seenMessage.deleteMany({ where: { seenAt: { lt: new Date(now.getTime() - this.keepMs) } } })
    }
    // One statement that returns nothing: a redelivery inserts no row (no error to build and catch).
    const inserted = await this.db.$executeRaw`INSERT INTO "SeenMessage" ("id", "seenAt") VALUES (${id}, ${now}) ON CONFLICT DO NOTHING`
    return inserted === 1
  }
}
