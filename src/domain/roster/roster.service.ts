import { texts } from '../../texts/index.js'
import { UserError } from '../../texts/user-error.js'
import type { MemberRow, OrgRepository, OrgRow } from '../org/org.repository.js'
import { classifyRow, readRosterRow, samePerson, type RosterRow, type RowProblem } from './roster-rules.js'
import type { RosterRepository, RosterWrite } from './roster.repository.js'
import { readRosterFile, rosterTemplate } from './roster-sheet.js'

/** How long a previewed import waits for 确认导入. */
export const PENDING_IMPORT_HOURS = 24

/**
 * Roster imports: an officer's sheet is read and previewed, written on 确认导入; a later 登记
 * claims the imported record; 成员 lists who is on the roster but not yet in the group.
 */
export class RosterService {
  constructor(
    private readonly roster: RosterRepository,
    private readonly orgs: Pick<OrgRepository, 'listMembers'>,
  ) {}

  /** Reads the file and answers with the preview; keeps the rows to write until 确认导入. */
  async preview(input: { org: OrgRow; contactId: string; file: { name: string; base64: string } | undefined; now: Date }): Promise<string> {
    const { org, now } = input
    if (!input.file) throw new UserError('roster.noFile')
    const { rows } = await readRosterFile(input.file)
    const [entries, members] = await Promise.all([this.roster.entriesOf(org.id), this.orgs.listMembers(org.id)])
    const registered = new Set(members.filter((m) => !entries.some((e) => e.memberId === m.id)).map((m) => m.name))

    const counts = { new: 0, updated: 0, unchanged: 0, registered: 0 }
    const rejected: Array<{ line: number; problem: RowProblem }> = []
    const accepted: Array<{ line: number; row: RosterRow }> = []
    for (const { line, cells } of rows) {
      const reading = readRosterRow(cells)
      if (!reading.ok) {
        rejected.push({ line, problem: reading.problem })
        continue
      }
      const first = accepted.find((a) => a.row.name === reading.row.name && a.row.birthMonth === reading.row.birthMonth)
      if (first) {
        rejected.push({ line, problem: { kind: 'repeated', firstLine: first.line } })
        continue
      }
      accepted.push({ line, row: reading.row })
      counts[classifyRow(reading.row, entries, registered)]++
    }
    const toWrite = accepted.map((a) => a.row).filter((row) => classifyRow(row, entries, registered) !== 'unchanged')
    if (toWrite.length > 0) {
      const expiresAt = new Date(now.getTime() + PENDING_IMPORT_HOURS * 3_600_000)
      await this.roster.savePending({ orgId: org.id, contactId: input.contactId, rows: JSON.stringify(toWrite), now, expiresAt })
    }
    return texts.roster.preview({
      org: org.name,
      rows: rows.length,
      created: counts.new,
      updated: counts.updated,
      unchanged: counts.unchanged,
      registered: counts.registered,
      rejected,
      hours: PENDING_IMPORT_HOURS,
    })
  }

  /** Writes the officer's previewed import, compared afresh with what the roster holds now. */
  async confirm(input: { org: OrgRow; contactId: string; now: Date }): Promise<string> {
    const { org, now } = input
    const pending = await this.roster.takePending(org.id, input.contactId, now)
    if (!pending) throw new UserError('roster.nothingPending')
    const rows = JSON.parse(pending) as RosterRow[]
    const [entries, members] = await Promise.all([this.roster.entriesOf(org.id), this.orgs.listMembers(org.id)])
    const writes: RosterWrite[] = []
    let created = 0, updated = 0, linked = 0
    for (const row of rows) {
      const entry = entries.find((e) => samePerson(e, row))
      if (entry) {
        writes.push({ row, entryId: entry.id, memberId: null })
        updated++
        continue
      }
      const namesakes = members.filter((m) => m.name === row.name && !entries.some((e) => e.memberId === m.id))
      // Two registered members of one name: the roster cannot tell which; each claims with 登记.
      const member = namesakes.length === 1 ? namesakes[0] : undefined
      writes.push({ row, entryId: null, memberId: member?.id ?? null })
      if (member) linked++
      else created++
    }
    await this.roster.write(org.id, writes, now)
    return texts.roster.imported({ org: org.name, created, updated, linked })
  }

  /** After 登记: links the new registration to its imported record, or asks which when the name is shared. */
  async claimOnRegister(member: MemberRow, now: Date): Promise<string | null> {
    const entries = await this.roster.unclaimedNamed(member.orgId, member.name)
    if (entries.length === 0) return null
    if (entries.length === 1 && entries[0]) return (await this.roster.claim(entries[0].id, member.id, now)) ? texts.roster.claimed({ unit: entries[0].unit }) : null
    return texts.roster.claimChoices({ name: member.name, choices: entries })
  }

  /** 认领 <n>: the member says which of the same-named records is theirs. */
  async claimChoice(member: MemberRow, choice: number, now: Date): Promise<string> {
    const entries = await this.roster.unclaimedNamed(member.orgId, member.name)
    if (entries.length === 0) throw new UserError('roster.claimNone', { name: member.name })
    const entry = entries[choice - 1]
    if (!entry) throw new UserError('roster.claimBadChoice', { count: entries.length })
    if (!(await this.roster.claim(entry.id, member.id, now))) throw new UserError('roster.claimNone', { name: member.name })
    return texts.roster.claimed({ unit: entry.unit })
  }

  /** The lines 成员 adds: who is on the roster and has not yet registered in the group. */
  async notJoinedLines(orgId: number): Promise<string[]> {
    const entries = await this.roster.unclaimed(orgId)
    if (entries.length === 0) return []
    return [texts.roster.notJoinedHeader({ count: entries.length }), entries.map((e) => e.name).join('、')]
  }

  async template(): Promise<{ text: string; file: { name: string; base64: string } }> {
    return { text: texts.roster.templateSent(), file: { name: texts.roster.templateFileName(), base64: await rosterTemplate(texts.roster.templateExample()) } }
  }
}
