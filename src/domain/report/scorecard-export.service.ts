import { texts } from '../../texts/index.js'
import { writeWorkbook } from '../../util/workbook.js'
import type { DevelopmentRollup } from '../development/development-rollup.service.js'
import { PIPELINE_STAGES, type StageCounts } from '../development/development-rules.js'
import type { OrgRow } from '../org/org.repository.js'
import type { Period } from './period.js'
import type { ExportFile } from './report-export.service.js'
import type { ReportFigures, ScoreRow } from './report-figures.service.js'
import { attendanceRate, percent } from './tally.js'

/**
 * 导出 统计: 统计's figures per organisation (and the total) with the development pipeline's
 * stages on a summary sheet, and the people on the path on a second sheet.
 */
export class ScorecardExport {
  constructor(
    private readonly figures: Pick<ReportFigures, 'scorecard'>,
    private readonly rollup: Pick<DevelopmentRollup, 'rollup'>,
  ) {}

  async file(org: OrgRow, period: Period, now: Date): Promise<ExportFile> {
    const [{ rows, total }, stages] = await Promise.all([this.figures.scorecard(org, period, now), this.rollup.rollup(org, period, now)])
    const stagesOf = new Map(stages.rows.map((r) => [r.org.id, r.counts]))
    const line = (r: ScoreRow, name: string, counts: StageCounts | null | undefined) => [
      name,
      period.label,
      r.members,
      r.meetingsHeld,
      r.calendar.overdue,
      attendanceRate(r.attendance),
      percent(r.duesRate),
      r.studyHoursPerMember,
      percent(r.noticeAckRate),
      ...PIPELINE_STAGES.map((s) => counts?.[s] ?? 0),
    ]
    const summary = [
      texts.development.scorecardColumns(),
      ...rows.map((r) => line(r, r.org.name, stagesOf.get(r.org.id))),
      ...(total ? [line(total, texts.report.total(), stages.total)] : []),
    ]
    const people = [texts.development.peopleColumns(), ...stages.people.map((p) => [p.org.name, p.name, p.step, p.since])]
    const base64 = await writeWorkbook([
      { name: texts.report.summarySheet(), rows: summary },
      { name: texts.development.peopleSheet(), rows: people },
    ])
    return { name: texts.development.scorecardFile({ org: org.name, period: period.label }), base64 }
  }
}
