import { existsSync } from 'node:fs'
import { systemClock } from './clock.js'
import { ConfigError, loadConfig } from './config.js'
import { createLogger } from './logger.js'
import { StartupError, startZhibu } from './zhibu.js'

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
  console.log(`\n支部助手模拟器已启动：${zhibu.simulator.url}`)
  console.log(`  在浏览器打开上面的地址，新建联系人和群即可试用。`)
  if (!config.ZHIBU_ADMIN_TOKEN) console.log(`  本次的管理员令牌：${zhibu.adminToken}（私聊机器人发送「认证 ${zhibu.adminToken}」）\n`)
} else if (!config.ZHIBU_ADMIN_TOKEN) {
  console.log(`本次的管理员令牌：${zhibu.adminToken}`)
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
