import type { EChartsOption } from 'echarts'
import type { ScoreRow } from '../domain/report/report-figures.service.js'
import { rate } from '../domain/report/tally.js'
import { consoleTexts as t } from '../texts/console.texts.js'

/** Server-rendered pages: plain template functions, no build step. Every value is escaped. */

export function escape(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
}

const percent = (value: number | null) => (value === null ? '—' : `${value}%`)

const STYLE = `
*{box-sizing:border-box}body{margin:0;font:16px/1.5 system-ui,"Noto Sans SC","Noto Sans CJK SC","PingFang SC","Microsoft YaHei",sans-serif;color:#222;background:#f5f5f5}
header{background:#c8102e;color:#fff;padding:10px 16px;display:flex;justify-content:space-between;align-items:center;gap:8px}
header a,header button{color:#fff;background:none;border:0;font:inherit;text-decoration:underline;cursor:pointer}
main{max-width:1100px;margin:0 auto;padding:12px}
h1{font-size:22px;margin:8px 0}h2{font-size:18px;margin:20px 0 8px}
section{background:#fff;border-radius:8px;padding:12px;margin-bottom:12px;overflow-x:auto}
table{border-collapse:collapse;width:100%;min-width:340px}th,td{padding:8px 6px;border-bottom:1px solid #eee;text-align:left;white-space:nowrap}
td.name{white-space:normal;min-width:110px}
.ok{background:#e3f4e6;color:#1c6b2d}.due{background:#fff4d6;color:#8a5a00}.overdue{background:#fde2e2;color:#a11}
.cell{border-radius:6px;padding:4px 6px;font-weight:600}
ul{padding-left:18px;margin:4px 0}li{margin:6px 0}.muted{color:#666;font-size:14px}
.chart{width:100%;height:420px}
.button{display:inline-block;background:#c8102e;color:#fff;border:0;border-radius:8px;padding:12px 20px;font-size:18px;text-decoration:none;cursor:pointer}
.downloads a{display:inline-block;margin:4px 8px 4px 0;padding:8px 12px;border:1px solid #c8102e;border-radius:6px;color:#c8102e;text-decoration:none}
@media (max-width:600px){main{padding:6px}th,td{padding:6px 4px;font-size:14px}.chart{height:360px}}
`

export function layout(input: { title: string; body: string; loggedIn: boolean; scripts?: string }): string {
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escape(input.title)}</title><style>${STYLE}</style></head><body>
<header><a href="/">${escape(t.title())}</a>${input.loggedIn ? `<form method="post" action="/logout"><button>${escape(t.logout())}</button></form>` : ''}</header>
<main>${input.body}</main>${input.scripts ?? ''}</body></html>`
}

export function refusalPage(message: string, loggedIn: boolean): string {
  return layout({ title: t.refusedTitle(), loggedIn, body: `<section><h1>${escape(t.refusedTitle())}</h1><p class="refusal">${escape(message)}</p></section>` })
}

/** The page a login link opens: a button, so a link preview fetching the URL does not use it up. */
export function loginPage(token: string): string {
  return layout({
    title: t.title(),
    loggedIn: false,
    body: `<section><h1>${escape(t.title())}</h1><p>${escape(t.enterHint())}</p>
<form method="post" action="/login"><input type="hidden" name="t" value="${escape(token)}"><button class="button">${escape(t.enter())}</button></form></section>`,
  })
}

/** The 三会一课 cell: red with anything overdue, amber with something still to hold, green when all held. */
export function meetingsCell(calendar: ScoreRow['calendar']): string {
  const state = calendar.overdue > 0 ? 'overdue' : calendar.due > 0 ? 'due' : 'ok'
  return `<span class="cell ${state}" data-state="${state}">${escape(t.meetingsHeld(calendar))}</span>`
}

export interface OverviewTable {
  root: { id: number; name: string }
  rows: ScoreRow[]
  total: ScoreRow | null
  chart: EChartsOption
}

function scoreRow(row: ScoreRow, link: boolean, name = row.org.name): string {
  const cells = [
    link ? `<a href="/org/${row.org.id}">${escape(name)}</a>` : escape(name),
    row.members,
    meetingsCell(row.calendar),
    percent(rate(row.attendance.attended, row.attendance.expected)),
    percent(row.duesRate),
    percent(row.noticeAckRate),
    row.studyHoursPerMember,
  ]
  return `<tr data-org="${row.org.id}">${cells.map((c, i) => `<td${i === 0 ? ' class="name"' : ''}>${i === 0 || i === 2 ? c : escape(c)}</td>`).join('')}</tr>`
}

export function overviewPage(input: { period: string; tables: OverviewTable[] }): string {
  const sections = input.tables.map(
    (table, i) => `<section><h2><a href="/org/${table.root.id}">${escape(table.root.name)}</a></h2>
<table><thead><tr>${t.columns().map((c) => `<th>${escape(c)}</th>`).join('')}</tr></thead><tbody>
${table.rows.map((r) => scoreRow(r, true)).join('\n')}
${table.total ? scoreRow(table.total, false, t.total()) : ''}
</tbody></table><div class="chart" id="chart${i}"></div></section>`,
  )
  return layout({
    title: t.overview({ period: input.period }),
    loggedIn: true,
    body: `<h1>${escape(t.overview({ period: input.period }))}</h1>${sections.join('')}`,
    scripts: chartScripts(input.tables.map((table) => table.chart)),
  })
}

/** ECharts from node_modules (served at /assets), the options built by the same builders as the chat's PNGs. */
function chartScripts(options: EChartsOption[]): string {
  // JSON inside <script>: escape `<` so a name cannot close the script element.
  const json = JSON.stringify(options).replace(/</g, '\\u003c')
  return `<script src="/assets/echarts.min.js"></script><script>
const options=${json};options.forEach((o,i)=>{const el=document.getElementById('chart'+i);if(!el||!window.echarts)return;
el.style.height=Math.max(360,120+o.yAxis.data.length*o.series.length*26+o.yAxis.data.length*16)+'px';
const c=echarts.init(el,null,{renderer:'svg'});c.setOption(o);addEventListener('resize',()=>c.resize())});</script>`
}
