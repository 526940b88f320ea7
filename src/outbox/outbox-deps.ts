import type { Logger } from 'pino'
import type { ChatPort } from '../chat/port.js'
import type { PaceClock } from '../clock.js'
import type { AccountsRepository } from './accounts.repository.js'
import type { OutboxLimits } from './limits.js'
import type { OutboxRepository } from './outbox.repository.js'

/** What the outbox works with. */
export interface OutboxDeps {
  repo: OutboxRepository
  chat: ChatPort
  pace: PaceClock
  limits: OutboxLimits
  logger: Logger
  instanceId: string
  random?: () => number
  /** Several accounts on one database: this one's sign of life, and groups it takes over. */
  accounts?: {
    repo: AccountsRepository
    /** An owner gone this long (logged out, silent, out of the group) loses its groups to an account in them. */
    takeoverDelayMs: number
    onTakeover: (roomIds: string[]) => void
  }
}
