import { Readable } from 'node:stream'
import type ExcelJS from 'exceljs'
import { UserError } from '../../texts/user-error.js'
import { HEADER_WORDS, matchHeaders, ROSTER_FIELDS, type RosterField, type SheetValue } from './roster-rules.js'

/** Rosters are a few hundred rows; a larger file is not a roster (or not one WeChat should carry). */
export const MAX_FILE_BYTES = 10 * 1024 * 1024
export const MAX_ROWS = 5000
/** Rosters often carry a title row or two above the header. */
const HEADER_SEARCH_ROWS = 5

export interface SheetRows {
  /** Each data row by field, with its line number in the sheet. */
  rows: Array<{ line: number; cells: Partial<Record<RosterField, SheetValue>> }>
}

function cellValue(value: ExcelJS.CellValue): SheetValue {
  if (value === null || value === undefined) return null
  if (value instanceof Date || typeof value === 'number' || typeof value === 'string') return value
  if (typeof value === 'boolean') return String(value)
  if ('richText' in value) return value.richText.map((r) => r.text).join('')
  if ('text' in value) return String(value.text)
  return null
}

/** exceljs (some 30 MB once loaded) is loaded when a roster file comes, not at start-up. */
async function exceljs(): Promise<typeof ExcelJS> {
  return (await import('exceljs')).default
}

async function newWorkbook(): Promise<ExcelJS.Workbook> {
  return new (await exceljs()).Workbook()
}

async function load(name: string, bytes: Buffer): Promise<ExcelJS.Worksheet> {
  const workbook = await newWorkbook()
  try {
    if (/\.csv$/i.test(name)) {
      // Cells stay text: the roster rules read dates in every style, exceljs would guess.
      return await workbook.csv.read(Readable.from(bytes), { map: (value: unknown) => value } as never)
    }
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer)
  } catch {
    throw new UserError('roster.notASheet', { name })
  }
  const sheet = workbook.worksheets[0]
  if (!sheet) throw new UserError('roster.notASheet', { name })
  return sheet
}

/**
 * Reads an officer's file into rows by field, or refuses the whole file with a UserError saying
 * why (nothing is written either way): not .xlsx/.csv, too large, formulas, merged header cells,
 * no recognisable header.
 */
export async function readRosterFile(file: { name: string; base64: string }): Promise<SheetRows> {
  if (!/\.(xlsx|csv)$/i.test(file.name)) throw new UserError('roster.notASheet', { name: file.name.slice(0, 40) })
  if ((file.base64.length * 3) / 4 > MAX_FILE_BYTES) throw new UserError('roster.tooLarge', { maxMb: MAX_FILE_BYTES / 1024 / 1024 })
  const sheet = await load(file.name.slice(0, 40), Buffer.from(file.base64, 'base64'))
  const { ValueType } = await exceljs()

  let header: { line: number; columns: Map<number, RosterField> } | null = null
  for (let line = 1; line <= Math.min(HEADER_SEARCH_ROWS, sheet.rowCount) && !header; line++) {
    const row = sheet.getRow(line)
    const cells: string[] = []
    row.eachCell({ includeEmpty: true }, (cell, col) => (cells[col] = String(cellValue(cell.value) ?? '')))
    const columns = matchHeaders(Array.from(cells, (c) => c ?? ''))
    if ([...columns.values()].includes('name')) {
      header = { line, columns }
      // A merged header (出生年月 over two columns, 姓名 over two rows) hides which column holds what.
      const merged = Array.from({ length: row.cellCount }, (_, i) => row.getCell(i + 1)).find((cell) => cell.isMerged)
      if (merged) throw new UserError('roster.mergedHeader', { cell: merged.address })
    }
  }
  if (!header) throw new UserError('roster.noHeader', { expected: ROSTER_FIELDS.map((f) => HEADER_WORDS[f][0] ?? f) })
  if (sheet.rowCount - header.line > MAX_ROWS) throw new UserError('roster.tooManyRows', { max: MAX_ROWS })

  const rows: SheetRows['rows'] = []
  for (let line = header.line + 1; line <= sheet.rowCount; line++) {
    const row = sheet.getRow(line)
    const cells: Partial<Record<RosterField, SheetValue>> = {}
    for (const [col, field] of header.columns) {
      const cell = row.getCell(col)
      // A formula's cached value may be stale or absent: a roster must hold the values themselves.
      if (cell.type === ValueType.Formula) throw new UserError('roster.formula', { cell: cell.address })
      cells[field] = cellValue(cell.value)
    }
    if (Object.values(cells).every((v) => v === null || v === '')) continue
    rows.push({ line, cells })
  }
  return { rows }
}

/** The template 导入模板 sends: the header row and one example row. */
export async function rosterTemplate(example: readonly string[]): Promise<string> {
  const workbook = await newWorkbook()
  const sheet = workbook.addWorksheet('党员名册')
  sheet.addRow(ROSTER_FIELDS.map((f) => HEADER_WORDS[f][0] ?? f))
  sheet.addRow([...example])
  sheet.columns.forEach((c) => (c.width = 14))
  return Buffer.from(await workbook.xlsx.writeBuffer()).toString('base64')
}
