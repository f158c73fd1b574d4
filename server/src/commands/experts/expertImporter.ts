import ExcelJS from 'exceljs'
import {
  EXPERT_IMPORT_COLUMNS,
  EXPERT_IMPORT_MAX_ROWS,
  ExpertInputSchema,
  SECTOR_LABELS,
  SECTORS,
  type ImportRowProblem,
} from '@zlbg/shared'
import { recordAudit } from '../../audit/recorder'
import { upsertRacing } from '../../db/duplicateKey'
import { importReportBook, readImportRows } from '../../http/xlsx'
import type { Models } from '../../models'
import type { ExpertImportRecord } from '../../models/expert'
import type { Actor } from '../../policies'
import { expertFields } from './expertSaver'

type ColumnKey = (typeof EXPERT_IMPORT_COLUMNS)[number]['key']
const HEADER: Record<ColumnKey, string> = Object.fromEntries(EXPERT_IMPORT_COLUMNS.map((c) => [c.key, c.header])) as Record<ColumnKey, string>
/** Which column a schema path's error belongs to. */
const COLUMN_OF_PATH: Record<string, ColumnKey> = {
  name: 'name',
  title: 'title',
  employer: 'employerName',
  'employer.name': 'employerName',
  'employer.creditCode': 'employerCreditCode',
  formerEmployers: 'formerEmployers',
  fields: 'fields',
  sectors: 'sectors',
  industries: 'industries',
  competent: 'competent',
  phone: 'phone',
  email: 'email',
  active: 'active',
}

const list = (s: string) => s.split(/[、,，;；\n]/).map((x) => x.trim()).filter(Boolean)
// 制造 or 制造业, as people write it.
const SECTOR_BY_LABEL = new Map<string, string>(SECTORS.flatMap((s) => [[SECTOR_LABELS[s], s], [`${SECTOR_LABELS[s]}业`, s]] as [string, string][]))
const YES = new Set(['是', 'y', 'yes', 'true', '1', '√'])
const NO = new Set(['否', 'n', 'no', 'false', '0', '×'])

/** A yes/no cell: empty gives the default; anything else unreadable is a problem. */
function yesNo(text: string, fallback: boolean): boolean | string {
  if (!text) return fallback
  const t = text.toLowerCase()
  if (YES.has(t)) return true
  if (NO.has(t)) return false
  return '请填写“是”或“否”'
}

/** One row of cells as the schema's input, plus problems found before the schema (unreadable cells). */
export function rowInput(cells: Record<ColumnKey, string>): { input: Record<string, unknown>; problems: { column: string; message: string }[] } {
  const problems: { column: string; message: string }[] = []
  const sectors = list(cells.sectors).map((label) => {
    const key = SECTOR_BY_LABEL.get(label) ?? (SECTORS as readonly string[]).find((s) => s === label)
    if (!key) problems.push({ column: HEADER.sectors, message: `无法识别的行业门类「${label}」，应为制造业、建筑业或服务业` })
    return key
  })
  const formerEmployers = cells.formerEmployers
    ? cells.formerEmployers.split(/[;；\n]/).map((x) => x.trim()).filter(Boolean).map((entry) => {
        const [name = '', creditCode = '', endedOn = ''] = entry.split(/[|｜]/).map((x) => x.trim())
        return { name, creditCode: creditCode.toUpperCase(), endedOn }
      })
    : []
  const competent = yesNo(cells.competent, false)
  const active = yesNo(cells.active, true)
  if (typeof competent === 'string') problems.push({ column: HEADER.competent, message: competent })
  if (typeof active === 'string') problems.push({ column: HEADER.active, message: active })
  return {
    input: {
      name: cells.name,
      title: cells.title,
      employer: { name: cells.employerName, creditCode: cells.employerCreditCode.toUpperCase() },
      formerEmployers,
      fields: list(cells.fields),
      sectors: sectors.filter(Boolean),
      industries: list(cells.industries),
      competent: competent === true,
      phone: cells.phone,
      ...(cells.email ? { email: cells.email } : {}),
      active: active !== false,
    },
    problems,
  }
}

const readRows = (buffer: Buffer) =>
  readImportRows(buffer, { columns: EXPERT_IMPORT_COLUMNS, optional: ['email', 'active', 'formerEmployers', 'industries'], maxRows: EXPERT_IMPORT_MAX_ROWS })

