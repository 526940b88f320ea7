import { UserError } from '../../texts/user-error.js'
import type { Reply } from '../../chat/reply.js'
import { texts } from '../../texts/index.js'
import type { AuditRepository } from '../audit/audit.repository.js'
import type { MemberRow, OrgRepository, OrgRow } from '../org/org.repository.js'
import type { OrgContext } from '../org/org.service.js'
import { formatChineseTime } from '../time/parse-time.js'
import type { NoticeJobs } from './notice-jobs.service.js'
import { excerpt, nudgeCutoff, nudgeReply, progressOf } from './notice-progress.service.js'
import type { NoticeMember, NoticeRepository, NoticeRow } from './notice.repository.js'
import { checkSecrecy } from './secrecy.js'

export interface NoticeOptions {
  timeZone: string
  /** One 催办 per notice within this many minutes (default 30): a group is not @-ed again and again. */
  nudgeIntervalMinutes: number
  /** The scheduler nudges once by itself this many hours after a notice (default 24), if anyone has not acknowledged. */
  autoNudgeHours: number
  /** A bare 收到 acknowledges a notice at most this many days old (default 30); older ones need 收到 #n. */
  ackWindowDays: number
}

export const DEFAULT_NOTICE_OPTIONS: Omit<NoticeOptions, 'timeZone'> = {
  nudgeIntervalMinutes: 30,
  autoNudgeHours: 24,
  ackWindowDays: 30,
}

/**
 * Notices with acknowledgement: posted in a group or sent down the organisation tree to the
 * group of every organisation below (属地管理), acknowledged with 收到, followed up with 催办.
 * Nothing that looks classified is posted anywhere (涉密不上网, see secrecy.ts).
 */
export class NoticeService {
  constructor(
    private readonly notices: NoticeRepository,
    private readonly orgs: OrgRepository,
    private readonly audit: AuditRepository,
    private readonly noticeJobs: NoticeJobs,
    private readonly options: NoticeOptions,
  ) {}

  /** Posts notice #n in the organisation's own group; the returned text is the notice itself. */
  async post(input: { org: OrgRow; text: string; byContactId: string; now: Date }): Promise<string> {
    const { org, now } = input
    const text = this.cleared(input.text)
    const notice = await this.notices.create({ orgId: org.id, parentId: null, text, byContactId: input.byContactId, now })
    await this.noticeJobs.planAutoNudge(notice, now)
    await this.audit.record({ at: now, actorContactId: input.byContactId, action: 'notice.post', orgId: org.id, detail: { noticeId: notice.id } })
    return texts.notice.posted({ id: notice.id, text })
  }

  /**
   * Sends a copy to the group of every organisation below (all levels) that has one bound. Each
   * copy is a notice of its own (its own #n, acknowledged in its own group) pointing at the
   * original; it goes out through a `notice.deliver` job due now, since a reply can only answer
   * the chat it came from.
   */
  async broadcast(input: { org: OrgRow; text: string; byContactId: string; now: Date }): Promise<string> {
    const { org, now } = input
    const text = this.cleared(input.text)
    const below = await this.orgs.descendantsOf(org.id)
    if (below.length === 0) throw new UserError('notice.noOrgsBelow', { org: org.name })
    const rooms = await this.orgs.roomsOf(below.map((o) => o.id))
    const targets = below.filter((o) => rooms.has(o.id))
    const unbound = below.filter((o) => !rooms.has(o.id)).map((o) => o.name)
    if (targets.length === 0) throw new UserError('notice.noGroupsBelow', { unbound })

    const { original, copies } = await this.notices.transaction(async (repo) => {
      const original = await repo.create({ orgId: org.id, parentId: null, text, byContactId: input.byContactId, now })
      const copies: { notice: NoticeRow; org: string }[] = []
      for (const target of targets) {
        copies.push({ notice: await repo.create({ orgId: target.id, parentId: original.id, text, byContactId: input.byContactId, now }), org: target.name })
      }
      return { original, copies }
    })
    for (const { notice } of copies) {
      await this.noticeJobs.scheduleDelivery(notice, now)
      await this.noticeJobs.planAutoNudge(notice, now)
    }
    await this.audit.record({
      at: now,
      actorContactId: input.byContactId,
      action: 'notice.broadcast',
      orgId: org.id,
      detail: { noticeId: original.id, copies: copies.map((c) => c.notice.id), unbound },
    })
    return texts.notice.broadcastSent({
      id: original.id,
      targets: copies.map((c) => texts.notice.broadcastTarget({ org: c.org, id: c.notice.id })),
      unbound,
    })
  }

