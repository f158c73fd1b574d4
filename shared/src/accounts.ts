import { z } from 'zod'
import { pageOf, PageQuerySchema } from './pagination'
import type { Role } from './workflow/roles'

/** Roles the office grants to browser accounts; organization and committee roles are derived. */
export const ACCOUNT_ROLES = ['office', 'expert', 'approver', 'admin'] as const satisfies readonly Role[]
export const AccountRoleSchema = z.enum(ACCOUNT_ROLES)
export type AccountRole = z.infer<typeof AccountRoleSchema>

export const ROLE_LABELS: Record<Role, string> = {
  public: '公众',
  wechat_user: '微信用户',
  org_member: '申报组织成员',
  listed_org_member: '入选组织成员',
  expert: '评审专家',
  office: '质量标杆工作办公室',
  committee_chair: '主任委员',
  committee_vice_chair: '副主任委员',
  approver: '中国质量协会审批人',
  admin: '系统管理员',
  system: '系统任务',
}

const Instant = z.iso.datetime({ offset: true })

export const UsernameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z][a-z0-9_.-]{2,31}$/, '用户名为 3–32 位小写字母、数字或 _ . -，以字母开头')

export const PasswordSchema = z
  .string()
  .min(10, '密码至少 10 位')
  .max(128, '密码最多 128 位')
  .refine((p) => /[A-Za-z]/.test(p) && /\d/.test(p), '密码须同时包含字母和数字')

/** One-time codes (invites, bind codes, organization invites): 10 characters, no look-alikes. */
export const OneTimeCodeSchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-HJ-NP-Z2-9]{10}$/, '请输入 10 位邀请码或绑定码')

export const OneTimeCodeResponseSchema = z
  .strictObject({ code: z.string(), expiresAt: Instant })
  .meta({ id: 'OneTimeCode' })
export type OneTimeCodeResponse = z.infer<typeof OneTimeCodeResponseSchema>

export const MyOrganizationSchema = z.strictObject({
  id: z.string(),
  name: z.string(),
  /** 第二十条: listed organizations take part in exchange events. */
  listed: z.boolean(),
  nameReview: z.enum(['passed', 'pending', 'rejected']),
  nameReviewReason: z.string().optional(),
})

export const MeSchema = z
  .strictObject({
    id: z.string(),
    displayName: z.string(),
    username: z.string().optional(),
    email: z.string().optional(),
    hasPassword: z.boolean(),
    wechatBound: z.boolean(),
    roles: z.array(z.string()),
    organizations: z.array(MyOrganizationSchema),
  })
  .meta({ id: 'Me' })
export type Me = z.infer<typeof MeSchema>

export const SessionSchema = z
  .strictObject({
    /** Send as `Authorization: Bearer <token>`; no cookie is set, so there is no CSRF surface. */
    token: z.string(),
    expiresAt: Instant,
    me: MeSchema,
  })
  .meta({ id: 'Session' })
export type Session = z.infer<typeof SessionSchema>

export const AuthMethodsSchema = z
  .strictObject({
    /** `standin`: the server signs WeChat users in against its local stand-in (development and tests). */
    wechat: z.enum(['real', 'standin']),
  })
  .meta({ id: 'AuthMethods' })

export const PasswordLoginSchema = z
  .strictObject({
    login: z.string().trim().min(1, '请输入用户名或邮箱').max(100),
    password: z.string().min(1, '请输入密码').max(200),
  })
  .meta({ id: 'PasswordLogin' })

export const WeChatLoginSchema = z
  .strictObject({ code: z.string().trim().min(1).max(128) })
  .meta({ id: 'WeChatLogin' })

export const AcceptInviteSchema = z
  .strictObject({ code: OneTimeCodeSchema, password: PasswordSchema })
  .meta({ id: 'AcceptInvite' })

export const ChangePasswordSchema = z
  .strictObject({ currentPassword: z.string().min(1).max(200), newPassword: PasswordSchema })
  .meta({ id: 'ChangePassword' })

export const CodeInputSchema = z.strictObject({ code: OneTimeCodeSchema }).meta({ id: 'CodeInput' })

export const UserViewSchema = z
  .strictObject({
    id: z.string(),
    username: z.string().optional(),
    displayName: z.string(),
    email: z.string().optional(),
    roles: z.array(AccountRoleSchema),
    disabled: z.boolean(),
    disabledReason: z.string().optional(),
    wechatBound: z.boolean(),
    /** The account has not set its password from its invite yet. */
    invitePending: z.boolean(),
    createdAt: Instant,
    lastLoginAt: Instant.optional(),
  })
  .meta({ id: 'User' })
export type UserView = z.infer<typeof UserViewSchema>

export const CreateUserSchema = z
  .strictObject({
    username: UsernameSchema,
    displayName: z.string().trim().min(2, '姓名至少 2 个字').max(40),
    email: z.email('邮箱格式不正确').toLowerCase().optional(),
    roles: z.array(AccountRoleSchema).min(1, '至少选择一个角色'),
  })
  .meta({ id: 'CreateUser' })
export type CreateUser = z.infer<typeof CreateUserSchema>

export const UserWithInviteSchema = z
  .strictObject({ user: UserViewSchema, invite: OneTimeCodeResponseSchema })
  .meta({ id: 'UserWithInvite' })

export const SetRolesSchema = z
  .strictObject({ roles: z.array(AccountRoleSchema).min(1, '至少选择一个角色') })
  .meta({ id: 'SetRoles' })

export const ReasonSchema = z
  .strictObject({ reason: z.string().trim().min(2, '请填写原因').max(500) })
  .meta({ id: 'Reason' })

export const UserListQuerySchema = PageQuerySchema.extend({
  q: z.string().trim().max(50).optional().meta({ description: '按用户名、姓名或邮箱查找' }),
  role: AccountRoleSchema.optional(),
  status: z.enum(['active', 'disabled']).optional(),
})
export const UserPageSchema = pageOf(UserViewSchema).meta({ id: 'UserPage' })

export const UserIdParamsSchema = z.strictObject({ id: z.string().regex(/^[0-9a-f]{24}$/, '用户编号格式不正确') })
