/**
 * Pure text handling for commands: normalising what people type on phones, splitting the
 * command word from its arguments, and reading keyword arguments (时间 … 地点 …).
 */

/** Longest message the bot reads; longer ones are refused before any parsing. */
export const MAX_COMMAND_LENGTH = 2000

/**
 * Phone keyboards type full-width forms: every full-width ASCII character (digits, letters, ＃,
 * ：, ＠, （）, ，…) becomes its ASCII form, odd spaces become plain ones, runs of spaces collapse.
 * Line breaks stay (a command may be typed over several lines); `parseArgs` treats them as spaces.
 */
export function normalizeText(text: string): string {
  return text
    .replace(/[\uFF01-\uFF5E]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
    .replace(/[\u3000\u00A0\u2005\u2002\u2003\t\r]/g, ' ')
    .replace(/ {2,}/g, ' ')
    .replace(/ ?\n ?/g, '\n')
    .trim()
}

export interface CommandLine {
  word: string
  rest: string
}

/**
 * Splits `[/|#]命令 参数…` into the command word and the rest. `isCommand` tells whether a word
 * is a known command; `报名#3` (no space before #n) is read as `报名 #3`.
 */
export function splitCommand(text: string, isCommand: (word: string) => boolean): CommandLine | null {
  const line = text.replace(/^[/#]\s*/, '')
  if (!line) return null
  const match = /^(\S+)(?:\s+([\s\S]*))?$/.exec(line)
  if (!match) return null
  const word = match[1]!
  const rest = (match[2] ?? '').trim()
  if (isCommand(word)) return { word, rest }
  // 「收到！」「签到。」: punctuation typed after a command word is not part of it.
  const bare = word.replace(/[!.~,。！？?～，、]+$/, '')
  if (bare !== word && bare && isCommand(bare)) return { word: bare, rest }
  const hash = word.indexOf('#')
  if (hash > 0 && isCommand(word.slice(0, hash))) {
    return { word: word.slice(0, hash), rest: `${word.slice(hash)} ${rest}`.trim() }
  }
  return null
}

export interface ParsedArgs {
  /** `#n` written anywhere among the positional words (any length: commands bound its range). */
  ref?: number
  /** Positional words (everything before the first keyword), without the `#n`. */
  words: string[]
  /** The positional words joined by single spaces. */
  text: string
  /** Keyword arguments: `时间 明天下午3点 地点 外滩` → { 时间: '明天下午3点', 地点: '外滩' }. */
  keys: Record<string, string>
}

/** Reads positional words, one `#n`, and the given keywords (a keyword may carry a colon: `时间：…`). */
export function parseArgs(rest: string, keywords: readonly string[] = []): ParsedArgs {
  const words: string[] = []
  // Keyed by the command's declared keywords only, in a Map all the same: a typed word is never an object key.
  const keys = new Map<string, string[]>()
  let current: string[] = words
  let ref: number | undefined
  for (const token of rest.split(/\s+/).filter(Boolean)) {
    const keyword = keywords.find((k) => token === k || token.startsWith(`${k}:`))
    if (keyword) {
      current = keys.get(keyword) ?? []
      keys.set(keyword, current)
      const inline = token.slice(keyword.length + 1)
      if (inline) current.push(inline)
      continue
    }
    const refMatch = /^#(\d+)$/.exec(token)
    if (refMatch && current === words && ref === undefined) {
      ref = Number(refMatch[1])
      continue
    }
    current.push(token)
  }
  return {
    ...(ref === undefined ? {} : { ref }),
    words,
    text: words.join(' '),
    // No prototype: `keys.constructor` is undefined, not Object, whatever a caller reads.
    keys: Object.assign(Object.create(null) as Record<string, string>, Object.fromEntries([...keys].map(([k, v]) => [k, v.join(' ')]))),
  }
}

/**
 * Everything after the command word exactly as typed: line breaks and full-width punctuation
 * (，：（）) kept, for commands whose argument is prose (通知). Null when the message does not
 * start with `word` (after an optional / or #), e.g. when it was typed in full-width forms.
 */
export function rawRestOf(text: string, word: string): string | null {
  const line = text.replace(/\r\n?/g, '\n').trim().replace(/^[/#＃]\s*/, '')
  if (!line.startsWith(word)) return null
  const rest = line.slice(word.length)
  return rest === '' || /^\s/.test(rest) ? rest.trim() : null
}
