import type { QueuedMessage } from '../outbox/outbox.js'

/**
 * A message a job queues in a group: its text and @-mentions, with the key that names it by
 * business identity (e.g. `activity:<id>:deadline:<deadline>`), so a job's retry queues only what
 * is missing.
 */
export function groupMessage(roomId: string, message: { text: string; mentionIds?: string[] | undefined }, idempotencyKey: string): QueuedMessage {
  return { to: { kind: 'group', roomId }, text: message.text, ...(message.mentionIds?.length ? { mentionIds: message.mentionIds } : {}), idempotencyKey }
}
