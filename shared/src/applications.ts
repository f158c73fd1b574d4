import { z } from 'zod'
import { AttachedFileSchema, AttachmentRefSchema } from './attachments'
import { SectorSchema } from './calls'
import { OrganizationProfileSchema } from './organizations'
import { pageOf, PageQuerySchema } from './pagination'
import { PROVINCE_CODES } from './regions'
import { APPLICATION_STATES, type ApplicationState } from './workflow/application'

const Instant = z.iso.datetime({ offset: true })
const ObjectId = (what: string) => z.string().regex(/^[0-9a-f]{24}$/, `${what}编号格式不正确`)

/** 第六条: three pairs of criteria, six items, each answered by a narrative. */
export const CRITERIA = ['scientific', 'innovative', 'systematic', 'exemplary', 'effective', 'developmental'] as const
export type Criterion = (typeof CRITERIA)[number]
export const CRITERION_LABELS: Record<Criterion, string> = {
  scientific: '科学性',
  innovative: '创新性',
  systematic: '系统性',
  exemplary: '示范性',
  effective: '显效性',
  developmental: '发展性',
}
/** What each criterion asks, quoted from 第六条, shown as the hint under its field. */
export const CRITERION_HINTS: Record<Criterion, string> = {
  scientific: '所运用的相关质量管理方法（技术）符合科学规律，符合质量管理基本规律。',
  innovative:
    '能够结合组织实际运用相关质量管理方法（技术），模式新颖或具有开创性；或是组织结合实际形成的、独创且有效的质量管理方法（技术）。',
  systematic: '能够对组织质量管理多年实践进行深入总结，系统展示对相关质量管理方法（技术）的应用情况，内容完整、逻辑清晰、重点突出。',
  exemplary: '有效解决组织质量管理瓶颈问题或行业共性质量问题，特色和亮点鲜明，在行业内外具有广泛的借鉴价值。',
  effective: '组织质量和效益得到明显提升，并有与竞争对手和标杆组织的对比数据（见对比数据表）。',
  developmental: '能够结合新发展要求不断对典型经验进行迭代升级，持续巩固实施成效，助力组织未来高质量发展。',
}
export const CRITERION_MIN_CHARS = 100
export const CRITERION_MAX_CHARS = 3000

const Title = z.string().trim().min(4, '标题至少 4 个字').max(60)
const Summary = z.string().trim().min(50, '摘要至少 50 个字').max(1000)
const Narrative = z
  .string()
  .trim()
  .min(CRITERION_MIN_CHARS, `至少 ${CRITERION_MIN_CHARS} 个字`)
  .max(CRITERION_MAX_CHARS, `不超过 ${CRITERION_MAX_CHARS} 个字`)
const MethodName = z.string().trim().min(2).max(40)
const YearMonth = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '格式应为 YYYY-MM')

const YearValue = z.strictObject({ year: z.number().int().min(2000).max(2100), value: z.number().finite() })
const Peer = z.strictObject({ name: z.string().trim().min(2).max(60), value: z.number().finite() })

/** 显效性 (第六条(三)): each indicator with the organization's values and a competitor's or benchmark's. */
export const ComparisonRowSchema = z
  .strictObject({
    indicator: z.string().trim().min(2).max(60),
    unit: z.string().trim().min(1).max(20),
    own: z
      .array(YearValue)
      .min(1, '请至少填写一个年度的本组织数据')
      .max(10)
      .refine((v) => new Set(v.map((x) => x.year)).size === v.length, { message: '年度不能重复' }),
    competitor: Peer.optional(),
    benchmark: Peer.optional(),
    source: z.string().trim().min(2).max(200),
  })
  .refine((r) => r.competitor || r.benchmark, {
    message: '请至少填写竞争对手或标杆组织的对比数据',
    path: ['competitor'],
  })
export type ComparisonRow = z.infer<typeof ComparisonRowSchema>

/** 第八条(四): how long and where the method has been applied. */
export const PracticeSchema = z.strictObject({
  since: YearMonth.meta({ description: '开始应用的年月' }),
  scope: z.string().trim().min(10, '请说明应用范围（至少 10 个字）').max(500),
})

/**
 * A complete application: what submitting requires. The mini-program checks each field with these
 * same schemas; the server checks the whole on submit, and that the methods are from the call's list.
 */
export const ApplicationContentSchema = z
  .strictObject({
    title: Title,
    summary: Summary,
    methods: z.array(MethodName).min(1, '请至少选择一种质量管理方法').max(10),
    methodsOther: z.string().trim().max(200).optional(),
    criteria: z.strictObject(Object.fromEntries(CRITERIA.map((c) => [c, Narrative])) as Record<Criterion, typeof Narrative>),
    comparison: z.array(ComparisonRowSchema).min(1, '显效性须附对比数据（至少一项指标）').max(30),
    practice: PracticeSchema,
    attachments: z.array(AttachmentRefSchema).max(10).default([]),
  })
  .meta({ id: 'ApplicationContent' })
