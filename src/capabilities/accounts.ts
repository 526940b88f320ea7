import { bindAll } from '../commands/command.js'
import { AccountsRepository } from '../outbox/accounts.repository.js'
import { GroupAccountsService } from '../outbox/group-accounts.service.js'
import { accountsCommands } from '../../handlers/accounts.js'
import type { Capability, SharedDeps } from './capability.js'

/** Several bot accounts on one database: 换号 moves a group to another account in it. */
export function createAccounts(shared: Pick<SharedDeps, 'db' | 'audit'>): Capability<{ groupAccounts: GroupAccountsService }> {
  const groupAccounts = new GroupAccountsService(new AccountsRepository(shared.db), shared.audit)
  return { services: { groupAccounts }, jobs: {}, commands: bindAll(accountsCommands, { groupAccounts }) }
}
