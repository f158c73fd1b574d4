import ExcelJS from 'exceljs'
import mongoose from 'mongoose'
import {
  inShanghai,
  LISTED_IMPORT_COLUMNS,
  LISTED_IMPORT_MAX_ROWS,
  LISTED_IMPORT_OPTIONAL_COLUMNS,
  nameKey,
  ListedImportRowSchema,
  PROVINCES,
  SECTOR_LABELS,
  SECTORS,
  type ImportRowProblem,
  type ListedImportColumn,
  type ListedImportRow,
} from '@zlbg/shared'
import { recordAudit } from '../../audit/recorder'
import { isDuplicateKey } from '../../db/duplicateKey'
import { publicChange } from '../../db/publicVersion'
import { AppError } from '../../http/errors'
import { importReportBook, readImportRows } from '../../http/xlsx'
import type { Logger } from '../../logger'
import type { Models } from '../../models'
import type { ListedImportRecord } from '../../models/listedImport'
import type { Actor } from '../../policies'
import { indexPublishedExperience } from '../../similarity/corpus'
import { ensureListedOrganization, experienceKey, refreshListedOrganization } from '../listing/listedRecords'

type Cells = Record<ListedImportColumn, string>
export const LISTED_IMPORT_HEADER = Object.fromEntries(LISTED_IMPORT_COLUMNS.map((c) => [c.key, c.header])) as Record<ListedImportColumn, string>
/** Which column a schema path's error belongs to. */
const COLUMN_OF_PATH: Record<keyof ListedImportRow, ListedImportColumn> = {
  year: 'year',
  organization: 'organization',
  creditCode: 'creditCode',
  title: 'title',
  sector: 'sector',
  provinceCode: 'region',
  summary: 'summary',
}
/** How often the import's progress is written while rows are handled. */
const PROGRESS_EVERY = 50

// 制造 or 制造业 or manufacturing, as people write it.
const SECTOR_BY_TEXT = new Map<string, string>(SECTORS.flatMap((s) => [[SECTOR_LABELS[s], s], [`${SECTOR_LABELS[s]}业`, s], [s, s]] as [string, string][]))
// 北京市 / 北京 / 110000; 广西壮族自治区 / 广西; 内蒙古自治区 / 内蒙古.
const PROVINCE_BY_TEXT = new Map<string, string>(
  PROVINCES.flatMap(([code, label]) => {
    const short = label.replace(/(壮族|回族|维吾尔)?(自治区|特别行政区|省|市)$/, '')
    return [[code, code], [label, code], [short, code]] as [string, string][]
  }),
)

/** A cell quoted back in the report: clipped, so a hostile file cannot make the report (or its record) huge. */
const quoted = (text: string) => ([...text].length > 40 ? `${[...text].slice(0, 40).join('')}…` : text)

/** The Shanghai calendar year of `now`: lists of this year and later come from publication, not import. */
export const currentListYear = (now: Date) => inShanghai(now).year()

/**
 * One row's cells as the schema's input, plus problems the schema cannot state (an unknown sector or
 * region label, a year that is not before the current one). Pure: the unit tests read it row by row.
 */
