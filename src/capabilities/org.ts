import { bindAll } from '../commands/command.js'
import { OrgService } from '../domain/org/org.service.js'
import { orgCommands } from '../../handlers/org.js'
import type { Capability, SharedDeps } from './capability.js'

/** Organisations and people: 认证, 绑定, 登记, 任命/免去, 成员. */
export function createOrg(shared: Pick<SharedDeps, 'orgs' | 'audit'>, adminToken: string | undefined): Capability<{ org: OrgService }> {
  const org = new OrgService(shared.orgs, shared.audit, adminToken)
  return { services: { org }, jobs: {}, commands: bindAll(orgCommands, { org }) }
}