  /**
   * 收到: acknowledges `#n`, or without a number the newest notice of the organisation that the
   * member has not acknowledged yet. 收到 is also ordinary chat: with no recent notice at all it
   * stays silent rather than answer every 收到 in the group.
   */
  async acknowledge(input: { org: OrgRow; ref: number | undefined; member: MemberRow; now: Date }): Promise<Reply[]> {
    const { org, member, now } = input
    // Many 收到 arrive within seconds of a notice: they go out as one message.
    const acked = (id: number, count: number, expected: number): Reply[] => [{ text: texts.notice.acked({ name: member.name, id, count, expected }), coalesceKey: ackKey(id) }]
    const already = (id: number): Reply[] => [{ text: texts.notice.alreadyAcked({ name: member.name, id }), coalesceKey: ackKey(id) }]
    // The notice is chosen in the statement that records the acknowledgement (one round trip);
    // why none was recorded is read only then.
    const since = new Date(now.getTime() - this.options.ackWindowDays * 86_400_000)
    const done = await this.notices.acknowledgeChosen(org.id, member.id, input.ref === undefined ? { since } : { id: input.ref }, now)
    if (done) return acked(done.noticeId, done.acked, done.expected)
    if (input.ref === undefined) {
      const latest = await this.notices.latest(org.id, since)
      return latest ? already(latest.id) : []
    }
    const named = await this.notices.findToAcknowledge(input.ref, org.id)
    if (!named) throw new UserError('notice.notFound', { id: input.ref })
    if (named.hasCopies) throw new UserError('notice.isBroadcast', { id: named.id })
    return already(named.id)
  }

  /** Whether a notice within the acknowledgement window still awaits this member's 收到 (so 好的，收到 counts). */
  async awaitsAcknowledgement(orgId: number, memberId: number, now: Date): Promise<boolean> {
    const since = new Date(now.getTime() - this.options.ackWindowDays * 86_400_000)
    return (await this.notices.latestUnacknowledged(orgId, memberId, since)) !== null
  }

  /**
   * 通知情况: who has acknowledged and who has not; for a broadcast original, per organisation
   * below. The caller sends it privately: names of who has not responded are not for the group.
   */
  async status(input: { context: OrgContext; ref: number }): Promise<string> {
    const { notice, orgName } = await this.visible(input.context, input.ref)
    const copies = await this.notices.copiesOf(notice.id)
    if (copies.length === 0) {
      const { acked, pending } = await progressOf(this.notices, notice)
      return texts.notice.status({ id: notice.id, org: orgName, excerpt: excerpt(notice.text), acked: names(acked), pending: names(pending) })
    }
    const orgNames = await this.notices.orgNames(copies.map((c) => c.orgId))
    let acked = 0
    let expected = 0
    const lines: string[] = []
    for (const copy of copies) {
      const progress = await progressOf(this.notices, copy)
      acked += progress.acked.length
      expected += progress.acked.length + progress.pending.length
      lines.push(
        texts.notice.broadcastStatusLine({
          org: orgNames.get(copy.orgId) ?? '?',
          id: copy.id,
          acked: progress.acked.length,
          expected: progress.acked.length + progress.pending.length,
          pending: names(progress.pending),
        }),
      )
    }
    return texts.notice.broadcastStatus({ id: notice.id, excerpt: excerpt(notice.text), acked, expected, lines, pending: expected - acked })
  }

