/**
 * 200 branches of 25 members under one street committee with 1,000,000 check-in rows: how long
 * the street's 统计 scorecard and 考勤 take on SQLite. The rows are generated with raw SQL (fast);
 * the reports are read through the services, as the 统计 and 考勤 commands do.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { openDatabase } from '../src/db/client.js'
import { parsePeriod } from '../src/domain/report/period.js'
import { createCapabilities } from '../src/capabilities/index.js'
import { migrateSqliteFile } from '../test/support/database.js'

const REPORT_BRANCHES = 200
const NOW = new Date('2026-11-27T10:00:00+08:00')
const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits

/**
 * 200 branches of 25 members under one street committee, meetings through the year and 25
 * check-ins each until `checkIns` rows; then the street's 统计 and 考勤 for 本月, timed.
 */
export async function reports(checkIns: number) {
  const dir = mkdtempSync(join(tmpdir(), 'zhibu-bench-reports-'))
  const file = process.env.BENCH_REPORT_DB ?? join(dir, 'reports.db')
  migrateSqliteFile(file)
  const raw = new Database(file)
  raw.pragma('journal_mode = WAL')
  const iso = (d: Date) => d.toISOString().replace('Z', '+00:00')
  const created = iso(NOW)
  const generate = raw.transaction(() => {
    raw.prepare(`INSERT INTO Organization (id, name, type, parentId, createdAt) VALUES (1, '外滩街道党委', '党委', NULL, ?)`).run(created)
    const org = raw.prepare(`INSERT INTO Organization (id, name, type, parentId, createdAt) VALUES (?, ?, '党支部', 1, ?)`)
    // Each organisation's place in the tree has its history, as 绑定 writes it.
    const placed = raw.prepare(`INSERT INTO OrgParentPeriod (orgId, parentId, "from", until) VALUES (?, ?, ?, NULL)`)
    placed.run(1, null, created)
    const member = raw.prepare(`INSERT INTO Member (id, orgId, contactId, name, stage, category, registeredAt) VALUES (?, ?, ?, ?, '正式党员', '在职', ?)`)
    // Every member belongs to their branch since before the bot knew (the period reports count by).
    const membership = raw.prepare(`INSERT INTO MemberMembership (memberId, orgId) VALUES (?, ?)`)
    const meeting = raw.prepare(`INSERT INTO Meeting (id, orgId, type, startsAt, status, closedAt, createdByContactId, createdAt) VALUES (?, ?, ?, ?, 'closed', ?, 'x', ?)`)
    const attendance = raw.prepare(`INSERT INTO Attendance (meetingId, memberId, status, at, byContactId) VALUES (?, ?, ?, ?, 'x')`)
    const types = ['党员大会', '支委会', '党小组会', '党课', '主题党日']
    const statuses = ['present', 'present', 'present', 'present', 'present', 'present', 'late', 'leave', 'absent', 'present']
    const meetingsPerBranch = Math.ceil(checkIns / REPORT_BRANCHES / 25)
    const yearStart = new Date('2026-01-01T00:00:00+08:00').getTime()
    const span = NOW.getTime() - yearStart
    let meetingId = 0
    let rows = 0
    for (let b = 0; b < REPORT_BRANCHES; b++) {
      const orgId = b + 2
      org.run(orgId, `支部${b}`, created)
      placed.run(orgId, 1, created)
      for (let m = 0; m < 25; m++) {
        member.run(b * 25 + m + 1, orgId, `wxid_r${b}_${m}`, `成员${b}_${m}`, created)
        membership.run(b * 25 + m + 1, orgId)
      }
      for (let k = 0; k < meetingsPerBranch && rows < checkIns; k++) {
        const at = iso(new Date(yearStart + Math.floor((span * (k + 0.5)) / meetingsPerBranch)))
        meeting.run(++meetingId, orgId, types[k % types.length], at, at, at)
        for (let m = 0; m < 25 && rows < checkIns; m++, rows++) attendance.run(meetingId, b * 25 + m + 1, statuses[(k + m) % statuses.length], at)
      }
    }
    return { meetings: meetingId, rows }
  })
  const startedAt = performance.now()
  const generated = generate()
  raw.pragma('optimize')
  raw.close()
  const generateSeconds = round((performance.now() - startedAt) / 1000, 1)

  const db = await openDatabase(`file:${file}`)
  const { services } = createCapabilities(db, { timeZone: 'Asia/Shanghai', adminToken: undefined })
  const street = { id: 1, name: '外滩街道党委', type: '党委', parentId: null }
  const period = parsePeriod('本月', NOW, 'Asia/Shanghai')!
  const time = async (work: () => Promise<unknown>) => {
    const runs: number[] = []
    for (let i = 0; i < 5; i++) {
      const t = performance.now()
      await work()
      runs.push(performance.now() - t)
    }
    runs.sort((a, b) => a - b)
    return { medianMs: round(runs[2]!, 1), maxMs: round(runs[4]!, 1) }
  }
  const scorecard = await time(() => services.report.scorecard(street, period, NOW))
  const attendance = await time(() => services.report.attendance({ org: street, period, now: NOW, askerContactId: 'x', inGroup: true }))
  const branch = await time(() => services.report.attendance({ org: { id: 2, name: '支部0', type: '党支部', parentId: 1 }, period, now: NOW, askerContactId: 'x', inGroup: true }))
  await db.$disconnect()
  rmSync(dir, { recursive: true, force: true })
  return { organisations: REPORT_BRANCHES + 1, checkInRows: generated.rows, meetings: generated.meetings, generateSeconds, streetScorecard: scorecard, streetAttendance: attendance, branchAttendance: branch }
}

