// Reads the project's own imports and holds them to its floors:
//   runtime (src/main.ts, src/zhibu.ts, src/capabilities/) → chat (src/chat/) → handlers/ →
//   commands (src/commands/) → capabilities' services (src/domain/) → repositories → texts and
//   utilities; scheduler and outbox stand beside the services.
// An import may go to its own floor or below, never up, and there is no cycle (type imports count).
// `node scripts/architecture.mjs` prints what breaks the rules and exits 1; the test suite runs it too.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'

/**
 * Floors, highest first. A file is on the floor of the longest prefix or suffix that matches it:
 * the chat port's message shapes sit at the bottom though the adapter is near the top, and a
 * capability's repository sits below its service, with its pure rules below both.
 */
export const FLOORS = [
  { name: 'runtime', match: ['src/main.ts', 'src/simulator-main.ts', 'src/zhibu.ts', 'src/config.ts', 'src/capabilities/', 'src/console/'] },
  { name: 'chat', match: ['src/chat/'] },
  { name: 'handlers', match: ['handlers/'] },
  { name: 'commands', match: ['src/commands/'] },
  { name: 'services', match: ['src/scheduler/', 'src/outbox/', 'src/charts/', '*.service.ts'] },
  { name: 'repositories', match: ['src/db/', '*.repository.ts'] },
  { name: 'rules', match: ['src/domain/'] },
  { name: 'base', match: ['src/texts/', 'src/util/', 'src/clock.ts', 'src/logger.ts', 'src/generated/', 'src/chat/port.ts', 'src/chat/reply.ts', 'src/chat/mentions.ts'] },
]

export const MAX_LINES = 350

function floorOf(file) {
  let best = -1
  let bestLength = -1
  FLOORS.forEach((floor, index) => {
    for (const pattern of floor.match) {
      // '*.service.ts' matches by ending, before any folder: src/domain/ holds services, repositories and rules.
      const length = pattern.startsWith('*')
        ? file.endsWith(pattern.slice(1)) ? 1000 : -1
        : file === pattern || (pattern.endsWith('/') && file.startsWith(pattern)) ? pattern.length : -1
      if (length > bestLength) [best, bestLength] = [index, length]
    }
  })
  return best
}

function sourceFiles(root) {
  const found = []
  const walk = (dir) => {
    for (const name of readdirSync(path.join(root, dir))) {
      const rel = path.posix.join(dir, name)
      if (rel === 'src/generated' || name === 'node_modules') continue
      if (statSync(path.join(root, rel)).isDirectory()) walk(rel)
      else if (/\.(ts|mts)$/.test(name) && !/\.test\.ts$/.test(name) && !name.endsWith('.d.ts')) found.push(rel)
    }
  }
  walk('src')
  walk('handlers')
  return found
}

/** The project files a file imports (relative specifiers only), resolved from `.js` to `.ts`. */
function importsOf(root, file) {
  const text = readFileSync(path.join(root, file), 'utf8')
  const specs = [...text.matchAll(/(?:import|export)\s[^'"]*?from\s+'([^']+)'|import\(\s*'([^']+)'\s*\)/g)].map((m) => m[1] ?? m[2])
  return specs
    .filter((s) => s.startsWith('.'))
    .map((s) => path.posix.normalize(path.posix.join(path.posix.dirname(file), s)).replace(/\.js$/, '.ts'))
    .filter((target) => !target.startsWith('src/generated/'))
}

/** Strongly connected components with more than one file: the import cycles. */
function cycles(graph) {
  let index = 0
  const stack = []
  const meta = new Map()
  const found = []
  const connect = (v) => {
    meta.set(v, { index, low: index, onStack: true })
    index++
    stack.push(v)
    for (const w of graph.get(v) ?? []) {
      if (!graph.has(w)) continue
      if (!meta.has(w)) {
        connect(w)
        meta.get(v).low = Math.min(meta.get(v).low, meta.get(w).low)
      } else if (meta.get(w).onStack) meta.get(v).low = Math.min(meta.get(v).low, meta.get(w).index)
    }
    if (meta.get(v).low === meta.get(v).index) {
      const component = []
      let w
      do {
        w = stack.pop()
        meta.get(w).onStack = false
        component.push(w)
      } while (w !== v)
      if (component.length > 1) found.push(component.sort())
    }
  }
  for (const v of graph.keys()) if (!meta.has(v)) connect(v)
  return found
}

/** Everything in the tree that breaks the floors, as sentences. */
export function architectureProblems(root = process.cwd()) {
  const files = sourceFiles(root)
  const graph = new Map(files.map((f) => [f, importsOf(root, f)]))
  const problems = []
  for (const file of files) {
    const from = floorOf(file)
    if (from < 0) problems.push(`${file}: on no floor (add it to FLOORS in scripts/architecture.mjs)`)
    for (const target of graph.get(file)) {
      const to = floorOf(target)
      if (from >= 0 && to >= 0 && to < from) problems.push(`${file} (${FLOORS[from].name}) imports ${target} (${FLOORS[to].name}), a higher floor`)
    }
    const lines = readFileSync(path.join(root, file), 'utf8').split('\n').length
    if (lines > MAX_LINES) problems.push(`${file}: ${lines} lines, more than ${MAX_LINES}`)
  }
  for (const cycle of cycles(graph)) problems.push(`import cycle: ${cycle.join(' → ')}`)
  return problems
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const problems = architectureProblems()
  for (const p of problems) console.log(p)
  console.log(problems.length === 0 ? 'architecture: every import goes down a floor or stays on it; no cycle' : `architecture: ${problems.length} problem(s)`)
  process.exit(problems.length === 0 ? 0 : 1)
}
