import { z } from 'zod'
import { pageOf, PageQuerySchema } from './pagination'

const Instant = z.iso.datetime({ offset: true })

/** The applicant organization (申报组织) as far as membership goes; its profile comes with applications. */
export const CreateOrganizationSchema = z
  .strictObject({ name: z.string().trim().min(2, '组织名称至少 2 个字').max(100) })
  .meta({ id: 'CreateOrganization' })

export const OrganizationViewSchema = z
  .strictObject({
    id: z.string(),
    name: z.string(),
    listed: z.boolean(),
    memberCount: z.number().int(),
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
})
export const OrganizationPageSchema = pageOf(OrganizationViewSchema).meta({ id: 'OrganizationPage' })

export const OrganizationIdParamsSchema = z.strictObject({
  id: z.string().regex(/^[0-9a-f]{24}$/, '组织编号格式不正确'),
})
