import { z } from 'zod'
import { ApplicationDraftSchema } from './applications'
import { SectorSchema } from './calls'
import { ObjectIdSchema } from './experts'

const Instant = z.iso.datetime({ offset: true })
const LocalDate = z.iso.date('日期格式应为 YYYY-MM-DD')

/** Roles a person holds in one call's committee (第十、十一、十二条), derived from the committee and the assignments. */
export const CALL_ROLES = ['committee_chair', 'committee_vice_chair', 'group_leader', 'group_member', 'assigned_expert'] as const
export type CallRole = (typeof CALL_ROLES)[number]
export const CALL_ROLE_LABELS: Record<CallRole, string> = {
  committee_chair: '主任委员',
  committee_vice_chair: '副主任委员',
  group_leader: '专业组组长',
  group_member: '专业组组员',
  assigned_expert: '评审专家',
}

export const COMMITTEE_STATES = ['formed', 'reviewing'] as const
export type CommitteeState = (typeof COMMITTEE_STATES)[number]
export const COMMITTEE_STATE_LABELS: Record<CommitteeState, string> = { formed: '已组建', reviewing: '评审中' }

export const DEFAULT_PLEDGE_TEXT =
  '本人承诺：对评审中知悉的申报材料、评审情况和评审结果严格保密，不复制、不外传、不泄露（第十三条）；' +
  '与申报组织存在任职、曾任职（三年内）、成员关系或其他可能影响公正评审的情形时，主动申报并回避；' +
  '独立、客观、公正地评审，不接受申报组织的任何馈赠。'

const GroupInput = z.strictObject({
  /** Kept when editing, so assignments stay with their group. */
  id: ObjectIdSchema('专业组').optional(),
  name: z.string().trim().min(2, '请填写专业组名称').max(30),
  /** What the group reviews: its applications are suggested by these (editable). */
  sectors: z.array(SectorSchema).max(3).default([]),
  industries: z.array(z.string().trim().min(2).max(30)).max(20).default([]),
  leaderId: ObjectIdSchema('组长'),
  memberIds: z.array(ObjectIdSchema('组员')).min(1, '每个专业组至少有一名组员（第十二条）').max(50),
})

/**
 * The committee of one call (第十一条, 第十二条): exactly one chair (the one field), one or two vice
 * chairs, and specialty groups each with exactly one leader. Rules that need the pool (competence,
 * one group per expert) are checked on the server and answered with COMMITTEE_INVALID naming the rule.
 */
export const CommitteeInputSchema = z
  .strictObject({
    chairId: ObjectIdSchema('主任委员'),
    viceChairIds: z
      .array(ObjectIdSchema('副主任委员'))
      .min(1, '须设副主任委员 1 至 2 名（第十一条）')
      .max(2, '须设副主任委员 1 至 2 名（第十一条）'),
    groups: z.array(GroupInput).max(20).default([]),
    pledgeText: z.string().trim().min(20, '保密与回避承诺书至少 20 个字').max(5000),
    /** Reviewers per application; 0 = every member of the group. */
    reviewersPerApplication: z.number().int().min(0).max(15),
    maxPerExpert: z.number().int().min(1).max(500),
    /** Last day of material review (Asia/Shanghai): the experts' deadline. */
    reviewDeadline: LocalDate.optional(),
    /** Required once review has started: the change is audited and the affected are told. */
    reason: z.string().trim().max(500).optional(),
  })
  .meta({ id: 'CommitteeInput' })
export type CommitteeInput = z.input<typeof CommitteeInputSchema>

const Member = z.strictObject({ expertId: z.string(), name: z.string(), title: z.string(), employer: z.string(), competent: z.boolean() })
export type CommitteeMember = z.infer<typeof Member>

