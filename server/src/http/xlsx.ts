import ExcelJS from 'exceljs'
import { recordAudit } from '../audit/recorder'
import type { Models } from '../models'
import type { Actor } from '../policies'
import type { Download } from './bind'

export interface XlsxColumn<K extends string> {
  header: string
  key: K
  width: number
}

/**
 * An export as an xlsx download: one sheet, a bold header row, one row per record. Data leaving the
 * system is a sensitive read, so the export itself is recorded (who, what, how many rows) before the
 * file is handed out.
 */
export async function xlsxDownload<K extends string>(
  models: Models,
  actor: Actor,
  {
    sheet: sheetName,
    columns,
    rows,
    filename,
    audit,
  }: {
    sheet: string
    columns: readonly XlsxColumn<K>[]
    rows: readonly Record<K, string | number>[]
    filename: string
    audit: { action: string; resource: { type: string; id?: string } }
  },
): Promise<Download> {
  const book = new ExcelJS.Workbook()
  const sheet = book.addWorksheet(sheetName)
  sheet.columns = columns.map((c) => ({ ...c }))
  sheet.getRow(1).font = { bold: true }
  for (const row of rows) sheet.addRow(row)
  await recordAudit(models, actor, { ...audit, reason: `${rows.length} 条` })
  return { filename, body: Buffer.from(await book.xlsx.writeBuffer()) }
}