/**
 * Imports experts from the office's workbook (第九条): every row is validated with the same schema as
 * the one-by-one form; good rows go in, keyed by mobile number (a re-import updates, never duplicates,
 * and keeps the linked account); each bad row is reported with its reasons, and the report is kept.
 */
export async function expertImporter({ models, actor, filename, buffer, now = new Date() }: { models: Models; actor: Actor; filename: string; buffer: Buffer; now?: Date }): Promise<ExpertImportRecord> {
  const rows = await readRows(buffer)
  const problems: ImportRowProblem[] = []
  const seenPhones = new Map<string, number>()
  let created = 0
  let updated = 0
  for (const { row, cells } of rows) {
    const { input, problems: cellProblems } = rowInput(cells)
    const parsed = ExpertInputSchema.safeParse(input)
    const reasons = [...cellProblems]
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const path = issue.path.map(String)
        const key = COLUMN_OF_PATH[path.slice(0, 2).join('.')] ?? COLUMN_OF_PATH[path[0] ?? ''] ?? 'name'
        const where = path[0] === 'formerEmployers' && path.length > 1 ? `第 ${Number(path[1]) + 1} 项：` : ''
        reasons.push({ column: HEADER[key], message: `${where}${issue.message}` })
      }
    }
    if (parsed.success && seenPhones.has(parsed.data.phone)) {
      reasons.push({ column: HEADER.phone, message: `与第 ${seenPhones.get(parsed.data.phone)} 行的手机号重复` })
    }
    if (!parsed.success || reasons.length) {
      problems.push({ row, ...(cells.name ? { name: cells.name } : {}), reasons })
      continue
    }
    seenPhones.set(parsed.data.phone, row)
    const fields = { ...expertFields(parsed.data), ...(parsed.data.email ? { email: parsed.data.email } : {}) }
    // Two imports racing on one new phone: the loser updates what the winner inserted.
    const result = await upsertRacing(() => models.Expert.updateOne({ phone: parsed.data.phone }, { $set: fields }, { upsert: true }))
    if (result.upsertedCount) created++
    else updated++
  }
  const doc = await models.ExpertImport.create({
    filename: filename.slice(-120) || 'experts.xlsx',
    at: now,
    ...(actor.userId ? { byUserId: actor.userId } : {}),
    rows: rows.length,
    created,
    updated,
    failed: problems.length,
    problems,
  })
  await recordAudit(models, actor, {
    action: 'expert.import',
    resource: { type: 'expertImport', id: doc._id.toHexString() },
    reason: `${rows.length} 行：新增 ${created}，更新 ${updated}，不合格 ${problems.length}`,
  })
  return doc.toObject()
}

/** The report as a workbook: a summary, then one line per reason of every bad row. */
export function importReportWorkbook(report: ExpertImportRecord): Promise<Buffer> {
  return importReportBook({
    nameHeader: '姓名',
    reasonHeader: '原因',
    problems: report.problems,
    summary: [
      ['文件', report.filename],
      ['数据行', report.rows],
      ['新增', report.created],
      ['更新（按手机号）', report.updated],
      ['不合格', report.failed],
    ],
  })
}

/** The import template: the header row and one example row. */
export async function importTemplateWorkbook(): Promise<Buffer> {
  const book = new ExcelJS.Workbook()
  const sheet = book.addWorksheet('专家')
  sheet.columns = EXPERT_IMPORT_COLUMNS.map((c) => ({ header: c.header, key: c.key, width: Math.max(12, c.header.length * 2) }))
  sheet.getRow(1).font = { bold: true }
  sheet.getColumn('phone').numFmt = '@'
  sheet.addRow({
    name: '张三',
    title: '教授级高级工程师',
    employerName: '某某质量研究院',
    employerCreditCode: '（18 位统一社会信用代码）',
    formerEmployers: '某某公司|（信用代码）|2023-06-30',
    fields: '卓越绩效模式、六西格玛管理',
    sectors: '制造业、服务业',
    industries: '汽车、电子',
    competent: '是',
    phone: '13800000000',
    email: '',
    active: '是',
  })
  return Buffer.from(await book.xlsx.writeBuffer())
}
