import Module, { createRequire } from 'node:module'

/**
 * Wechaty and file-box load, at start-up, packages that only rarely used calls need: open-graph
 * (with request and cheerio) for `UrlLink.create(url)`, and jimp, jsqr and qrcode for
 * `FileBox.fromQRCode()` / `toQRCode()`, calls the bot never makes in its normal run; and all of
 * fp-ts for its `pipe`. Together some 0.6 s of CPU in a cold start. Each is put in the CommonJS
 * module cache, under the package's own file, as a stand-in that loads the real package on
 * first use, so the calls still work. This must run before Wechaty's modules are imported
 * (main.ts imports the bot after it); nothing changes for a package already loaded or not
 * where we look for it.
 */
export function deferRarelyUsedModules(): void {
  const here = createRequire(import.meta.url)
  const from = (pkg: string) => {
    try {
      return createRequire(here.resolve(pkg))
    } catch {
      return null
    }
  }
  const wechaty = from('wechaty')
  const fileBox = from('file-box')
  if (wechaty) {
    defer(wechaty, 'open-graph', (load) => callable(load))
    // Wechaty and wechaty-puppet import only `function` (for `pipe`) from fp-ts's index, which loads all 60 modules.
    defer(wechaty, 'fp-ts', (load, require) => properties(load, { function: require('./function.js') }))
  }
  if (fileBox) {
    defer(fileBox, 'jimp', (load) => properties(load))
    defer(fileBox, 'jsqr', (load) => callable(load))
    // A named import (`import { toFileStream } from 'qrcode'`) is read when the importer loads.
    defer(fileBox, 'qrcode', (load) => properties(load, { toFileStream: (...args: unknown[]) => call(load(), 'toFileStream', args) }))
  }
}

type Load = () => unknown

/** `standIn` gets a loader of the real package and a `require` from the package's own file. */
function defer(require: NodeJS.Require, name: string, standIn: (load: Load, fromPackage: NodeJS.Require) => unknown): void {
  let file: string
  try {
    file = require.resolve(name)
  } catch {
    return
  }
  if (require.cache[file]) return
  let real: unknown
  const load = () => {
    if (real === undefined) {
      if (require.cache[file] === module) delete require.cache[file]
      real = require(file)
    }
    return real
  }
  const module = new Module(file)
  module.filename = file
  module.exports = standIn(load, createRequire(file))
  module.loaded = true
  require.cache[file] = module
}

/** A package whose export is a function. */
function callable(load: Load) {
  return function (this: unknown, ...args: unknown[]) {
    return Reflect.apply(load() as (...args: unknown[]) => unknown, this, args)
  }
}

/** A package whose export is read for its properties (`Jimp.read`); `own` are answered without loading it. */
function properties(load: Load, own: Record<string, unknown> = {}) {
  return new Proxy(own, { get: (target, key) => (key in target ? target[key as string] : Reflect.get(load() as object, key)) })
}

function call(target: unknown, method: string, args: unknown[]): unknown {
  return Reflect.apply((target as Record<string, (...args: unknown[]) => unknown>)[method]!, target, args)
}
