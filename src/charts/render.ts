import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { EChartsOption } from 'echarts'
import { CHART_WIDTH, FONT_FAMILY } from './chart-options.js'
import { parseFont, subsetFont } from './font-subset.js'

/**
 * The CJK font ships in an npm package, so a fresh machine renders Chinese without system fonts
 * (and never falls back to tofu boxes). It is read and parsed once per process.
 */
let font: ReturnType<typeof parseFont> | null = null
function notoSansSC(): ReturnType<typeof parseFont> {
  font ??= parseFont(readFileSync(createRequire(import.meta.url).resolve('@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf')))
  return font
}

let scratch: string | null = null
let renders = 0

/**
 * ECharts (some 40 MB once loaded) and resvg are loaded on the first chart, not at start-up: most
 * processes never draw one.
 */
const loadEcharts = () => import('echarts')
const loadResvg = () => import('@resvg/resvg-js')

/** ECharts on the server draws SVG (no DOM, no canvas); resvg turns it into a PNG with our font. */
export async function renderSvg(option: EChartsOption, size: { width?: number; height: number }): Promise<string> {
  const echarts = await loadEcharts()
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: size.width ?? CHART_WIDTH, height: size.height })
  try {
    chart.setOption(option)
    return chart.renderToSVGString()
  } finally {
    chart.dispose()
  }
}

/** resvg with the font cut down to the characters of this SVG (resvg takes fonts only as files). */
export async function svgToPng(svg: string): Promise<Buffer> {
  const { Resvg } = await loadResvg()
  scratch ??= mkdtempSync(join(tmpdir(), 'zhibu-chart-font-'))
  const file = join(scratch, `${process.pid}-${++renders}.ttf`)
  writeFileSync(file, subsetFont(notoSansSC(), svg))
  try {
    const resvg = new Resvg(svg, {
      font: { fontFiles: [file], loadSystemFonts: false, defaultFontFamily: FONT_FAMILY, sansSerifFamily: FONT_FAMILY },
      background: '#ffffff',
    })
    return resvg.render().asPng()
  } finally {
    rmSync(file, { force: true })
  }
}

export interface RenderedChart {
  png: Buffer
  option: EChartsOption
}

export async function renderChart(option: EChartsOption, size: { width?: number; height: number }): Promise<RenderedChart> {
  return { png: await svgToPng(await renderSvg(option, size)), option }
}
