import { z } from 'zod'
import { AttachedFileSchema, AttachmentIdSchema } from './attachments'
import { pageOf, PageQuerySchema } from './pagination'
import { PUBLICITY_ENTRY_STATUSES } from './publicity'
import { readableText } from './text'

/**
 * Objections (异议, 第十八条): filed by a signed-in WeChat user against one entry of an open publicity
 * list, handled by the office, reviewed by the committee, decided by the chair or a vice chair, and
 * answered. The objector's identity is for the office only — never shown to the applicant or to
 * experts (第十三条 keeps the committee's work from the applicant; 第十八条 protects the objector).
 */

export const OBJECTION_STATES = ['received', 'investigating', 'findings_recorded', 'committee_review', 'upheld', 'dismissed', 'replied'] as const
export type ObjectionState = (typeof OBJECTION_STATES)[number]
export const OBJECTION_STATE_LABELS: Record<ObjectionState, string> = {
  received: '已受理',
  investigating: '调查核实中',
  findings_recorded: '已形成核查意见',
  committee_review: '评审委员会审议中',
  upheld: '异议成立',
  dismissed: '异议不成立',
  replied: '已答复',
}

/** An objection in one of these states keeps its entry from passing publicity (第十八条). */
export const OPEN_OBJECTION_STATES = ['received', 'investigating', 'findings_recorded', 'committee_review'] as const satisfies readonly ObjectionState[]

export const OBJECTION_EVENTS = ['startInvestigation', 'recordFindings', 'submitToCommittee', 'uphold', 'dismiss', 'reply'] as const
export type ObjectionEvent = (typeof OBJECTION_EVENTS)[number]
/**
 * Steps that are not state changes: asking the applicant to explain, and their answer; the office
 * passing text WeChat could not judge (until then nobody outside the office reads it).
 */
export const OBJECTION_ACTIONS = ['requestExplanation', 'answerExplanation', 'passModeration'] as const
export type ObjectionAction = (typeof OBJECTION_ACTIONS)[number]

export const OBJECTION_OUTCOMES = ['upheld', 'dismissed'] as const
export type ObjectionOutcome = (typeof OBJECTION_OUTCOMES)[number]

/** Who objects: a person under their real name, or an organization with a letter bearing its seal. */
export const OBJECTOR_KINDS = ['person', 'organization'] as const
export type ObjectorKind = (typeof OBJECTOR_KINDS)[number]
export const OBJECTOR_KIND_LABELS: Record<ObjectorKind, string> = { person: '个人（实名）', organization: '单位（加盖公章）' }

// ---- Schemas: one per concept, for the server's validation, the mini-program's forms and OpenAPI ----

const Instant = z.iso.datetime({ offset: true })
const LocalDate = z.iso.date('日期格式应为 YYYY-MM-DD')
const Id = (what: string) => z.string().regex(/^[0-9a-f]{24}$/, `${what}编号格式不正确`)

/** 第十八条: the grounds must say what is objected to and why; long enough to act on, short enough to read. */
export const OBJECTION_GROUNDS_MIN = 20
export const OBJECTION_GROUNDS_MAX = 2000
export const OBJECTION_EVIDENCE_MAX = 10

/** A mainland mobile or a landline with its area code: how the office reaches the objector. */
export const ObjectorPhoneSchema = z
  .string()
  .trim()
  .transform((s) => s.replace(/[\s-]/g, '').replace(/^\+?86(?=1)/, ''))
  .pipe(z.string().regex(/^(1[3-9]\d{9}|0\d{9,11})$/, '请填写 11 位手机号，或带区号的固定电话'))

/** The client's key for one filing: a retried tap sends the same key and gets the same receipt. */
export const IdempotencyKeySchema = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, '请求编号应为 8–64 位字母、数字、下划线或连字符')

