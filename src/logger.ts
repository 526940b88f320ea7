import { pino, type Logger } from 'pino'

export type { Logger }

/** Pretty lines in a terminal, JSON lines otherwise (files, CI, log shippers). */
export function createLogger(level: string, pretty = Boolean(process.stdout.isTTY)): Logger {
  if (pretty) {
    return pino({ level, transport: { target: 'pino-pretty', options: { translateTime: 'SYS:HH:MM:ss' } } })
  }
  return pino({ level })
}

export const silentLogger: Logger = pino({ level: 'silent' })
