import { z } from 'zod'
import { SectorSchema } from './calls'
import { ImportRowProblemSchema, ObjectIdSchema } from './experts'
import { LISTED_FIRST_YEAR } from './listedPublic'
import { CreditCodeSchema } from './organizations'
import { PROVINCE_CODES } from './regions'
import { readableText } from './text'

/**
 * Importing earlier years' published lists (第十九条) from the office's workbook, so listed
 * organizations' records and the public 名单 start complete. Row by row: good rows go in (a re-import
 * adds nothing twice), every bad row is reported with its column and reason.
 */

/** The columns of the import workbook, in order (the template's header row). */
export const LISTED_IMPORT_COLUMNS = [
  { key: 'year', header: '年份' },
  { key: 'organization', header: '单位名称' },
  { key: 'creditCode', header: '统一社会信用代码（可空）' },
  { key: 'title', header: '经验名称' },
  { key: 'sector', header: '行业门类（制造业、建筑业、服务业）' },
  { key: 'region', header: '所在地区（省级名称或代码）' },
  { key: 'summary', header: '经验简介（可空）' },
] as const
export type ListedImportColumn = (typeof LISTED_IMPORT_COLUMNS)[number]['key']
export const LISTED_IMPORT_OPTIONAL_COLUMNS: readonly ListedImportColumn[] = ['creditCode', 'summary']

export const LISTED_IMPORT_MAX_BYTES = 5 * 1024 * 1024
export const LISTED_IMPORT_MAX_ROWS = 5000
export const LISTED_TITLE_MAX = 100
export const LISTED_SUMMARY_MAX = 2000

/**
 * One row once its cells are read (labels turned into codes). That the year is before the current
 * one (those lists come from publication in this system) is checked by the importer, which has the clock.
 */
export const ListedImportRowSchema = z.strictObject({
  year: z.int('年份应为四位数字').min(LISTED_FIRST_YEAR, `年份不能早于 ${LISTED_FIRST_YEAR} 年`).max(2999, '年份应为四位数字'),
  organization: readableText({ min: 2, max: 100, label: '单位名称' }),
  creditCode: CreditCodeSchema.optional(),
  title: readableText({ min: 2, max: LISTED_TITLE_MAX, label: '经验名称' }),
  sector: SectorSchema,
  provinceCode: z.enum(PROVINCE_CODES),
  summary: readableText({ max: LISTED_SUMMARY_MAX, label: '经验简介', multiline: true }).optional(),
})
export type ListedImportRow = z.infer<typeof ListedImportRowSchema>

export const LISTED_IMPORT_STATES = ['running', 'done', 'failed'] as const
export type ListedImportState = (typeof LISTED_IMPORT_STATES)[number]
export const LISTED_IMPORT_STATE_LABELS: Record<ListedImportState, string> = { running: '导入中', done: '已完成', failed: '中断' }

const Instant = z.iso.datetime({ offset: true })

export const ListedImportReportSchema = z
  .strictObject({
    id: z.string(),
    filename: z.string(),
    at: Instant,
    state: z.enum(LISTED_IMPORT_STATES),
    stateLabel: z.string(),
    /** Data rows in the file, and how many were handled so far (progress while `running`). */
    rows: z.number().int(),
    processed: z.number().int(),
    inserted: z.number().int(),
    /** Rows already in the list (an earlier import of the same row): nothing added. */
    existing: z.number().int(),
    failed: z.number().int(),
    /** Inserted rows whose credit code an organization verified in the system: linked to its account. */
    linked: z.number().int(),
    years: z.array(z.number().int()),
    problems: z.array(ImportRowProblemSchema),
    /** Why a `failed` import stopped; its rows up to `processed` are in, a re-import completes it. */
    error: z.string().optional(),
  })
  .meta({ id: 'ListedImportReport' })
export type ListedImportReport = z.infer<typeof ListedImportReportSchema>

export const ListedImportSummarySchema = ListedImportReportSchema.omit({ problems: true }).meta({ id: 'ListedImportSummary' })
export const ListedImportPageSchema = z
  .strictObject({ items: z.array(ListedImportSummarySchema), page: z.number().int(), pageSize: z.number().int(), total: z.number().int() })
  .meta({ id: 'ListedImportPage' })
export const ListedImportIdParamsSchema = z.strictObject({ id: ObjectIdSchema('导入记录') })