export const CommitteeSchema = z
  .strictObject({
    id: z.string(),
    callId: z.string(),
    state: z.enum(COMMITTEE_STATES),
    chair: Member,
    viceChairs: z.array(Member),
    groups: z.array(
      z.strictObject({
        id: z.string(),
        name: z.string(),
        sectors: z.array(SectorSchema),
        industries: z.array(z.string()),
        leader: Member,
        members: z.array(Member),
      }),
    ),
    pledgeText: z.string(),
    pledgeVersion: z.number().int(),
    reviewersPerApplication: z.number().int(),
    maxPerExpert: z.number().int(),
    reviewDeadline: z.string().optional(),
    /** Who accepted the current pledge text, and when (第十三条). */
    pledges: z.array(z.strictObject({ expertId: z.string(), name: z.string(), acceptedAt: Instant })),
    updatedAt: Instant,
  })
  .meta({ id: 'Committee' })
export type Committee = z.infer<typeof CommitteeSchema>

/** Conflicts of interest (回避, 第十三条). */
export const CONFLICT_KINDS = ['employer', 'former_employer', 'member', 'declared'] as const
export type ConflictKind = (typeof CONFLICT_KINDS)[number]
export const CONFLICT_KIND_LABELS: Record<ConflictKind, string> = {
  employer: '现任职单位即申报组织',
  former_employer: '三年内曾任职于申报组织',
  member: '是申报组织的成员',
  declared: '专家自行申报',
}
export const CONFLICT_STATES = ['active', 'dismissed'] as const

export const ConflictSchema = z
  .strictObject({
    id: z.string(),
    expertId: z.string(),
    expertName: z.string(),
    applicationId: z.string(),
    applicationTitle: z.string(),
    organizationName: z.string(),
    kind: z.enum(CONFLICT_KINDS),
    detail: z.string(),
    state: z.enum(CONFLICT_STATES),
    dismissReason: z.string().optional(),
    dismissedAt: Instant.optional(),
    createdAt: Instant,
  })
  .meta({ id: 'Conflict' })
export type Conflict = z.infer<typeof ConflictSchema>
export const ConflictIdParamsSchema = z.strictObject({ id: ObjectIdSchema('回避记录') })
export const ReasonBodySchema = z.strictObject({ reason: z.string().trim().min(2, '请填写原因').max(500) }).meta({ id: 'ReasonBody' })
export const DeclareConflictSchema = z.strictObject({
  applicationId: ObjectIdSchema('申报'),
  reason: z.string().trim().min(2, '请填写回避原因').max(500),
}).meta({ id: 'DeclareConflict' })

/** Assignment of applications to groups and reviewers. */
export const ASSIGNMENT_STATES = ['active', 'withdrawn'] as const
export type AssignmentState = (typeof ASSIGNMENT_STATES)[number]

const PlannedReviewer = z.strictObject({
  assignmentId: z.string(),
  expertId: z.string(),
  name: z.string(),
  source: z.enum(['algorithm', 'manual']),
  coversField: z.boolean(),
})

export const AssignmentPlanSchema = z
  .strictObject({
    callId: z.string(),
    committeeState: z.enum(COMMITTEE_STATES),
    reviewersPerApplication: z.number().int(),
    maxPerExpert: z.number().int(),
    groups: z.array(
      z.strictObject({
        id: z.string(),
        name: z.string(),
        applications: z.number().int(),
        loads: z.array(z.strictObject({ expertId: z.string(), name: z.string(), count: z.number().int() })),
      }),
    ),
    applications: z.array(
      z.strictObject({
        applicationId: z.string(),
        receiptNumber: z.string().optional(),
        title: z.string(),
        organizationName: z.string(),
        sector: SectorSchema.optional(),
        groupId: z.string().optional(),
        placedBy: z.enum(['suggested', 'office']).optional(),
        placementReason: z.string().optional(),
        reviewers: z.array(PlannedReviewer),
        /** Who the next run would add (a replacement after a withdrawal, or the first assignment). */
        proposed: z.array(z.strictObject({ expertId: z.string(), name: z.string() })),
        /** Why it has fewer reviewers than the call asks for, in Chinese; absent when complete. */
        gap: z.string().optional(),
      }),
    ),
    /** Every gap, one sentence each. */
    gaps: z.array(z.string()),
  })
  .meta({ id: 'AssignmentPlan' })
