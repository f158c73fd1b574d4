import { z } from 'zod'
import { emailAddress } from './email'
import { AttachedFileSchema, AttachmentRefSchema } from './attachments'
import { SectorSchema } from './calls'
import { CREDIT_CODE_INPUT_PATTERN, CREDIT_CODE_MESSAGES, creditCodeProblem } from './creditCode'
import { pageOf, PageQuerySchema } from './pagination'
import { PROVINCE_CODES } from './regions'
import { readableText, searchText } from './text'

const Instant = z.iso.datetime({ offset: true })

/**
 * An organization's name is free text written by the public and shown to others (the office, later
 * the publicity and published lists, 第十八条–第十九条): WeChat's content check runs before it is
 * accepted; a name WeChat could not judge waits for the office's review.
 */
export const NAME_REVIEW_STATES = ['passed', 'pending', 'rejected'] as const
export const NameReviewSchema = z.enum(NAME_REVIEW_STATES)
export type NameReview = z.infer<typeof NameReviewSchema>
export const NAME_REVIEW_LABELS: Record<NameReview, string> = {
  passed: '已通过',
  pending: '待办公室审核',
  rejected: '未通过审核，请修改',
}

/** Read by the office and, once listed, the public: normalised and free of hidden characters (text.ts). */
/**
 * 统一社会信用代码 are public (issue 12, item 3): whoever typed a company's code first used to own it.
 * Now a claimed code is *unverified* until the office checks the business licence (营业执照) scan
 * uploaded with the profile; an unverified organization saves drafts but cannot submit (第八条(一)).
 * Several organizations may claim one code: the office sees the claims side by side and verifies one;
 * the others are told why they were refused.
 */
export const VERIFICATION_STATES = ['unverified', 'pending', 'verified', 'rejected'] as const
export const VerificationStateSchema = z.enum(VERIFICATION_STATES)
export type VerificationState = z.infer<typeof VerificationStateSchema>
export const VERIFICATION_LABELS: Record<VerificationState, string> = {
  unverified: '未核验（请上传营业执照扫描件）',
  pending: '待办公室核验',
  verified: '已核验',
  rejected: '核验未通过',
}

export const VerificationViewSchema = z.strictObject({
  state: VerificationStateSchema,
  /** Why the office refused (shown to the organization while refused). */
  reason: z.string().optional(),
  decidedAt: Instant.optional(),
})
export type VerificationView = z.infer<typeof VerificationViewSchema>

const REJECT_REASON_MISSING = '驳回时请填写原因'

/**
 * Verify, or reject with a reason the organization reads. The reason rule is a branch of the
 * schema, so the OpenAPI document states it too (issue 12 item 7: no 400 the document does not describe).
 */
export const VerificationDecisionSchema = z
  .discriminatedUnion('decision', [
    z.strictObject({ decision: z.literal('verify'), reason: readableText({ max: 200, label: '原因' }).optional() }),
    z.strictObject({ decision: z.literal('reject'), reason: readableText({ min: 2, max: 200, label: '原因', required: REJECT_REASON_MISSING }) }),
  ])
  .meta({ id: 'VerificationDecision' })
export type VerificationDecision = z.infer<typeof VerificationDecisionSchema>

const OrganizationName = readableText({ min: 2, max: 100, label: '组织名称' })

/** The applicant organization (申报组织) as far as membership goes; its profile comes with applications. */
export const CreateOrganizationSchema = z.strictObject({ name: OrganizationName }).meta({ id: 'CreateOrganization' })

export const RenameOrganizationSchema = z.strictObject({ name: OrganizationName }).meta({ id: 'RenameOrganization' })

const NameRejectReason = z
  .string({ error: (issue) => (issue.input === undefined ? REJECT_REASON_MISSING : undefined) })
  .trim()
  .min(2, REJECT_REASON_MISSING)
  .max(200)

/** Approve a name, or reject it with a reason (a branch of the schema, as for verification). */
export const NameReviewDecisionSchema = z
  .discriminatedUnion('decision', [
    z.strictObject({ decision: z.literal('approve'), reason: z.string().trim().max(200).optional() }),
    z.strictObject({ decision: z.literal('reject'), reason: NameRejectReason }),
  ])
  .meta({ id: 'NameReviewDecision' })