export function listedRowInput(cells: Cells, { now }: { now: Date }): { input: Record<string, unknown>; problems: { column: string; message: string }[] } {
  const problems: { column: string; message: string }[] = []
  const yearText = cells.year.replace(/年$/, '').trim()
  const year = /^\d{4}$/.test(yearText) ? Number(yearText) : undefined
  if (!cells.year) problems.push({ column: LISTED_IMPORT_HEADER.year, message: '请填写年份' })
  else if (year === undefined) problems.push({ column: LISTED_IMPORT_HEADER.year, message: `无法识别的年份「${quoted(cells.year)}」，应为四位数字，如 ${currentListYear(now) - 1}` })
  else if (year >= currentListYear(now)) {
    // 第十九条: this year's list is published in the system after approval; only earlier years are imported.
    problems.push({ column: LISTED_IMPORT_HEADER.year, message: `只能导入 ${currentListYear(now)} 年以前的名单；本年度及以后的名单经批准后在系统中公布` })
  }
  const sector = SECTOR_BY_TEXT.get(cells.sector)
  if (!cells.sector) problems.push({ column: LISTED_IMPORT_HEADER.sector, message: '请填写行业门类' })
  else if (!sector) problems.push({ column: LISTED_IMPORT_HEADER.sector, message: `无法识别的行业门类「${quoted(cells.sector)}」，应为制造业、建筑业或服务业` })
  const provinceCode = PROVINCE_BY_TEXT.get(cells.region)
  if (!cells.region) problems.push({ column: LISTED_IMPORT_HEADER.region, message: '请填写所在地区' })
  else if (!provinceCode) problems.push({ column: LISTED_IMPORT_HEADER.region, message: `无法识别的地区「${quoted(cells.region)}」，应为省级行政区名称（如 江苏省）或 6 位代码` })
  return {
    input: {
      ...(year !== undefined && year < currentListYear(now) ? { year } : { year: 0 }),
      organization: cells.organization,
      ...(cells.creditCode ? { creditCode: cells.creditCode } : {}),
      title: cells.title,
      sector: sector ?? 'manufacturing',
      provinceCode: provinceCode ?? '110000',
      ...(cells.summary ? { summary: cells.summary } : {}),
    },
    problems,
  }
}

/** Validates one row: the parsed row, or every reason it is refused (each with its column). */
export function validateListedRow(cells: Cells, { now }: { now: Date }): { ok: true; row: ListedImportRow } | { ok: false; reasons: { column: string; message: string }[] } {
  const { input, problems } = listedRowInput(cells, { now })
  const parsed = ListedImportRowSchema.safeParse(input)
  const reasons = [...problems]
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const column = COLUMN_OF_PATH[String(issue.path[0]) as keyof ListedImportRow] ?? 'organization'
      // The placeholders stand in for cells already reported above.
      if (reasons.some((r) => r.column === LISTED_IMPORT_HEADER[column])) continue
      reasons.push({ column: LISTED_IMPORT_HEADER[column], message: issue.message })
    }
  }
  return parsed.success && reasons.length === 0 ? { ok: true, row: parsed.data } : { ok: false, reasons }
}

/** The data rows of the workbook, by column (http/xlsx.ts: columns found by their header text). */
export const readListedRows = (buffer: Buffer) =>
  readImportRows(buffer, { columns: LISTED_IMPORT_COLUMNS, optional: LISTED_IMPORT_OPTIONAL_COLUMNS, maxRows: LISTED_IMPORT_MAX_ROWS })

/**
 * Imports earlier years' published lists (第十九条) from the office's workbook. Every row is validated;
 * a good row becomes a ListedExperience (source 'import') under its listed organization — keyed by
 * experienceKey.import, so a re-import adds nothing twice and a cut-short import completes when run
 * again — and a bad row is reported with each column's reason, never skipped silently. A credit code an
 * organization has verified in the system (CreditCodeClaim) links that organization, whose members
 * then hold listed status (第二十条). The import record shows progress while rows are handled.
 */
