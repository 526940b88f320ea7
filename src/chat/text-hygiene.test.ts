import { describe, expect, it } from 'vitest'
import { cleanIncomingText, REPLACEMENT } from './text-hygiene.js'

const R = REPLACEMENT

describe('cleanIncomingText', () => {
  it.each<[string, string, string]>([
    ['ordinary Chinese text', '学习打卡 读书 1小时', '学习打卡 读书 1小时'],
    ['an emoji (a valid surrogate pair)', '报名 👍🇨🇳', '报名 👍🇨🇳'],
    ['a character outside the BMP', '𠀀字', '𠀀字'],
    ['a lone high surrogate at the end', '读书\ud800', `读书${R}`],
    ['a lone high surrogate in the middle', '学习打卡 读书\ud800 1小时', `学习打卡 读书${R} 1小时`],
    ['a lone low surrogate', '\udc00报名', `${R}报名`],
    ['two high surrogates then a low one: the first is lone', '\ud83d\ud83d\udc4d', `${R}👍`],
    ['a low then a high surrogate (a pair in the wrong order)', '\ude00\ud83d', `${R}${R}`],
    ['an emoji cut in half at the end', '收到 \ud83d', `收到 ${R}`],
    ['NUL characters are removed', '报\u0000名\u0000', '报名'],
    ['U+FFFE', 'a\uFFFEb', `a${R}b`],
    ['U+FFFF', '\uFFFF', R],
    ['U+FDD0, the first of the noncharacter block', '\uFDD0x', `${R}x`],
    ['U+FDEF, the last of the noncharacter block', 'x\uFDEF', `x${R}`],
    ['U+1FFFE, a noncharacter in plane 1', String.fromCodePoint(0x1fffe), R],
    ['U+10FFFF, the last code point', String.fromCodePoint(0x10ffff), R],
    ['U+1FFFD is a valid character and stays', String.fromCodePoint(0x1fffd), String.fromCodePoint(0x1fffd)],
    ['U+FDF0 (after the block) stays', '\uFDF0', '\uFDF0'],
    ['U+FFFD itself stays', R, R],
    ['the empty text', '', ''],
  ])('GIVEN %s THEN it becomes valid text', (_what, text, clean) => {
    expect(cleanIncomingText(text)).toBe(clean)
  })

  it('GIVEN any cleaned text THEN it is well-formed UTF-16 and has no NUL', () => {
    // Every code unit alone and every pair of code units: the whole surrogate range is covered.
    const units = [0, 0x41, 0x5b57, 0xd800, 0xdbff, 0xdc00, 0xdfff, 0xd83f, 0xdffe, 0xfdd0, 0xfffe, 0xffff]
    for (const a of units) {
      for (const b of units) {
        const cleaned = cleanIncomingText(String.fromCharCode(a, b))
        expect(cleaned).not.toMatch(/\p{Cs}/u) // a lone surrogate is a code point of category Cs; a pair is not
        expect(cleaned).not.toContain('\0')
        expect(Buffer.from(cleaned, 'utf8').toString('utf8')).toBe(cleaned)
      }
    }
  })
})
