import type { Db } from './client.js'

/** Rows saying which bot processes are alive: the only Prisma code for them. */
export class HeartbeatRepository {
  constructor(private readonly db: Db) {}

  /** Records that `instanceId` is alive at `now` (wall time). */
  async beat(instanceId: string, now: Date): Promise<void> {
    await this.db.processHeartbeat.upsert({ where: { instanceId }, create: { instanceId, startedAt: now, beatAt: now }, update: { beatAt: now } })
  }

  /** Instances whose last beat is older than `staleBefore`: dead (or cut off). */
  async deadSince(staleBefore: Date): Promise<string[]> {
    const rows = await this.db.processHeartbeat.findMany({ where: { beatAt: { lt: staleBefore } }, select: { instanceId: true } })
    return rows.map((r) => r.instanceId)
  }

  /** Forgets processes whose last beat is older than `before` (long dead): returns how many. */
  async forgetBefore(before: Date): Promise<number> {
    const { count } = await this.db.processHeartbeat.deleteMany({ where: { beatAt: { lt: before } } })
    return count
  }

  /** A clean stop: the process says it is gone, so nobody waits for its beat to age. */
  async remove(instanceId: string): Promise<void> {
    await this.db.processHeartbeat.deleteMany({ where: { instanceId } })
  }
}