export const OrganizationViewSchema = z
  .strictObject({
    id: z.string(),
    name: z.string(),
    listed: z.boolean(),
    memberCount: z.number().int(),
    nameReview: NameReviewSchema,
    nameReviewReason: z.string().optional(),
    createdAt: Instant,
  })
  .meta({ id: 'Organization' })
export type OrganizationView = z.infer<typeof OrganizationViewSchema>

export const MemberViewSchema = z.strictObject({
  userId: z.string(),
  displayName: z.string(),
  /** The first member; may invite like any other member. */
  founder: z.boolean(),
  joinedAt: Instant,
})
export const MemberListSchema = z.strictObject({ items: z.array(MemberViewSchema) }).meta({ id: 'MemberList' })

export const OrganizationListQuerySchema = PageQuerySchema.extend({
  q: searchText().optional().meta({ description: '按名称查找' }),
  nameReview: NameReviewSchema.optional().meta({ description: '按名称审核状态筛选（如 pending：待审核）' }),
})
export const OrganizationPageSchema = pageOf(OrganizationViewSchema).meta({ id: 'OrganizationPage' })

export const OrganizationIdParamsSchema = z.strictObject({
  id: z.string().regex(/^[0-9a-f]{24}$/, '组织编号格式不正确'),
})

/**
 * The organization profile (申报组织信息), reused across calls and years; an application keeps a
 * snapshot of it as submitted. Each part answers one condition of 第八条.
 */
export const CreditCodeSchema = z
  .string()
  .regex(CREDIT_CODE_INPUT_PATTERN, {
    // The pattern's refusal still says what is wrong: the length, or a character (a tab or an inner space too).
    error: (issue) => CREDIT_CODE_MESSAGES[creditCodeProblem(String(issue.input).trim().toUpperCase()) ?? 'characters'],
  })
  .trim()
  .toUpperCase()
  .superRefine((code, ctx) => {
    // A code of the wrong shape has its message already (zod runs every check).
    const problem = CREDIT_CODE_INPUT_PATTERN.test(code) ? creditCodeProblem(code) : undefined
    if (problem) ctx.addIssue({ code: 'custom', message: CREDIT_CODE_MESSAGES[problem] })
  })
  .meta({ description: '统一社会信用代码（GB 32100-2015，含校验位）' })

const LocalDate = z.iso.date('日期格式应为 YYYY-MM-DD')

export const NetProfitSchema = z.strictObject({
  year: z.number().int().min(2000).max(2100),
  /** 万元; negative for a loss. */
  netProfitWan: z.number().finite().min(-1e9).max(1e9),
})

export const Iso9001Schema = z
  .strictObject({
    certificateNumber: z.string().trim().min(4).max(60),
    certificationBody: z.string().trim().min(2).max(100),
    issuedOn: LocalDate,
    expiresOn: LocalDate,
    scan: AttachmentRefSchema.optional(),
  })
  .refine((c) => c.expiresOn >= c.issuedOn, { message: '有效期至不能早于发证日期', path: ['expiresOn'] })

export const ProfileContactSchema = z.strictObject({
  name: z.string().trim().min(2).max(30),
  title: z.string().trim().max(30).optional(),
  phone: z.string().trim().regex(/^[0-9+\-() ]{7,20}$/, '请填写有效的电话号码'),
  email: emailAddress('请填写有效的邮箱').optional(),
})

