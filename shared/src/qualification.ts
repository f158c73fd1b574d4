import { z } from 'zod'
import { ApplicantApplicationSchema, SupplementSectionSchema } from './applications'
import { StoredOrganizationProfileSchema } from './organizations'
import { AttachedFileSchema } from './attachments'

const Instant = z.iso.datetime({ offset: true })
const LocalDate = z.iso.date('日期格式应为 YYYY-MM-DD')
const ObjectId = (what: string) => z.string().regex(/^[0-9a-f]{24}$/, `${what}编号格式不正确`)

/** The conditions checked in qualification review (第十五条): the five of 第八条 and the sector of 第七条. */
export const ELIGIBILITY_RULES = ['registration', 'legalStanding', 'iso9001', 'maturePractice', 'sharing', 'sector'] as const
export type EligibilityRule = (typeof ELIGIBILITY_RULES)[number]
export const EligibilityRuleSchema = z.enum(ELIGIBILITY_RULES)
export const ELIGIBILITY_RULE_LABELS: Record<EligibilityRule, { article: string; label: string }> = {
  registration: { article: '第八条（一）', label: '在中华人民共和国境内合法注册与经营' },
  legalStanding: { article: '第八条（二）', label: '独立法人，近三年连续盈利，无违法行为和不良记录' },
  iso9001: { article: '第八条（三）', label: 'ISO 9001 质量管理体系认证证书在有效期内' },
  maturePractice: { article: '第八条（四）', label: '方法在组织内成熟应用并取得显著成效' },
  sharing: { article: '第八条（五）', label: '愿意参与分享交流活动' },
  sector: { article: '第七条', label: '属于本次征集的领域' },
}

/** What the automatic pre-check says of one condition. */
export const PRECHECK_OUTCOMES = ['pass', 'fail', 'judgement'] as const
export type PrecheckOutcome = (typeof PRECHECK_OUTCOMES)[number]
export const PRECHECK_OUTCOME_LABELS: Record<PrecheckOutcome, string> = {
  pass: '符合',
  fail: '不符合',
  judgement: '需审查人判断',
}

export const PrecheckResultSchema = z.strictObject({
  rule: EligibilityRuleSchema,
  outcome: z.enum(PRECHECK_OUTCOMES),
  /** A Chinese sentence a reviewer reads, naming the data it judged. */
  explanation: z.string(),
  /** The declared values it judged, label → value, shown beside the result. */
  evidence: z.array(z.strictObject({ label: z.string(), value: z.string() })),
})
export type PrecheckResult = z.infer<typeof PrecheckResultSchema>

export const PrecheckSchema = z.strictObject({
  /** The review date the rules were judged on (Asia/Shanghai calendar day). */
  reviewDate: LocalDate,
  evaluatedAt: Instant,
  results: z.array(PrecheckResultSchema),
})
export type Precheck = z.infer<typeof PrecheckSchema>

/**
 * The reviewer's finding on one condition: the automatic outcome confirmed, or overridden with a
 * reason. A 'judgement' result has no automatic outcome to confirm, so any finding on it is the
 * reviewer's own and a reason is optional.
 */
export const ReviewFindingSchema = z.strictObject({
  rule: EligibilityRuleSchema,
  outcome: z.enum(['pass', 'fail']),
  reason: z.string().trim().max(500).optional(),
})
export type ReviewFinding = z.infer<typeof ReviewFindingSchema>

const Findings = z
  .array(ReviewFindingSchema)
  .refine((f) => ELIGIBILITY_RULES.every((r) => f.filter((x) => x.rule === r).length === 1), {
    message: '请对每一项条件给出审查结论',
  })

/** 第十五条: qualified, not qualified (reasons per failed item), or supplement requested (补正). */
export const QualificationDecisionSchema = z
  .discriminatedUnion('decision', [
    z.strictObject({ decision: z.literal('qualify'), findings: Findings }),
    z.strictObject({ decision: z.literal('disqualify'), findings: Findings }),
    z.strictObject({
      decision: z.literal('requestSupplement'),
      findings: Findings.optional(),
      sections: z.array(SupplementSectionSchema).min(1, '请选择需要补正的内容'),
      message: z.string().trim().min(4, '请说明需要补正的内容（至少 4 个字）').max(500),
      /** The last day to resubmit; the request lapses at the end of this day in Asia/Shanghai. */
      deadline: LocalDate,
    }),
  ])
  .superRefine((d, ctx) => {
    if (d.decision === 'qualify' && d.findings.some((f) => f.outcome === 'fail')) {
      ctx.addIssue({ code: 'custom', path: ['findings'], message: '有不符合的条件，不能判定为通过' })
    }
    if (d.decision === 'disqualify') {
      if (!d.findings.some((f) => f.outcome === 'fail')) {
        ctx.addIssue({ code: 'custom', path: ['findings'], message: '不通过时至少应有一项条件不符合' })
      }
      d.findings.forEach((f, i) => {
        if (f.outcome === 'fail' && (f.reason?.length ?? 0) < 2) {
          ctx.addIssue({ code: 'custom', path: ['findings', i, 'reason'], message: '请填写不符合的理由（将告知申报组织）' })
        }
      })
    }
  })
  .meta({ id: 'QualificationDecision' })
export type QualificationDecision = z.infer<typeof QualificationDecisionSchema>

/** Decisions on several rows at once, after a confirmation listing them. */
export const BATCH_QUALIFICATION_ACTIONS = ['start', 'qualify'] as const
export const BatchQualificationSchema = z
  .strictObject({
    action: z.enum(BATCH_QUALIFICATION_ACTIONS),
    applicationIds: z.array(ObjectId('申报')).min(1, '请至少选择一项').max(100),
  })
  .meta({ id: 'BatchQualification' })

export const BatchResultSchema = z
  .strictObject({
    items: z.array(
      z.strictObject({
        id: z.string(),
        ok: z.boolean(),
        /** The error code when not done (e.g. STATE_CONFLICT, PRECHECK_FAILED). */
        code: z.string().optional(),
        message: z.string().optional(),
        state: z.string().optional(),
      }),
    ),
  })
  .meta({ id: 'BatchResult' })

/** The office's full view of one application: the applicant's view plus what only the office sees. */
export const OfficeApplicationSchema = ApplicantApplicationSchema.omit({ actions: true })
  .extend({
    /** The organization profile as submitted (or last resubmitted). */
    profileSnapshot: StoredOrganizationProfileSchema.optional(),
    iso9001Scan: AttachedFileSchema.optional(),
    precheck: PrecheckSchema.optional(),
    findings: z.array(ReviewFindingSchema.extend({ by: z.string(), at: Instant })).optional(),
    /** Every step with who took it (the office may see this; the applicant may not, 第十三条). */
    log: z.array(
      z.strictObject({ at: Instant, from: z.string().optional(), to: z.string().optional(), action: z.string(), actor: z.string(), reason: z.string().optional() }),
    ),
    /** Workflow events the caller may send now, e.g. startQualification, qualify. */
    events: z.array(z.string()),
  })
  .meta({ id: 'OfficeApplication' })
export type OfficeApplication = z.infer<typeof OfficeApplicationSchema>
