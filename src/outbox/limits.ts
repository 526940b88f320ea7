/** How carefully the bot sends: WeChat bans accounts that send fast (README「提醒与发送」). */
export interface OutboxLimits {
  /** At least this long between two messages to the same chat. */
  chatIntervalMs: number
  /** At most this many messages in any rolling minute, over all chats. */
  perMinute: number
  /** A random extra wait of up to this long before each message, so sends don't tick like a machine. */
  jitterMs: number
  /** A coalescible message waits this long for others with the same key to join it. */
  coalesceMs: number
  /** Messages a day; a warning is logged from 80 %, and beyond it sending waits for the next day. */
  dailyCap: number
  /** Tries before a message is given up as failed. */
  maxAttempts: number
  /** First retry after this long, doubling each time. */
  retryBaseMs: number
  /** A message left `sending` longer than this by a dead sender is sent again. */
  leaseMs: number
  /** Sent messages are deleted this long after sending (OUTBOX_RETENTION_DAYS). */
  retentionMs: number
}

export const DEFAULT_LIMITS: OutboxLimits = {
  chatIntervalMs: 2000,
  perMinute: 20,
  jitterMs: 500,
  coalesceMs: 3000,
  dailyCap: 3000,
  maxAttempts: 5,
  retryBaseMs: 5000,
  leaseMs: 30_000,
  retentionMs: 30 * 86_400_000,
}
