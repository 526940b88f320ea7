import { bindAll } from '../commands/command.js'
import { FlowService } from '../domain/transfer/flow.service.js'
import { MergeService, type MergeCaches } from '../domain/transfer/merge.service.js'
import { TransferRepository } from '../domain/transfer/transfer.repository.js'
import { TransferService } from '../domain/transfer/transfer.service.js'
import { SplitService } from '../domain/transfer/split.service.js'
import { UnitRepository } from '../domain/units/unit.repository.js'
import { transferCommands } from '../../handlers/transfer.js'
import type { Capability, SharedDeps } from './capability.js'

/** Members in motion: 转出/接收 (组织关系转接) with reminders, 流入/流出 (流动党员), 合并, 拆分. */
export function createTransfer(
  shared: Pick<SharedDeps, 'db' | 'orgs' | 'audit' | 'jobs'>,
  caches: MergeCaches,
): Capability<{ transfer: TransferService; flow: FlowService; merge: MergeService; split: SplitService }> {
  const repo = new TransferRepository(shared.db)
  const transfer = new TransferService(repo, shared.orgs, shared.audit, shared.jobs, caches)
  const flow = new FlowService(repo, shared.orgs, shared.audit, caches)
  const merge = new MergeService(repo, shared.orgs, shared.audit, caches)
  const split = new SplitService(new UnitRepository(shared.db), shared.orgs, shared.audit, merge)
  return { services: { transfer, flow, merge, split }, jobs: transfer.handlers(), commands: bindAll(transferCommands, { transfer, flow, merge, split }) }
}
