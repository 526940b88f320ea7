import type { Workbook } from 'exceljs'

/** exceljs is loaded when a workbook is first made or read, not when the bot starts. */
export async function newWorkbook(): Promise<Workbook> {
  const { default: ExcelJS } = await import('exceljs')
  return new ExcelJS.Workbook()
}

/** A workbook with the given sheets (name → rows, the first row bold), as base64. */
export async function writeWorkbook(sheets: ReadonlyArray<{ name: string; rows: ReadonlyArray<ReadonlyArray<string | number>> }>): Promise<string> {
  const book = await newWorkbook()
  for (const s of sheets) {
    const sheet = book.addWorksheet(s.name)
    for (const row of s.rows) sheet.addRow([...row])
    sheet.getRow(1).font = { bold: true }
    sheet.columns.forEach((column) => (column.width = 16))
  }
  return Buffer.from(await book.xlsx.writeBuffer()).toString('base64')
}
