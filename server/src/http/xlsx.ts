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

/** One sheet of an export: a bold header row, one row per record. */
export interface XlsxSheet<K extends string = string> {
  name: string
  columns: readonly XlsxColumn<K>[]
  rows: readonly Record<K, string | number>[]
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
    sheet,
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
  return xlsxBookDownload(models, actor, { sheets: [{ name: sheet, columns, rows }], filename, audit })
}

/** An export of several sheets (one per group, say), recorded like xlsxDownload with the rows of all sheets. */
export async function xlsxBookDownload(
  models: Models,
  actor: Actor,
  { sheets, filename, audit }: { sheets: readonly XlsxSheet[]; filename: string; audit: { action: string; resource: { type: string; id?: string } } },
): Promise<Download> {
  const book = new ExcelJS.Workbook()
  for (const s of sheets) {
    const sheet = book.addWorksheet(s.name)
    sheet.columns = s.columns.map((c) => ({ ...c }))
    sheet.getRow(1).font = { bold: true }
    for (const row of s.rows) sheet.addRow(row)
  }
  await recordAudit(models, actor, { ...audit, reason: `${sheets.reduce((n, s) => n + s.rows.length, 0)} 条` })
  return { filename, body: Buffer.from(await book.xlsx.writeBuffer()) }
}

/**
 * An import's report as a workbook (the expert pool's, earlier years' lists): a sheet 不合格行 with one
 * line per reason of every bad row — row number, the row's name, column, reason — then a sheet 汇总.
 */
export async function importReportBook({
  nameHeader,
  reasonHeader,
  problems,
  summary,
}: {
  nameHeader: string
  reasonHeader: string
  problems: readonly { row: number; name?: string; reasons: readonly { column: string; message: string }[] }[]
  summary: readonly (readonly [string, string | number])[]
}): Promise<Buffer> {
  const book = new ExcelJS.Workbook()
  const sheet = book.addWorksheet('不合格行')
  sheet.columns = [
    { header: '行号', key: 'row', width: 8 },
    { header: nameHeader, key: 'name', width: 24 },
    { header: '列', key: 'column', width: 30 },
    { header: reasonHeader, key: 'message', width: 64 },
  ]
  sheet.getRow(1).font = { bold: true }
  for (const p of problems) for (const r of p.reasons) sheet.addRow({ row: p.row, name: p.name ?? '', column: r.column, message: r.message })
  book.addWorksheet('汇总').addRows(summary.map((line) => [...line]))
  return Buffer.from(await book.xlsx.writeBuffer())
}
