import { z } from 'zod'
import { adminTokenWeakness } from './domain/org/auth-throttle.js'

/** Environment variables, each with its default; .env.example documents the same list. */
const EnvSchema = z.object({
  DATABASE_URL: z
    .string()
    .default('file:./data/zhibu.db')
    .refine((url) => url.startsWith('file:') || /^postgres(ql)?:\/\//.test(url), {
      message: 'must be file:<path> (SQLite) or postgresql://… (PostgreSQL)',
    }),
  TZ: z
    .string()
    .default('Asia/Shanghai')
    .refine(isTimeZone, { message: 'must be an IANA time zone such as Asia/Shanghai' }),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Guards super-admin rights: too short a token can be guessed (see auth-throttle.ts). */
  ZHIBU_ADMIN_TOKEN: z
    .string()
    .superRefine((token, ctx) => {
      const weakness = adminTokenWeakness(token)
      if (weakness) ctx.addIssue({ code: 'custom', message: weakness })
    })
    .optional(),
  WECHATY_PUPPET: z.string().min(1).optional(),
  WECHATY_PUPPET_SERVICE_TOKEN: z.string().min(1).optional(),
  BOT_NAME: z.string().min(1).default('支部助手'),
  SIM_HOST: z.string().default('127.0.0.1'),
  SIM_PORT: z.coerce.number().int().min(0).max(65535).default(7730),
  /** Where the simulator keeps its contacts, groups and messages between runs. */
  SIM_STATE_FILE: z.string().default('data/simulator.json'),
  /** `manual`: the simulator's clock stands still and moves only by POST /api/clock. */
  SIM_CLOCK: z.enum(['real', 'manual']).default('real'),
  /** Messages older than this when they reach the bot (a backlog after a restart) are ignored. */
  STALE_MESSAGE_SECONDS: z.coerce.number().int().positive().default(180),
  /** The same text from the same person within this many seconds, nothing else in between, is one message delivered twice. */
  DUPLICATE_WINDOW_SECONDS: z.coerce.number().int().min(0).default(2),
  /** A job missed by more than this (the bot was down) is skipped and logged instead of run. */
  JOB_GRACE_MINUTES: z.coerce.number().int().min(0).default(360),
  /** A job or message left half-done by a process that died is taken up again after this long. */
  JOB_LEASE_MINUTES: z.coerce.number().int().positive().default(10),
  /** Several accounts on one database: a group whose account is gone this long is taken over by another account in it. */
  ACCOUNT_TAKEOVER_MINUTES: z.coerce.number().positive().default(10),
  OUTBOX_LEASE_SECONDS: z.coerce.number().int().positive().default(30),
  ACTIVITY_REMINDER_HOURS: z
    .string()
    .default('24,1')
    .refine((v) => v.split(',').every((h) => /^\d{1,3}$/.test(h.trim()) && Number(h) > 0), { message: 'must be whole hours separated by commas, e.g. 24,1' })
    .transform((v) => v.split(',').map((h) => Number(h.trim()))),
  /** Sending pace (README「提醒与发送」). Unset: 2000 ms / 20 a minute / 500 ms jitter / 3000 ms coalescing; the simulator sends at once. */
  OUTBOX_CHAT_INTERVAL_MS: z.coerce.number().int().min(0).optional(),
  OUTBOX_PER_MINUTE: z.coerce.number().int().positive().optional(),
  OUTBOX_JITTER_MS: z.coerce.number().int().min(0).optional(),
  OUTBOX_COALESCE_MS: z.coerce.number().int().min(0).optional(),
  OUTBOX_DAILY_CAP: z.coerce.number().int().positive().default(3000),
  /** The officers' web console: where it listens (127.0.0.1: put a TLS proxy in front for phones) and the address its links use. */
  CONSOLE_HOST: z.string().default('127.0.0.1'),
  CONSOLE_PORT: z.coerce.number().int().min(0).max(65535).default(7731),
  CONSOLE_PUBLIC_URL: z.string().url().optional(),
  /** Sent messages are deleted after this many days (files as soon as they are delivered). */
  OUTBOX_RETENTION_DAYS: z.coerce.number().int().positive().default(30),
  /** On SIGTERM/SIGINT, queued messages get this long to go out before the process exits. */
  SHUTDOWN_FLUSH_SECONDS: z.coerce.number().int().min(0).default(10),
})

export type Config = z.infer<typeof EnvSchema>

export class ConfigError extends Error {}

/** Parses the environment; a bad variable fails start-up with its name and what is expected. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const result = EnvSchema.safeParse(blankToUndefined(env))
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`)
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`)
  }
  return result.data
}

/** A variable set to nothing or to spaces counts as unset, so `SIM_PORT=` keeps the default. */
function blankToUndefined(env: NodeJS.ProcessEnv): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(env).map(([key, value]) => [key, value?.trim() ? value.trim() : undefined]))
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone })
    return true
  } catch {
    return false
  }
}
