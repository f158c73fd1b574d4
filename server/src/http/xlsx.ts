import ExcelJS from 'exceljs'
import yauzl from 'yauzl'
import { recordAudit } from '../audit/recorder'
import { AppError } from './errors'
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

const cellText = (cell: ExcelJS.Cell) => {
  const t = cell.text
  return (typeof t === 'string' ? t : String(t ?? '')).trim()
}

/**
 * The data rows of an import workbook's first sheet (the expert pool's, earlier years' lists), each cell
 * as trimmed text by column key. Columns are found by their header text (the part before a note in
 * （）), so a reordered template still reads; a wholly empty row is no row (Excel keeps formatted blank
 * rows). 422 IMPORT_FILE_INVALID for a file that is not a workbook, a missing required column, or more
 * than `maxRows` rows. Row numbers are Excel's (the header is row 1).
 */
/** What an uploaded workbook may inflate to: far above any real import (5,000 rows are a few MB). */
export const WORKBOOK_LIMITS = { totalBytes: 50 * 1024 * 1024, entries: 1000 } as const

/**
 * Refuses a workbook that would inflate past WORKBOOK_LIMITS (a zip bomb) before ExcelJS, which inflates
 * every part in memory at once, reads it. yauzl reads the zip's directory and inflates each part as a
 * stream, failing a part whose real size exceeds the size it declares — so the declared sizes, summed
 * here, bound what is really inflated. Answers 422 IMPORT_FILE_INVALID.
 */
export function checkWorkbookSize(buffer: Buffer, limits: { totalBytes: number; entries: number } = WORKBOOK_LIMITS): Promise<void> {
  const tooLarge = () => new AppError('IMPORT_FILE_INVALID', { message: '文件解压后过大或包含的部件过多，不是正常的导入文件' })
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(buffer, { lazyEntries: true, validateEntrySizes: true }, (err, zip) => {
      if (err || !zip) return reject(new AppError('IMPORT_FILE_INVALID'))
      let total = 0
      let entries = 0
      const fail = (e: Error) => {
        zip.close()
        reject(e instanceof AppError ? e : new AppError('IMPORT_FILE_INVALID'))
      }
      zip.on('error', fail)
      zip.on('end', () => resolve())
      zip.on('entry', (entry: yauzl.Entry) => {
        total += entry.uncompressedSize
        if (++entries > limits.entries || total > limits.totalBytes) return fail(tooLarge())
        if (entry.fileName.endsWith('/')) return zip.readEntry()
        zip.openReadStream(entry, (openErr, stream) => {
          if (openErr || !stream) return fail(openErr ?? new Error('no stream'))
          stream.on('error', fail)
          stream.on('end', () => zip.readEntry())
          stream.resume()
        })
      })
      zip.readEntry()
    })
  })
}

export async function readImportRows<K extends string>(
  buffer: Buffer,
  { columns, optional, maxRows }: { columns: readonly { key: K; header: string }[]; optional: readonly K[]; maxRows: number },
): Promise<{ row: number; cells: Record<K, string> }[]> {
  await checkWorkbookSize(buffer)
  const book = new ExcelJS.Workbook()
  try {
    await book.xlsx.load(buffer as unknown as ArrayBuffer)
  } catch {
    throw new AppError('IMPORT_FILE_INVALID')
  }
  const sheet = book.worksheets[0]
  if (!sheet) throw new AppError('IMPORT_FILE_INVALID')
  const positions = new Map<K, number>()
  sheet.getRow(1).eachCell((cell, col) => {
    const text = cellText(cell)
    const column = columns.find((c) => c.header === text || c.header.split('（')[0] === text.split('（')[0])
    if (column && !positions.has(column.key)) positions.set(column.key, col)
  })
  const missing = columns.filter((c) => !optional.includes(c.key) && !positions.has(c.key))
  if (missing.length) throw new AppError('IMPORT_FILE_INVALID', { message: `表头缺少列：${missing.map((c) => c.header).join('、')}。请使用导入模板` })
  const rows: { row: number; cells: Record<K, string> }[] = []
  for (let r = 2; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r)
    const cells = Object.fromEntries(columns.map((c) => [c.key, positions.has(c.key) ? cellText(row.getCell(positions.get(c.key)!)) : ''])) as Record<K, string>
    if (Object.values(cells).every((v) => v === '')) continue
    rows.push({ row: r, cells })
    if (rows.length > maxRows) throw new AppError('IMPORT_FILE_INVALID', { message: `一次最多导入 ${maxRows} 行，请分批导入` })
  }
  return rows
}
