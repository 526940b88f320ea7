import type { Reply } from '../../chat/reply.js'
import { texts } from '../../texts/index.js'
import type { NoticeMember, NoticeRepository, NoticeRow } from './notice.repository.js'

/** Who is expected to acknowledge a notice and who has. */
export interface Progress {
  acked: NoticeMember[]
  pending: NoticeMember[]
}

/**
 * Everyone registered in the notice's organisation is expected to acknowledge, except the one
 * who sent it (an upper officer's copy below has no such member anyway).
 */
export async function progressOf(notices: NoticeRepository, notice: NoticeRow): Promise<Progress> {
  const members = (await notices.membersOf(notice.orgId)).filter((m) => m.contactId !== notice.byContactId)
  const ackedIds = await notices.acknowledgedMemberIds(notice.id)
  return { acked: members.filter((m) => ackedIds.has(m.id)), pending: members.filter((m) => !ackedIds.has(m.id)) }
}

/** The nudge: @-mentions of those who have not acknowledged, and which notice it is. */
export function nudgeReply(notice: NoticeRow, pending: NoticeMember[]): Reply {
  return { text: texts.notice.nudge({ id: notice.id, excerpt: excerpt(notice.text) }), mentionIds: pending.map((m) => m.contactId) }
}

/** A nudge after this instant blocks another one (one per notice within the interval). */
export function nudgeCutoff(now: Date, intervalMinutes: number): Date {
  return new Date(now.getTime() - intervalMinutes * 60_000)
}

/** The notice's first line, cut short: enough to say which notice is meant. */
export function excerpt(text: string, max = 20): string {
  const line = text.split('\n')[0]!.trim()
  return line.length > max ? `${line.slice(0, max)}…` : line
}
