/**
 * Resolving `@name` in a group message against the group's members, by group alias or
 * WeChat name. Pure: the chat adapter supplies the member directory.
 */

export interface GroupMember {
  contactId: string
  name: string
  /** The member's nickname in this group (群昵称), when set. */
  alias?: string | undefined
}

export interface Mention {
  /** The name as written after @. */
  name: string
  /** Every member that name fits: one is a match, none is unknown, several is ambiguous. */
  contactIds: string[]
}

export interface MentionScan {
  /** The text with every @mention removed. */
  text: string
  mentions: Mention[]
}

/** What may follow a mentioned name: WeChat puts U+2005 there; people type a space or punctuation. */
const NAME_END = /^($|[\s\u2005@＠,，.。:：;；!！?？、)）])/

/**
 * Finds mentions (`@` or `＠`). At each one the longest member name or alias that is followed by
 * a boundary wins, so `@张三丰` is 张三丰 when both 张三 and 张三丰 are in the group, and is an
 * unknown name (not 张三) when only 张三 is. Mentions of `selfIds` (the bot) are dropped from
 * the list but still removed from the text.
 */
export function scanMentions(rawText: string, members: readonly GroupMember[], selfIds: readonly string[] = []): MentionScan {
  const text = rawText.replace(/＠/g, '@')
  const names = new Map<string, Set<string>>()
  for (const member of members) {
    for (const name of [member.alias, member.name]) {
      if (!name) continue
      const ids = names.get(name) ?? new Set<string>()
      ids.add(member.contactId)
      names.set(name, ids)
    }
  }
  const byLength = [...names.keys()].sort((a, b) => b.length - a.length)
  const mentions: Mention[] = []
  let out = ''
  let i = 0
  while (i < text.length) {
    const at = text.indexOf('@', i)
    if (at < 0) {
      out += text.slice(i)
      break
    }
    out += text.slice(i, at)
    const after = text.slice(at + 1)
    const known = byLength.find((name) => after.startsWith(name) && NAME_END.test(after.slice(name.length)))
    const name = known ?? /^[^\s@]*/.exec(after)![0]
    if (!name) {
      out += '@'
      i = at + 1
      continue
    }
    const ids = [...(names.get(name) ?? [])]
    if (!ids.some((id) => selfIds.includes(id))) mentions.push({ name, contactIds: ids })
    out += ' '
    i = at + 1 + name.length
  }
  return { text: out.replace(/ {2,}/g, ' ').trim(), mentions }
}
