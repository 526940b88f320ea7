// `node bench/table.mjs [bench/results.json]`: rewrites the figures table in README.md (between
// the bench:table markers) from the bench's JSON, each figure beside its target from issue 13.
// Keys in the JSON are nested objects; a figure's name is its dotted path.
import { readFileSync, writeFileSync } from 'node:fs'

const file = process.argv[2] ?? 'bench/results.json'
const result = JSON.parse(readFileSync(file, 'utf8'))
const at = (path) => path.split('.').reduce((value, key) => (value == null ? undefined : value[key]), result)
const n = (value, digits = 0) => (value == null ? '—' : Number(value).toLocaleString('en-US', { maximumFractionDigits: digits }))

/** [label, dotted path, unit, target text, met?(value)] */
const rows = [
  ['`writes` 逐条等待：吞吐', 'writes.awaited.msgsPerSecond', '条/秒', '≥ 1,500', (v) => v >= 1500],
  ['`writes` 逐条等待：p50', 'writes.awaited.p50Ms', 'ms', '', null],
  ['`writes` 逐条等待：p99', 'writes.awaited.p99Ms', 'ms', '≤ 10', (v) => v <= 10],
  ['`writes` 32 条并发：吞吐', 'writes.inFlight32.msgsPerSecond', '条/秒', '≥ 4,000', (v) => v >= 4000],
  ['`writes` 32 条并发：p99', 'writes.inFlight32.p99Ms', 'ms', '', null],
  ['`mixed`（八成闲聊）：吞吐', 'mixed.msgsPerSecond', '条/秒', '', null],
  ['`peer`（每条一次签到插入）：吞吐', 'peer.msgsPerSecond', '条/秒', '', null],
  ['同次测得 Koishi 4.18 `签到`', 'peer.koishiMsgsPerSecond', '条/秒', '', null],
  ['`peer` ÷ Koishi', 'peer.ratioToKoishi', '倍', '≥ 8', (v) => v >= 8],
  ['下限：裸 better-sqlite3 单行插入', 'floors.rawSqliteInsert.rowsPerSecond', '行/秒', '（参考）', null],
  ['下限：Wechaty + puppet-mock 空处理', 'floors.wechatyNoop.msgsPerSecond', '条/秒', '（参考）', null],
  ['Wechaty 完整路径（`writes` 逐条等待回复）', 'wechaty.fullPath.msgsPerSecond', '条/秒', '', null],
  ['完整路径 ÷ min(空处理, `writes` 逐条)', 'wechaty.fullPath.shareOfLesserFloor', '', '≥ 0.9', (v) => v >= 0.9],
  ['Wechaty 完整路径，100 个群 32 条并发：吞吐', 'wechaty.fullPathInFlight32.msgsPerSecond', '条/秒', '', null],
  ['同上：p99', 'wechaty.fullPathInFlight32.p99Ms', 'ms', '', null],
  ['同上 ÷ `writes` 32 条并发', 'wechaty.fullPathInFlight32.shareOfCoreInFlight32', '', '', null],
  ['`npm start` 冷启动到 `/api/health`', 'process.coldStartMs', 'ms', '≤ 5,000', (v) => v <= 5000],
  ['启动后空闲 RSS（机器人进程）', 'process.idleRssMb', 'MB', '≤ 200', (v) => v <= 200],
  ['启动后空闲 RSS（含 npm 整棵进程树）', 'process.idleTreeRssMb', 'MB', '', null],
  ['每 10 万条消息 RSS 增长（预热 1 万条之后，11 次读数的趋势）', 'process.rssGrowthMbPer100k', 'MB', '≤ 50', (v) => v <= 50],
  ['同上，只看首尾两次读数', 'process.rssEndpointGrowthMbPer100k', 'MB', '', null],
  ['11 万条之后比启动空闲时多占的 RSS', 'process.rssAboveIdleMb', 'MB', '', null],
  ['街道「统计」中位（200 支部，100 万签到）', 'reports.streetScorecard.medianMs', 'ms', '≤ 300', (v) => v <= 300],
  ['街道「考勤」中位', 'reports.streetAttendance.medianMs', 'ms', '≤ 300', (v) => v <= 300],
  ['PostgreSQL `writes` 逐条等待', 'postgres.writes.awaited.msgsPerSecond', '条/秒', '', null],
  ['PostgreSQL `writes` 32 条并发', 'postgres.writes.inFlight32.msgsPerSecond', '条/秒', '≥ 1,500', (v) => v >= 1500],
  ['同一 PostgreSQL：1 个机器人进程（完整路径，合计）', 'postgres.processes.1.msgsPerSecond', '条/秒', '', null],
  ['同一 PostgreSQL：2 个机器人进程（合计）', 'postgres.processes.2.msgsPerSecond', '条/秒', '', null],
  ['同一 PostgreSQL：4 个机器人进程（合计）', 'postgres.processes.4.msgsPerSecond', '条/秒', '', null],
]

const lines = ['| 指标（JSON 路径） | 结果 | 目标 | 达标 |', '|---|---|---|---|']
for (const [label, path, unit, target, met] of rows) {
  const value = at(path)
  const shown = value == null ? '未测' : `${n(value, unit === 'ms' || unit === '倍' || unit === '' ? 2 : unit === 'MB' ? 1 : 0)}${unit ? ` ${unit}` : ''}`
  const verdict = value == null || !met ? '' : met(value) ? '✓' : '✗'
  lines.push(`| ${label}<br>\`${path}\` | ${shown} | ${target} | ${verdict} |`)
}
const machine = result.machine ?? {}
lines.push('', `测于 Node ${machine.node}，${machine.cpus} 核，BENCH_SCALE=${machine.scale}，结束时负载 ${(machine.loadAverageAtEnd ?? []).join(' / ')}，全程 ${result.seconds} 秒。`)

const readme = readFileSync('README.md', 'utf8')
const start = '<!-- bench:table:start -->'
const end = '<!-- bench:table:end -->'
const from = readme.indexOf(start)
const to = readme.indexOf(end)
if (from < 0 || to < from) throw new Error(`README.md has no ${start} … ${end} markers`)
writeFileSync('README.md', `${readme.slice(0, from + start.length)}\n${lines.join('\n')}\n${readme.slice(to)}`)
console.log(`README.md: figures table rewritten from ${file}`)