export type ApplicationContent = z.infer<typeof ApplicationContentSchema>

const DraftNarrative = z.string().trim().max(CRITERION_MAX_CHARS)
/**
 * A draft as saved while typing: anything may be missing or short, nothing may be malformed or
 * over-long. Saving a draft replaces the whole content.
 */
export const ApplicationDraftSchema = z
  .strictObject({
    title: z.string().trim().max(60).optional(),
    summary: z.string().trim().max(1000).optional(),
    methods: z.array(MethodName).max(10).optional(),
    methodsOther: z.string().trim().max(200).optional(),
    criteria: z
      .strictObject(Object.fromEntries(CRITERIA.map((c) => [c, DraftNarrative.optional()])) as Record<Criterion, z.ZodOptional<typeof DraftNarrative>>)
      .optional(),
    comparison: z
      .array(
        z.strictObject({
          indicator: z.string().trim().max(60).optional(),
          unit: z.string().trim().max(20).optional(),
          own: z.array(YearValue).max(10).optional(),
          competitor: Peer.partial().optional(),
          benchmark: Peer.partial().optional(),
          source: z.string().trim().max(200).optional(),
        }),
      )
      .max(30)
      .optional(),
    practice: z.strictObject({ since: YearMonth.optional(), scope: z.string().trim().max(500).optional() }).optional(),
    attachments: z.array(AttachmentRefSchema).max(10).optional(),
  })
  .meta({ id: 'ApplicationDraft' })
export type ApplicationDraft = z.infer<typeof ApplicationDraftSchema>

/** The draft as shown back: attachments carry their file names and sizes. */
export const ApplicationContentViewSchema = ApplicationDraftSchema.extend({
  attachments: z.array(AttachedFileSchema),
}).meta({ id: 'ApplicationContentView' })

export const CreateApplicationSchema = z
  .strictObject({ callId: ObjectId('征集通知'), organizationId: ObjectId('组织') })
  .meta({ id: 'CreateApplication' })

/**
 * Parts of an application a supplement request (补正, 第十五条) can reopen: sections of the content,
 * and parts of the organization profile (edited on the profile, copied into the snapshot on resubmit).
 */
export const SUPPLEMENT_SECTIONS = [
  'title',
  'summary',
  'methods',
  'criteria',
  'comparison',
  'practice',
  'attachments',
  'profile.region',
  'profile.sector',
  'profile.legalPerson',
  'profile.profits',
  'profile.compliance',
  'profile.iso9001',
  'profile.sharing',
  'profile.contacts',
] as const
export type SupplementSection = (typeof SUPPLEMENT_SECTIONS)[number]
export const SupplementSectionSchema = z.enum(SUPPLEMENT_SECTIONS)
export const SUPPLEMENT_SECTION_LABELS: Record<SupplementSection, string> = {
  title: '经验标题',
  summary: '经验摘要',
  methods: '质量管理方法',
  criteria: '征集标准各项阐述',
  comparison: '对比数据表',
  practice: '方法应用情况',
  attachments: '附件材料',
  'profile.region': '组织信息：所在地区',
  'profile.sector': '组织信息：所属领域与行业',
  'profile.legalPerson': '组织信息：独立法人',
  'profile.profits': '组织信息：近三年净利润',
  'profile.compliance': '组织信息：违法与不良记录声明',
  'profile.iso9001': '组织信息：ISO 9001 认证证书',
  'profile.sharing': '组织信息：分享意愿',
  'profile.contacts': '组织信息：联系人',
}
/** Which profile fields each profile section covers. */
export const PROFILE_SECTION_FIELDS = {
  'profile.region': ['region'],
  'profile.sector': ['sector', 'industry'],
  'profile.legalPerson': ['independentLegalPerson'],
  'profile.profits': ['profits'],
  'profile.compliance': ['compliance'],
  'profile.iso9001': ['iso9001'],
  'profile.sharing': ['sharing'],
  'profile.contacts': ['contacts'],
} as const satisfies Record<Extract<SupplementSection, `profile.${string}`>, readonly (keyof z.infer<typeof OrganizationProfileSchema>)[]>

/** The open supplement request, as the applicant sees it: what to fix, why, by when. */
export const SupplementRequestSchema = z.strictObject({
  sections: z.array(SupplementSectionSchema),
  message: z.string(),
  /** End of the deadline day in Asia/Shanghai, as an instant. */
  deadline: Instant,
  requestedAt: Instant,
})

/** A date in the applicant's stage history; no names, scores or comments (第十三条). */
export const StageEventSchema = z.strictObject({ state: z.enum(APPLICATION_STATES), label: z.string(), at: Instant })

