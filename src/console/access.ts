import { COMMITTEE_TITLES, DUES_OFFICER_TITLES, holdsOver, type HeldRole } from '../domain/org/rights.js'

/**
 * What an officer may see in the console: the same rights as in the chat (属地管理). An office
 * reaches the organisation it is held in and every one below; dues amounts only for 书记, 副书记
 * and 组织委员 of the organisation or above.
 */

/** The organisations where the person holds an office, without those already below another of them. */
export function consoleRoots(roles: readonly HeldRole[], chainOf: ReadonlyMap<number, readonly number[]>): number[] {
  const held = [...new Set(roles.filter((r) => (COMMITTEE_TITLES as readonly string[]).includes(r.title)).map((r) => r.orgId))]
  // chainOf(id) is the organisation and its ancestors: drop a root that has another root above it.
  return held.filter((id) => !(chainOf.get(id) ?? [id]).slice(1).some((above) => held.includes(above)))
}

/** Whether the person may open an organisation whose chain (itself, then ancestors) is `chain`. */
export function mayOpen(roles: readonly HeldRole[], chain: readonly number[]): boolean {
  return holdsOver(roles, chain, COMMITTEE_TITLES)
}

/** Whether the person may see dues amounts of that organisation. */
export function maySeeDues(roles: readonly HeldRole[], chain: readonly number[]): boolean {
  return holdsOver(roles, chain, DUES_OFFICER_TITLES)
}
