import { Readable } from 'node:stream'
import type { CellValue, Worksheet } from 'exceljs'
import { UserError } from '../../texts/user-error.js'
import { newWorkbook } from '../../util/workbook.js'
import { matchUnitHeaders, UNIT_FIELDS, UNIT_HEADER_WORDS, type UnitField } from './unit-rules.js'

/** A unit list is a few hundred rows; a larger file is not one. */
export const MAX_UNIT_FILE_BYTES = 10 * 1024 * 1024
export const MAX_UNIT_ROWS = 5000
/** Lists often carry a title row or two above the header. */
const HEADER_SEARCH_ROWS = 5
/** The roster's name column: a sheet with one is a roster, not a unit list. */
const PERSON_NAME_HEADERS = ['姓名', '党员姓名']

export type UnitCells = Partial<Record<UnitField, string | number | null>>

function cellText(value: CellValue): string | number | null {
  if (value === null || value === undefined) return null
  if (typeof value === 'number' || typeof value === 'string') return value
  if (value instanceof Date) return value.toISOString().slice(0, 10)
  if (typeof value === 'boolean') return String(value)
  if ('richText' in value) return value.richText.map((r) => r.text).join('')
  if ('text' in value) return String(value.text)
  if ('result' in value && (typeof value.result === 'number' || typeof value.result === 'string')) return value.result
  return null
}

function isFormula(value: CellValue): boolean {
  return typeof value === 'object' && value !== null && !(value instanceof Date) && ('formula' in value || 'sharedFormula' in value)
}

function isXlsxOrCsv(name: string): boolean {
  return /\.(xlsx|csv)$/i.test(name)
}

async function load(name: string, bytes: Buffer): Promise<Worksheet | null> {
  const workbook = await newWorkbook()
  try {
    if (/\.csv$/i.test(name)) return await workbook.csv.read(Readable.from(bytes), { map: (value: unknown) => value } as never)
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer)
  } catch {
    return null
  }
  return workbook.worksheets[0] ?? null
}

function rowTexts(sheet: Worksheet, line: number): string[] {
  const cells: string[] = []
  sheet.getRow(line).eachCell({ includeEmpty: true }, (cell, col) => (cells[col] = String(cellText(cell.value) ?? '')))
  return Array.from(cells, (c) => c ?? '')
}

function hasPersonHeader(sheet: Worksheet): boolean {
  for (let line = 1; line <= Math.min(HEADER_SEARCH_ROWS, sheet.rowCount); line++) {
    if (rowTexts(sheet, line).some((c) => PERSON_NAME_HEADERS.includes(c.replace(/\s/g, '')))) return true
  }
  return false
}

/** The header row of a unit list: names a unit and its type, and no person (a roster has 姓名). */
function findHeader(sheet: Worksheet): { line: number; columns: Map<number, UnitField> } | null {
  if (hasPersonHeader(sheet)) return null
  for (let line = 1; line <= Math.min(HEADER_SEARCH_ROWS, sheet.rowCount); line++) {
    const cells = rowTexts(sheet, line)
    const columns = matchUnitHeaders(cells)
    const fields = new Set(columns.values())
    if (fields.has('name') && fields.has('type')) return { line, columns }
  }
  return null
}

/**
 * Whether a file sent privately is a unit list rather than a roster: its header names units and
 * their type and no person. A file whose header cannot be read (not a sheet, too large) is judged
 * by its name — 单位 and neither 名册 nor 党员 — so its refusal speaks of the right kind of list.
 */
export async function isUnitFile(file: { name: string; base64: string }): Promise<boolean> {
  const byName = /单位/.test(file.name) && !/名册|党员/.test(file.name)
  if (!isXlsxOrCsv(file.name) || (file.base64.length * 3) / 4 > MAX_UNIT_FILE_BYTES) return byName
  const sheet = await load(file.name, Buffer.from(file.base64, 'base64'))
  if (!sheet) return byName
  return findHeader(sheet) !== null || (byName && !hasPersonHeader(sheet))
}

/**
 * Reads a unit list into rows by field, or refuses the whole file with a UserError saying why
 * (nothing is written either way): not .xlsx/.csv, too large, formulas, merged header cells, no
 * recognisable header.
 */
export async function readUnitFile(file: { name: string; base64: string }): Promise<Array<{ line: number; cells: UnitCells }>> {
  const name = file.name.slice(0, 40)
  if (!isXlsxOrCsv(file.name)) throw new UserError('units.notASheet', { name })
  if ((file.base64.length * 3) / 4 > MAX_UNIT_FILE_BYTES) throw new UserError('units.tooLarge', { maxMb: MAX_UNIT_FILE_BYTES / 1024 / 1024 })
  const sheet = await load(name, Buffer.from(file.base64, 'base64'))
  if (!sheet) throw new UserError('units.notASheet', { name })
  const header = findHeader(sheet)
  if (!header) throw new UserError('units.noHeader', { expected: UNIT_FIELDS.map((f) => UNIT_HEADER_WORDS[f][0] ?? f) })
  const headerRow = sheet.getRow(header.line)
  const merged = Array.from({ length: headerRow.cellCount }, (_, i) => headerRow.getCell(i + 1)).find((cell) => cell.isMerged)
  if (merged) throw new UserError('units.mergedHeader', { cell: merged.address })
  if (sheet.rowCount - header.line > MAX_UNIT_ROWS) throw new UserError('units.tooManyRows', { max: MAX_UNIT_ROWS })

  const rows: Array<{ line: number; cells: UnitCells }> = []
  for (let line = header.line + 1; line <= sheet.rowCount; line++) {
    const row = sheet.getRow(line)
    const cells: UnitCells = {}
    for (const [col, field] of header.columns) {
      const cell = row.getCell(col)
      // A formula's cached value may be stale or absent: a list must hold the values themselves.
      if (isFormula(cell.value)) throw new UserError('units.formula', { cell: cell.address })
      cells[field] = cellText(cell.value)
    }
    if (Object.values(cells).every((v) => v === null || v === '')) continue
    rows.push({ line, cells })
  }
  return rows
}