  /**
   * 催办: @-mentions only those who have not acknowledged, at most once per notice within the
   * interval. A notice of this group is nudged in the reply; a copy below, or every copy of a
   * broadcast original, through a `notice.nudge` job due now for each group (a reply cannot reach
   * another group). Each copy keeps its own interval too, so a branch nudged by its own officer a
   * minute ago is skipped.
   */
  async nudge(input: { context: OrgContext; ref: number; now: Date }): Promise<Reply> {
    const { context, now } = input
    const { notice, orgName } = await this.visible(context, input.ref)
    const copies = await this.notices.copiesOf(notice.id)
    const notSince = this.nudgeCutoff(now)

    if (copies.length === 0) {
      const { pending } = await progressOf(this.notices, notice)
      if (pending.length === 0) throw new UserError('notice.allAcked', { id: notice.id })
      await this.claimOrRefuse(notice.id, now)
      if (notice.orgId === context.org.id) return nudgeReply(notice, pending)
      await this.noticeJobs.scheduleNudgeNow(notice.id, now)
      return { text: texts.notice.nudgedBelow({ id: notice.id, orgs: [orgName], people: pending.length, skipped: [] }) }
    }

    const orgNames = await this.notices.orgNames(copies.map((c) => c.orgId))
    const waiting: { copy: NoticeRow; pending: number }[] = []
    for (const copy of copies) {
      const { pending } = await progressOf(this.notices, copy)
      if (pending.length > 0) waiting.push({ copy, pending: pending.length })
    }
    if (waiting.length === 0) throw new UserError('notice.allAcked', { id: notice.id })
    await this.claimOrRefuse(notice.id, now)
    const nudged: string[] = []
    const skipped: string[] = []
    let people = 0
    for (const { copy, pending } of waiting) {
      const org = orgNames.get(copy.orgId) ?? '?'
      if (!(await this.notices.claimNudge(copy.id, now, notSince))) {
        skipped.push(org)
        continue
      }
      await this.noticeJobs.scheduleNudgeNow(copy.id, now)
      nudged.push(org)
      people += pending
    }
    return { text: texts.notice.nudgedBelow({ id: notice.id, orgs: nudged, people, skipped }) }
  }

  /** The text, if it may be posted; refused with the reason when it looks classified. */
  private cleared(raw: string): string {
    const text = raw.trim()
    const check = checkSecrecy(text)
    if (!check.ok) throw new UserError('notice.secretRefused', { reason: check.reason })
    return text
  }

  /**
   * A notice the asker may look at from this group: one of this organisation or of an
   * organisation below it (rights reach down the tree). Anything else is "not found", so a
   * branch learns nothing about its neighbours' notices.
   */
  private async visible(context: OrgContext, ref: number): Promise<{ notice: NoticeRow; orgName: string }> {
    const notice = await this.notices.findById(ref)
    if (!notice) throw new UserError('notice.notFound', { id: ref })
    const chain = await this.orgs.chainUp(notice.orgId)
    if (!chain.some((o) => o.id === context.org.id)) throw new UserError('notice.notFound', { id: ref })
    return { notice, orgName: chain[0]!.name }
  }

  private async claimOrRefuse(noticeId: number, now: Date): Promise<void> {
    if (await this.notices.claimNudge(noticeId, now, this.nudgeCutoff(now))) return
    const last = (await this.notices.findById(noticeId))?.lastNudgedAt ?? now
    const at = new Date(last.getTime() + this.options.nudgeIntervalMinutes * 60_000)
    throw new UserError('notice.nudgeTooSoon', { id: noticeId, minutes: this.options.nudgeIntervalMinutes, at: formatChineseTime(at, this.options.timeZone, now) })
  }

  private nudgeCutoff(now: Date): Date {
    return nudgeCutoff(now, this.options.nudgeIntervalMinutes)
  }
}

function ackKey(noticeId: number): string {
  return `ack:${noticeId}`
}

function names(members: NoticeMember[]): string[] {
  return members.map((m) => m.name)
}
