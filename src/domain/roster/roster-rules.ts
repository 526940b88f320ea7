import { readMemberStage } from '../org/vocabulary.js'

/** The fields a roster row gives the bot. Phone and ID numbers are not among them: never read, never kept. */
export const ROSTER_FIELDS = ['name', 'gender', 'birthMonth', 'stage', 'joinedOn', 'fullOn', 'unit', 'branchName'] as const
export type RosterField = (typeof ROSTER_FIELDS)[number]

/**
 * The header words upper levels use in their roster sheets (党员名册, 党员信息采集表), per field,
 * compared after removing spaces and bracketed notes. The first is the template's header.
 */
export const HEADER_WORDS: Record<RosterField, readonly string[]> = {
  name: ['姓名', '党员姓名', '名字'],
  gender: ['性别'],
  birthMonth: ['出生年月', '出生日期', '出生年月日', '生日'],
  stage: ['人员类别', '党员类别', '党员类型', '人员类型', '类别', '党员身份'],
  joinedOn: ['入党时间', '入党日期', '加入党组织时间', '加入党组织日期'],
  fullOn: ['转正时间', '转正日期'],
  unit: ['工作单位', '单位', '工作单位及职务', '所在单位'],
  branchName: ['所在党支部', '所在支部', '党支部', '所在党组织'],
}

function headerKey(text: string): string {
  // 姓名（必填）, 出生年月(YYYY-MM), *姓名: the words in brackets and the marks around are not the name.
  return text.replace(/[（(【[][^）)】\]]*[）)】\]]/g, '').replace(/[\s:：*]/g, '')
}

/** Which field each column holds (by index), loosely matched; columns not recognised are ignored. */
export function matchHeaders(cells: readonly string[]): Map<number, RosterField> {
  const found = new Map<number, RosterField>()
  const taken = new Set<RosterField>()
  cells.forEach((cell, index) => {
    const key = headerKey(cell)
    const field = ROSTER_FIELDS.find((f) => !taken.has(f) && HEADER_WORDS[f].some((w) => key === w))
    if (field) {
      found.set(index, field)
      taken.add(field)
    }
  })
  return found
}

/** A date as a sheet may hold it: a real date cell, an Excel serial number, or text typed in one of the usual styles. */
export type SheetValue = string | number | Date | null

const TEXT_DATE_STYLES: readonly RegExp[] = [
  /^(\d{4})[-/.](\d{1,2})(?:[-/.](\d{1,2}))?$/, // 1990-05-01, 1990/5/1, 1990.05, 1990.5.1
  /^(\d{4})年(\d{1,2})月(?:(\d{1,2})日?)?$/, // 1990年5月, 1990年5月1日
  /^(\d{4})(\d{2})(\d{2})?$/, // 19900501, 199005
]

/** Excel counts days from 1899-12-30 (its 1900 leap-year bug included). */
const EXCEL_EPOCH_UTC = Date.UTC(1899, 11, 30)

/** A date read from a cell as YYYY-MM-DD (or YYYY-MM when the cell gives only the month); null when it is not a date. */
export function readSheetDate(value: SheetValue): string | null {
  if (value === null || value === '') return null
  if (value instanceof Date) return isNaN(value.getTime()) ? null : value.toISOString().slice(0, 10)
  if (typeof value === 'number') {
    if (!Number.isInteger(value) || value < 1 || value > 80000) return null
    return new Date(EXCEL_EPOCH_UTC + value * 86_400_000).toISOString().slice(0, 10)
  }
  const text = value.trim().replace(/\s+/g, '')
  for (const style of TEXT_DATE_STYLES) {
    const match = style.exec(text)
    if (!match) continue
    const [year, month, day] = [Number(match[1]), Number(match[2]), match[3] ? Number(match[3]) : null]
    if (month < 1 || month > 12 || year < 1900 || year > 2100) return null
    const mm = String(month).padStart(2, '0')
    if (day === null) return `${year}-${mm}`
    const date = new Date(Date.UTC(year, month - 1, day))
    if (date.getUTCMonth() !== month - 1) return null
    return `${year}-${mm}-${String(day).padStart(2, '0')}`
  }
  return null
}

