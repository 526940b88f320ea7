import { pino, type DestinationStream, type Logger } from 'pino'
import pretty from 'pino-pretty'

export type { Logger }

/**
 * Pretty lines in a terminal, JSON lines otherwise (files, CI, log shippers). `destination`
 * (tests) receives the JSON lines instead of stdout. Errors are logged through `redactError`:
 * no amount, income, token or message text reaches a log line through an error's message.
 *
 * Lines are written synchronously, in this thread: a line logged is on stdout (or in the file it
 * is redirected to) before the next statement runs, so a SIGKILL or a crash loses none of the
 * last seconds (an asynchronous buffer or a transport's worker thread would).
 */
export function createLogger(level: string, prettyLines = Boolean(process.stdout.isTTY), destination?: DestinationStream): Logger {
  const options = { level, serializers: { err: redactError } }
  if (destination) return pino(options, destination)
  if (prettyLines) return pino(options, pretty({ translateTime: 'SYS:HH:MM:ss', sync: true, destination: 1 }))
  return pino(options, pino.destination({ dest: 1, sync: true }))
}

export const silentLogger: Logger = pino({ level: 'silent' })

/**
 * An error as it may be logged. Error messages quote what failed: a Prisma error prints the row it
 * could not write (`monthlyFen: 7650`, the text of a notice), a rule prints the amount it refused.
 * So only the first and last lines of the message are kept (what failed, and why), with numbers,
 * double-quoted strings and any non-ASCII text masked; the stack keeps only its `at` frames.
 * Backticked and single-quoted identifiers stay: `prisma.duesAssessment.create()`, (reading 'id').
 */
export function redactError(err: unknown): Record<string, unknown> {
  if (!(err instanceof Error)) return { type: typeof err }
  const lines = err.message.split('\n').map((line) => line.trim()).filter(Boolean)
  const message = [...new Set([lines[0], lines.at(-1)])].filter((l): l is string => l !== undefined).map(mask).join(' … ')
  const frames = (err.stack ?? '').split('\n').filter((line) => /^\s+at /.test(line))
  const code = (err as { code?: unknown }).code
  return {
    type: err.constructor.name,
    message,
    ...(typeof code === 'string' ? { code: mask(code) } : {}),
    stack: frames.join('\n'),
    ...(err.cause instanceof Error ? { cause: redactError(err.cause) } : {}),
  }
}

function mask(line: string): string {
  return line
    .replace(/"(?:[^"\\]|\\.)*"/g, '"…"')
    .replace(/[^\x20-\x7E]+/g, '…')
    .replace(/\d+(?:[.,]\d+)*/g, '#')
    .slice(0, 300)
}
