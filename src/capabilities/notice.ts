import { bindAll } from '../commands/command.js'
import { NoticeJobs } from '../domain/notice/notice-jobs.service.js'
import { NoticeRepository } from '../domain/notice/notice.repository.js'
import { DEFAULT_NOTICE_OPTIONS, NoticeService } from '../domain/notice/notice.service.js'
import { noticeCommands } from '../../handlers/notice.js'
import type { Capability, SharedDeps } from './capability.js'

/** Notices: 通知 to the group or to every organisation below, 收到, 通知情况, 催办. */
export function createNotice(shared: Pick<SharedDeps, 'db' | 'orgs' | 'audit' | 'jobs' | 'timeZone' | 'roomOf'>): Capability<{ notice: NoticeService }> {
  const options = { ...DEFAULT_NOTICE_OPTIONS, timeZone: shared.timeZone }
  const notices = new NoticeRepository(shared.db)
  const noticeJobs = new NoticeJobs(notices, shared.jobs, { ...options, roomOf: shared.roomOf })
  const notice = new NoticeService(notices, shared.orgs, shared.audit, noticeJobs, options)
  return { services: { notice }, jobs: noticeJobs.handlers(), commands: bindAll(noticeCommands, { notice }) }
}
