import { z } from 'zod'
import { AttachedFileSchema, AttachmentIdSchema } from './attachments'
import { LISTED_SOURCES, LISTED_STATES, REMOVAL_EVENTS, REMOVAL_REASON_TYPES, REMOVAL_STATES } from './listing'
import { pageOf, PageQuerySchema } from './pagination'
import { hasHiddenCharacters, INVISIBLE_TEXT_MESSAGE, readableText, searchText } from './text'

/**
 * Removal from the list (第二十一条) as the office, the deciding chair (or vice chair) and the CAQ
 * approver handle it: the office starts it with the ground, the facts and its evidence; the chair,
 * then the approver confirm or decline; the approver's confirmation removes the entry and drafts the
 * announcement (公告), which the office reviews and publishes. States and the public announcement's
 * shape are in listing.ts. Every view here is for those three insiders — never the applicant (第十三条).
 */

const Instant = z.iso.datetime({ offset: true })
const Id = (what: string) => z.string().regex(/^[0-9a-f]{24}$/, `${what}编号格式不正确`)

/** 第二十一条: the facts must say what happened; long enough to decide on, short enough to read. */
export const REMOVAL_FACTS_MIN = 20
export const REMOVAL_FACTS_MAX = 3000
export const REMOVAL_EVIDENCE_MAX = 10

/**
 * The office starts a removal (第二十一条). `callId` names the call whose committee's chair or vice
 * chair confirms: required for an experience imported from an earlier year (it has no call of its
 * own), refused for one published here (its own call decides).
 */
export const RemovalStartSchema = z
  .strictObject({
    listedExperienceId: Id('名单经验'),
    reasonType: z.enum(REMOVAL_REASON_TYPES, { error: '请选择移除事由（第二十一条的两种情形之一）' }),
    facts: readableText({ min: REMOVAL_FACTS_MIN, max: REMOVAL_FACTS_MAX, label: '事实情况', multiline: true }),
    evidenceIds: z.array(AttachmentIdSchema).max(REMOVAL_EVIDENCE_MAX, `证明材料最多 ${REMOVAL_EVIDENCE_MAX} 个`).default([]),
    callId: Id('征集通知').optional().meta({ description: '往年导入的经验没有所属征集：由哪一征集的评审委员会确认' }),
  })
  .meta({ id: 'RemovalStart' })
export type RemovalStartInput = z.input<typeof RemovalStartSchema>

export const REMOVAL_DECISIONS = ['confirm', 'decline'] as const
export type RemovalDecision = (typeof REMOVAL_DECISIONS)[number]

/** The chair's or the approver's decision: confirm (an optional note) or decline (the reasons, required). */
export const RemovalDecisionSchema = z
  .strictObject({
    decision: z.enum(REMOVAL_DECISIONS, { error: '请选择确认移除或不予确认' }),
    reason: readableText({ min: 5, max: 1000, label: '意见', multiline: true }).optional(),
  })
  .superRefine((v, ctx) => {
    if (v.decision === 'decline' && !v.reason) ctx.addIssue({ code: 'custom', path: ['reason'], message: '不予确认时请写明理由' })
  })
  .meta({ id: 'RemovalDecision' })
export type RemovalDecisionInput = z.input<typeof RemovalDecisionSchema>

export const RemovalWithdrawSchema = z
  .strictObject({ reason: readableText({ min: 5, max: 500, label: '撤回原因', multiline: true }) })
  .meta({ id: 'RemovalWithdraw' })

/**
 * An official text (the announcement): like readableText — hidden characters refused, lengths in code
 * points — but NFC instead of NFKC, so the full-width punctuation of Chinese official writing (，：（）)
 * is kept as typed instead of becoming ASCII.
 */
function officialText({ min, max, label, multiline = false }: { min: number; max: number; label: string; multiline?: boolean }) {
  return z
    .string()
    .overwrite((s) => s.normalize('NFC').replace(/\r\n?/g, '\n').trim())
    .refine((s) => [...s].length >= min, `${label}至少 ${min} 个字`)
    .refine((s) => [...s].length <= max, `${label}最多 ${max} 个字`)
    .refine((s) => !hasHiddenCharacters(s, { multiline }), INVISIBLE_TEXT_MESSAGE)
    .meta({ description: `${label}：${min}–${max} 个字，NFC 规范化（保留全角标点），不得含有不可见字符` })
}

