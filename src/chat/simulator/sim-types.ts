/** The simulated world's people, groups and messages, as the JSON API shows them. */
export interface SimContact {
  id: string
  name: string
}

export interface SimGroup {
  id: string
  topic: string
  memberIds: string[]
  /** contactId → 群昵称, for members who set one. */
  aliases: Record<string, string>
  /** The bot accounts in the group, by number (1, 2, …). */
  accounts: number[]
}

export interface SimMessage {
  seq: number
  /** The sender's contact id, or "bot". */
  from: string
  text: string
  file: { name: string; url: string } | null
  at: string
  /** The bot account that sent it (from "bot"), or that a private message was written to. */
  account?: number
  /** That account's name (支部助手1 …), on the bot's messages. */
  accountName?: string
}

/** What a contact sends: words, or a file as WeChat delivers it (an attachment message). */
export type SimContent = string | { file: { name: string; base64: string } }
