import { createRequire } from 'node:module'
import { Resvg } from '@resvg/resvg-js'
import * as echarts from 'echarts'
import type { EChartsOption } from 'echarts'
import { CHART_WIDTH, FONT_FAMILY } from './chart-options.js'

/**
 * The CJK font ships in an npm package, so a fresh machine renders Chinese without system fonts
 * (and never falls back to tofu boxes). Its path is resolved once per process.
 */
let fontPath: string | null = null
function font(): string {
  fontPath ??= createRequire(import.meta.url).resolve('@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf')
  return fontPath
}

/** ECharts on the server draws SVG (no DOM, no canvas); resvg turns it into a PNG with our font. */
export function renderSvg(option: EChartsOption, size: { width?: number; height: number }): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: size.width ?? CHART_WIDTH, height: size.height })
  try {
    chart.setOption(option)
    return chart.renderToSVGString()
  } finally {
    chart.dispose()
  }
}

export function svgToPng(svg: string): Buffer {
  const resvg = new Resvg(svg, {
    font: { fontFiles: [font()], loadSystemFonts: false, defaultFontFamily: FONT_FAMILY, sansSerifFamily: FONT_FAMILY },
    background: '#ffffff',
  })
  return resvg.render().asPng()
}

export interface RenderedChart {
  png: Buffer
  option: EChartsOption
}

export function renderChart(option: EChartsOption, size: { width?: number; height: number }): RenderedChart {
  return { png: svgToPng(renderSvg(option, size)), option }
}
