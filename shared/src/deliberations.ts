import { z } from 'zod'
import { AttachedFileSchema, AttachmentRefSchema } from './attachments'
import { ObjectIdSchema } from './experts'
import { ReviewRoundSchema, type ReviewRound } from './review'
import type { ApplicationEvent, ApplicationState } from './workflow/application'

/**
 * Deliberation (合议) of a review round and its sign-off, defense slots and site visits
 * (第十一条, 第十六条, 第十七条). The office records the meeting; the chair, or a vice chair standing in,
 * signs it; only then do the applications move. The applicant sees their defense slot (time, place,
 * link) and nothing of the committee (第十三条).
 */

const Instant = z.iso.datetime({ offset: true })
const LocalDate = z.iso.date('日期格式应为 YYYY-MM-DD')
const Notes = z.string().trim().max(1000, '说明不超过 1000 字')

// ---- Deliberation ----

export const DELIBERATION_STATES = ['draft', 'signed'] as const
export type DeliberationState = (typeof DELIBERATION_STATES)[number]
export const DELIBERATION_STATE_LABELS: Record<DeliberationState, string> = { draft: '待签署', signed: '已签署' }

/** 第十六条: shortlisted for defense or not; 第十七条: recommended or not. */
export const DELIBERATION_DECISIONS = ['shortlisted', 'not_shortlisted', 'recommended', 'not_recommended'] as const
export type DeliberationDecision = (typeof DELIBERATION_DECISIONS)[number]
export const DELIBERATION_DECISION_LABELS: Record<DeliberationDecision, string> = {
  shortlisted: '入围答辩评审',
  not_shortlisted: '不入围',
  recommended: '推荐',
  not_recommended: '不推荐',
}
export const ROUND_DECISIONS: Record<ReviewRound, readonly [DeliberationDecision, DeliberationDecision]> = {
  material: ['shortlisted', 'not_shortlisted'],
  defense: ['recommended', 'not_recommended'],
}
/** The application step a signed decision takes (shared/src/workflow/application.ts). */
export type DecisionEvent = Extract<ApplicationEvent, 'shortlist' | 'rejectAfterMaterialReview' | 'recommend' | 'rejectAfterDefense'>
export const DECISION_EVENTS: Record<DeliberationDecision, DecisionEvent> = {
  shortlisted: 'shortlist',
  not_shortlisted: 'rejectAfterMaterialReview',
  recommended: 'recommend',
  not_recommended: 'rejectAfterDefense',
}
/** Where a decided application is once its decision is applied. */
export const DECISION_STATES: Record<DeliberationDecision, ApplicationState> = {
  shortlisted: 'shortlisted',
  not_shortlisted: 'not_shortlisted',
  recommended: 'recommended',
  not_recommended: 'not_recommended',
}
/** The applications a round's deliberation decides on: in material review, or in defense review (a site visit under way is listed, and must finish first). */
export const ROUND_DECIDABLE_STATES: Record<ReviewRound, readonly ApplicationState[]> = {
  material: ['material_review'],
  defense: ['defense_review', 'site_visit'],
}

export const COMMITTEE_PLACES = ['chair', 'vice_chair', 'group_leader', 'member'] as const
export type CommitteePlace = (typeof COMMITTEE_PLACES)[number]
export const COMMITTEE_PLACE_LABELS: Record<CommitteePlace, string> = { chair: '主任委员', vice_chair: '副主任委员', group_leader: '组长', member: '委员' }

const AttendeeIds = z
  .array(ObjectIdSchema('出席委员'))
  .min(1, '请选择出席委员')
  .max(60)
  .refine((ids) => new Set(ids).size === ids.length, { message: '出席委员有重复' })

/** Opening the record of a meeting (office). */
export const DeliberationCreateSchema = z
  .strictObject({
    round: ReviewRoundSchema,
    /** The meeting day (Asia/Shanghai). */
    date: LocalDate,
    place: z.string().trim().max(100, '地点不超过 100 字').optional(),
    attendeeIds: AttendeeIds,
    minutes: z.string().trim().max(5000, '会议纪要不超过 5000 字').optional(),
  })
  .meta({ id: 'DeliberationCreate' })
export type DeliberationCreate = z.infer<typeof DeliberationCreateSchema>

/** Saving the draft: the meeting, and each application's decision and notes (the list is refreshed on every save). */
export const DeliberationSaveSchema = DeliberationCreateSchema.omit({ round: true })
  .extend({
    items: z
      .array(
        z.strictObject({
          applicationId: ObjectIdSchema('申报'),
          decision: z.enum(DELIBERATION_DECISIONS).nullable(),
          notes: Notes.default(''),
        }),
      )
      .max(2000)
      .refine((items) => new Set(items.map((i) => i.applicationId)).size === items.length, { message: '同一申报出现多次' }),
  })
  .meta({ id: 'DeliberationSave' })
