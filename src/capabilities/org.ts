import { bindAll } from '../commands/command.js'
import type { Clock } from '../clock.js'
import { AdminAuthService, type AuthFailureListener } from '../domain/org/admin-auth.service.js'
import { OrgTreeService } from '../domain/org/org-tree.service.js'
import { OrgService } from '../domain/org/org.service.js'
import { RosterRepository } from '../domain/roster/roster.repository.js'
import { RosterService } from '../domain/roster/roster.service.js'
import { orgCommands } from '../../handlers/org.js'
import type { Capability, SharedDeps } from './capability.js'

/** Organisations and people: 认证, 绑定, 登记, 任命/免去, 成员. */
export function createOrg(
  shared: Pick<SharedDeps, 'db' | 'orgs' | 'audit'>,
  admin: { token: string | undefined; clock: Clock; onAuthFailure?: AuthFailureListener },
): Capability<{ org: OrgService; adminAuth: AdminAuthService; orgTree: OrgTreeService }> {
  // 登记 claims a record of the imported roster; 成员 lists who has not joined the group yet.
  const org = new OrgService(shared.orgs, shared.audit, new RosterService(new RosterRepository(shared.db), shared.orgs))
  const adminAuth = new AdminAuthService(shared.orgs, shared.audit, admin.token, admin.clock, {
    onAuthenticated: (contactId) => org.forgetRights(contactId),
    ...(admin.onAuthFailure ? { onFailure: admin.onAuthFailure } : {}),
  })
  const orgTree = new OrgTreeService(shared.orgs, shared.audit, () => org.forgetGroups())
  return { services: { org, adminAuth, orgTree }, jobs: {}, commands: bindAll(orgCommands, { org, adminAuth, orgTree }) }
}
