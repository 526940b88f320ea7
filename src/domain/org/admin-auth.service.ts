import { createHash, timingSafeEqual } from 'node:crypto'
import type { Clock } from '../../clock.js'
import { texts } from '../../texts/index.js'
import { UserError } from '../../texts/user-error.js'
import type { AuditRepository } from '../audit/audit.repository.js'
import { AuthThrottle, tokenFingerprint, waitMinutes, waitSeconds } from './auth-throttle.js'
import type { OrgRepository } from './org.repository.js'

const BURNED = 'admin.token-burned'

/** Told of every failed 认证 (the runtime logs it, without the token). */
export type AuthFailureListener = (event: { contactId: string; reason: 'wrong' | 'throttled' | 'burned' | 'in-group' }) => void

/**
 * 认证: the one way to become super-admin. The token is compared in constant time, wrong tries
 * are slowed down (per contact and for everyone), every failure is audited and reported without
 * the token, and a token typed in a group is burned: everyone there has read it, so it works no
 * more until the operator sets a new one (its fingerprint is kept, never the token).
 */
export class AdminAuthService {
  readonly #throttle: AuthThrottle

  constructor(
    private readonly orgs: OrgRepository,
    private readonly audit: AuditRepository,
    private readonly adminToken: string | undefined,
    clock: Clock,
    private readonly hooks: { onFailure?: AuthFailureListener; onAuthenticated?: (contactId: string) => void } = {},
  ) {
    this.#throttle = new AuthThrottle(clock)
  }

  /** 认证 typed privately. Returns the reply; throws a UserError when refused. */
  async authenticate(contactId: string, token: string, now: Date): Promise<string> {
    if (!this.adminToken) throw new UserError('org.authDisabled')
    const verdict = this.#throttle.check(contactId)
    if (!verdict.allowed) {
      await this.fail(contactId, 'throttled', now)
      throw verdict.brake === 'contact'
        ? new UserError('auth.contactLocked', { minutes: waitMinutes(verdict.retryAfterMs) })
        : new UserError('auth.globalBusy', { seconds: waitSeconds(verdict.retryAfterMs) })
    }
    if (!sameSecret(token, this.adminToken)) {
      this.#throttle.recordFailure(contactId)
      await this.fail(contactId, 'wrong', now)
      throw new UserError('org.authBad')
    }
    if (await this.isBurned()) {
      await this.fail(contactId, 'burned', now)
      throw new UserError('auth.tokenBurned')
    }
    this.#throttle.recordSuccess(contactId)
    if (await this.orgs.isSuperAdmin(contactId)) return texts.org.authAlready()
    await this.orgs.addSuperAdmin(contactId, now)
    this.hooks.onAuthenticated?.(contactId)
    await this.audit.record({ at: now, actorContactId: contactId, action: 'admin.authenticate' })
    return texts.org.authOk()
  }

  /**
   * 认证 typed in a group. When it is the real token, the token is burned and the group is told;
   * otherwise the group is only told to use a private chat (a wrong token reveals nothing).
   */
  async typedInGroup(contactId: string, token: string, now: Date): Promise<string> {
    if (!this.adminToken || !sameSecret(token, this.adminToken)) return texts.common.privateOnly()
    await this.fail(contactId, 'in-group', now)
    if (!(await this.isBurned())) {
      await this.audit.record({ at: now, actorContactId: contactId, action: BURNED, detail: { fingerprint: tokenFingerprint(this.adminToken) } })
    }
    return texts.auth.tokenBurnedInGroup()
  }

  private async isBurned(): Promise<boolean> {
    const fingerprint = tokenFingerprint(this.adminToken!)
    return (await this.audit.list({ action: BURNED })).some((row) => JSON.parse(row.detail).fingerprint === fingerprint)
  }

  private async fail(contactId: string, reason: Parameters<AuthFailureListener>[0]['reason'], now: Date): Promise<void> {
    this.hooks.onFailure?.({ contactId, reason })
    await this.audit.record({ at: now, actorContactId: contactId, action: 'admin.authenticate-failed', detail: { reason } })
  }
}

function sameSecret(given: string, expected: string): boolean {
  const digest = (s: string) => createHash('sha256').update(s).digest()
  return timingSafeEqual(digest(given), digest(expected))
}