export async function listedImporter({
  models,
  actor,
  filename,
  buffer,
  now = new Date(),
  logger,
}: {
  models: Models
  actor: Actor
  filename: string
  buffer: Buffer
  now?: Date
  logger?: Logger
}): Promise<ListedImportRecord> {
  const rows = await readListedRows(buffer)
  const { ListedImport, ListedExperience, CreditCodeClaim } = models
  const record = await ListedImport.create({
    filename: filename.slice(-120) || 'listed.xlsx',
    at: now,
    ...(actor.userId ? { byUserId: new mongoose.Types.ObjectId(actor.userId) } : {}),
    state: 'running',
    rows: rows.length,
  })
  const counts = { processed: 0, inserted: 0, existing: 0, failed: 0, linked: 0 }
  const problems: ImportRowProblem[] = []
  const years = new Set<number>()
  const touched = new Map<string, mongoose.Types.ObjectId>()
  const seen = new Map<string, number>()
  // Years this system runs itself — a call published for them, or a list it approved — are its own:
  // their lists come from the approver's signature (第十九条), never from a file.
  const systemYears = new Set<number>([
    ...(await models.Call.distinct('year', { state: { $ne: 'draft' } })),
    ...(await models.Listing.distinct('year')),
  ])
  const progress = () => ListedImport.updateOne({ _id: record._id }, { $set: { ...counts, problems, years: [...years].sort((a, b) => b - a) } })

  // One row at a time; each batch its own public change, so the public cache is bypassed only while a
  // batch is written (a long import never holds the stamp past ABANDONED_WRITE_MS), and progress is written per batch.
  async function importRow({ row, cells }: { row: number; cells: Cells }) {
    counts.processed++
    const validated = validateListedRow(cells, { now })
    const checked: typeof validated =
      validated.ok && systemYears.has(validated.row.year)
        ? { ok: false, reasons: [{ column: LISTED_IMPORT_HEADER.year, message: `${validated.row.year} 年度的征集由本系统办理，其名单经中国质量协会批准后在系统中公布，不能导入` }] }
        : validated
    const key = checked.ok
      ? experienceKey.import(checked.row.year, { name: checked.row.organization, ...(checked.row.creditCode ? { creditCode: checked.row.creditCode } : {}) }, checked.row.title)
      : ''
    const duplicateOf = checked.ok ? seen.get(key) : undefined
    if (!checked.ok || duplicateOf !== undefined) {
      counts.failed++
      const reasons = checked.ok ? [{ column: LISTED_IMPORT_HEADER.title, message: `与第 ${duplicateOf} 行重复（同一年份、单位与经验名称）` }] : checked.reasons
      problems.push({ row, ...(cells.organization ? { name: cells.organization.slice(0, 100) } : {}), reasons })
      return
    }
    const r = checked.row
    seen.set(key, row)
    years.add(r.year)
    // Only an organization whose code the office verified and still holds it (a later rejection or a
    // new licence leaves the claim behind) is linked, and so made listed (第二十条).
    const claimed = r.creditCode ? await CreditCodeClaim.findById(r.creditCode, { organizationId: 1 }).lean() : null
    const claim =
      claimed && (await models.Organization.exists({ _id: claimed.organizationId, 'verification.state': 'verified', 'profile.creditCode': r.creditCode })) ? claimed : null
    const listedOrganization = await ensureListedOrganization(models, {
      name: r.organization,
      ...(r.creditCode ? { creditCode: r.creditCode } : {}),
      provinceCode: r.provinceCode,
      ...(claim ? { organizationId: claim.organizationId } : {}),
    })
    touched.set(listedOrganization._id.toHexString(), listedOrganization._id)
    // The same experience imported before under another key (the row then had no credit code, or the
    // organization another spelling): one organization, one year, one title is one experience.
    const sameYear = await ListedExperience.find({ year: r.year, listedOrganizationId: listedOrganization._id }, { title: 1 }).lean()
    if (sameYear.some((e) => nameKey(e.title) === nameKey(r.title))) {
      counts.existing++
      return
    }
    try {
      const created = await ListedExperience.create({
        key,
        year: r.year,
        source: 'import',
        state: 'listed',
        listedOrganizationId: listedOrganization._id,
        organizationName: r.organization,
        ...(r.creditCode ? { creditCode: r.creditCode } : {}),
        title: r.title,
        ...(r.summary ? { summary: r.summary } : {}),
        sector: r.sector,
        provinceCode: r.provinceCode,
        ...(claim ? { organizationId: claim.organizationId } : {}),
        importId: record._id,
      })
      counts.inserted++
      if (claim) counts.linked++
      // 第二十一条: a narrative copied from an earlier year's published experience is found on submission.
      if (r.summary) {
        await indexPublishedExperience(models, {
          id: created._id,
          year: r.year,
          title: r.title,
          organizationName: r.organization,
          ...(claim ? { organizationId: claim.organizationId } : {}),
          fields: [{ field: 'summary', text: r.summary }],
        }, now)
      }
    } catch (err) {
      // Imported before (this file again, or an earlier one with the same row): nothing to add.
      if (!isDuplicateKey(err)) throw err
      counts.existing++
    }
  }

  const change = <T>(write: () => Promise<T>) => publicChange(ListedExperience.db, 'listing', write, logger ? { logger } : {})
  try {
    for (let i = 0; i < rows.length; i += PROGRESS_EVERY) {
      await change(async () => {
        for (const row of rows.slice(i, i + PROGRESS_EVERY)) await importRow(row)
      })
      await progress()
    }
    // Years and counts, and the linked organizations' listed status (第二十条).
    await change(async () => {
      for (const id of touched.values()) await refreshListedOrganization(models, id)
    })
  } catch (err) {
    const message = err instanceof AppError ? err.message : '导入过程中出错，已导入的行会保留；请重新导入同一文件以完成（已导入的行不会重复）'
    await ListedImport.updateOne({ _id: record._id }, { $set: { ...counts, problems, years: [...years].sort((a, b) => b - a), state: 'failed', error: message, finishedAt: new Date() } })
    throw err
  }
  const done = await ListedImport.findOneAndUpdate(
    { _id: record._id },
    { $set: { ...counts, problems, years: [...years].sort((a, b) => b - a), state: 'done', finishedAt: new Date() } },
    { new: true },
  ).lean<ListedImportRecord>()
  await recordAudit(models, actor, {
    action: 'listed.import',
    resource: { type: 'listedImport', id: record._id.toHexString() },
    reason: `${rows.length} 行：新增 ${counts.inserted}（关联组织账号 ${counts.linked}），已存在 ${counts.existing}，不合格 ${counts.failed}`,
  })
  return done!
}

