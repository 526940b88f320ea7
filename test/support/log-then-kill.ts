// Run as a child process: logs LINES lines through the bot's logger as fast as it can, then
// dies by SIGKILL (no exit handler runs). The parent reads what reached stdout.
import { createLogger } from '../../src/logger.js'

const logger = createLogger('info', process.env.PRETTY === '1')
const lines = Number(process.env.LINES ?? 2000)
for (let i = 1; i <= lines; i++) logger.info({ i }, `line ${i}`)
process.kill(process.pid, 'SIGKILL')
