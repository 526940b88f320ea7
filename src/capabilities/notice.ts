import { bindAll } from '../commands/command.js'
import { NoticeRepository } from '../domain/notice/notice.repository.js'
import { DEFAULT_NOTICE_OPTIONS, NOTICE_JOBS, NoticeService } from '../domain/notice/notice.service.js'
import { noticeCommands } from '../../handlers/notice.js'
import type { Capability, SharedDeps } from './capability.js'

/** Notices: 通知 to the group or to every organisation below, 收到, 通知情况, 催办. */
export function createNotice(shared: Pick<SharedDeps, 'db' | 'orgs' | 'audit' | 'jobs' | 'timeZone'>): Capability<{ notice: NoticeService }> {
  const notice = new NoticeService(new NoticeRepository(shared.db), shared.orgs, shared.audit, shared.jobs, {
    ...DEFAULT_NOTICE_OPTIONS,
    timeZone: shared.timeZone,
  })
  return {
    services: { notice },
    jobs: { [NOTICE_JOBS.deliver]: notice.deliverJob, [NOTICE_JOBS.nudge]: notice.nudgeJob },
    commands: bindAll(noticeCommands, { notice }),
  }
}
