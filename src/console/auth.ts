import { createHash, randomBytes } from 'node:crypto'
import type { ConsoleRepository } from './console.repository.js'

/** A login link lasts 10 minutes and opens the console once (issue 16). */
export const LINK_TTL_MS = 10 * 60_000
/** A console session lasts a working day. */
export const SESSION_TTL_MS = 8 * 60 * 60_000

export type LinkRefusal = 'used' | 'expired' | 'unknown'

const hash = (token: string) => createHash('sha256').update(token).digest('hex')

/**
 * Login links and sessions are random 256-bit tokens kept (hashed) in the database: nothing to
 * sign, no secret to configure or rotate, a used link is refused by a conditional update, and a
 * session ends when its row says so (logging out works; a restart does not log anyone out).
 */
export class ConsoleAuth {
  constructor(private readonly repo: ConsoleRepository) {}

  /** A new one-time link token for the contact (the `后台` command sends `${publicUrl}/login?t=${token}`). */
  async issueLink(contactId: string, now: Date): Promise<string> {
    const token = randomBytes(32).toString('base64url')
    await this.repo.createToken({ tokenHash: hash(token), kind: 'link', contactId, expiresAt: new Date(now.getTime() + LINK_TTL_MS), now })
    return token
  }

  /** Why a link cannot be used (before showing the 进入后台 button), or null when it can. */
  async checkLink(token: string, now: Date): Promise<LinkRefusal | null> {
    const row = await this.repo.findToken(hash(token))
    if (!row || row.kind !== 'link') return 'unknown'
    if (row.usedAt) return 'used'
    if (row.expiresAt.getTime() <= now.getTime()) return 'expired'
    return null
  }

  /** Uses the link and opens a session: the session token, or why not. */
  async login(token: string, now: Date): Promise<{ session: string } | { refused: LinkRefusal }> {
    const contactId = await this.repo.useLink(hash(token), now)
    if (!contactId) return { refused: (await this.checkLink(token, now)) ?? 'unknown' }
    const session = randomBytes(32).toString('base64url')
    await this.repo.createToken({ tokenHash: hash(session), kind: 'session', contactId, expiresAt: new Date(now.getTime() + SESSION_TTL_MS), now })
    return { session }
  }

  /** The contact a session cookie belongs to, or null (unknown, forged, expired or logged out). */
  async contactOf(session: string | undefined, now: Date): Promise<string | null> {
    if (!session) return null
    const row = await this.repo.findToken(hash(session))
    return row && row.kind === 'session' && row.expiresAt.getTime() > now.getTime() ? row.contactId : null
  }

  async logout(session: string, now: Date): Promise<void> {
    await this.repo.endSession(hash(session), now)
  }
}
