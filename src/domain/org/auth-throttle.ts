/**
 * 认证 that cannot be guessed. Two brakes on wrong tokens, and a rule for the token itself:
 * - one contact: after 5 wrong tries that contact waits 10 minutes (the failures are counted
 *   within the last 10 minutes, so a slow, patient guesser is held to 5 guesses per 10 minutes);
 * - everyone: at most 20 failures a minute across all contacts; past that, every attempt is
 *   refused until the minute has passed, so many contacts cannot share the guessing;
 * - the token: at least 16 characters of at least 8 different ones; a generated one is 24
 *   characters from the operating system's cryptographic random source.
 *
 * Time comes from the injected clock. The state is in memory: a restart forgets it, which gives
 * a guesser at most one more round per restart, and a restart is not something they control.
 */
import { createHash, randomBytes } from 'node:crypto'
import type { Clock } from '../../clock.js'

export interface AuthThrottleOptions {
  /** Wrong tries from one contact before that contact must wait. */
  maxFailuresPerContact: number
  /** How long that contact waits, and how far back its failures are counted. */
  contactLockMs: number
  /** Wrong tries from everyone together within `globalWindowMs` before everyone waits. */
  maxFailuresGlobal: number
  globalWindowMs: number
}

export const DEFAULT_AUTH_THROTTLE: Readonly<AuthThrottleOptions> = Object.freeze({
  maxFailuresPerContact: 5,
  contactLockMs: 10 * 60_000,
  maxFailuresGlobal: 20,
  globalWindowMs: 60_000,
})

/** Whether a 认证 attempt may compare its token now; when not, which brake holds it and for how long. */
export type AuthAttemptVerdict =
  | { allowed: true }
  | { allowed: false; brake: 'contact' | 'global'; retryAfterMs: number }

export class AuthThrottle {
  /** Failure times per contact, oldest first, only those inside the counting window. */
  readonly #failures = new Map<string, number[]>()
  readonly #lockedUntil = new Map<string, number>()
  /** Failure times from everyone, oldest first, inside the global window. */
  #recent: number[] = []

  constructor(
    private readonly clock: Clock,
    private readonly options: AuthThrottleOptions = DEFAULT_AUTH_THROTTLE,
  ) {}

  /** Ask before comparing the token: a refused attempt is not compared and not counted. */
  check(contactId: string): AuthAttemptVerdict {
    const now = this.#now()
    const lockedUntil = this.#lockedUntil.get(contactId)
    if (lockedUntil !== undefined && now < lockedUntil) return { allowed: false, brake: 'contact', retryAfterMs: lockedUntil - now }
    if (this.#recent.length >= this.options.maxFailuresGlobal) {
      return { allowed: false, brake: 'global', retryAfterMs: this.#recent[0]! + this.options.globalWindowMs - now }
    }
    return { allowed: true }
  }

  /** A wrong token from `contactId`. Returns the verdict for its next attempt. */
  recordFailure(contactId: string): AuthAttemptVerdict {
    const now = this.#now()
    this.#recent.push(now)
    const mine = [...(this.#failures.get(contactId) ?? []), now]
    if (mine.length >= this.options.maxFailuresPerContact) {
      this.#lockedUntil.set(contactId, now + this.options.contactLockMs)
      this.#failures.delete(contactId)
    } else {
      this.#failures.set(contactId, mine)
    }
    return this.check(contactId)
  }

  /** The right token: the contact's failures are forgotten (the global count stays: it is about everyone). */
  recordSuccess(contactId: string): void {
    this.#failures.delete(contactId)
    this.#lockedUntil.delete(contactId)
  }

  /** How many contacts the throttle remembers: stays bounded because old entries are dropped. */
  get remembered(): number {
    this.#now()
    return new Set([...this.#failures.keys(), ...this.#lockedUntil.keys()]).size
  }

  /** The time in ms, after dropping everything too old to matter (so memory stays bounded under a flood). */
  #now(): number {
    const now = this.clock.now().getTime()
    const globalSince = now - this.options.globalWindowMs
    while (this.#recent.length > 0 && this.#recent[0]! <= globalSince) this.#recent.shift()
    const contactSince = now - this.options.contactLockMs
    for (const [contact, times] of this.#failures) {
      const kept = times.filter((t) => t > contactSince)
      if (kept.length === 0) this.#failures.delete(contact)
      else if (kept.length !== times.length) this.#failures.set(contact, kept)
    }
    for (const [contact, until] of this.#lockedUntil) if (until <= now) this.#lockedUntil.delete(contact)
    return now
  }
}

export const MIN_ADMIN_TOKEN_LENGTH = 16
const MIN_DISTINCT_CHARACTERS = 8
export const GENERATED_ADMIN_TOKEN_LENGTH = 24

/** Why a configured admin token is too weak to guard super-admin rights (English, for the operator), or null when it will do. */
export function adminTokenWeakness(token: string): string | null {
  if ([...token].length < MIN_ADMIN_TOKEN_LENGTH) {
    return `must be at least ${MIN_ADMIN_TOKEN_LENGTH} characters (leave it unset and a ${GENERATED_ADMIN_TOKEN_LENGTH}-character token is generated at each start)`
  }
  if (new Set(token).size < MIN_DISTINCT_CHARACTERS) return `must mix at least ${MIN_DISTINCT_CHARACTERS} different characters`
  return null
}

/** A fresh admin token: 18 random bytes as base64url, 24 characters of A–Z a–z 0–9 - _. */
export function generateAdminToken(): string {
  return randomBytes((GENERATED_ADMIN_TOKEN_LENGTH * 3) / 4).toString('base64url')
}

/**
 * A fingerprint of a token (SHA-256, hex) to remember a burned token by, in the database or a
 * log, without keeping the token itself.
 */
export function tokenFingerprint(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex')
}

/** Whole minutes to wait, rounded up: "0 分钟后" would read as "now". */
export const waitMinutes = (ms: number): number => Math.max(1, Math.ceil(ms / 60_000))
/** Whole seconds to wait, rounded up. */
export const waitSeconds = (ms: number): number => Math.max(1, Math.ceil(ms / 1000))