export interface RosterRow {
  name: string
  gender: string | null
  birthMonth: string | null
  stage: string | null
  joinedOn: string | null
  fullOn: string | null
  unit: string | null
  branchName: string | null
}

export type RowProblem =
  | { kind: 'noName' }
  | { kind: 'badName'; name: string }
  | { kind: 'badDate'; field: 'birthMonth' | 'joinedOn' | 'fullOn'; text: string }
  | { kind: 'badStage'; text: string }
  | { kind: 'fullBeforeJoined' }
  | { kind: 'repeated'; firstLine: number }

export type RowReading = { ok: true; row: RosterRow } | { ok: false; problem: RowProblem }

function text(value: SheetValue | undefined): string {
  if (value === null || value === undefined) return ''
  if (value instanceof Date) return value.toISOString().slice(0, 10)
  return String(value).trim()
}

/** One data row, read and checked; `cells` by field. */
export function readRosterRow(cells: Partial<Record<RosterField, SheetValue>>): RowReading {
  const name = text(cells.name).replace(/\s+/g, '')
  if (!name) return { ok: false, problem: { kind: 'noName' } }
  if (name.length > 20 || /[#@\d]/.test(name)) return { ok: false, problem: { kind: 'badName', name: name.slice(0, 20) } }
  const dates: Partial<Record<'birthMonth' | 'joinedOn' | 'fullOn', string | null>> = {}
  for (const field of ['birthMonth', 'joinedOn', 'fullOn'] as const) {
    const raw = cells[field] ?? null
    const read = readSheetDate(raw)
    if (read === null && text(raw) !== '') return { ok: false, problem: { kind: 'badDate', field, text: text(raw).slice(0, 20) } }
    dates[field] = read
  }
  const stageText = text(cells.stage)
  const stage = stageText ? readMemberStage(stageText) : null
  if (stageText && !stage) return { ok: false, problem: { kind: 'badStage', text: stageText.slice(0, 20) } }
  const joinedOn = dates.joinedOn ?? null
  const fullOn = dates.fullOn ?? null
  // 党章第七条: 转正 follows admission (after the probationary year), never precedes it.
  if (joinedOn && fullOn && fullOn.slice(0, 7) < joinedOn.slice(0, 7)) return { ok: false, problem: { kind: 'fullBeforeJoined' } }
  const optional = (field: RosterField) => text(cells[field]).slice(0, 60) || null
  return {
    ok: true,
    row: { name, gender: optional('gender'), birthMonth: dates.birthMonth?.slice(0, 7) ?? null, stage, joinedOn, fullOn, unit: optional('unit'), branchName: optional('branchName') },
  }
}

/** What confirming a row would do to the organisation's roster. */
export type RowChange = 'new' | 'updated' | 'unchanged' | 'registered'

/** Same person: same name, and the same birth month when both sides know it. */
export function samePerson(a: Pick<RosterRow, 'name' | 'birthMonth'>, b: Pick<RosterRow, 'name' | 'birthMonth'>): boolean {
  return a.name === b.name && (a.birthMonth === null || b.birthMonth === null || a.birthMonth === b.birthMonth)
}

/**
 * Compares a row with what the organisation already holds: its roster entries and the names of
 * members registered with 登记 (a registered name not yet on the roster is `registered`: the row
 * will be linked to that member).
 */
export function classifyRow(row: RosterRow, entries: readonly RosterRow[], registeredNames: ReadonlySet<string>): RowChange {
  const entry = entries.find((e) => samePerson(e, row))
  if (entry) return ROSTER_FIELDS.every((f) => row[f] === null || row[f] === entry[f]) ? 'unchanged' : 'updated'
  return registeredNames.has(row.name) ? 'registered' : 'new'
}