/**
 * The filing form (第十八条). Anonymous objections are not accepted: a person gives their real name and
 * phone; an organization also its name, a contact person and a letter bearing its seal.
 */
export const ObjectionFileSchema = z
  .strictObject({
    publicityId: Id('公示名单'),
    entryId: Id('公示条目'),
    idempotencyKey: IdempotencyKeySchema,
    kind: z.enum(OBJECTOR_KINDS, { error: '请选择以个人或单位名义提出' }),
    realName: readableText({ min: 2, max: 30, label: '真实姓名', required: '请填写真实姓名（不受理匿名异议）' }),
    phone: ObjectorPhoneSchema,
    organizationName: readableText({ min: 2, max: 100, label: '单位名称' }).optional(),
    contactPerson: readableText({ min: 2, max: 30, label: '联系人' }).optional(),
    sealLetterId: AttachmentIdSchema.optional(),
    grounds: readableText({ min: OBJECTION_GROUNDS_MIN, max: OBJECTION_GROUNDS_MAX, label: '异议理由', multiline: true }),
    evidenceIds: z.array(AttachmentIdSchema).max(OBJECTION_EVIDENCE_MAX, `证明材料最多 ${OBJECTION_EVIDENCE_MAX} 个`).default([]),
  })
  .superRefine((v, ctx) => {
    if (v.kind !== 'organization') {
      for (const key of ['organizationName', 'contactPerson', 'sealLetterId'] as const) {
        if (v[key] !== undefined) ctx.addIssue({ code: 'custom', path: [key], message: '以个人名义提出时不填写单位信息' })
      }
      return
    }
    if (!v.organizationName) ctx.addIssue({ code: 'custom', path: ['organizationName'], message: '请填写单位名称' })
    if (!v.contactPerson) ctx.addIssue({ code: 'custom', path: ['contactPerson'], message: '请填写单位联系人' })
    if (!v.sealLetterId) ctx.addIssue({ code: 'custom', path: ['sealLetterId'], message: '请上传加盖单位公章的异议函' })
  })
  .meta({ id: 'ObjectionFile' })
export type ObjectionFileInput = z.input<typeof ObjectionFileSchema>

export const ObjectionIdParamsSchema = z.strictObject({ id: Id('异议') })
export const ObjectionFileParamsSchema = z.strictObject({ id: Id('异议'), attachmentId: AttachmentIdSchema })
export const ObjectionTargetQuerySchema = z.strictObject({ publicityId: Id('公示名单'), entryId: Id('公示条目') })

/** The entry an objection may be filed against, as the public sees it; the window as instants (the client decides "open now"). */
export const ObjectionTargetSchema = z
  .strictObject({
    publicityId: z.string(),
    entryId: z.string(),
    callTitle: z.string(),
    organizationName: z.string(),
    title: z.string(),
    sector: z.string().optional(),
    provinceCode: z.string().optional(),
    entryStatus: z.enum(PUBLICITY_ENTRY_STATUSES),
    window: z.strictObject({ startDay: LocalDate, endDay: LocalDate, opensAt: Instant, closesAt: Instant }),
    contact: z.string(),
  })
  .meta({ id: 'ObjectionTarget' })
export type ObjectionTarget = z.infer<typeof ObjectionTargetSchema>

/** Answered at once to the filer (and again, the same, to a retry with the same key). */
export const ObjectionReceiptSchema = z
  .strictObject({ id: z.string(), receiptNumber: z.string(), state: z.enum(OBJECTION_STATES), filedAt: Instant })
  .meta({ id: 'ObjectionReceipt' })
export type ObjectionReceipt = z.infer<typeof ObjectionReceiptSchema>

const StepSchema = z.strictObject({ state: z.enum(OBJECTION_STATES), at: Instant })
const EntrySummary = z.strictObject({ callTitle: z.string(), organizationName: z.string(), title: z.string() })

/**
 * What the filer alone sees of their objection: its receipt, states with dates, the outcome with its
 * reasons once decided and the reply once sent — not the office's findings or who signed.
 */
