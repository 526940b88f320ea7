import type { Asker, OrgContext, OrgService } from '../domain/org/org.service.js'
import { texts } from '../texts/index.js'
import { UserError } from '../texts/user-error.js'
import type { TitleRights } from '../domain/org/rights.js'
import type { Rights } from './command.js'
import type { Reply } from '../chat/reply.js'

/** The keyword that names the organisation of a `where: 'org'` command sent privately. */
export const ORG_KEYWORD = '组织'

/**
 * Which organisation a `where: 'org'` command sent privately acts on: the one named with
 * `组织 <名>`, else the only one where the asker holds an office the command requires (for member
 * commands: where the asker is registered). With several, the asker is shown the list. Rights are
 * not decided here: the dispatcher checks them in the organisation found, as in its group.
 */
export async function privateScope(org: OrgService, asker: Asker, access: Rights, named: string | undefined): Promise<OrgContext> {
  if (named !== undefined) {
    const row = await org.findOrgByName(named)
    const context = row && (await org.contextOfOrg(row.id))
    if (!context) throw new UserError('scope.orgUnknown', { name: named.slice(0, 30) })
    return context
  }
  const contexts: OrgContext[] = []
  for (const id of await candidateOrgIds(org, asker, access)) {
    const context = await org.contextOfOrg(id)
    if (context) contexts.push(context)
  }
  if (contexts.length > 1) throw new UserError('scope.whichOrg', { orgs: contexts.map((c) => c.org.name) })
  if (contexts[0]) return contexts[0]
  if (access === 'member') throw new UserError(asker.isSuperAdmin ? 'common.superAdminNotMember' : 'common.notRegistered')
  if (typeof access === 'object' && !asker.isSuperAdmin) throw noRightFor(access)
  throw new UserError('scope.orgNeeded')
}

/** The last `组织 <名>` of a private command: the name (up to the command's next keyword) and the words without the pair. */
export interface OrgPair {
  name: string
  rest: string
}

/** Finds the last `组织 <名>` (or `组织:<名>`) in the words after the command word; null when there is none. */
export function lastOrgPair(rest: string, keywords: readonly string[] = []): OrgPair | null {
  const tokens = rest.split(/\s+/).filter(Boolean)
  const isKeyword = (token: string, k: string) => token === k || token.startsWith(`${k}:`)
  let at = tokens.length - 1
  while (at >= 0 && !isKeyword(tokens[at] ?? '', ORG_KEYWORD)) at--
  if (at < 0) return null
  let end = at + 1
  while (end < tokens.length && !keywords.some((k) => isKeyword(tokens[end] ?? '', k))) end++
  const name = [(tokens[at] ?? '').slice(ORG_KEYWORD.length + 1), ...tokens.slice(at + 1, end)].filter(Boolean).join(' ')
  return { name, rest: [...tokens.slice(0, at), ...tokens.slice(end)].join(' ') }
}

/**
 * The organisation a private command names, if any. Only the last `组织 <名>` counts; for a prose
 * command (通知) it counts only when the name is an organisation's, else the words stay in the text
 * (`通知 请各 组织 委员 周五前交材料`). For other commands the name is kept, and an unknown one refused.
 */
export async function namedOrg(org: Pick<OrgService, 'findOrgByName'>, pair: OrgPair | null, prose: boolean): Promise<string | undefined> {
  if (!pair) return undefined
  if (!prose) return pair.name
  return pair.name !== '' && (await org.findOrgByName(pair.name)) ? pair.name : undefined
}

/** Whether a private `where: 'org'` command could find an organisation for the asker (for 帮助). */
export function mayScopePrivately(asker: Asker, access: Rights): boolean {
  if (typeof access !== 'object') return true
  return asker.isSuperAdmin || officeOrgIds(asker, access.titles).length > 0
}

async function candidateOrgIds(org: OrgService, asker: Asker, access: Rights): Promise<number[]> {
  if (typeof access === 'object') return officeOrgIds(asker, access.titles)
  const registered = await org.registeredOrgIds(asker.contactId)
  if (access === 'member') return registered
  return [...new Set([...officeOrgIds(asker), ...registered])]
}

function officeOrgIds(asker: Asker, titles?: readonly string[]): number[] {
  return [...new Set(asker.roles.filter((r) => !titles || titles.includes(r.title)).map((r) => r.orgId))]
}

/** The refusal for a command that needs offices the asker does not hold here. */
export function noRightFor(access: TitleRights): UserError {
  if (access.refusal) return new UserError(access.refusal)
  return new UserError('common.noRight', { need: texts.common.rightsLabel({ label: access.label, anywhere: Boolean(access.anywhere) }) })
}

/** Where an organisation's announcement made privately goes: its bound group. */
export interface GroupPost {
  roomId: string
  orgName: string
}

/** The bound group of the organisation a post made privately is for, or a UserError when it has none. */
export async function groupPostOf(org: OrgService, context: OrgContext | null): Promise<GroupPost> {
  if (!context) throw new UserError('scope.orgNeeded')
  const roomId = await org.roomOf(context.org.id)
  if (!roomId) throw new UserError('scope.noGroup', { org: context.org.name })
  return { roomId, orgName: context.org.name }
}

/**
 * A post made privately: what the command says in the group goes to the organisation's group,
 * and the asker is told privately where, with the first line (which carries the number: 通知 #3).
 */
export function postedToGroup(replies: Reply[], post: GroupPost): Reply[] {
  const inGroup = replies.filter((r) => !r.privateTo).map((r) => ({ ...r, toRoom: post.roomId }))
  const first = inGroup[0]?.text.split('\n')[0]
  if (!first) return replies
  return [...inGroup, ...replies.filter((r) => r.privateTo), { text: texts.scope.postedToGroup({ org: post.orgName, first }) }]
}

/**
 * The prose typed after the command word (`ctx.rawRest`), without the `组织 <名>` that named the
 * organisation at its end.
 */
export function withoutOrgName(rawRest: string): string {
  const keyword = [...rawRest.matchAll(new RegExp(`(^|\\s)${ORG_KEYWORD}(?=[\\s:：])`, 'g'))].at(-1)
  return keyword ? rawRest.slice(0, keyword.index).trimEnd() : rawRest
}
