/**
 * Membership in motion, as pure rules: where a member belonged at a moment (a transfer or a
 * merger ends one period and starts the next), how a transfer (组织关系转接) moves from 转出 to
 * 接收, and when a transfer still pending is reminded. The history a member made (attendance,
 * study, dues) stays with the member; these rules decide only where they count.
 *
 * Sources: 《中国共产党党员教育管理工作条例》(2019) on 组织关系转接 and 流动党员 (a member's
 * relationship follows them; a member working away takes part in the life of the organisation
 * where they are); a pending 介绍信 is followed up by both sides (the 30 days are a practice,
 * not a fixed number).
 */

/** A period of membership: `from` null = since before the bot knew; `until` null = still there. */
export interface MembershipPeriod {
  orgId: number
  from: Date | null
  until: Date | null
}

/** Whether the period holds the moment `at` (from inclusive, until exclusive). */
export function holds(period: MembershipPeriod, at: Date): boolean {
  return (period.from === null || period.from <= at) && (period.until === null || period.until > at)
}

/** The organisation the member belonged to at `at`, or null (not yet, or gone). */
export function membershipAt(periods: readonly MembershipPeriod[], at: Date): number | null {
  return periods.find((p) => holds(p, at))?.orgId ?? null
}

/**
 * The moment a report for a period judges who belongs where: the period's last instant. Periods
 * are only ever opened and closed at the time of the change, so for the running period (or a
 * future one) this is where members are today: this month's 考勤 lists the members there now,
 * last month's those there at its end.
 */
export function reportMoment(period: { end: Date }): Date {
  return new Date(period.end.getTime() - 1)
}

/**
 * pending: 转出 recorded, waiting for 接收; accepted: the member moved; out: left for an
 * organisation outside the tree; cancelled: the old organisation took back a 转出 not yet accepted.
 */
export const TRANSFER_STATES = ['pending', 'accepted', 'out', 'cancelled'] as const
export type TransferState = (typeof TRANSFER_STATES)[number]

/**
 * Where a 转出 lands at once: outside the tree it ends the membership (out); to an organisation
 * the asker also leads it completes in one step (accepted); otherwise it waits for 接收.
 */
export function transferStart(destination: { inTree: boolean; askerOverIt: boolean }): TransferState {
  if (!destination.inTree) return 'out'
  return destination.askerOverIt ? 'accepted' : 'pending'
}

export type TransferRefusal = 'sameOrg' | 'alreadyPending' | 'flowingIn'

/**
 * Whether a 转出 may start: not to the same organisation, not twice. A registration the person already
 * has at the destination (登记 there, 流入) is no refusal: 接收 folds it into the transferred member.
 */
export function checkTransferOut(input: { fromOrgId: number; toOrgId: number | null; pending: boolean; flowingIn: boolean }): TransferRefusal | null {
  if (input.flowingIn) return 'flowingIn'
  if (input.toOrgId === input.fromOrgId) return 'sameOrg'
  if (input.pending) return 'alreadyPending'
  return null
}

/** The step 接收 takes: only a pending transfer is accepted. */
export function acceptTransfer(state: TransferState): { ok: true; state: 'accepted' } | { ok: false; state: TransferState } {
  return state === 'pending' ? { ok: true, state: 'accepted' } : { ok: false, state }
}

/** The step 撤销转出 takes: only a transfer not yet accepted can be taken back. */
export function cancelTransfer(state: TransferState): { ok: true; state: 'cancelled' } | { ok: false; state: TransferState } {
  return state === 'pending' ? { ok: true, state: 'cancelled' } : { ok: false, state }
}

/** Days a transfer may wait for 接收 before both sides' secretaries hear of it, and between reminders (a practice, not a fixed number). */
export const TRANSFER_REMIND_DAYS = 30
const DAY_MS = 24 * 60 * 60 * 1000

/** When the `n`-th reminder (1, 2, …) of a transfer recorded at `createdAt` is due. */
export function transferReminderDue(createdAt: Date, n: number, days = TRANSFER_REMIND_DAYS): Date {
  return new Date(createdAt.getTime() + n * days * DAY_MS)
}

/** Whole days a transfer has waited. */
export function daysWaiting(createdAt: Date, now: Date): number {
  return Math.floor((now.getTime() - createdAt.getTime()) / DAY_MS)
}

/** 流入 registers here someone whose formal relationship is elsewhere; 流出 marks a member working away. */
export const FLOWS = ['in', 'out'] as const
export type Flow = (typeof FLOWS)[number]

/** Whether a member owes dues in this organisation: a 流入 member pays at home (党费 stays with the formal relationship). */
export function owesDuesHere(flow: string | null): boolean {
  return flow !== 'in'
}
