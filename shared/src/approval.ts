import { z } from 'zod'
import { LISTING_STATES } from './listing'
import { pageOf } from './pagination'
import { readableText } from './text'

/**
 * Approval and publication (第十九条: 经中国质量协会批准后，发布质量标杆典型经验名单). Once a call's
 * publicity list has closed (every entry settled, 第十八条), the CAQ approver reads the entries that
 * passed — organization, title, sector, region and the publicity outcome, never scores, comments or
 * reviewers: the approver is not the committee (第十三条) — and signs the approval: the whole list,
 * or entry by entry with a written reason for each one held back. The office then publishes the
 * approved list, which makes it the official list of the call's year.
 */

/** Where a call stands on the way to its official list: awaiting the approver, approved, published. */
export const APPROVAL_STAGES = ['awaiting', 'approved', 'published'] as const
export type ApprovalStage = (typeof APPROVAL_STAGES)[number]
export const APPROVAL_STAGE_LABELS: Record<ApprovalStage, string> = {
  awaiting: '待审批',
  approved: '已批准，待公布',
  published: '已公布',
}

/** The approver's decision on one entry. */
export const APPROVAL_DECISIONS = ['approve', 'hold_back'] as const
export type ApprovalDecision = (typeof APPROVAL_DECISIONS)[number]
export const APPROVAL_DECISION_LABELS: Record<ApprovalDecision, string> = { approve: '批准', hold_back: '不予批准' }

export const APPROVAL_REASON_MAX = 500
export const APPROVAL_NOTE_MAX = 500

const ObjectId = (what: string) => z.string().regex(/^[0-9a-f]{24}$/, `${what}编号格式不正确`)
const Instant = z.iso.datetime({ offset: true })

export const ApprovalCallParamsSchema = z.strictObject({ id: ObjectId('征集通知') })

/** A signature as shown: who signed (by name at the time), when, and the optional note. */
export const ListingSignatureSchema = z
  .strictObject({ name: z.string(), at: Instant, note: z.string().optional() })
  .meta({ id: 'ListingSignature' })
export type ListingSignature = z.infer<typeof ListingSignatureSchema>

/** One call in the approver's queue and the office's 名单管理. */
export const ApprovalCallSchema = z
  .strictObject({
    callId: z.string(),
    callTitle: z.string(),
    year: z.number().int(),
    stage: z.enum(APPROVAL_STAGES),
    stageLabel: z.string(),
    publicityId: z.string(),
    publicityClosedAt: Instant.optional(),
    /** Entries that passed publicity (第十八条): what the approver decides on. */
    passedCount: z.number().int(),
    approvedCount: z.number().int().optional(),
    heldBackCount: z.number().int().optional(),
    listingId: z.string().optional(),
    approval: ListingSignatureSchema.optional(),
    publication: ListingSignatureSchema.optional(),
  })
  .meta({ id: 'ApprovalCall' })
export type ApprovalCall = z.infer<typeof ApprovalCallSchema>
export const ApprovalCallPageSchema = pageOf(ApprovalCallSchema).meta({ id: 'ApprovalCallPage' })
export type ApprovalCallPage = z.infer<typeof ApprovalCallPageSchema>

/**
 * One entry on the approval sheet: the publicity entry as the public saw it, its outcome, and — once
 * signed — the approver's decision (with the reason for one held back).
 */
export const ApprovalEntrySchema = z
  .strictObject({
    applicationId: z.string(),
    organizationName: z.string(),
    title: z.string(),
    sector: z.string().optional(),
    region: z.string().optional(),
    publicityStatusLabel: z.string().meta({ description: '公示结果，如 公示通过' }),
    /** Passed publicity and not yet signed: the approver decides on it. */
    decidable: z.boolean(),
    decision: z.enum(APPROVAL_DECISIONS).optional(),
    decisionLabel: z.string().optional(),
    reason: z.string().optional(),
  })
  .meta({ id: 'ApprovalEntry' })
export type ApprovalEntry = z.infer<typeof ApprovalEntrySchema>

/** A call's approval sheet: the entries, and the listing once signed. */
export const ApprovalSheetSchema = z
  .strictObject({
    callId: z.string(),
    callTitle: z.string(),
    year: z.number().int(),
    stage: z.enum(APPROVAL_STAGES).optional().meta({ description: '缺省：公示尚未结束，不能审批' }),
    stageLabel: z.string(),
    publicity: z.strictObject({ id: z.string(), windowDisplay: z.string(), closedAt: Instant.optional() }).optional(),
    entries: z.array(ApprovalEntrySchema),
    listing: z
      .strictObject({
        id: z.string(),
        state: z.enum(LISTING_STATES),
        stateLabel: z.string(),
        approval: ListingSignatureSchema,
        publication: ListingSignatureSchema.optional(),
        approvedCount: z.number().int(),
        heldBackCount: z.number().int(),
      })
      .optional(),
  })
  .meta({ id: 'ApprovalSheet' })
export type ApprovalSheet = z.infer<typeof ApprovalSheetSchema>

const ApproveDecisionSchema = z.strictObject({ applicationId: ObjectId('申报'), decision: z.literal('approve') })
const HoldBackDecisionSchema = z.strictObject({
  applicationId: ObjectId('申报'),
  decision: z.literal('hold_back'),
  reason: readableText({ min: 2, max: APPROVAL_REASON_MAX, label: '不予批准的理由', multiline: true }),
})

/**
 * The approver's signature (第十九条): a decision for every entry that passed publicity — the whole
 * list approved is every decision `approve` — each one held back with its reason; an optional note.
 * The signer's name and the time are the server's (the account, the moment of signing).
 */
export const SignApprovalSchema = z
  .strictObject({
    decisions: z.array(z.discriminatedUnion('decision', [ApproveDecisionSchema, HoldBackDecisionSchema])).min(1, '请对每一项作出决定').max(500),
    note: readableText({ max: APPROVAL_NOTE_MAX, label: '审批意见', multiline: true }).optional(),
  })
  .meta({ id: 'SignApproval' })
export type SignApproval = z.infer<typeof SignApprovalSchema>
export type SignApprovalInput = z.input<typeof SignApprovalSchema>
