/** Attendance counts: 应到 (every row), 实到 (present + late), 请假, 缺席. */
export interface Tally {
  expected: number
  attended: number
  late: number
  leave: number
  absent: number
}

export const emptyTally = (): Tally => ({ expected: 0, attended: 0, late: 0, leave: 0, absent: 0 })

/** Counts `count` attendance rows of `status` into the tally. */
export function addTo(tally: Tally, status: string, count: number): void {
  tally.expected += count
  if (status === 'present' || status === 'late') tally.attended += count
  if (status === 'late') tally.late += count
  if (status === 'leave') tally.leave += count
  if (status === 'absent') tally.absent += count
}

/** 出勤率 as a whole percent, or null with nobody expected. */
export function rate(part: number, whole: number): number | null {
  return whole === 0 ? null : Math.round((part / whole) * 100)
}

/** A rate as it is shown: `63%`, or a dash when there was nothing to count. */
export const percent = (value: number | null): string => (value === null ? '—' : `${value}%`)

/** The tally's 出勤率 as it is shown. */
export const attendanceRate = (tally: Tally): string => percent(rate(tally.attended, tally.expected))