export type DeliberationSave = z.input<typeof DeliberationSaveSchema>

const PersonSchema = z.strictObject({ expertId: z.string(), name: z.string(), place: z.enum(COMMITTEE_PLACES) })

const SiteVisitBriefSchema = z.strictObject({
  id: z.string(),
  state: z.enum(['requested', 'completed']),
  date: z.string(),
  findings: z.string(),
  conclusion: z.string(),
})

export const DeliberationItemSchema = z.strictObject({
  applicationId: z.string(),
  receiptNumber: z.string().optional(),
  title: z.string(),
  organizationName: z.string(),
  groupId: z.string().optional(),
  groupName: z.string().optional(),
  /** Where the application is now. */
  applicationState: z.string(),
  decision: z.enum(DELIBERATION_DECISIONS).nullable(),
  notes: z.string(),
  /** Attendees with an active conflict on this application (回避): they do not decide on it. */
  recused: z.array(PersonSchema),
  /** Attendees who decide on it: the attendees less the recused. */
  deciding: z.number().int(),
  /** Set once the signed decision moved the application (idempotent when the sign-off is retried). */
  applied: z.boolean(),
  appliedAt: Instant.optional(),
  applyError: z.string().optional(),
  /** 第十七条: the site visits of this application, their findings beside the decision. */
  siteVisits: z.array(SiteVisitBriefSchema),
})
export type DeliberationItem = z.infer<typeof DeliberationItemSchema>

export const DeliberationSchema = z
  .strictObject({
    id: z.string(),
    callId: z.string(),
    callTitle: z.string(),
    round: ReviewRoundSchema,
    state: z.enum(DELIBERATION_STATES),
    date: z.string(),
    place: z.string().optional(),
    minutes: z.string().optional(),
    attendees: z.array(PersonSchema),
    quorum: z.number().int(),
    items: z.array(DeliberationItemSchema),
    /** What stands in the way of signing, in Chinese (empty when it may be signed). */
    blockers: z.array(z.string()),
    signedAt: Instant.optional(),
    signedBy: z.string().optional(),
    signedAs: z.enum(COMMITTEE_PLACES).optional(),
    /** What the caller may do with it now: edit (office), sign (the chair or a vice chair who attended). */
    actions: z.array(z.enum(['edit', 'sign'])),
    createdAt: Instant,
    updatedAt: Instant,
  })
  .meta({ id: 'Deliberation' })
export type DeliberationView = z.infer<typeof DeliberationSchema>

export const DeliberationListSchema = z
  .strictObject({
    callId: z.string(),
    quorum: z.number().int(),
    /** The committee members the office picks attendees from. */
    members: z.array(PersonSchema),
    /** Applications waiting for a decision, per round. */
    waiting: z.strictObject({ material: z.number().int(), defense: z.number().int() }),
    items: z.array(DeliberationSchema),
  })
  .meta({ id: 'DeliberationList' })

/** The chair's and vice chairs' list (expert side): records to sign and signed ones, across their calls. */
export const MyDeliberationsSchema = z
  .strictObject({
    items: z.array(
      z.strictObject({
        id: z.string(),
        callId: z.string(),
        callTitle: z.string(),
        round: ReviewRoundSchema,
        state: z.enum(DELIBERATION_STATES),
        date: z.string(),
        applications: z.number().int(),
        signedAt: Instant.optional(),
      }),
    ),
  })
  .meta({ id: 'MyDeliberations' })

export const DeliberationIdParamsSchema = z.strictObject({ id: ObjectIdSchema('合议记录') })

// ---- Defense (第十七条) ----

export const StartDefenseSchema = z
  .strictObject({
    /** Which shortlisted applications; all of the call's when absent. */
    applicationIds: z.array(ObjectIdSchema('申报')).max(2000).optional(),
  })
  .meta({ id: 'StartDefense' })

const HttpsLink = z
  .string()
  .trim()
  .max(500)
  .regex(/^https:\/\/[^\s]+$/, '线上链接应以 https:// 开头')

export const DEFENSE_SLOT_STATES = ['open', 'assigned', 'confirmed'] as const
export type DefenseSlotState = (typeof DEFENSE_SLOT_STATES)[number]
export const DEFENSE_SLOT_STATE_LABELS: Record<DefenseSlotState, string> = { open: '未安排', assigned: '待申报组织确认', confirmed: '已确认' }

/** A defense slot of one group (office): when, and where or which online meeting. */
export const DefenseSlotInputSchema = z
  .strictObject({
    groupId: ObjectIdSchema('专业组'),
    startsAt: Instant,
    durationMinutes: z.number().int().min(10, '时长至少 10 分钟').max(480, '时长不超过 8 小时'),
    place: z.string().trim().max(100, '地点不超过 100 字').optional(),
    onlineLink: HttpsLink.optional(),
  })
  .refine((s) => !!s.place?.trim() || !!s.onlineLink, { message: '请填写答辩地点或线上会议链接', path: ['place'] })
  .meta({ id: 'DefenseSlotInput' })
