import { existsSync } from 'node:fs'
import { systemClock } from './clock.js'
import { ConfigError, loadConfig } from './config.js'
import { createLogger } from './logger.js'
import { texts } from './texts/index.js'
import { deferRarelyUsedModules } from './chat/deferred-modules.js'

// Before the bot's modules load (hence the dynamic import): see deferred-modules.ts.
deferRarelyUsedModules()
const { StartupError, startZhibu } = await import('./zhibu.js')

if (existsSync('.env')) process.loadEnvFile('.env')

let config
try {
  config = loadConfig()
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(error.message)
    process.exit(1)
  }
  throw error
}

const logger = createLogger(config.LOG_LEVEL)
const zhibu = await startZhibu(config, logger, systemClock).catch((error: unknown) => {
  if (!(error instanceof StartupError)) throw error
  console.error(error.message)
  process.exit(1)
})

if (zhibu.simulator) {
  console.log(texts.simulator.started({ url: zhibu.simulator.url }))
  if (!config.ZHIBU_ADMIN_TOKEN) console.log(texts.simulator.oneOffToken({ token: zhibu.adminToken }))
} else if (!config.ZHIBU_ADMIN_TOKEN) {
  console.log(texts.simulator.tokenLine({ token: zhibu.adminToken }))
}

// A process manager, `npm start` (npm passes SIGINT/SIGTERM on to this process) and Ctrl-C in a
// terminal (the whole process group) all end here: stop taking messages, flush the queue within
// SHUTDOWN_FLUSH_SECONDS, close the database, exit 0. A second signal while stopping is ignored.
let stopping = false
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return
    stopping = true
    const started = Date.now()
    logger.info({ signal }, 'stopping')
    zhibu
      .stop()
      .then(() => {
        logger.info({ ms: Date.now() - started }, 'stopped: queue flushed, database closed')
        process.exit(0)
      })
      .catch((err) => {
        logger.error({ err }, 'stop failed')
        process.exit(1)
      })
  })
}
