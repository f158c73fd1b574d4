import { z } from 'zod'
import { emailAddress } from './email'
import { SectorSchema } from './calls'
import { CreditCodeSchema } from './organizations'
import { pageOf, PageQuerySchema } from './pagination'

const Instant = z.iso.datetime({ offset: true })
const LocalDate = z.iso.date('日期格式应为 YYYY-MM-DD')
export const ObjectIdSchema = (what: string) => z.string().regex(/^[0-9a-f]{24}$/, `${what}编号格式不正确`)

/** A mainland mobile number: the key an expert is known by across imports (a re-import updates, never duplicates). */
export const ExpertPhoneSchema = z
  .string()
  .trim()
  .transform((s) => s.replace(/[\s-]/g, '').replace(/^\+?86/, ''))
  .pipe(z.string().regex(/^1[3-9]\d{9}$/, '手机号应为 11 位中国大陆手机号'))

const Employer = z.strictObject({
  name: z.string().trim().min(2, '单位名称至少 2 个字').max(100),
  creditCode: CreditCodeSchema,
})

/** 第九条: what the pool keeps of one expert. */
export const ExpertInputSchema = z
  .strictObject({
    name: z.string().trim().min(2, '姓名至少 2 个字').max(30),
    title: z.string().trim().min(2, '请填写职称或职务').max(50),
    employer: Employer,
    /** Former employers with the day the expert left: a conflict for three years after (回避). */
    formerEmployers: z.array(Employer.extend({ endedOn: LocalDate })).max(10).default([]),
    /** Quality-management methods and disciplines (the call's method list, or other disciplines). */
    fields: z.array(z.string().trim().min(2).max(40)).min(1, '请至少填写一个专业领域').max(20),
    sectors: z.array(SectorSchema).min(1, '请至少选择一个行业门类').max(3),
    industries: z.array(z.string().trim().min(2).max(30)).max(20).default([]),
    /** 第十一条: broad quality-management competence, needed for chair and vice chair. */
    competent: z.boolean().default(false),
    phone: ExpertPhoneSchema,
    email: emailAddress().optional(),
    active: z.boolean().default(true),
    /** The browser account the expert signs in with (an account with the expert role). */
    userId: ObjectIdSchema('账号').optional(),
  })
  .meta({ id: 'ExpertInput' })
export type ExpertInput = z.infer<typeof ExpertInputSchema>

export const ExpertSchema = z
  .strictObject({
    id: z.string(),
    name: z.string(),
    title: z.string(),
    employer: z.strictObject({ name: z.string(), creditCode: z.string() }),
    formerEmployers: z.array(z.strictObject({ name: z.string(), creditCode: z.string(), endedOn: z.string() })),
    fields: z.array(z.string()),
    sectors: z.array(SectorSchema),
    industries: z.array(z.string()),
    competent: z.boolean(),
    phone: z.string(),
    email: z.string().optional(),
    active: z.boolean(),
    userId: z.string().optional(),
    /** The linked account's sign-in name, for the office. */
    username: z.string().optional(),
    updatedAt: Instant,
  })
  .meta({ id: 'Expert' })
export type Expert = z.infer<typeof ExpertSchema>

export const ExpertIdParamsSchema = z.strictObject({ id: ObjectIdSchema('专家') })

export const ExpertListQuerySchema = PageQuerySchema.extend({
  q: z.string().trim().max(50).optional().meta({ description: '姓名、单位或手机号' }),
  field: z.string().trim().max(40).optional(),
  sector: SectorSchema.optional(),
  active: z.enum(['true', 'false']).optional(),
  competent: z.enum(['true', 'false']).optional(),
})
export const ExpertPageSchema = pageOf(ExpertSchema).meta({ id: 'ExpertPage' })

/** Pool coverage (第九条): how many active experts cover each field, sector and industry. */
const CoverageRow = z.strictObject({ key: z.string(), experts: z.number().int(), competent: z.number().int() })
export const PoolCoverageSchema = z
  .strictObject({
    active: z.number().int(),
    inactive: z.number().int(),
    competent: z.number().int(),
    byField: z.array(CoverageRow),
    bySector: z.array(CoverageRow),
    byIndustry: z.array(CoverageRow),
    /** Methods of the default list no active expert covers. */
    uncoveredMethods: z.array(z.string()),
  })
  .meta({ id: 'PoolCoverage' })
export type PoolCoverage = z.infer<typeof PoolCoverageSchema>

/** The columns of the import workbook, in order (the template's header row). */
export const EXPERT_IMPORT_COLUMNS = [
  { key: 'name', header: '姓名' },
  { key: 'title', header: '职称/职务' },
  { key: 'employerName', header: '工作单位' },
  { key: 'employerCreditCode', header: '单位统一社会信用代码' },
  { key: 'formerEmployers', header: '曾任职单位（名称|信用代码|离职日期，多个用；分隔）' },
  { key: 'fields', header: '专业领域（多个用、分隔）' },
  { key: 'sectors', header: '行业门类（制造业、建筑业、服务业）' },
  { key: 'industries', header: '细分行业（多个用、分隔）' },
  { key: 'competent', header: '具备综合质量管理能力（是/否）' },
  { key: 'phone', header: '手机号' },
  { key: 'email', header: '邮箱' },
  { key: 'active', header: '在库（是/否，默认是）' },
] as const

export const ImportRowProblemSchema = z.strictObject({
  /** The row number in the workbook, as the office sees it in Excel (header is row 1). */
  row: z.number().int(),
  name: z.string().optional(),
  reasons: z.array(z.strictObject({ column: z.string(), message: z.string() })),
})
export type ImportRowProblem = z.infer<typeof ImportRowProblemSchema>

export const ExpertImportReportSchema = z
  .strictObject({
    id: z.string(),
    filename: z.string(),
    at: Instant,
    rows: z.number().int(),
    created: z.number().int(),
    updated: z.number().int(),
    failed: z.number().int(),
    problems: z.array(ImportRowProblemSchema),
  })
  .meta({ id: 'ExpertImportReport' })
export type ExpertImportReport = z.infer<typeof ExpertImportReportSchema>
export const ImportIdParamsSchema = z.strictObject({ id: ObjectIdSchema('导入记录') })
export const EXPERT_IMPORT_MAX_BYTES = 5 * 1024 * 1024
export const EXPERT_IMPORT_MAX_ROWS = 2000