export const OrganizationProfileSchema = z
  .strictObject({
    creditCode: CreditCodeSchema,
    region: z.strictObject({
      provinceCode: z.enum(PROVINCE_CODES, '请选择省份'),
      city: z.string().trim().min(2).max(30),
    }),
    sector: SectorSchema,
    industry: z.string().trim().min(2).max(50),
    /** 第八条(二) */
    independentLegalPerson: z.boolean(),
    /** 第八条(二): net profit of each complete year; the pre-check reads the three before the call year. */
    profits: z
      .array(NetProfitSchema)
      .min(1, '请填写近三个完整年度的净利润')
      .max(10)
      .refine((p) => new Set(p.map((x) => x.year)).size === p.length, { message: '年度不能重复' }),
    /** 第八条(二): no illegal acts or bad records in integrity, quality, safety, environment in three years. */
    compliance: z
      .strictObject({
        noViolations: z.boolean(),
        disclosure: z.string().trim().max(2000).optional(),
      })
      .refine((c) => c.noViolations || (c.disclosure?.length ?? 0) >= 10, {
        message: '如有违法行为或不良记录，请说明情况（至少 10 个字）',
        path: ['disclosure'],
      }),
    /** 第八条(三) */
    iso9001: Iso9001Schema,
    /** 第八条(一): the business licence (营业执照) scan the office verifies the credit code against. */
    businessLicenceScan: AttachmentRefSchema.optional(),
    /** 第八条(五): willing to share in exchange activities unless trade secrets are involved. */
    sharing: z.strictObject({
      willing: z.boolean(),
      tradeSecretNote: z.string().trim().max(500).optional(),
    }),
    contacts: z.array(ProfileContactSchema).min(1, '请至少填写一位联系人').max(5),
  })
  .meta({ id: 'OrganizationProfile' })
export type OrganizationProfile = z.infer<typeof OrganizationProfileSchema>
export type OrganizationProfileInput = z.input<typeof OrganizationProfileSchema>

/**
 * A profile as stored and shown: as saved, except that its contacts may have been removed when their
 * retention period ran (RETENTION_TABLE.profileContacts, .applicationContacts). Saving or submitting
 * still takes OrganizationProfileSchema, so an applicant enters a contact again before the next use.
 */
export const StoredOrganizationProfileSchema = OrganizationProfileSchema.extend({
  contacts: z.array(ProfileContactSchema).max(5),
}).meta({ id: 'StoredOrganizationProfile' })

/** The profile as stored and shown: absent until first saved. */
export const OrganizationProfileViewSchema = z
  .strictObject({
    organizationId: z.string(),
    name: z.string(),
    nameReview: NameReviewSchema,
    profile: StoredOrganizationProfileSchema.optional(),
    /** The scan of the ISO 9001 certificate, when attached. */
    iso9001Scan: AttachedFileSchema.optional(),
    /** The business licence scan, when attached. */
    businessLicenceScan: AttachedFileSchema.optional(),
    verification: VerificationViewSchema,
    updatedAt: Instant.optional(),
  })
  .meta({ id: 'OrganizationProfileView' })
export type OrganizationProfileView = z.infer<typeof OrganizationProfileViewSchema>

/** One organization's claim of a credit code, as the office compares it with the others. */
export const CreditCodeClaimViewSchema = z.strictObject({
  organizationId: z.string(),
  name: z.string(),
  nameReview: NameReviewSchema,
  memberCount: z.number().int(),
  verification: VerificationViewSchema,
  businessLicenceScan: AttachedFileSchema.optional(),
  createdAt: Instant,
  profileUpdatedAt: Instant.optional(),
})
export type CreditCodeClaimView = z.infer<typeof CreditCodeClaimViewSchema>

/** All claims of one credit code, oldest first: the office decides between them side by side. */
export const CreditCodeClaimsSchema = z
  .strictObject({
    creditCode: z.string(),
    /** The organization the office verified for this code, if any. */
    verifiedOrganizationId: z.string().optional(),
    claims: z.array(CreditCodeClaimViewSchema),
  })
  .meta({ id: 'CreditCodeClaims' })
export type CreditCodeClaims = z.infer<typeof CreditCodeClaimsSchema>

export const VerificationListQuerySchema = PageQuerySchema.extend({
  state: z.enum(['pending', 'all']).default('pending').meta({ description: 'pending：有待核验申请的代码（默认）；all：全部' }),
  creditCode: CreditCodeSchema.optional().meta({ description: '只看这一个统一社会信用代码' }),
})
export const CreditCodeClaimsPageSchema = pageOf(CreditCodeClaimsSchema).meta({ id: 'CreditCodeClaimsPage' })
