/**
 * References typed right after a command word. `报名 1` means `报名 #1`: members drop the # and a
 * lone number there is never a note. `报名 #2 #4` names two activities; the command decides whether
 * it can do both or must refuse. Pure: which kind of record a number belongs to is the caller's question.
 */

export interface LeadingRefs {
  /** In the order typed, each once. */
  refs: number[]
  /** What follows the references (the note), trimmed. */
  rest: string
}

// #2 or 2, then a separator: spaces, commas, 、 or the next #.
const LEADING_REF = /^#?(\d{1,10})(?=$|[\s,，、;；#])[\s,，、;；]*/

/** Reads the references at the start of a command's arguments: `1`, `#1`, `#2 #4`, `#2、#4`, `2,4 带水`. */
export function readLeadingRefs(rest: string): LeadingRefs {
  const refs: number[] = []
  let text = rest.trim()
  for (let match = LEADING_REF.exec(text); match; match = LEADING_REF.exec(text)) {
    const n = Number(match[1])
    if (!refs.includes(n)) refs.push(n)
    text = text.slice(match[0].length)
  }
  return { refs, rest: text.trim() }
}
