import type { Reply } from '../../chat/reply.js'
import { texts } from '../../texts/index.js'
import { UserError } from '../../texts/user-error.js'
import type { MemberRow, OrgRow } from '../org/org.repository.js'
import { matchNameOrNickname, type DirectoryEntry } from '../org/member-name.js'
import type { ActivityService, NewActivity } from './activity.service.js'
import type { ActivityRow } from './activity.repository.js'
import type { JielongRepository } from './jielong.repository.js'
import { diffJielong, jielongNamesActivity, parseJielong, type Jielong } from './jielong.js'

/** A 接龙 copy as posted: where, by whom, when, and the group's directory (群昵称) to match names with. */
interface JielongInput {
  org: OrgRow
  byContactId: string
  now: Date
  postedAt: Date
  directory?: readonly DirectoryEntry[] | undefined
}

/** A note longer than 报名 accepts is cut, not refused: the line is still the member's sign-up. */
const NOTE_MAX = 100

/**
 * WeChat's own 接龙 as sign-ups: each re-posted copy is compared with the last one read for the
 * activity; added names sign up, removed names cancel, exactly as 报名 and 取消报名 (capacity,
 * waitlist, promotion). A name is matched to a registered member only when exactly one has it
 * (as registered name, else as 群昵称 or WeChat name in the group);
 * the rest go to the activity's creator privately, never guessed.
 */
export class JielongService {
  /** Per organisation, the copy being read now: the next waits for it. */
  readonly #reading = new Map<number, Promise<unknown>>()

  constructor(
    private readonly activity: ActivityService,
    private readonly repo: JielongRepository,
  ) {}

  /** 发起活动 … 接龙: the activity's sign-ups come from the next 接龙 posted, whatever its title. */
  async publish(input: NewActivity): Promise<string> {
    const { activity, text } = await this.activity.publish(input)
    await this.repo.open(activity.id, input.now)
    return [text, texts.activity.jielongOpened({ title: activity.title })].join('\n')
  }

  /**
   * Reads a 接龙 posted in the organisation's group; ordinary chat and 接龙 for nothing open get no
   * reply. Copies are read one at a time per organisation, and a copy posted before the last one
   * read is ignored: read out of order, an older copy would look like names taken off.
   */
  read(input: JielongInput & { text: string }): Promise<Reply[]> {
    const copy = parseJielong(input.text)
    if (!copy) return Promise.resolve([])
    const previous = this.#reading.get(input.org.id) ?? Promise.resolve()
    const turn = previous.then(() => this.readInTurn(input, copy))
    const settled = turn.catch(() => undefined)
    this.#reading.set(input.org.id, settled)
    void settled.then(() => {
      if (this.#reading.get(input.org.id) === settled) this.#reading.delete(input.org.id)
    })
    return turn
  }

  private async readInTurn(input: JielongInput, copy: Jielong): Promise<Reply[]> {
    const open = await this.activity.upcoming(input.org.id, input.now)
    const snapshots = await this.repo.snapshotsOf(open.map((a) => a.id))
    const named = open.filter((a) => jielongNamesActivity(copy.title, a.title))
    // An activity opened for 接龙 and not yet given one takes a 接龙 whose title names nothing else.
    const candidates = named.length > 0 ? named : open.filter((a) => snapshots.get(a.id)?.content === null)
    if (candidates.length === 0) return []
    if (candidates.length > 1) {
      const list = candidates.map((a) => texts.activity.choiceLine({ id: a.id, title: a.title, time: '' }).trim()).join('\n')
      return [{ text: texts.activity.jielongWhich({ title: copy.title, list }) }]
    }
    const activity = candidates[0]!
    const before = snapshots.get(activity.id)
    if (before?.content && before.seenAt.getTime() > input.postedAt.getTime()) return []
    return this.apply(input, activity, before?.content ? (JSON.parse(before.content) as Jielong) : null, copy)
  }

  private async apply(input: JielongInput, activity: ActivityRow, before: Jielong | null, copy: Jielong): Promise<Reply[]> {
    const { added, removed } = diffJielong(before, copy)
    const members = await this.repo.membersOf(input.org.id)
    const memberOf = (name: string): MemberRow | null => matchNameOrNickname(members, input.directory ?? [], name)
    const lines: string[] = []
    const extra: Reply[] = []
    const unknown: string[] = []
    for (const name of added) {
      const member = memberOf(name)
      if (!member) {
        unknown.push(name)
        continue
      }
      const note = copy.entries.find((e) => e.name === name)?.note.slice(0, NOTE_MAX) || null
      lines.push(await answerOf(() => this.activity.signUp({ org: input.org, ref: activity.id, member, note, byContactId: input.byContactId, now: input.now })))
    }
    for (const name of removed) {
      const member = memberOf(name)
      if (!member) continue
      try {
        const [cancelled, ...promoted] = await this.activity.cancelSignUp({ org: input.org, ref: activity.id, member, now: input.now })
        if (cancelled) lines.push(cancelled.text)
        extra.push(...promoted)
      } catch (error) {
        // A name taken off that never signed up (or already cancelled with 取消报名) changes nothing.
        if (!(error instanceof UserError)) throw error
      }
    }
    await this.repo.save(activity.id, JSON.stringify(copy), input.postedAt)
    const replies: Reply[] = []
    const distinct = [...new Set(lines)]
    if (distinct.length > 0) replies.push({ text: texts.activity.jielongRead({ id: activity.id, title: activity.title, lines: distinct }) }, ...extra)
    const officer = unknown.length > 0 ? await this.repo.creatorOf(activity.id) : null
    if (officer) replies.push({ text: texts.activity.jielongUnknown({ id: activity.id, title: activity.title, names: unknown }), privateTo: officer })
    return replies
  }
}

/** The sentence 报名 would answer, refusals included (a closed activity says so once per name). */
async function answerOf(signUp: () => Promise<string>): Promise<string> {
  try {
    return await signUp()
  } catch (error) {
    if (error instanceof UserError) return error.reply
    throw error
  }
}
