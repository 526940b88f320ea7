import Module, { createRequire } from 'node:module'

/**
 * wechaty-puppet-mock imports `faker` whole, every one of its 47 locales (some 20 MB and a
 * third of a second at start-up), to make up the address and avatar of mock contacts. Before
 * it loads, faker's English-only build is put in the module cache under the full package's
 * file: the simulator names its contacts itself. Nothing changes if faker is already loaded or
 * is not where puppet-mock would find it.
 */
function englishOnlyFaker(): void {
  try {
    const fromPuppetMock = createRequire(createRequire(import.meta.url).resolve('wechaty-puppet-mock'))
    const file = fromPuppetMock.resolve('faker')
    if (fromPuppetMock.cache[file]) return
    const english = new Module(file)
    english.filename = file
    english.exports = fromPuppetMock('faker/locale/en')
    english.loaded = true
    fromPuppetMock.cache[file] = english
  } catch {
    // another faker layout: puppet-mock loads the full one
  }
}

/** The simulator (puppet-mock, its web page and JSON API), loaded only when it runs. */
export async function loadSimulator() {
  englishOnlyFaker()
  const [{ Simulator }, { createSimulatorServer, listen }] = await Promise.all([import('./simulator.js'), import('./http-server.js')])
  return { Simulator, createSimulatorServer, listen }
}
