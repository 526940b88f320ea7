import { readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
// @ts-expect-error: a plain ES module script without type declarations
import { architectureProblems } from '../scripts/architecture.mjs'

const root = path.resolve(import.meta.dirname, '..')

function files(dir: string): string[] {
  return readdirSync(path.join(root, dir)).flatMap((name) => {
    const rel = path.posix.join(dir, name)
    if (rel === 'src/generated') return []
    if (statSync(path.join(root, rel)).isDirectory()) return files(rel)
    return /\.ts$/.test(name) && !/\.test\.ts$/.test(name) ? [rel] : []
  })
}

/** String literals of a TypeScript source, comments left out. */
function literals(source: string): string[] {
  const found: string[] = []
  for (let i = 0; i < source.length; i++) {
    const ch = source[i]!
    if (ch === '/' && source[i + 1] === '/') i = source.indexOf('\n', i) === -1 ? source.length : source.indexOf('\n', i)
    else if (ch === '/' && source[i + 1] === '*') i = source.indexOf('*/', i + 2) + 1
    else if (ch === "'" || ch === '"' || ch === '`') {
      let j = i + 1
      while (j < source.length && source[j] !== ch) j += source[j] === '\\' ? 2 : 1
      found.push(source.slice(i + 1, j))
      i = j
    }
  }
  return found
}

/**
 * A user-facing sentence rather than a word of the grammar or a data value (书记, 党员大会,
 * 报名 [#编号], a table of look-alike characters): Chinese punctuation, or a long run that reads
 * as prose. Regular-expression classes are data.
 */
const isSentence = (text: string) =>
  /[\u4e00-\u9fff]/.test(text) &&
  !/^\[.*\][+*?]?$/.test(text) &&
  (/[，。：；！？、（）「」]/.test(text) || ((text.match(/[\u4e00-\u9fff]/g) ?? []).length >= 8 && /[的了请你您已没不吗]/.test(text)))

/**
 * A command's grammar is not a sentence the bot says: its words, its form and an example of what a
 * user types (`aliases:`, `usage:`, `example:`, `keywords:` and the usage constants they are built from).
 */
function withoutGrammar(source: string): string {
  return source
    .split('\n')
    .filter((line) => !/^\s*(aliases|usage|example|keywords):|^const \w*(Usage|USAGE)\w* = /.test(line))
    .join('\n')
}

describe('the house: floors, sizes, sentences', () => {
  it('GIVEN every import in src/ and handlers/ THEN none goes up a floor, none forms a cycle, no file passes 350 lines', () => {
    expect(architectureProblems(root)).toEqual([])
  })

  it('GIVEN the handlers THEN no cast of the context and no non-null assertion: the declaration narrows them', () => {
    const offences = files('handlers').flatMap((file) =>
      readFileSync(path.join(root, file), 'utf8')
        .split('\n')
        .flatMap((line, n) => (/\bas \w*Context\b|\w!\.|\w!\)|\w!,|\w!$/.test(line.replace(/!==?/g, '')) ? [`${file}:${n + 1}: ${line.trim()}`] : [])),
    )
    expect(offences).toEqual([])
  })

  it('GIVEN src/ and handlers/ THEN every Chinese sentence lives in the catalogue (src/texts/), and pure rule tables hold only words', () => {
    const offences = [...files('src'), ...files('handlers')]
      .filter((file) => !file.startsWith('src/texts/'))
      .flatMap((file) => literals(withoutGrammar(readFileSync(path.join(root, file), 'utf8'))).filter(isSentence).map((text) => `${file}: ${text.slice(0, 40)}`))
    expect(offences).toEqual([])
  })
})
