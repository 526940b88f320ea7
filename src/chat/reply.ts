import type { Conversation } from './port.js'

/** What a command answers: text for the chat it came from, or for a private chat with one person. */
export interface Reply {
  text: string
  /** Contacts @-mentioned at the start of the message (group chats only). */
  mentionIds?: string[]
  /** Send privately to this contact instead of answering in the chat. */
  privateTo?: string
  /** Post in this group instead of the chat it came from (an organisation's announcement sent privately). */
  toRoom?: string
  /** Replies with the same key still waiting to be sent merge into one message (bursts of 报名, 签到). */
  coalesceKey?: string
  /** A file (an Excel export) sent after the text. */
  file?: { name: string; base64: string }
}

export type Replies = string | Reply | Array<string | Reply>

export function toReplies(result: Replies): Reply[] {
  const list = Array.isArray(result) ? result : [result]
  return list.map((r) => (typeof r === 'string' ? { text: r } : r))
}

/** Where a reply goes: privately to someone, to another group (an announcement made privately), or back to the chat it answers. */
export function destinationOf(reply: Reply, from: Conversation): Conversation {
  if (reply.privateTo) return { kind: 'private', contactId: reply.privateTo }
  if (reply.toRoom) return { kind: 'group', roomId: reply.toRoom }
  return from
}