/** The office's review of the drafted announcement before it is published. */
export const ANNOUNCEMENT_TITLE_MAX = 100
export const ANNOUNCEMENT_BODY_MAX = 5000
export const AnnouncementEditSchema = z
  .strictObject({
    title: officialText({ min: 5, max: ANNOUNCEMENT_TITLE_MAX, label: '公告标题' }),
    body: officialText({ min: 30, max: ANNOUNCEMENT_BODY_MAX, label: '公告正文', multiline: true }),
  })
  .meta({ id: 'AnnouncementEdit' })
export type AnnouncementEditInput = z.input<typeof AnnouncementEditSchema>

export const RemovalIdParamsSchema = z.strictObject({ id: Id('移除') })
export const RemovalFileParamsSchema = z.strictObject({ id: Id('移除'), attachmentId: AttachmentIdSchema })
export const AnnouncementIdParamsSchema = z.strictObject({ id: Id('公告') })
export const RemovalQuerySchema = PageQuerySchema.extend({ state: z.enum(REMOVAL_STATES).optional() })
export const RemovalCandidateQuerySchema = PageQuerySchema.extend({
  q: searchText().optional().meta({ description: '按组织名称或经验名称查找' }),
})

/** A listed experience the office may start a removal of (still listed), with any removal already open. */
export const RemovalCandidateSchema = z.strictObject({
  id: z.string(),
  year: z.number().int(),
  organizationName: z.string(),
  title: z.string(),
  source: z.enum(LISTED_SOURCES),
  /** The experience's own call (published here); absent for an imported one. */
  callId: z.string().optional(),
  openRemovalId: z.string().optional(),
})
export const RemovalCandidatePageSchema = pageOf(RemovalCandidateSchema).meta({ id: 'RemovalCandidatePage' })

/** Calls whose committee can confirm the removal of an imported experience (a committee was formed). */
export const RemovalCallListSchema = z
  .strictObject({ items: z.array(z.strictObject({ id: z.string(), title: z.string(), year: z.number().int(), chairName: z.string() })) })
  .meta({ id: 'RemovalCallList' })

const SignedSchema = z.strictObject({ name: z.string(), at: Instant, note: z.string().optional() })

/** A removal for the office, the deciding chair or vice chair, and the approver. */
export const RemovalSchema = z
  .strictObject({
    id: z.string(),
    state: z.enum(REMOVAL_STATES),
    stateLabel: z.string(),
    reasonType: z.enum(REMOVAL_REASON_TYPES),
    reasonLabel: z.string(),
    facts: z.string(),
    evidence: z.array(AttachedFileSchema),
    experience: z.strictObject({
      id: z.string(),
      year: z.number().int(),
      organizationName: z.string(),
      title: z.string(),
      source: z.enum(LISTED_SOURCES),
      state: z.enum(LISTED_STATES),
    }),
    call: z.strictObject({ id: z.string(), title: z.string() }),
    proposal: SignedSchema,
    chairConfirmation: SignedSchema.optional(),
    approverConfirmation: SignedSchema.optional(),
    /** Declined or withdrawn: by whom, when, why. */
    ending: SignedSchema.extend({ state: z.enum(REMOVAL_STATES) }).optional(),
    announcement: z
      .strictObject({
        number: z.string(),
        title: z.string(),
        body: z.string(),
        draftedAt: Instant,
        edited: SignedSchema.optional(),
        published: SignedSchema.optional(),
      })
      .optional(),
    history: z.array(z.strictObject({ state: z.enum(REMOVAL_STATES), at: Instant })),
    /** The steps the caller may take now (the machine's table, their roles in the removal's call): the buttons to show. */
    events: z.array(z.enum(REMOVAL_EVENTS)),
    canEditAnnouncement: z.boolean(),
  })
  .meta({ id: 'Removal' })
export type Removal = z.infer<typeof RemovalSchema>

export const RemovalRowSchema = RemovalSchema.pick({ id: true, state: true, stateLabel: true, reasonLabel: true, experience: true, call: true }).extend({
  proposedAt: Instant,
  updatedAt: Instant,
  /** The caller has a step to take on it. */
  actionable: z.boolean(),
})
export type RemovalRow = z.infer<typeof RemovalRowSchema>
export const RemovalPageSchema = pageOf(RemovalRowSchema).meta({ id: 'RemovalPage' })
