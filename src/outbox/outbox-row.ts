import type { Conversation, OutgoingMessage } from '../chat/port.js'
import { destinationOf, type Reply } from '../chat/reply.js'
import type { NewOutboxMessage, OutboxRow } from './outbox.repository.js'

export interface QueuedMessage extends OutgoingMessage {
  /** Waiting messages with the same key merge into one, line by line. */
  coalesceKey?: string | undefined
  /**
   * The same key is queued once (a job's retry re-queues only what is missing), e.g.
   * `dues:<orgId>:<month>:remind:<contactId>`. Set by jobs; replies to messages need none.
   */
  idempotencyKey?: string | undefined
}

/**
 * The one mapping from a queued message to its outbox row, for replies and jobs alike. A
 * coalescible message waits until `coalesceUntil` for others with its key to join it.
 */
export function toNewOutboxMessage(message: QueuedMessage, at: { createdAt: Date; coalesceUntil: Date }): NewOutboxMessage {
  const { to } = message
  return {
    toKind: to.kind,
    toId: to.kind === 'group' ? to.roomId : to.contactId,
    text: message.text,
    mentionIds: message.mentionIds ?? [],
    file: message.file,
    coalesceKey: message.coalesceKey,
    idempotencyKey: message.idempotencyKey,
    notBefore: message.coalesceKey ? at.coalesceUntil : new Date(0),
    createdAt: at.createdAt,
  }
}

/** The chat a row goes to, as the pace counts it. */
export function chatKey(row: { toKind: string; toId: string }): string {
  return `${row.toKind}:${row.toId}`
}

/** The way back: a row read from the queue, as the chat port sends it. */
export function toOutgoing(row: OutboxRow): OutgoingMessage {
  const to: Conversation = row.toKind === 'group' ? { kind: 'group', roomId: row.toId } : { kind: 'private', contactId: row.toId }
  const mentionIds = JSON.parse(row.mentionIds) as string[]
  return {
    to,
    text: row.text,
    ...(mentionIds.length ? { mentionIds } : {}),
    ...(row.fileName && row.fileBase64 ? { file: { name: row.fileName, base64: row.fileBase64 } } : {}),
  }
}

/** A command's reply as queued, answering a message in `from` (a file goes after its text). */
export function toQueued(reply: Reply, from: Conversation): QueuedMessage[] {
  const to = destinationOf(reply, from)
  const text: QueuedMessage = {
    to,
    text: reply.text,
    ...(reply.mentionIds?.length ? { mentionIds: reply.mentionIds } : {}),
    ...(reply.coalesceKey ? { coalesceKey: reply.coalesceKey } : {}),
  }
  return reply.file ? [text, { to, text: reply.file.name, file: reply.file }] : [text]
}
