import { z } from 'zod'
import { pageOf, PageQuerySchema } from './pagination'

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

const OrganizationName = z.string().trim().min(2, '组织名称至少 2 个字').max(100)

/** The applicant organization (申报组织) as far as membership goes; its profile comes with applications. */
export const CreateOrganizationSchema = z.strictObject({ name: OrganizationName }).meta({ id: 'CreateOrganization' })

export const RenameOrganizationSchema = z.strictObject({ name: OrganizationName }).meta({ id: 'RenameOrganization' })

export const NameReviewDecisionSchema = z
  .strictObject({
    decision: z.enum(['approve', 'reject']),
    reason: z.string().trim().max(200).optional(),
  })
  .refine((d) => d.decision === 'approve' || (d.reason?.length ?? 0) >= 2, {
    message: '驳回时请填写原因',
    path: ['reason'],
  })
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
  q: z.string().trim().max(50).optional().meta({ description: '按名称查找' }),
  nameReview: NameReviewSchema.optional().meta({ description: '按名称审核状态筛选（如 pending：待审核）' }),
})
export const OrganizationPageSchema = pageOf(OrganizationViewSchema).meta({ id: 'OrganizationPage' })

export const OrganizationIdParamsSchema = z.strictObject({
  id: z.string().regex(/^[0-9a-f]{24}$/, '组织编号格式不正确'),
})