export const MyObjectionSchema = z
  .strictObject({
    id: z.string(),
    receiptNumber: z.string(),
    state: z.enum(OBJECTION_STATES),
    filedAt: Instant,
    entry: EntrySummary,
    kind: z.enum(OBJECTOR_KINDS),
    realName: z.string(),
    organizationName: z.string().optional(),
    grounds: z.string(),
    evidence: z.array(AttachedFileSchema),
    history: z.array(StepSchema),
    outcome: z.strictObject({ outcome: z.enum(OBJECTION_OUTCOMES), reasons: z.string(), at: Instant }).optional(),
    reply: z.strictObject({ text: z.string(), at: Instant }).optional(),
  })
  .meta({ id: 'MyObjection' })
export type MyObjection = z.infer<typeof MyObjectionSchema>
export const MyObjectionPageSchema = pageOf(MyObjectionSchema.omit({ grounds: true, evidence: true, history: true })).meta({ id: 'MyObjectionPage' })

// ---- Handling (office, chair) ----

export const FindingsInputSchema = z
  .strictObject({
    text: readableText({ min: 10, max: 3000, label: '核查意见', multiline: true }),
    verifiedBy: readableText({ min: 2, max: 100, label: '核实人' }),
    evidenceIds: z.array(AttachmentIdSchema).max(OBJECTION_EVIDENCE_MAX, `核查证据最多 ${OBJECTION_EVIDENCE_MAX} 个`).default([]),
  })
  .meta({ id: 'ObjectionFindings' })
export type FindingsInput = z.input<typeof FindingsInputSchema>

export const ObjectionStepInputSchema = z.strictObject({ reason: z.string().trim().max(500).optional() }).meta({ id: 'ObjectionStep' })
export const ObjectionReplyInputSchema = z
  .strictObject({ text: readableText({ min: 10, max: 2000, label: '答复内容', multiline: true }) })
  .meta({ id: 'ObjectionReply' })
export const ObjectionDecisionInputSchema = z
  .strictObject({
    outcome: z.enum(OBJECTION_OUTCOMES, { error: '请选择异议成立或不成立' }),
    reasons: readableText({ min: 10, max: 2000, label: '决定理由', multiline: true }),
  })
  .meta({ id: 'ObjectionDecision' })
export type ObjectionDecisionInput = z.input<typeof ObjectionDecisionInputSchema>

/** The office asks the applicant to explain (第十八条 调查核实): never who objected; the grounds only if the office quotes them. */
export const ExplanationRequestInputSchema = z
  .strictObject({
    text: readableText({ min: 10, max: 2000, label: '说明要求', multiline: true }),
    quoteGrounds: z.boolean().default(false),
    deadline: LocalDate,
  })
  .meta({ id: 'ExplanationRequestInput' })
export type ExplanationRequestInput = z.input<typeof ExplanationRequestInputSchema>
export const ExplanationAnswerInputSchema = z
  .strictObject({
    text: readableText({ min: 10, max: 3000, label: '情况说明', multiline: true }),
    attachmentIds: z.array(AttachmentIdSchema).max(OBJECTION_EVIDENCE_MAX, `附件最多 ${OBJECTION_EVIDENCE_MAX} 个`).default([]),
  })
  .meta({ id: 'ExplanationAnswerInput' })
export type ExplanationAnswerInput = z.input<typeof ExplanationAnswerInputSchema>
export const ExplanationParamsSchema = z.strictObject({ id: Id('申报'), explanationId: Id('说明要求') })

