// `node scripts/build.mjs` compiles src/ and handlers/ (the generated Prisma clients included) with
// tsc into dist/, so `npm start` runs plain JavaScript: no transpiler in the running bot.
// `… --if-stale` (run by `npm start`) builds only when a source is newer than the last build.
// Files that are not TypeScript (the simulator's page, …) are copied beside the compiled code,
// and compiled files whose source was moved or deleted are removed.
import { execFileSync } from 'node:child_process'
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const roots = ['src', 'handlers']
const configFiles = ['tsconfig.json', 'tsconfig.build.json', 'package.json']
const outDir = 'dist'
const stamp = path.join(outDir, '.build-stamp')

const isTest = (file) => /\.test\.ts$/.test(file)
const isTypeScript = (file) => /\.(c|m)?ts$/.test(file)

function* walk(dir) {
  if (!existsSync(dir)) return
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) yield* walk(full)
    else yield full
  }
}

/** True when dist/ is missing or any source or build setting changed after the last build. */
export function isStale() {
  if (!existsSync(stamp)) return true
  const built = statSync(stamp).mtimeMs
  const inputs = [...configFiles, ...roots.flatMap((root) => [root, ...walk(root)])]
  // A folder's mtime changes when a file in it is added, renamed or removed.
  return inputs.some((file) => existsSync(file) && statSync(file).mtimeMs > built)
}

function compile() {
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc')
  try {
    execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { stdio: ['ignore', 'pipe', 'pipe'] })
  } catch (error) {
    process.stderr.write(`zhibu: the TypeScript build failed:\n${error.stdout ?? ''}${error.stderr ?? ''}`)
    process.exit(1)
  }
}

function copyAssets() {
  for (const root of roots) {
    for (const file of walk(root)) {
      if (isTypeScript(file)) continue
      const target = path.join(outDir, file)
      mkdirSync(path.dirname(target), { recursive: true })
      copyFileSync(file, target)
    }
  }
}

/** Removes compiled output whose source no longer exists (files move between folders). */
function removeOrphans() {
  for (const root of roots) {
    for (const file of walk(path.join(outDir, root))) {
      const source = file.slice(outDir.length + 1)
      const fromTs = source.replace(/\.(c|m)?js(\.map)?$/, (_, kind) => `.${kind ?? ''}ts`)
      const fromDts = source.replace(/\.d\.(c|m)?ts(\.map)?$/, (_, kind) => `.${kind ?? ''}ts`)
      if (!existsSync(source) && !existsSync(fromTs) && !existsSync(fromDts)) rmSync(file)
    }
  }
}

export function build() {
  const started = Date.now()
  compile()
  copyAssets()
  removeOrphans()
  writeFileSync(stamp, new Date().toISOString() + '\n')
  console.log(`zhibu: compiled to ${outDir}/ in ${((Date.now() - started) / 1000).toFixed(1)} s`)
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  if (process.argv.includes('--if-stale') && !isStale()) process.exit(0)
  build()
}
