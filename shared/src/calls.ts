import { z } from 'zod'
import { emailAddress } from './email'
import { AttachedFileSchema, AttachmentRefSchema } from './attachments'
import { pageOf, PageQuerySchema } from './pagination'
import { rfc3339Instant } from './time'

/** 第七条: the measures are open to organizations in manufacturing, construction and services. */
export const SECTORS = ['manufacturing', 'construction', 'services'] as const
export const SectorSchema = z.enum(SECTORS)
export type Sector = z.infer<typeof SectorSchema>
export const SECTOR_LABELS: Record<Sector, string> = {
  manufacturing: '制造',
  construction: '建筑',
  services: '服务',
}

/** 第三条: applying is free. Always shown with a call; not editable, so it cannot be dropped. */
export const FREE_OF_CHARGE_STATEMENT =
  '质量标杆典型经验征集工作遵循“自愿申报、集中评审、跟踪管理”的原则开展，不收取任何费用。'

/** The stages of a round (第十四条–第二十条), as announced in the call's schedule (第五条). */
export const MILESTONE_KINDS = [
  'application',
  'qualificationReview',
  'materialReview',
  'defenseReview',
  'publicity',
  'publication',
  'exchange',
] as const
export const MilestoneKindSchema = z.enum(MILESTONE_KINDS)
export type MilestoneKind = z.infer<typeof MilestoneKindSchema>
export const MILESTONE_LABELS: Record<MilestoneKind, string> = {
  application: '组织申报',
  qualificationReview: '资格审查',
  materialReview: '资料评审',
  defenseReview: '答辩评审与现场考察',
  publicity: '公示',
  publication: '结果公布',
  exchange: '经验交流活动',
}

export const CALL_STATES = ['draft', 'published', 'closed'] as const
export const CallStateSchema = z.enum(CALL_STATES)
export type CallState = z.infer<typeof CallStateSchema>

const Instant = rfc3339Instant().meta({ description: 'RFC 3339 时间，含秒与时区（UTC 存储）' })

export const MilestoneSchema = z
  .strictObject({
    kind: MilestoneKindSchema,
    startsAt: Instant,
    endsAt: Instant.optional(),
    note: z.string().trim().max(200).optional(),
  })
  .refine((m) => !m.endsAt || Date.parse(m.endsAt) >= Date.parse(m.startsAt), {
    message: '结束时间不能早于开始时间',
    path: ['endsAt'],
  })
export type Milestone = z.infer<typeof MilestoneSchema>

/** 第五条: key fields and directions the office announces for the round. */
export const KeyFieldSchema = z.strictObject({
  title: z.string().trim().min(2).max(60),
  description: z.string().trim().max(1000).default(''),
})
export type KeyField = z.infer<typeof KeyFieldSchema>

export const ContactSchema = z.strictObject({
  department: z.string().trim().min(2).max(60),
  person: z.string().trim().max(30).optional(),
  phone: z.string().trim().max(40).optional(),
  email: emailAddress().optional(),
  address: z.string().trim().max(200).optional(),
})
export type Contact = z.infer<typeof ContactSchema>

/** The quality-management methods an application can name; the office edits the list per call. */
export const DEFAULT_QUALITY_METHODS = [
  '卓越绩效模式',
  '全面质量管理（TQM）',
  'ISO 9001 质量管理体系',
  '六西格玛管理',
  '精益管理',
  '质量管理小组（QC小组）',
  '质量功能展开（QFD）',
  '统计过程控制（SPC）',
  '失效模式与影响分析（FMEA）',
  '可靠性工程',
  '标准化管理',
  '顾客满意度测评',
  '数字化质量管理',
  '供应链质量管理',
] as const

/** 第八条 applies per organization; the call sets how many applications one organization may make (default 1). */
export const DEFAULT_MAX_APPLICATIONS = 1

const CALL_FIELDS = {
  year: z.number().int().min(2020).max(2100),
  title: z.string().trim().min(4).max(100),
  body: z.string().trim().min(10).max(20_000),
  keyFields: z.array(KeyFieldSchema).min(1).max(30),
  sectors: z
    .array(SectorSchema)
    .min(1)
    .refine((s) => new Set(s).size === s.length, { message: '领域不能重复' }),
  schedule: z.array(MilestoneSchema).min(1).max(20),
  contact: ContactSchema,
  maxApplicationsPerOrganization: z.number().int().min(1).max(10).default(DEFAULT_MAX_APPLICATIONS),
  qualityMethods: z
    .array(z.string().trim().min(2).max(40))
    .min(1)
    .max(50)
    .refine((m) => new Set(m).size === m.length, { message: '方法名称不能重复' })
    .default([...DEFAULT_QUALITY_METHODS]),
  /** Form templates (e.g. the application form) offered for download with the call. */
  templates: z.array(AttachmentRefSchema).max(10).default([]),
}

const hasApplicationWindow = (schedule: readonly Milestone[] | undefined) =>
  !!schedule?.some((m) => m.kind === 'application' && m.endsAt)