/** What the applicant may do now; the mini-program shows exactly these buttons. */
export const APPLICANT_ACTIONS = ['edit', 'submit', 'delete', 'withdraw', 'resubmit'] as const
export const ApplicantActionSchema = z.enum(APPLICANT_ACTIONS)

export const ApplicationStateSchema = z.enum(APPLICATION_STATES)

/** One reason per failed condition, as sent to the applicant when not qualified (第十五条). */
export const IneligibilityReasonSchema = z.strictObject({ condition: z.string(), reason: z.string() })

export const ApplicantApplicationSchema = z
  .strictObject({
    id: z.string(),
    callId: z.string(),
    callTitle: z.string(),
    callYear: z.number().int(),
    organizationId: z.string(),
    organizationName: z.string(),
    state: ApplicationStateSchema,
    stageLabel: z.string(),
    content: ApplicationContentViewSchema,
    receiptNumber: z.string().optional(),
    submittedAt: Instant.optional(),
    /** When the call stops taking submissions (第五条), shown beside the submit button. */
    closesAt: Instant,
    history: z.array(StageEventSchema),
    supplement: SupplementRequestSchema.optional(),
    ineligibleReasons: z.array(IneligibilityReasonSchema).optional(),
    actions: z.array(ApplicantActionSchema),
    createdAt: Instant,
    updatedAt: Instant,
  })
  .meta({ id: 'ApplicantApplication' })
export type ApplicantApplication = z.infer<typeof ApplicantApplicationSchema>

export const ApplicantApplicationSummarySchema = ApplicantApplicationSchema.pick({
  id: true,
  callId: true,
  callTitle: true,
  callYear: true,
  organizationId: true,
  organizationName: true,
  state: true,
  stageLabel: true,
  receiptNumber: true,
  submittedAt: true,
  closesAt: true,
  createdAt: true,
  updatedAt: true,
}).extend({ title: z.string().optional() })
export const MyApplicationsQuerySchema = PageQuerySchema.extend({ organizationId: ObjectId('组织').optional() })
export const MyApplicationPageSchema = pageOf(ApplicantApplicationSummarySchema).meta({ id: 'MyApplicationPage' })

/** Submitting answers the receipt (回执); a retried submit answers the same one. */
export const ReceiptSchema = z
  .strictObject({
    applicationId: z.string(),
    receiptNumber: z.string().regex(/^ZLBG-\d{4}-\d{6}$/),
    submittedAt: Instant,
    state: ApplicationStateSchema,
  })
  .meta({ id: 'Receipt' })
export type Receipt = z.infer<typeof ReceiptSchema>

export const WithdrawSchema = z
  .strictObject({ reason: z.string().trim().max(200).optional() })
  .meta({ id: 'WithdrawApplication' })

/** The office's list of a call's applications (drafts are the applicant's own and never listed). */
export const OfficeApplicationQuerySchema = PageQuerySchema.extend({
  state: ApplicationStateSchema.optional(),
  sector: SectorSchema.optional(),
  provinceCode: z.enum(PROVINCE_CODES).optional(),
  q: z.string().trim().max(50).optional().meta({ description: '按组织名称、受理编号或标题查找' }),
})
export const OfficeApplicationFilterSchema = OfficeApplicationQuerySchema.omit({ page: true, pageSize: true })

export const OfficeApplicationSummarySchema = z
  .strictObject({
    id: z.string(),
    receiptNumber: z.string().optional(),
    organizationId: z.string(),
    organizationName: z.string(),
    creditCode: z.string().optional(),
    sector: SectorSchema.optional(),
    provinceCode: z.string().optional(),
    title: z.string().optional(),
    state: ApplicationStateSchema,
    submittedAt: Instant.optional(),
    /** Counts of the automatic pre-check's outcomes (issue #7), when it has run. */
    precheck: z.strictObject({ pass: z.number().int(), fail: z.number().int(), judgement: z.number().int() }).optional(),
    supplementDeadline: Instant.optional(),
    /** Copied-text flags (第二十一条), once its similarity check has found any shared text. */
    similarity: z.strictObject({ flags: z.number().int(), open: z.number().int(), maxShare: z.number() }).optional(),
    updatedAt: Instant,
  })
  .meta({ id: 'OfficeApplicationSummary' })
export type OfficeApplicationSummary = z.infer<typeof OfficeApplicationSummarySchema>
export const OfficeApplicationPageSchema = pageOf(OfficeApplicationSummarySchema).meta({ id: 'OfficeApplicationPage' })

export const ApplicationIdParamsSchema = z.strictObject({ id: ObjectId('申报') })

export function isApplicationState(s: string): s is ApplicationState {
  return (APPLICATION_STATES as readonly string[]).includes(s)
}