export type AssignmentPlan = z.infer<typeof AssignmentPlanSchema>

export const PlacementParamsSchema = z.strictObject({ id: ObjectIdSchema('征集通知'), applicationId: ObjectIdSchema('申报') })
export const PlacementBodySchema = z.strictObject({ groupId: ObjectIdSchema('专业组'), reason: z.string().trim().min(2, '请填写调整原因').max(500) }).meta({ id: 'PlacementBody' })
export const ManualAssignmentSchema = z.strictObject({
  applicationId: ObjectIdSchema('申报'),
  expertId: ObjectIdSchema('专家'),
  reason: z.string().trim().min(2, '请填写调整原因').max(500),
}).meta({ id: 'ManualAssignment' })
export const AssignmentIdParamsSchema = z.strictObject({ id: ObjectIdSchema('评审任务') })

/** What an expert sees (第十三条: only their own work). */
export const MyReviewCallSchema = z.strictObject({
  callId: z.string(),
  callTitle: z.string(),
  year: z.number().int(),
  committeeState: z.enum(COMMITTEE_STATES),
  roles: z.array(z.enum(CALL_ROLES)),
  groupName: z.string().optional(),
  pledgeText: z.string(),
  pledgeVersion: z.number().int(),
  pledgeAcceptedAt: Instant.optional(),
  reviewDeadline: z.string().optional(),
  assignments: z.number().int(),
})
export const MyReviewCallsSchema = z.strictObject({ items: z.array(MyReviewCallSchema) }).meta({ id: 'MyReviewCalls' })
export type MyReviewCall = z.infer<typeof MyReviewCallSchema>

export const MyAssignmentSchema = z.strictObject({
  id: z.string(),
  applicationId: z.string(),
  title: z.string(),
  organizationName: z.string(),
  sector: SectorSchema.optional(),
  groupName: z.string(),
  deadline: z.string().optional(),
  assignedAt: Instant,
})
export type MyAssignment = z.infer<typeof MyAssignmentSchema>
export const MyAssignmentsSchema = z.strictObject({ items: z.array(MyAssignmentSchema) }).meta({ id: 'MyAssignments' })

export const AssignedApplicationSchema = MyAssignmentSchema.extend({
  receiptNumber: z.string().optional(),
  content: ApplicationDraftSchema,
  files: z.array(z.strictObject({ id: z.string(), filename: z.string(), size: z.number().int(), contentType: z.string() })),
}).meta({ id: 'AssignedApplication' })
export type AssignedApplication = z.infer<typeof AssignedApplicationSchema>

export const AssignmentFileParamsSchema = z.strictObject({ id: ObjectIdSchema('评审任务'), attachmentId: ObjectIdSchema('附件') })
export const FileLinkSchema = z.strictObject({ url: z.string(), expiresAt: Instant }).meta({ id: 'FileLink' })
export const FileTokenParamsSchema = z.strictObject({ token: z.string().regex(/^[A-Za-z0-9_-]{20,64}$/, '链接无效') })
/** A file link lives this long and only for the expert it was made for. */
export const FILE_LINK_TTL_MS = 5 * 60_000

export const DeclarableApplicationsSchema = z
  .strictObject({ items: z.array(z.strictObject({ applicationId: z.string(), title: z.string(), organizationName: z.string(), declared: z.boolean() })) })
  .meta({ id: 'DeclarableApplications' })

/** The chair's and vice chairs' view of the committee's work; a group leader sees their own group. */
export const CommitteeOverviewSchema = z
  .strictObject({
    callId: z.string(),
    state: z.enum(COMMITTEE_STATES),
    groups: z.array(
      z.strictObject({
        id: z.string(),
        name: z.string(),
        leader: z.string(),
        applications: z.number().int(),
        reviewers: z.array(z.strictObject({ name: z.string(), assignments: z.number().int() })),
      }),
    ),
  })
  .meta({ id: 'CommitteeOverview' })