const ExplanationView = z.strictObject({
  id: z.string(),
  text: z.string(),
  quotedGrounds: z.string().optional(),
  deadline: LocalDate,
  requestedAt: Instant,
  answer: z.strictObject({ text: z.string(), attachments: z.array(AttachedFileSchema), at: Instant }).optional(),
})
/** What the applicant sees: the request, its deadline, their answer. Nothing else of the objection (第十三条). */
export const ApplicantExplanationSchema = ExplanationView.meta({ id: 'ApplicantExplanation' })
export const ApplicantExplanationListSchema = z.strictObject({ items: z.array(ApplicantExplanationSchema) }).meta({ id: 'ApplicantExplanationList' })

/** The office's view: everything, the objector's identity included (the office alone sees it). */
export const OfficeObjectionSchema = z
  .strictObject({
    id: z.string(),
    receiptNumber: z.string(),
    callId: z.string(),
    publicityId: z.string(),
    entryId: z.string(),
    applicationId: z.string(),
    state: z.enum(OBJECTION_STATES),
    filedAt: Instant,
    moderation: z.enum(['passed', 'pending']),
    entry: EntrySummary,
    objector: z.strictObject({
      kind: z.enum(OBJECTOR_KINDS),
      realName: z.string(),
      phone: z.string(),
      organizationName: z.string().optional(),
      contactPerson: z.string().optional(),
      sealLetter: AttachedFileSchema.optional(),
    }),
    grounds: z.string(),
    evidence: z.array(AttachedFileSchema),
    findings: z.strictObject({ text: z.string(), verifiedBy: z.string(), evidence: z.array(AttachedFileSchema), at: Instant }).optional(),
    decision: z.strictObject({ outcome: z.enum(OBJECTION_OUTCOMES), reasons: z.string(), signedByName: z.string(), at: Instant }).optional(),
    reply: z.strictObject({ text: z.string(), at: Instant }).optional(),
    explanations: z.array(ExplanationView),
    history: z.array(StepSchema),
    /** The steps the caller may take now (the machine's table): the buttons to show. */
    events: z.array(z.enum(OBJECTION_EVENTS)),
    canRequestExplanation: z.boolean(),
    canPassModeration: z.boolean(),
  })
  .meta({ id: 'OfficeObjection' })
export type OfficeObjection = z.infer<typeof OfficeObjectionSchema>
export const OfficeObjectionQuerySchema = PageQuerySchema.extend({
  callId: Id('征集通知').optional(),
  state: z.enum(OBJECTION_STATES).optional(),
  moderation: z.enum(['passed', 'pending']).optional(),
})
export const OfficeObjectionPageSchema = pageOf(
  OfficeObjectionSchema.pick({ id: true, receiptNumber: true, callId: true, state: true, filedAt: true, moderation: true, entry: true }).extend({ objectorName: z.string() }),
).meta({ id: 'OfficeObjectionPage' })

/**
 * What the chair or a vice chair reads to decide (第十八条 报评审委员会审议): the entry, the grounds and
 * evidence, the office's findings. Not the objector's identity — experts never see it.
 */
export const CommitteeObjectionSchema = z
  .strictObject({
    id: z.string(),
    callId: z.string(),
    state: z.enum(OBJECTION_STATES),
    filedAt: Instant,
    entry: EntrySummary,
    objectorKind: z.enum(OBJECTOR_KINDS),
    grounds: z.string(),
    evidence: z.array(AttachedFileSchema),
    findings: z.strictObject({ text: z.string(), verifiedBy: z.string(), evidence: z.array(AttachedFileSchema), at: Instant }).optional(),
    decision: z.strictObject({ outcome: z.enum(OBJECTION_OUTCOMES), reasons: z.string(), signedByName: z.string(), at: Instant }).optional(),
    canDecide: z.boolean(),
  })
  .meta({ id: 'CommitteeObjection' })
export type CommitteeObjection = z.infer<typeof CommitteeObjectionSchema>
export const CommitteeObjectionListSchema = z.strictObject({ items: z.array(CommitteeObjectionSchema.omit({ grounds: true, evidence: true, findings: true })) }).meta({ id: 'CommitteeObjectionList' })
