import { dueFor } from '../domain/dues/dues-ledger.js'
import type { OrgRow } from '../domain/org/org.repository.js'
import { formatChineseTime } from '../domain/time/parse-time.js'
import { consoleTexts as t, STATUS_WORDS } from '../texts/console.texts.js'
import type { ConsoleRepository } from './console.repository.js'
import { escape, layout } from './pages.js'

type Members = Array<{ id: number; name: string; stage: string; category: string; titles: string[] }>
type Meetings = Awaited<ReturnType<ConsoleRepository['meetings']>>
type Activities = Awaited<ReturnType<ConsoleRepository['activities']>>
type Notices = Awaited<ReturnType<ConsoleRepository['notices']>>

const EXPORT_PERIODS = ['本月', '上月', '本季度', '本年'] as const

function list(items: string[]): string {
  return items.length ? `<ul>${items.join('')}</ul>` : `<p class="muted">${escape(t.none())}</p>`
}

/** An organisation: members, meetings with records, activities with rosters, notices with who acknowledged, exports. */
export function orgPage(input: {
  org: OrgRow
  members: Members
  meetings: Meetings
  activities: Activities
  notices: Notices
  maySeeDues: boolean
  now: Date
  timeZone: string
}): string {
  const { org, now, timeZone } = input
  const when = (at: Date) => formatChineseTime(at, timeZone, now)
  const nameOf = new Map(input.members.map((m) => [m.id, m.name]))
  const memberRows = input.members
    .map((m) => `<tr><td class="name">${escape(m.name)}</td><td>${escape(m.stage)}</td><td>${escape(m.titles.join('、') || '—')}</td><td>${escape(m.category)}</td><td>${escape(t.registered())}</td></tr>`)
    .join('')
  const meetings = input.meetings.map((m) => {
    const a = m.attendance
    return `<li>${escape(t.meetingLine({ id: m.id, type: m.type, when: when(m.startsAt), topic: m.topic, status: STATUS_WORDS[m.status] ?? m.status }))}
<div class="muted">${escape(t.meetingCounts({ present: a.present ?? 0, late: a.late ?? 0, leave: a.leave ?? 0, absent: a.absent ?? 0 }))}<br>${escape(t.meetingRecord(m))}</div></li>`
  })
  const activities = input.activities.map((a) => {
    const names = (status: string) => a.signUps.filter((s) => s.status === status).map((s) => s.member.name)
    return `<li>${escape(t.activityLine({ id: a.id, title: a.title, when: when(a.startsAt), cancelled: a.status === 'cancelled' }))}
<div class="muted">${escape(t.roster({ confirmed: names('confirmed'), waitlisted: names('waitlisted') }))}</div></li>`
  })
  const notices = input.notices.map((n) => {
    const acked = new Set(n.acks.map((a) => a.memberId))
    const ackedNames = n.acks.map((a) => nameOf.get(a.memberId)).filter((x): x is string => Boolean(x))
    const missing = input.members.filter((m) => !acked.has(m.id)).map((m) => m.name)
    return `<li>#${n.id} ${escape(n.text.slice(0, 80))}<div class="muted">${escape(when(n.createdAt))} · ${escape(t.noticeAcks({ acked: ackedNames, missing }))}</div></li>`
  })
  const exportLink = (query: string, label: string) => `<a href="/org/${org.id}/export?${query}" download>${escape(label)}</a>`
  const downloads = [
    ...EXPORT_PERIODS.map((p) => exportLink(`kind=${encodeURIComponent('考勤')}&period=${encodeURIComponent(p)}`, t.exportAttendance({ period: p }))),
    ...(input.maySeeDues ? EXPORT_PERIODS.map((p) => exportLink(`kind=${encodeURIComponent('党费')}&period=${encodeURIComponent(p)}`, t.exportDues({ period: p }))) : []),
    ...input.meetings.filter((m) => m.status === 'closed').map((m) => exportLink(`kind=${encodeURIComponent('会议')}&ref=${m.id}`, t.exportMeeting({ id: m.id }))),
    ...input.activities.map((a) => exportLink(`kind=${encodeURIComponent('活动')}&ref=${a.id}`, t.exportActivity({ id: a.id }))),
  ]
  return layout({
    title: org.name,
    loggedIn: true,
    body: `<p><a href="/">${escape(t.back())}</a>${input.maySeeDues ? ` · <a href="/org/${org.id}/dues">${escape(t.duesLink())}</a>` : ''}</p>
<h1>${escape(org.name)}</h1>
<section><h2>${escape(t.members({ count: input.members.length }))}</h2><table><thead><tr>${t
      .memberColumns()
      .map((c) => `<th>${escape(c)}</th>`)
      .join('')}</tr></thead><tbody>${memberRows}</tbody></table></section>
<section><h2>${escape(t.meetings())}</h2>${list(meetings)}</section>
<section><h2>${escape(t.activities())}</h2>${list(activities)}</section>
<section><h2>${escape(t.notices())}</h2>${list(notices)}</section>
<section class="downloads"><h2>${escape(t.exports())}</h2>${downloads.join('')}</section>`,
  })
}

export interface DuesCell {
  dueFen: number
  paidFen: number
}

/** Per member per month: what was assessed (under the ledger's rules) and what was paid (confirmed). */
export function duesGrid(
  members: ReadonlyArray<{ id: number; name: string }>,
  assessments: ReadonlyArray<{ id: number; memberId: number; duesFrom: string | null; fromMonth: string; monthlyFen: number }>,
  payments: ReadonlyArray<{ memberId: number; month: string; amountFen: number }>,
  months: readonly string[],
): Array<{ name: string; cells: Array<DuesCell | null> }> {
  const paid = new Map(payments.map((p) => [`${p.memberId}:${p.month}`, p.amountFen]))
  return members.map((m) => {
    const rows = assessments.filter((a) => a.memberId === m.id)
    return {
      name: m.name,
      cells: months.map((month) => {
        const dueFen = rows.length ? dueFor({ assessments: rows, duesFrom: rows[0]!.duesFrom }, month) : null
        return dueFen === null ? null : { dueFen, paidFen: paid.get(`${m.id}:${month}`) ?? 0 }
      }),
    }
  })
}

export function duesPage(input: { org: OrgRow; year: string; months: string[]; grid: ReturnType<typeof duesGrid> }): string {
  const yuan = (fen: number) => (fen / 100).toFixed(2)
  const cell = (c: DuesCell | null) => {
    if (!c) return '<td>—</td>'
    const state = c.paidFen >= c.dueFen ? 'ok' : c.paidFen > 0 ? 'due' : 'overdue'
    return `<td><span class="cell ${state}">${yuan(c.paidFen)} / ${yuan(c.dueFen)}</span></td>`
  }
  return layout({
    title: t.dues({ year: input.year }),
    loggedIn: true,
    body: `<p><a href="/org/${input.org.id}">${escape(input.org.name)}</a></p><h1>${escape(input.org.name)} · ${escape(t.dues({ year: input.year }))}</h1>
<p class="muted">${escape(t.duesLegend())}</p><section><table><thead><tr><th>姓名</th>${input.months.map((m) => `<th>${Number(m.slice(5))}月</th>`).join('')}</tr></thead>
<tbody>${input.grid.map((r) => `<tr><td class="name">${escape(r.name)}</td>${r.cells.map(cell).join('')}</tr>`).join('')}</tbody></table></section>`,
  })
}
