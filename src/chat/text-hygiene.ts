/**
 * Text hygiene at the edge: what a chat network hands over is not always valid Unicode. A lone
 * UTF-16 surrogate (half of an emoji cut in two) makes the database driver throw when the text is
 * written, and a reply that echoes it is lost by the sender; a NUL ends strings in C libraries
 * and PostgreSQL refuses it in text columns. So every incoming text is cleaned once, before
 * anything else reads it. Pure.
 */

/** U+FFFD REPLACEMENT CHARACTER: what a reader sees where something unreadable was. */
export const REPLACEMENT = '\uFFFD'

/**
 * A lone surrogate (a high one not followed by a low one, or a low one not preceded by a high
 * one), or a noncharacter: U+FDD0–U+FDEF, and the last two code points of every plane
 * (U+FFFE, U+FFFF, U+1FFFE, U+1FFFF, … U+10FFFF). Noncharacters are for a program's internal use
 * and never valid in text exchanged between programs (The Unicode Standard, 23.7).
 */
const INVALID = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]|[\uFDD0-\uFDEF\uFFFE\uFFFF]|[\uD83F\uD87F\uD8BF\uD8FF\uD93F\uD97F\uD9BF\uD9FF\uDA3F\uDA7F\uDABF\uDAFF\uDB3F\uDB7F\uDBBF\uDBFF][\uDFFE\uDFFF]/g

/** Replaces lone surrogates and noncharacters with U+FFFD and removes NUL characters. */
export function cleanIncomingText(text: string): string {
  return text.replaceAll('\0', '').replace(INVALID, REPLACEMENT)
}
