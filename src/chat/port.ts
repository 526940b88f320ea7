import type { GroupMember, Mention } from './mentions.js'

/** Where a message is: a group chat, or the private chat between one contact and the bot. */
export type Conversation = { kind: 'group'; roomId: string } | { kind: 'private'; contactId: string }

/** A message as the rest of the bot sees it, whatever the transport. */
export interface IncomingMessage {
  id: string
  conversation: Conversation
  /** The group's name, for group messages. */
  topic?: string
  sender: { contactId: string; name: string }
  /** The text with @mentions (of the bot and of members) taken out. */
  text: string
  /** @mentions of group members, resolved against the group's member list. */
  mentions: Mention[]
  /** The group's member directory (WeChat name and 群昵称), for group messages when the transport knows it: 接龙 lines name people by nickname. */
  members?: readonly GroupMember[]
  /** A file the sender sent (a WeChat attachment, e.g. a roster sheet); the text is then empty. */
  file?: { name: string; base64: string }
  at: Date
}

export interface OutgoingMessage {
  to: Conversation
  text: string
  /** Contacts @-mentioned at the start of the text (groups only). */
  mentionIds?: string[]
  file?: { name: string; base64: string }
}

/** The one way out to WeChat. Only the chat adapter implements it. */
export interface ChatPort {
  send(message: OutgoingMessage): Promise<void>
}
