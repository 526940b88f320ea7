import { existsSync } from 'node:fs'
import { z } from 'zod'
import { systemClock } from './clock.js'
import { startPuppetHost } from './chat/simulator/puppet-host.js'
import { simulatorHostTexts } from './texts/puppet-host.texts.js'
import { createLogger } from './logger.js'

// `npm run simulator`: the simulated WeChat as its own process, each bot account served over the
// puppet-service protocol. Bots connect to it with WECHATY_PUPPET=wechaty-puppet-service.
if (existsSync('.env')) process.loadEnvFile('.env')

const blankIsUnset = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value)
const settings = z
  .object({
    SIM_ACCOUNTS: z.preprocess(blankIsUnset, z.coerce.number().int().min(1).max(20).default(1)),
    SIM_HOST: z.preprocess(blankIsUnset, z.string().default('127.0.0.1')),
    SIM_PORT: z.preprocess(blankIsUnset, z.coerce.number().int().min(0).max(65535).default(7730)),
    SIM_GRPC_PORT: z.preprocess(blankIsUnset, z.coerce.number().int().min(0).max(65535).default(8788)),
    SIM_STATE_FILE: z.preprocess(blankIsUnset, z.string().default('data/simulator.json')),
    BOT_NAME: z.preprocess(blankIsUnset, z.string().default('支部助手')),
    LOG_LEVEL: z.preprocess(blankIsUnset, z.string().default('info')),
  })
  .safeParse(process.env)
if (!settings.success) {
  console.error(settings.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('\n'))
  process.exit(1)
}
const config = settings.data
const logger = createLogger(config.LOG_LEVEL)

const host = await startPuppetHost({
  accounts: config.SIM_ACCOUNTS,
  botName: config.BOT_NAME,
  host: config.SIM_HOST,
  httpPort: config.SIM_PORT,
  grpcPort: config.SIM_GRPC_PORT,
  statePath: config.SIM_STATE_FILE,
  clock: systemClock,
  logger,
})
console.log(simulatorHostTexts.page({ url: host.url, count: host.accounts.length }))
for (const account of host.accounts) console.log(simulatorHostTexts.account(account))

let stopping = false
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return
    stopping = true
    host
      .stop()
      .then(() => process.exit(0))
      .catch((err) => {
        logger.error({ err }, 'simulator stop failed')
        process.exit(1)
      })
  })
}
