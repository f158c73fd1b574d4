import { z } from 'zod'
import { CRITERION_LABELS, type Criterion } from './applications'

const Instant = z.iso.datetime({ offset: true })
const ObjectId = (what: string) => z.string().regex(/^[0-9a-f]{24}$/, `${what}编号格式不正确`)

/**
 * Copied text (第二十一条: 申报材料弄虚作假). The narratives of every submitted application are compared
 * with the other applications and with earlier years' published experiences; a pair whose shared text
 * reaches the call's threshold is a flag the office concludes on.
 */

/** The texts compared: the summary and the six 第六条 criteria narratives. */
export const SIMILARITY_FIELDS = ['summary', 'scientific', 'innovative', 'systematic', 'exemplary', 'effective', 'developmental'] as const
export type SimilarityField = (typeof SIMILARITY_FIELDS)[number]
export const SIMILARITY_FIELD_LABELS: Record<SimilarityField, string> = {
  summary: '摘要',
  ...(CRITERION_LABELS as Record<Criterion, string>),
}

/** A pair is flagged when this share (per cent) of the application's own text is found in the other. */
export const DEFAULT_SIMILARITY_THRESHOLD = 20
/**
 * Until the office says otherwise, experts see a flag without the other applicant's identity: in the
 * spirit of 第十三条, a reviewer judges the material before them, not a rival organization's name.
 */
export const DEFAULT_HIDE_IDENTITY_FROM_EXPERTS = true

/** The office's settings per call. */
export const SimilaritySettingsSchema = z
  .strictObject({
    thresholdPercent: z.number().int().min(5, '阈值不低于 5%').max(90, '阈值不高于 90%'),
    /**
     * The application form template's own wording (headings, instructions), pasted by the office:
     * every applicant repeats it, so it never counts as copied.
     */
    templateText: z.string().trim().max(20_000),
    /**
     * Whether experts and group leaders see a flag's other document without its organization and
     * title (「另一份申报材料」/「往年已发布经验」) during review (第十六条); default hidden.
     */
    hideIdentityFromExperts: z.boolean(),
  })
  .meta({ id: 'SimilaritySettings' })
export type SimilaritySettings = z.infer<typeof SimilaritySettingsSchema>

export const SIMILARITY_FLAG_STATES = ['open', 'explained', 'referred', 'disqualified'] as const
export type SimilarityFlagState = (typeof SIMILARITY_FLAG_STATES)[number]
export const SIMILARITY_FLAG_STATE_LABELS: Record<SimilarityFlagState, string> = {
  open: '待处理',
  explained: '已说明（不构成抄袭）',
  referred: '已移交移除程序',
  disqualified: '已认定取消资格',
}

/** The office's conclusion on a flag, always with a reason (audited). */
export const SimilarityConclusionSchema = z
  .strictObject({
    conclusion: z.enum(['explain', 'refer', 'disqualify', 'reopen']),
    reason: z.string().trim().min(4, '请填写理由（至少 4 个字）').max(1000),
  })
  .meta({ id: 'SimilarityConclusion' })
export type SimilarityConclusion = z.infer<typeof SimilarityConclusionSchema>

const Excerpt = z.strictObject({
  field: z.enum(SIMILARITY_FIELDS),
  /** Where the passage lies in the field's text as submitted: [start, end). */
  start: z.number().int(),
  end: z.number().int(),
  /** A little of the text around it, and the passage itself. */
  before: z.string(),
  text: z.string(),
  after: z.string(),
})

/** A flag of copied text and the office's conclusion on it (第二十一条). */
export const SimilarityFlagSchema = z
  .strictObject({
    id: z.string(),
    state: z.enum(SIMILARITY_FLAG_STATES),
    reason: z.string().optional(),
    concludedBy: z.string().optional(),
    concludedAt: Instant.optional(),
    /** Conclusions the caller may record now. */
    events: z.array(z.string()),
  })
  .meta({ id: 'SimilarityFlag' })