const WINDOW_REQUIRED = { message: '日程必须包含有截止时间的“组织申报”阶段', path: ['schedule'] }

/**
 * A complete call: what publishing requires (第五条), and what the seed writes. A call cannot be
 * published with any of these missing.
 */
export const CallInputSchema = z
  .strictObject(CALL_FIELDS)
  .refine((c) => hasApplicationWindow(c.schedule), WINDOW_REQUIRED)
  .meta({ id: 'CallInput' })
export type CallInput = z.input<typeof CallInputSchema>

/**
 * What the office saves while drafting: any part may still be missing (checked again on publish), but
 * what is there must be well-formed. After publication an edit is a public correction (更正, 第五条)
 * and needs its summary.
 */
export const CallDraftSchema = z
  .strictObject({
    ...z.strictObject(CALL_FIELDS).partial().shape,
    year: CALL_FIELDS.year,
    title: CALL_FIELDS.title,
    correctionSummary: z.string().trim().min(4, '请用至少 4 个字说明更正内容').max(200).optional(),
  })
  .meta({ id: 'CallDraft' })
export type CallDraft = z.input<typeof CallDraftSchema>

const ApplicationWindowSchema = z.strictObject({ opensAt: Instant, closesAt: Instant })

export const CorrectionSchema = z.strictObject({ at: Instant, summary: z.string() })

export const CallSummarySchema = z
  .strictObject({
    id: z.string(),
    year: z.number().int(),
    title: z.string(),
    sectors: z.array(SectorSchema),
    state: CallStateSchema,
    applicationWindow: ApplicationWindowSchema,
    publishedAt: Instant,
  })
  .meta({ id: 'CallSummary' })
export type CallSummary = z.infer<typeof CallSummarySchema>

export const CallDetailSchema = z
  .strictObject({
    id: z.string(),
    year: z.number().int(),
    title: z.string(),
    body: z.string(),
    keyFields: z.array(KeyFieldSchema),
    sectors: z.array(SectorSchema),
    schedule: z.array(MilestoneSchema),
    contact: ContactSchema,
    state: CallStateSchema,
    applicationWindow: ApplicationWindowSchema,
    maxApplicationsPerOrganization: z.number().int(),
    qualityMethods: z.array(z.string()),
    templates: z.array(AttachedFileSchema),
    /** Public corrections made after publication, oldest first (第五条). */
    corrections: z.array(CorrectionSchema),
    freeOfChargeStatement: z.literal(FREE_OF_CHARGE_STATEMENT),
    publishedAt: Instant,
    updatedAt: Instant,
  })
  .meta({ id: 'CallDetail' })
export type CallDetail = z.infer<typeof CallDetailSchema>

export const CallListQuerySchema = PageQuerySchema
export const CallPageSchema = pageOf(CallSummarySchema).meta({ id: 'CallPage' })
export type CallPage = z.infer<typeof CallPageSchema>

export const CallIdParamsSchema = z.strictObject({
  id: z.string().regex(/^[0-9a-f]{24}$/, '征集通知编号格式不正确'),
})

/**
 * The application window of a call: its 'application' milestone. Instants as the schedule holds them
 * (ISO strings in the contract, Dates in the database).
 */
export function applicationWindow<T extends string | Date>(
  schedule: readonly { kind: MilestoneKind; startsAt: T; endsAt?: T | undefined }[],
): { opensAt: T; closesAt: T } {
  const m = schedule.find((s) => s.kind === 'application' && s.endsAt)
  if (!m?.endsAt) throw new Error('call schedule has no application window')
  return { opensAt: m.startsAt, closesAt: m.endsAt }
}

/** The office's view of any call, drafts included: a draft may lack any field but year and title. */
export const OfficeCallSchema = z
  .strictObject({
    id: z.string(),
    state: CallStateSchema,
    year: z.number().int(),
    title: z.string(),
    body: z.string().optional(),
    keyFields: z.array(KeyFieldSchema),
    sectors: z.array(SectorSchema),
    schedule: z.array(MilestoneSchema),
    contact: ContactSchema.optional(),
    maxApplicationsPerOrganization: z.number().int(),
    qualityMethods: z.array(z.string()),
    templates: z.array(AttachedFileSchema),
    corrections: z.array(CorrectionSchema),
    applicationWindow: ApplicationWindowSchema.optional(),
    /** Fields publishing still needs, with the same messages the publish route would answer. */
    missing: z.array(z.strictObject({ path: z.string(), message: z.string() })),
    applicationCount: z.number().int().meta({ description: '已提交（不含草稿与撤回）的申报数' }),
    publishedAt: Instant.optional(),
    closedAt: Instant.optional(),
    createdAt: Instant,
    updatedAt: Instant,
  })
  .meta({ id: 'OfficeCall' })
export type OfficeCall = z.infer<typeof OfficeCallSchema>

export const OfficeCallQuerySchema = PageQuerySchema.extend({
  state: CallStateSchema.optional(),
})
export const OfficeCallPageSchema = pageOf(OfficeCallSchema).meta({ id: 'OfficeCallPage' })
