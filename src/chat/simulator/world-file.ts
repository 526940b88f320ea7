import { chmodSync, closeSync, existsSync, mkdirSync, openSync, readFileSync, renameSync, writeFileSync, writeSync } from 'node:fs'
import { dirname } from 'node:path'
import type { SimContact, SimGroup, SimMessage } from './sim-types.js'

/**
 * What survives a restart: the people, the bot accounts and the groups (a JSON file, rewritten on
 * each change) and what was said (a JSON-lines file beside it, appended as each message is said, so
 * even a killed process keeps every message it logged). Files (sent by anyone) are not kept.
 */
export interface SavedWorld {
  /** The first bot account (files written before several accounts had only this). */
  bot: SimContact
  bots?: SimContact[]
  contacts: SimContact[]
  groups: SimGroup[]
}

interface LoggedLine extends SimMessage {
  conversationId: string
}

/** The simulator's files hold names and conversations: readable by their owner only. */
const PRIVATE_FILE = 0o600

/**
 * What the log keeps of a message: the admin token after `认证` is masked, so the history on
 * disk and on the page never shows it (the bot itself still receives the real text).
 */
export function maskSecrets(text: string): string {
  return text.replace(/认证\s+\S+/gu, '认证 ******')
}

/** The world's state file and message log; without a path, nothing is kept. */
export class WorldFile {
  /** The message log, open for appending once a message was said. */
  #log: number | null = null

  constructor(private readonly statePath?: string) {
    if (!statePath) return
    mkdirSync(dirname(statePath), { recursive: true })
    // Files written by an older version were world-readable.
    for (const path of [statePath, this.logPath()]) if (existsSync(path)) chmodSync(path, PRIVATE_FILE)
  }

  read(): SavedWorld | null {
    return this.statePath && existsSync(this.statePath) ? (JSON.parse(readFileSync(this.statePath, 'utf8')) as SavedWorld) : null
  }

  /** Writes the people and groups (rare changes), atomically. */
  write(world: SavedWorld): void {
    if (!this.statePath) return
    writeFileSync(`${this.statePath}.tmp`, JSON.stringify(world), { mode: PRIVATE_FILE })
    chmodSync(`${this.statePath}.tmp`, PRIVATE_FILE)
    renameSync(`${this.statePath}.tmp`, this.statePath)
  }

  /** Written before it returns, through a descriptor kept open (opening the file for each line cost more than writing it). */
  append(conversationId: string, message: SimMessage): void {
    if (!this.statePath) return
    this.#log ??= openSync(this.logPath(), 'a', PRIVATE_FILE)
    const line = Buffer.from(`${JSON.stringify({ conversationId, ...message } satisfies LoggedLine)}\n`)
    for (let written = 0; written < line.length; ) written += writeSync(this.#log, line, written)
  }

  /** Closes the message log; the next message opens it again. */
  close(): void {
    if (this.#log === null) return
    closeSync(this.#log)
    this.#log = null
  }

  /** Every logged message, by conversation, in the order said. */
  readLog(): Array<{ conversationId: string; message: SimMessage }> {
    if (!this.statePath || !existsSync(this.logPath())) return []
    return readFileSync(this.logPath(), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => {
        const { conversationId, ...message } = JSON.parse(line) as LoggedLine
        if (message.from !== 'bot') message.text = maskSecrets(message.text)
        return { conversationId, message }
      })
  }

  /** The message log's path, or null when nothing is kept. */
  get logFile(): string | null {
    return this.statePath ? this.logPath() : null
  }

  private logPath(): string {
    return `${(this.statePath ?? '').replace(/\.json$/, '')}-messages.jsonl`
  }
}
