/**
 * Finding a member by the name an officer types in a private chat (`收党费 张三 76.50`), where
 * there is no @-mention to say who is meant. Pure: the caller passes the organisation's members.
 */

export interface NamedMember {
  id: number
  name: string
}

export type NameMatch<M> = { kind: 'one'; member: M } | { kind: 'none' } | { kind: 'several'; members: M[] }

/**
 * The member called `typed` (a leading @ is ignored). When two or more share the name they are
 * numbered in registration order, and `张三2` picks the second of them.
 */
export function matchMemberName<M extends NamedMember>(members: readonly M[], typed: string): NameMatch<M> {
  const name = typedName(typed)
  const exact = sharing(members, name)
  if (exact.length === 1) return { kind: 'one', member: exact[0]! }
  if (exact.length > 1) return { kind: 'several', members: exact }
  const numbered = /^(.+?)(\d{1,2})$/.exec(name)
  if (numbered) {
    const namesakes = sharing(members, numbered[1]!)
    const picked = namesakes[Number(numbered[2]) - 1]
    if (namesakes.length > 1 && picked) return { kind: 'one', member: picked }
  }
  return { kind: 'none' }
}

/** The name as typed, without a leading @ (people write `收党费 @张三` out of habit). */
export function typedName(typed: string): string {
  return typed.replace(/^[@＠]/, '').trim()
}

function sharing<M extends NamedMember>(members: readonly M[], name: string): M[] {
  return members.filter((m) => m.name === name).sort((a, b) => a.id - b.id)
}

/** Someone in a group as WeChat shows them: their WeChat name and their 群昵称 (alias), if set. */
export interface DirectoryEntry {
  contactId: string
  name: string
  alias?: string | undefined
}

/**
 * The registered member a line of a WeChat 接龙 names: by registered name first (`张三`, `张三2`);
 * else the one registered member whose 群昵称 or WeChat name in the group is exactly that (`老李`).
 * Null when none or several fit: a name is never guessed.
 */
export function matchNameOrNickname<M extends NamedMember & { contactId: string }>(members: readonly M[], directory: readonly DirectoryEntry[], typed: string): M | null {
  const byName = matchMemberName(members, typed)
  if (byName.kind !== 'none') return byName.kind === 'one' ? byName.member : null
  const name = typedName(typed)
  const contacts = new Set(directory.filter((d) => d.alias === name || d.name === name).map((d) => d.contactId))
  const fits = members.filter((m) => contacts.has(m.contactId))
  return fits.length === 1 ? fits[0]! : null
}
