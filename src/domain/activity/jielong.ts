/**
 * WeChat's own 接龙 (Group Note). Groups sign up by re-posting the whole list with one more line,
 * so the bot reads each copy as a snapshot and compares it with the previous one: names that
 * appear are sign-ups, names that disappear are cancellations. Pure: matching names to members,
 * capacity and waitlist stay with the activity service.
 *
 * The native message looks like:
 *
 *     #接龙
 *     周六社区志愿服务
 *     例 张三 带水
 *
 *     1. 王芳
 *     2. 李四 带水
 */

export interface JielongEntry {
  /** The number as written (re-posts renumber; never use it as an identity). */
  n: number
  name: string
  /** Whatever follows the name, continuation lines included; '' when none. */
  note: string
}

export interface Jielong {
  title: string
  entries: JielongEntry[]
}

/** Bigger than any real 接龙; anything longer is not read at all. */
export const JIELONG_MAX_CHARS = 20_000
export const JIELONG_MAX_ENTRIES = 500

// The tag need not start its line: "周六活动 #接龙" and "@所有人 #接龙" are common.
const TAG = /[#＃]\s*(?:接龙|group\s*note)/i
// 1. 张三 / 1、张三 / 1 张三 / 1．张三 / 1) 张三 / 1:张三.
const ENTRY = /^(\d{1,3})(?:\s*[.、．:：)）]\s*|\s+)(.*)$/
const EXAMPLE = /^例\s*[:：]?/
// Where a name ends and its note begins: a space, a comma, a bracket, a + (张三+1), or an emoji right after it.
const NAME_END = /[\s,，、;；(（[【:：/+]|\p{Extended_Pictographic}/u
const LEADING_DECORATION = /^(?:\p{Extended_Pictographic}|[\u{1F3FB}-\u{1F3FF}\u200D\uFE0F\s])+/u
const DECORATION = /\p{Extended_Pictographic}|[\u{1F3FB}-\u{1F3FF}\u200D\uFE0F]/gu

/** Reads a 接龙 message into its title and entries, or null when the text is not a 接龙. */
export function parseJielong(text: string): Jielong | null {
  if (text.length > JIELONG_MAX_CHARS) return null
  // NFKC: full-width digits, ＃ and ． from phone keyboards read as their ASCII forms.
  const lines = text.normalize('NFKC').replace(/\r\n?/g, '\n').split('\n').map((line) => line.trim())
  const tagLine = lines.findIndex((line) => TAG.test(line))
  if (tagLine < 0) return null

  const titleLines: string[] = []
  const afterTag = lines[tagLine]!.slice(lines[tagLine]!.search(TAG)).replace(TAG, '').trim()
  if (afterTag) titleLines.push(afterTag)
  const entries: JielongEntry[] = []
  let inList = false
  for (const line of lines.slice(tagLine + 1)) {
    if (line === '') {
      if (titleLines.length > 0) inList = true
      continue
    }
    const entry = entryOf(line)
    // A title line may begin with a number (12月5日 志愿服务); the list begins with entry 1 or after the blank line.
    if (entry && (inList || entry.n === 1)) {
      inList = true
      if (entry.name) entries.push(entry)
      if (entries.length > JIELONG_MAX_ENTRIES) return null
      continue
    }
    if (inList) {
      // An entry written over several lines: the line belongs to the entry above it.
      const last = entries.at(-1)
      if (last) last.note = [last.note, line].filter(Boolean).join(' ')
      continue
    }
    if (!EXAMPLE.test(line)) titleLines.push(line)
  }
  // With no title after the tag, the words before it are the title ("周六志愿服务 #接龙").
  const beforeTag = [...lines.slice(0, tagLine), lines[tagLine]!.slice(0, lines[tagLine]!.search(TAG))].join(' ').trim()
  return { title: (titleLines.length > 0 ? titleLines.join(' ') : beforeTag).replace(/\s+/g, ' '), entries }
}

export interface JielongDiff {
  /** Names in the new copy and not in the old one, in the order they appear. */
  added: string[]
  /** Names in the old copy and not in the new one, in the order they appeared. */
  removed: string[]
}

/**
 * Compares two copies of the same 接龙. Each copy is the full list, so an edit in the middle or a
 * renumbering changes nothing unless a name appears or disappears; a name written twice counts once.
 * With no earlier copy (`before` null) every name is added.
 */
export function diffJielong(before: Jielong | null, after: Jielong): JielongDiff {
  const oldNames = uniqueNames(before?.entries ?? [])
  const newNames = uniqueNames(after.entries)
  const oldSet = new Set(oldNames.map(nameKey))
  const newSet = new Set(newNames.map(nameKey))
  return {
    added: newNames.filter((name) => !oldSet.has(nameKey(name))),
    removed: oldNames.filter((name) => !newSet.has(nameKey(name))),
  }
}

function entryOf(line: string): JielongEntry | null {
  const match = ENTRY.exec(line)
  if (!match) return null
  const content = match[2]!.replace(LEADING_DECORATION, '').replace(/^@/, '').trim()
  // A Latin name keeps its space (Wang Fang); a Chinese name ends at the first space.
  const cut = /^[A-Za-z][A-Za-z .'-]*$/.test(content) ? -1 : content.search(NAME_END)
  const name = (cut < 0 ? content : content.slice(0, cut)).replace(DECORATION, '').trim()
  const note = (cut < 0 ? '' : content.slice(cut))
    .replace(/^[\s,，、;；:：/]+/, '')
    .replace(/^[(（[【](.*?)[)）\]】]$/, '$1')
    .trim()
  return { n: Number(match[1]), name, note }
}

function uniqueNames(entries: readonly JielongEntry[]): string[] {
  const seen = new Set<string>()
  const names: string[] = []
  for (const { name } of entries) {
    const key = nameKey(name)
    if (seen.has(key)) continue
    seen.add(key)
    names.push(name)
  }
  return names
}

/** Full-width letters and case do not make another person: ＺｈａｎｇＳａｎ is zhangsan. */
function nameKey(name: string): string {
  return name.normalize('NFKC').toLowerCase()
}

/** Whether a message is a 接龙 at all (cheap: the tag is looked for before anything is parsed). */
export function isJielong(text: string): boolean {
  return text.length <= JIELONG_MAX_CHARS && TAG.test(text.normalize('NFKC')) && parseJielong(text) !== null
}

/**
 * Whether a 接龙's title names the activity: one contains the other once spaces, punctuation,
 * emoji and case are set aside (a title with the day and place around the activity's name still names it). Two characters at
 * least, so that a 接龙 called "周六" does not take every activity on a Saturday.
 */
export function jielongNamesActivity(jielongTitle: string, activityTitle: string): boolean {
  const a = titleKey(jielongTitle)
  const b = titleKey(activityTitle)
  if (a.length < 2 || b.length < 2) return false
  return a.includes(b) || b.includes(a)
}

function titleKey(title: string): string {
  return title.normalize('NFKC').toLowerCase().replace(/[\s\p{P}\p{S}]/gu, '')
}