export type DefenseSlotInput = z.infer<typeof DefenseSlotInputSchema>

export const AssignDefenseSlotSchema = z.strictObject({ applicationId: ObjectIdSchema('申报').nullable() }).meta({ id: 'AssignDefenseSlot' })

const ApplicationBriefSchema = z.strictObject({
  applicationId: z.string(),
  receiptNumber: z.string().optional(),
  title: z.string(),
  organizationName: z.string(),
  state: z.string(),
  groupId: z.string().optional(),
  groupName: z.string().optional(),
})

export const DefenseSlotSchema = z
  .strictObject({
    id: z.string(),
    callId: z.string(),
    groupId: z.string(),
    groupName: z.string(),
    state: z.enum(DEFENSE_SLOT_STATES),
    startsAt: Instant,
    endsAt: Instant,
    place: z.string().optional(),
    onlineLink: z.string().optional(),
    application: ApplicationBriefSchema.optional(),
    confirmedAt: Instant.optional(),
  })
  .meta({ id: 'DefenseSlot' })
export type DefenseSlotView = z.infer<typeof DefenseSlotSchema>

export const DefenseBoardSchema = z
  .strictObject({
    callId: z.string(),
    groups: z.array(z.strictObject({ id: z.string(), name: z.string() })),
    /** Shortlisted, waiting for the defense round to start. */
    shortlisted: z.array(ApplicationBriefSchema),
    /** In defense review (or on a site visit) without a slot. */
    unscheduled: z.array(ApplicationBriefSchema),
    slots: z.array(DefenseSlotSchema),
  })
  .meta({ id: 'DefenseBoard' })

export const DefenseSlotIdParamsSchema = z.strictObject({ id: ObjectIdSchema('答辩时段') })

/** What the applicant sees of their slot (第十三条): time, place or link, nothing of the reviewers. */
export const ApplicantDefenseSlotSchema = z
  .strictObject({
    slot: z
      .strictObject({
        startsAt: Instant,
        endsAt: Instant,
        place: z.string().optional(),
        onlineLink: z.string().optional(),
        confirmedAt: Instant.optional(),
      })
      .nullable(),
  })
  .meta({ id: 'ApplicantDefenseSlot' })
export type ApplicantDefenseSlot = z.infer<typeof ApplicantDefenseSlotSchema>

// ---- Site visits (现场考察, 第十七条) ----

export const SITE_VISIT_STATES = ['requested', 'completed'] as const
export type SiteVisitState = (typeof SITE_VISIT_STATES)[number]
export const SITE_VISIT_STATE_LABELS: Record<SiteVisitState, string> = { requested: '考察中', completed: '已完成' }

const Team = z
  .array(z.string().trim().min(1, '请填写考察组成员姓名').max(40))
  .min(1, '请填写考察组成员')
  .max(10, '考察组不超过 10 人')

export const SiteVisitRequestSchema = z
  .strictObject({
    reason: z.string().trim().min(2, '请说明考察原因').max(500),
    team: Team,
    date: LocalDate,
  })
  .meta({ id: 'SiteVisitRequest' })

/** The findings as they are written up; completing requires findings and a conclusion. */
export const SiteVisitSaveSchema = z
  .strictObject({
    team: Team,
    date: LocalDate,
    findings: z.string().trim().max(5000, '考察发现不超过 5000 字').default(''),
    conclusion: z.string().trim().max(1000, '考察结论不超过 1000 字').default(''),
    attachments: z.array(AttachmentRefSchema).max(10, '附件不超过 10 个').default([]),
  })
  .meta({ id: 'SiteVisitSave' })
export type SiteVisitSave = z.input<typeof SiteVisitSaveSchema>

export const SiteVisitSchema = z
  .strictObject({
    id: z.string(),
    callId: z.string(),
    applicationId: z.string(),
    receiptNumber: z.string().optional(),
    title: z.string(),
    organizationName: z.string(),
    state: z.enum(SITE_VISIT_STATES),
    reason: z.string(),
    team: z.array(z.string()),
    date: z.string(),
    findings: z.string(),
    conclusion: z.string(),
    attachments: z.array(AttachedFileSchema),
    requestedAt: Instant,
    completedAt: Instant.optional(),
  })
  .meta({ id: 'SiteVisit' })
export type SiteVisitView = z.infer<typeof SiteVisitSchema>

export const SiteVisitListSchema = z.strictObject({ items: z.array(SiteVisitSchema) }).meta({ id: 'SiteVisitList' })
export const SiteVisitIdParamsSchema = z.strictObject({ id: ObjectIdSchema('现场考察') })
export const SiteVisitFileParamsSchema = z.strictObject({ id: ObjectIdSchema('现场考察'), attachmentId: ObjectIdSchema('附件') })