/** The report as a workbook: one line per reason of every bad row (row number, column, problem), then a summary. */
export function listedImportReportWorkbook(report: ListedImportRecord): Promise<Buffer> {
  return importReportBook({
    nameHeader: '单位名称',
    reasonHeader: '问题',
    problems: report.problems,
    summary: [
      ['文件', report.filename],
      ['数据行', report.rows],
      ['已处理', report.processed],
      ['新增', report.inserted],
      ['其中关联组织账号', report.linked],
      ['已存在（未重复导入）', report.existing],
      ['不合格', report.failed],
    ],
  })
}

/** A workbook in the template's layout holding `rows` (cells as the office types them): the template, the demo's file, tests. */
export async function listedWorkbook(rows: readonly Partial<Record<ListedImportColumn, string | number>>[]): Promise<Buffer> {
  const book = new ExcelJS.Workbook()
  const sheet = book.addWorksheet('往年名单')
  sheet.columns = LISTED_IMPORT_COLUMNS.map((c) => ({ header: c.header, key: c.key, width: Math.max(14, c.header.length * 2) }))
  sheet.getRow(1).font = { bold: true }
  // A credit code is text: Excel must not turn an all-digit one into a number.
  sheet.getColumn('creditCode').numFmt = '@'
  for (const row of rows) sheet.addRow(row)
  return Buffer.from(await book.xlsx.writeBuffer())
}

/** The import template: the header row and an example row of last year. */
export function listedImportTemplateWorkbook(now = new Date()): Promise<Buffer> {
  return listedWorkbook([
    {
      year: currentListYear(now) - 1,
      organization: '某某制造股份有限公司',
      creditCode: '（18 位统一社会信用代码，可空）',
      title: '某某质量管理方法的应用',
      sector: '制造业',
      region: '江苏省',
      summary: '（可空）',
    },
  ])
}
