import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { Resvg } from '@resvg/resvg-js'
import { describe, expect, it } from 'vitest'
import { parseFont, subsetFont } from './font-subset.js'

const fontPath = createRequire(import.meta.url).resolve('@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf')

const render = (svg: string, fontFile: string) =>
  new Resvg(svg, { font: { fontFiles: [fontFile], loadSystemFonts: false, defaultFontFamily: 'Noto Sans SC' } }).render().asPng()

describe('subsetFont', () => {
  const font = parseFont(readFileSync(fontPath))

  it.each([
    ['Chinese, digits and the ellipsis ECharts truncates with', '外滩社区第一党支部 出勤率 92% 南京东路居民区党支…'],
    ['Latin and punctuation', 'Attendance (2026-11): 3/4 — ok'],
    ['ligatures', 'office staff fit'],
  ])('draws %s exactly as the full font does', async (_case, text) => {
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="900" height="80"><rect width="900" height="80" fill="#fff"/><text x="10" y="50" font-size="32">${text}</text></svg>`
    const { mkdtempSync, writeFileSync } = await import('node:fs')
    const { join } = await import('node:path')
    const { tmpdir } = await import('node:os')
    const file = join(mkdtempSync(join(tmpdir(), 'subset-test-')), 'sub.ttf')
    const subset = subsetFont(font, svg)
    writeFileSync(file, subset)
    expect(subset.length).toBeLessThan(1_000_000)
    expect(render(svg, file).equals(render(svg, fontPath))).toBe(true)
  })
})
