import { z } from 'zod'
import { emailAddress } from './email'
import { searchText } from './text'
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
  // A pattern, not a refinement, so the OpenAPI document states the rule too (issue 12, item 7).
  .regex(/^(?=.*[A-Za-z])(?=.*\d)/, '密码须同时包含字母和数字')

/** Invite codes (account and organization invites): 10 characters, no look-alikes. */
export const OneTimeCodeSchema = z
  .string()
  .trim()
  .toUpperCase()
  // A pattern, not a refinement: the document refuses a bind code here too, so it stays a 400.
  .regex(/^(?!BD-)/, { message: '这是账号绑定码，不是邀请码：请在“我的 → 账号绑定”中输入', abort: true })
  .regex(/^[A-HJ-NP-Z2-9]{10}$/, '请输入 10 位邀请码')

/**
 * Bind codes look unlike invite codes (issue 12: a phished bind code hands over an account), so a
 * person told "enter this invite code" sees at once that it is something else: `BD-` and 10 characters.
 */
export const BIND_CODE_PREFIX = 'BD-'
export const BindCodeSchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^BD-?[A-HJ-NP-Z2-9]{10}$/, '绑定码为 BD- 开头的 13 位（组织邀请码请在“加入组织”中输入）')
  // One spelling for the hash lookup, whether the dash was typed or not.
  .overwrite((code) => BIND_CODE_PREFIX + code.slice(-10))

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

export const BindCodeInputSchema = z.strictObject({ code: BindCodeSchema }).meta({ id: 'BindCodeInput' })

/**
 * Binding hands one side's sign-in to the other, so it is sent only after the person saw who is on
 * the other side (BindPreview) and confirmed; an office, admin or approver account also re-enters
 * its password, and may bind only from its own signed-in browser session.
 */
export const BindSchema = z
  .strictObject({
    code: BindCodeSchema,
    confirm: z.literal(true, '请先核对绑定对象并确认'),
    password: z.string().min(1).max(200).optional().meta({ description: '办公室、管理员、审批人账号绑定时必填：重新输入本账号密码' }),
  })
  .meta({ id: 'Bind' })

/** Who is on the other side of a bind code, masked: enough to recognise oneself, not to learn a name. */
export const BindPreviewSchema = z
  .strictObject({
    otherSide: z.strictObject({
      kind: z.enum(['wechat', 'browser']),
      /** Masked WeChat nickname or display name, e.g. 微**户. */
      name: z.string(),
      /** Masked account name of a browser account. */
      username: z.string().optional(),
    }),
    codeCreatedAt: Instant,
    /** This binding needs the browser account's password re-entered (office, admin, approver). */
    passwordRequired: z.boolean(),
  })
  .meta({ id: 'BindPreview' })
export type BindPreview = z.infer<typeof BindPreviewSchema>

/** Roles whose accounts bind only from their own browser session with the password re-entered. */
export const BIND_GUARDED_ROLES = ['office', 'admin', 'approver'] as const satisfies readonly AccountRole[]

/** Keeps the first and last character and stars the rest: 微信用户ab12 → 微******2. */
export function maskName(name: string): string {
  const chars = [...name]
  if (chars.length <= 1) return '*'
  if (chars.length === 2) return `${chars[0]}*`
  return `${chars[0]}${'*'.repeat(Math.min(chars.length - 2, 6))}${chars[chars.length - 1]}`
}

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
    email: emailAddress().toLowerCase().optional(),
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
  q: searchText().optional().meta({ description: '按用户名、姓名或邮箱查找' }),
  role: AccountRoleSchema.optional(),
  status: z.enum(['active', 'disabled']).optional(),
})
export const UserPageSchema = pageOf(UserViewSchema).meta({ id: 'UserPage' })

export const UserIdParamsSchema = z.strictObject({ id: z.string().regex(/^[0-9a-f]{24}$/, '用户编号格式不正确') })
