/**
 * A TrueType font cut down to the glyphs a chart uses. resvg re-reads its font file for every
 * text element it shapes; with the 10 MB Noto Sans SC that cost ~25 ms per label, seconds for a
 * street's 40 branches. The cut keeps every table and every glyph id as they are (so cmap, hmtx
 * and composite glyphs stay valid) and rebuilds only `glyf` and `loca`, leaving the glyphs the
 * text does not use empty: a few hundred kilobytes instead of ten megabytes.
 */

interface Font {
  tables: Map<string, Buffer>
  /** Unicode code point → glyph id. */
  glyphOf: Map<number, number>
  /** Byte ranges of each glyph in `glyf` (loca). */
  offsets: number[]
  /**
   * Every glyph but the Chinese, Japanese and Korean characters': Latin, symbols, and what
   * substitutions (the fi ligature, alternates) draw. Kept in every subset (about 2,000 glyphs,
   * 300 KB) so GSUB still finds its glyphs; the tens of thousands of ideographs are what is cut.
   */
  alwaysKept: number[]
}

export function parseFont(data: Buffer): Font {
  const tables = new Map<string, Buffer>()
  for (let i = 0, count = data.readUInt16BE(4); i < count; i++) {
    const entry = 12 + i * 16
    const offset = data.readUInt32BE(entry + 8)
    tables.set(data.toString('latin1', entry, entry + 4), data.subarray(offset, offset + data.readUInt32BE(entry + 12)))
  }
  const table = (tag: string) => {
    const found = tables.get(tag)
    if (!found) throw new Error(`font has no ${tag} table`)
    return found
  }
  const longLoca = table('head').readInt16BE(50) === 1
  const numGlyphs = table('maxp').readUInt16BE(4)
  const loca = table('loca')
  const offsets = Array.from({ length: numGlyphs + 1 }, (_, i) => (longLoca ? loca.readUInt32BE(i * 4) : loca.readUInt16BE(i * 2) * 2))
  const glyphOf = readCmap(table('cmap'))
  const ideographs = new Set([...glyphOf].filter(([c]) => isIdeograph(c)).map(([, glyph]) => glyph))
  const alwaysKept = Array.from({ length: numGlyphs }, (_, id) => id).filter((id) => !ideographs.has(id))
  return { tables, glyphOf, offsets, alwaysKept }
}

/** CJK radicals to ideographs, Hangul syllables, compatibility ideographs and the supplementary planes. */
function isIdeograph(c: number): boolean {
  return (c >= 0x2e80 && c <= 0x9fff) || (c >= 0xac00 && c <= 0xd7af) || (c >= 0xf900 && c <= 0xfaff) || c >= 0x20000
}

/** The Unicode mappings of a cmap: format 12 (full repertoire) when present, else format 4. */
function readCmap(cmap: Buffer): Map<number, number> {
  const map = new Map<number, number>()
  const subtables = Array.from({ length: cmap.readUInt16BE(2) }, (_, i) => cmap.readUInt32BE(4 + i * 8 + 4))
  const format12 = subtables.find((offset) => cmap.readUInt16BE(offset) === 12)
  if (format12 !== undefined) {
    for (let g = 0, groups = cmap.readUInt32BE(format12 + 12); g < groups; g++) {
      const at = format12 + 16 + g * 12
      const [start, end, glyph] = [cmap.readUInt32BE(at), cmap.readUInt32BE(at + 4), cmap.readUInt32BE(at + 8)]
      for (let c = start; c <= end; c++) map.set(c, glyph + c - start)
    }
    return map
  }
  const at = subtables.find((offset) => cmap.readUInt16BE(offset) === 4)
  if (at === undefined) throw new Error('font has no Unicode cmap')
  const segments = cmap.readUInt16BE(at + 6) / 2
  const ends = at + 14
  const starts = ends + segments * 2 + 2
  const deltas = starts + segments * 2
  const ranges = deltas + segments * 2
  for (let s = 0; s < segments; s++) {
    const [end, start, delta, range] = [cmap.readUInt16BE(ends + s * 2), cmap.readUInt16BE(starts + s * 2), cmap.readInt16BE(deltas + s * 2), cmap.readUInt16BE(ranges + s * 2)]
    for (let c = start; c <= end && c !== 0xffff; c++) {
      const glyph = range === 0 ? c + delta : cmap.readUInt16BE(ranges + s * 2 + range + (c - start) * 2)
      if (glyph !== 0) map.set(c, (range === 0 ? glyph : glyph + delta) & 0xffff)
    }
  }
  return map
}

/** The glyphs a composite glyph is built from (TrueType `glyf` composite flags). */
function components(glyph: Buffer): number[] {
  if (glyph.length < 10 || glyph.readInt16BE(0) >= 0) return []
  const found: number[] = []
  for (let at = 10, more = true; more; ) {
    const flags = glyph.readUInt16BE(at)
    found.push(glyph.readUInt16BE(at + 2))
    at += 4 + (flags & 0x1 ? 4 : 2) + (flags & 0x8 ? 2 : flags & 0x40 ? 4 : flags & 0x80 ? 8 : 0)
    more = (flags & 0x20) !== 0
  }
  return found
}

/** The font with only the glyphs for `text` (and .notdef) left in `glyf`; long loca. */
export function subsetFont(font: Font, text: string): Buffer {
  const glyf = font.tables.get('glyf')!
  const glyphData = (id: number) => glyf.subarray(font.offsets[id]!, font.offsets[id + 1]!)
  const wanted = new Set<number>([0])
  const queue = [...new Set(Array.from(text, (ch) => font.glyphOf.get(ch.codePointAt(0)!) ?? 0)), ...font.alwaysKept]
  for (let id = queue.pop(); id !== undefined; id = queue.pop()) {
    if (wanted.has(id) && id !== 0) continue
    wanted.add(id)
    for (const part of components(glyphData(id))) if (!wanted.has(part)) queue.push(part)
  }
  const count = font.offsets.length - 1
  const loca = Buffer.alloc((count + 1) * 4)
  const parts: Buffer[] = []
  let offset = 0
  for (let id = 0; id < count; id++) {
    loca.writeUInt32BE(offset, id * 4)
    if (!wanted.has(id)) continue
    const data = glyphData(id)
    const padded = Buffer.alloc((data.length + 3) & ~3)
    data.copy(padded)
    parts.push(padded)
    offset += padded.length
  }
  loca.writeUInt32BE(offset, count * 4)
  const head = Buffer.from(font.tables.get('head')!)
  head.writeInt16BE(1, 50)
  const tables = new Map(font.tables)
  tables.set('glyf', Buffer.concat(parts))
  tables.set('loca', loca)
  tables.set('head', head)
  return writeFont(tables)
}

/** An sfnt file from its tables (checksums left 0: font parsers do not verify them). */
function writeFont(tables: Map<string, Buffer>): Buffer {
  const tags = [...tables.keys()].sort()
  const directory = Buffer.alloc(12 + tags.length * 16)
  directory.writeUInt32BE(0x00010000, 0)
  directory.writeUInt16BE(tags.length, 4)
  const parts: Buffer[] = [directory]
  let offset = directory.length
  tags.forEach((tag, i) => {
    const data = tables.get(tag)!
    const entry = 12 + i * 16
    directory.write(tag, entry, 'latin1')
    directory.writeUInt32BE(offset, entry + 8)
    directory.writeUInt32BE(data.length, entry + 12)
    const padded = Buffer.alloc((data.length + 3) & ~3)
    data.copy(padded)
    parts.push(padded)
    offset += padded.length
  })
  return Buffer.concat(parts)
}