export const SimilarityMatchSchema = z.strictObject({
  other: z.strictObject({
    /** An application (this call's or an earlier one's) or an experience published in an earlier year. */
    kind: z.enum(['application', 'published']),
    id: z.string(),
    title: z.string(),
    organizationName: z.string(),
    year: z.number().int(),
    sameCall: z.boolean(),
    /** Text shared with one's own other application is reported, never flagged. */
    sameOrganization: z.boolean(),
    receiptNumber: z.string().optional(),
  }),
  /** Share of this application's countable text found in the other (0…1). */
  share: z.number(),
  /** Share of the other's text found in this one. */
  otherShare: z.number(),
  /** Counted characters of the shared passages (normalised, without boilerplate). */
  sharedChars: z.number().int(),
  flag: SimilarityFlagSchema.optional(),
  passages: z.array(z.strictObject({ length: z.number().int(), self: Excerpt, other: Excerpt })),
})
export type SimilarityMatch = z.infer<typeof SimilarityMatchSchema>

export const SimilarityReportSchema = z
  .strictObject({
    applicationId: z.string(),
    title: z.string(),
    organizationName: z.string(),
    receiptNumber: z.string().optional(),
    callId: z.string(),
    /** pending: the check is queued (after a submission or resubmission); done: the matches are current. */
    status: z.enum(['pending', 'done', 'none']),
    checkedAt: Instant.optional(),
    thresholdPercent: z.number().int(),
    /** Countable characters of this application (normalised, boilerplate left out). */
    countedChars: z.number().int(),
    matches: z.array(SimilarityMatchSchema),
  })
  .meta({ id: 'SimilarityReport' })
export type SimilarityReport = z.infer<typeof SimilarityReportSchema>

export const SimilarityFlagParamsSchema = z.strictObject({ id: ObjectId('标记') })

/**
 * A flag as the review sees it (第十六条, 第二十一条): the expert assigned to the application, and the
 * leader of its group. The other document's text only as the shared passages (no text around them),
 * and its organization, title and year only when the call lets experts see them
 * (server/src/policies/rules/similarity.ts decides).
 */
export const ReviewerSimilarityFlagSchema = z.strictObject({
  id: z.string(),
  state: z.enum(SIMILARITY_FLAG_STATES),
  /** When the office concluded; its reason only when the other's identity is shown (it may name them). */
  concludedAt: Instant.optional(),
  reason: z.string().optional(),
  other: z.strictObject({
    kind: z.enum(['application', 'published']),
    organizationName: z.string().optional(),
    title: z.string().optional(),
    year: z.number().int().optional(),
  }),
  /** Share of this application's countable text found in the other (0…1). */
  share: z.number(),
  sharedChars: z.number().int(),
  passages: z.array(z.strictObject({ length: z.number().int(), self: Excerpt, other: Excerpt })),
})
export type ReviewerSimilarityFlag = z.infer<typeof ReviewerSimilarityFlagSchema>

export const ReviewerSimilaritySchema = z
  .strictObject({
    applicationId: z.string(),
    title: z.string(),
    thresholdPercent: z.number().int(),
    /** The call hides the other applicant's identity from experts. */
    identityHidden: z.boolean(),
    /** Open flags first, then concluded ones with the office's conclusion. */
    flags: z.array(ReviewerSimilarityFlagSchema),
  })
  .meta({ id: 'ReviewerSimilarity' })
export type ReviewerSimilarity = z.infer<typeof ReviewerSimilaritySchema>

/** The group leader's view: the flagged applications assigned in the group they lead. */
export const GroupSimilaritySchema = z
  .strictObject({
    groupName: z.string(),
    identityHidden: z.boolean(),
    items: z.array(ReviewerSimilaritySchema),
  })
  .meta({ id: 'GroupSimilarity' })
export type GroupSimilarity = z.infer<typeof GroupSimilaritySchema>
