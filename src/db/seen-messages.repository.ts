import { isUniqueViolation, type Db } from './client.js'

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
    try {
      await this.db.seenMessage.create({ data: { id, seenAt: now } })
      return true
    } catch (error) {
      if (isUniqueViolation(error)) return false
      throw error
    }
  }
}
