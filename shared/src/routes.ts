import { z } from 'zod'
import {
  AcceptInviteSchema,
  AuthMethodsSchema,
  ChangePasswordSchema,
  CodeInputSchema,
  CreateUserSchema,
  MeSchema,
  OneTimeCodeResponseSchema,
  PasswordLoginSchema,
  ReasonSchema,
  SessionSchema,
  SetRolesSchema,
  UserIdParamsSchema,
  UserListQuerySchema,
  UserPageSchema,
  UserViewSchema,
  UserWithInviteSchema,
  WeChatLoginSchema,
} from './accounts'
import { AuditFilterSchema, AuditPageSchema, AuditQuerySchema } from './audit'
import { CallDetailSchema, CallIdParamsSchema, CallListQuerySchema, CallPageSchema } from './calls'
import type { ErrorCode } from './errors'
import {
  MessageIdParamsSchema,
  MessageListQuerySchema,
  MessagePageSchema,
  OutboxIdParamsSchema,
  OutboxPageSchema,
  OutboxQuerySchema,
  OutboxRecordViewSchema,
  SubscriptionReportSchema,
  SubscriptionsViewSchema,
} from './messages'
import {
  CreateOrganizationSchema,
  NameReviewDecisionSchema,
  RenameOrganizationSchema,
  MemberListSchema,
  OrganizationIdParamsSchema,
  OrganizationListQuerySchema,
  OrganizationPageSchema,
  OrganizationViewSchema,
} from './organizations'

/**
 * The API contract (after ts-rest): one entry per route with its zod schemas. The server binds
 * handlers to it and validates with it, the mini-program calls through it, and /openapi.json is
 * generated from it.
 */
export interface RouteDef<
  P extends z.ZodType = z.ZodType,
  Q extends z.ZodType = z.ZodType,
  B extends z.ZodType = z.ZodType,
  R extends z.ZodType = z.ZodType,
> {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete'
  /** Koa-style path: /api/calls/:id */
  path: string
  summary: string
  tag: string
  /** The policy action the route performs; the server denies any route without one. */
  action: string
  params?: P
  query?: Q
  body?: B
  /** Schema of the 2xx body (for 204, z.void()). */
  response: R
  status?: 200 | 201 | 204
  /** A file download instead of JSON: the handler returns { filename, body: Buffer }. */
  download?: { contentType: string }
  /** Error codes this route can answer besides validation and server errors. */
  errors?: readonly ErrorCode[]
}

/** Keeps the literal type of each entry, so a handler's input is typed by exactly its schemas. */
function route<const T extends RouteDef>(def: T): T {
  return def
}

const HealthSchema = z.strictObject({ status: z.literal('ok') }).meta({ id: 'Health' })
const ReadySchema = z.strictObject({ status: z.literal('ready'), database: z.literal('up') }).meta({ id: 'Ready' })
/** 204: no body. */
const NoContent = z.void()
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
const OpenApiDocumentSchema = z.looseObject({ openapi: z.string() }).meta({ id: 'OpenApiDocument' })

export const ROUTES = {
  health: route({
    method: 'get',
    path: '/healthz',
    summary: '进程存活检查',
    tag: 'system',
    action: 'system.health',
    response: HealthSchema,
  }),
  ready: route({
    method: 'get',
    path: '/readyz',
    summary: '就绪检查（数据库可达）',
    tag: 'system',
    action: 'system.health',
    response: ReadySchema,
    errors: ['DATABASE_UNAVAILABLE'],
  }),
  openapi: route({
    method: 'get',
    path: '/openapi.json',
    summary: '本接口文档（OpenAPI 3.1）',
    tag: 'system',
    action: 'system.openapi',
    response: OpenApiDocumentSchema,
  }),
  listCalls: route({
    method: 'get',
    path: '/api/calls',
    summary: '已发布的征集通知（最新在前，分页）',
    tag: 'calls',
    action: 'call.list',
    query: CallListQuerySchema,
    response: CallPageSchema,
  }),
  getCall: route({
    method: 'get',
    path: '/api/calls/:id',
    summary: '征集通知详情',
    tag: 'calls',
    action: 'call.read',
    params: CallIdParamsSchema,
    response: CallDetailSchema,
    errors: ['CALL_NOT_FOUND'],
  }),

  // Sign-in and the caller's own account (issue: accounts, roles and policies)
  authMethods: route({
    method: 'get',
    path: '/api/auth/methods',
    summary: '可用的登录方式（微信为正式服务或本地模拟服务）',
    tag: 'auth',
    action: 'auth.login',
    response: AuthMethodsSchema,
  }),
  loginWeChat: route({
    method: 'post',
    path: '/api/auth/wechat',
    summary: '微信登录（wx.login 的 code 换取会话）',
    tag: 'auth',
    action: 'auth.login',
    body: WeChatLoginSchema,
    response: SessionSchema,
    errors: ['WECHAT_CODE_INVALID', 'WECHAT_UNAVAILABLE', 'ACCOUNT_DISABLED', 'RATE_LIMITED'],
  }),
  loginPassword: route({
    method: 'post',
    path: '/api/auth/password',
    summary: '用户名或邮箱 + 密码登录（浏览器）',
    tag: 'auth',
    action: 'auth.login',
    body: PasswordLoginSchema,
    response: SessionSchema,
    errors: ['INVALID_CREDENTIALS', 'ACCOUNT_DISABLED', 'LOGIN_LOCKED'],
  }),
  acceptInvite: route({
    method: 'post',
    path: '/api/auth/invite',
    summary: '用邀请码设置密码并登录',
    tag: 'auth',
    action: 'auth.login',
    body: AcceptInviteSchema,
    response: SessionSchema,
    errors: ['INVITE_INVALID', 'RATE_LIMITED'],
  }),
  logout: route({
    method: 'post',
    path: '/api/auth/logout',
    summary: '退出登录（本会话立即失效）',
    tag: 'auth',
    action: 'session.end',
    response: NoContent,
    status: 204,
    errors: ['UNAUTHENTICATED'],
  }),
  me: route({
    method: 'get',
    path: '/api/me',
    summary: '我的账号、角色与组织',
    tag: 'me',
    action: 'me.read',
    response: MeSchema,
    errors: ['UNAUTHENTICATED', 'SESSION_EXPIRED', 'SESSION_REVOKED'],
  }),
  changePassword: route({
    method: 'post',
    path: '/api/me/password',
    summary: '修改密码（其他会话全部失效）',
    tag: 'me',
    action: 'me.update',
    body: ChangePasswordSchema,
    response: NoContent,
    status: 204,
    errors: ['WRONG_PASSWORD', 'UNAUTHENTICATED'],
  }),
  createBindCode: route({
    method: 'post',
    path: '/api/me/bind-code',
    summary: '生成绑定码（在另一端输入，把浏览器账号与微信绑定为同一人）',
    tag: 'me',
    action: 'me.update',
    response: OneTimeCodeResponseSchema,
    status: 201,
    errors: ['UNAUTHENTICATED'],
  }),
  bind: route({
    method: 'post',
    path: '/api/me/bind',
    summary: '输入另一端生成的绑定码，完成浏览器账号与微信的绑定',
    tag: 'me',
    action: 'me.update',
    body: CodeInputSchema,
    response: MeSchema,
    errors: ['BIND_CODE_INVALID', 'BIND_CONFLICT', 'UNAUTHENTICATED'],
  }),

  // Office: accounts of staff, experts and approvers
  listUsers: route({
    method: 'get',
    path: '/api/users',
    summary: '账号列表（办公室）',
    tag: 'users',
    action: 'user.manage',
    query: UserListQuerySchema,
    response: UserPageSchema,
  }),
  createUser: route({
    method: 'post',
    path: '/api/users',
    summary: '创建账号并生成邀请码（办公室）',
    tag: 'users',
    action: 'user.manage',
    body: CreateUserSchema,
    response: UserWithInviteSchema,
    status: 201,
    errors: ['USERNAME_TAKEN', 'EMAIL_TAKEN', 'FORBIDDEN'],
  }),
  setUserRoles: route({
    method: 'put',
    path: '/api/users/:id/roles',
    summary: '设置账号角色（办公室；授予管理员须管理员）',
    tag: 'users',
    action: 'user.manage',
    params: UserIdParamsSchema,
    body: SetRolesSchema,
    response: UserViewSchema,
    errors: ['USER_NOT_FOUND', 'FORBIDDEN'],
  }),
  disableUser: route({
    method: 'post',
    path: '/api/users/:id/disable',
    summary: '停用账号（其所有会话立即失效）',
    tag: 'users',
    action: 'user.manage',
    params: UserIdParamsSchema,
    body: ReasonSchema,
    response: UserViewSchema,
    errors: ['USER_NOT_FOUND', 'FORBIDDEN'],
  }),
  enableUser: route({
    method: 'post',
    path: '/api/users/:id/enable',
    summary: '重新启用账号',
    tag: 'users',
    action: 'user.manage',
    params: UserIdParamsSchema,
    response: UserViewSchema,
    errors: ['USER_NOT_FOUND', 'FORBIDDEN'],
  }),
  resetUserPassword: route({
    method: 'post',
    path: '/api/users/:id/reset-password',
    summary: '重置密码：旧密码与会话失效，生成新的邀请码',
    tag: 'users',
    action: 'user.manage',
    params: UserIdParamsSchema,
    response: UserWithInviteSchema,
    errors: ['USER_NOT_FOUND', 'FORBIDDEN'],
  }),

  // Applicant organizations and their members
  createOrganization: route({
    method: 'post',
    path: '/api/organizations',
    summary: '创建申报组织（创建者成为首位成员）',
    tag: 'organizations',
    action: 'organization.create',
    body: CreateOrganizationSchema,
    response: OrganizationViewSchema,
    status: 201,
    errors: ['UNAUTHENTICATED', 'RATE_LIMITED', 'CONTENT_RISKY'],
  }),
  renameOrganization: route({
    method: 'put',
    path: '/api/organizations/:id/name',
    summary: '修改组织名称（本组织成员；重新进行内容安全检查）',
    tag: 'organizations',
    action: 'organization.rename',
    params: OrganizationIdParamsSchema,
    body: RenameOrganizationSchema,
    response: OrganizationViewSchema,
    errors: ['ORGANIZATION_NOT_FOUND', 'FORBIDDEN', 'CONTENT_RISKY', 'RATE_LIMITED'],
  }),
  reviewOrganizationName: route({
    method: 'post',
    path: '/api/organizations/:id/name-review',
    summary: '审核待审的组织名称（办公室：通过或驳回）',
    tag: 'organizations',
    action: 'organization.reviewName',
    params: OrganizationIdParamsSchema,
    body: NameReviewDecisionSchema,
    response: OrganizationViewSchema,
    errors: ['ORGANIZATION_NOT_FOUND', 'STATE_CONFLICT'],
  }),
  listOrganizations: route({
    method: 'get',
    path: '/api/organizations',
    summary: '申报组织列表（办公室）',
    tag: 'organizations',
    action: 'organization.list',
    query: OrganizationListQuerySchema,
    response: OrganizationPageSchema,
  }),
  listMembers: route({
    method: 'get',
    path: '/api/organizations/:id/members',
    summary: '组织成员（本组织成员或办公室）',
    tag: 'organizations',
    action: 'organization.readMembers',
    params: OrganizationIdParamsSchema,
    response: MemberListSchema,
    errors: ['ORGANIZATION_NOT_FOUND', 'FORBIDDEN'],
  }),
  createOrganizationInvite: route({
    method: 'post',
    path: '/api/organizations/:id/invites',
    summary: '生成一次性成员邀请码（本组织成员）',
    tag: 'organizations',
    action: 'organization.invite',
    params: OrganizationIdParamsSchema,
    response: OneTimeCodeResponseSchema,
    status: 201,
    errors: ['ORGANIZATION_NOT_FOUND', 'FORBIDDEN'],
  }),
  joinOrganization: route({
    method: 'post',
    path: '/api/organizations/join',
    summary: '用邀请码加入组织',
    tag: 'organizations',
    action: 'organization.join',
    body: CodeInputSchema,
    response: OrganizationViewSchema,
    errors: ['INVITE_INVALID', 'ALREADY_MEMBER', 'RATE_LIMITED'],
  }),
  leaveOrganization: route({
    method: 'post',
    path: '/api/organizations/:id/leave',
    summary: '退出组织',
    tag: 'organizations',
    action: 'organization.leave',
    params: OrganizationIdParamsSchema,
    response: NoContent,
    status: 204,
    errors: ['ORGANIZATION_NOT_FOUND', 'NOT_A_MEMBER'],
  }),

  // The in-app message center (我的 → 消息) and WeChat subscription messages (issue 5)
  listMyMessages: route({
    method: 'get',
    path: '/api/me/messages',
    summary: '我的消息（最新在前，分页，含未读数）',
    tag: 'messages',
    action: 'message.readOwn',
    query: MessageListQuerySchema,
    response: MessagePageSchema,
    errors: ['UNAUTHENTICATED'],
  }),
  readMyMessage: route({
    method: 'post',
    path: '/api/me/messages/:id/read',
    summary: '标记一条消息为已读',
    tag: 'messages',
    action: 'message.readOwn',
    params: MessageIdParamsSchema,
    response: NoContent,
    status: 204,
    errors: ['MESSAGE_NOT_FOUND', 'UNAUTHENTICATED'],
  }),
  mySubscriptions: route({
    method: 'get',
    path: '/api/me/subscriptions',
    summary: '订阅消息模板及我剩余的可接收条数（微信用户）',
    tag: 'messages',
    action: 'subscription.manage',
    response: SubscriptionsViewSchema,
    errors: ['UNAUTHENTICATED', 'FORBIDDEN'],
  }),
  reportSubscriptions: route({
    method: 'post',
    path: '/api/me/subscriptions',
    summary: '报告用户在订阅消息弹窗中同意的模板（每次同意可接收一条）',
    tag: 'messages',
    action: 'subscription.manage',
    body: SubscriptionReportSchema,
    response: SubscriptionsViewSchema,
    errors: ['UNAUTHENTICATED', 'FORBIDDEN', 'RATE_LIMITED'],
  }),
  listOutbox: route({
    method: 'get',
    path: '/api/outbox',
    summary: '消息发送记录（办公室；status=dead 为已停止重试的记录及其错误）',
    tag: 'messages',
    action: 'outbox.read',
    query: OutboxQuerySchema,
    response: OutboxPageSchema,
  }),
  retryOutbox: route({
    method: 'post',
    path: '/api/outbox/:id/retry',
    summary: '重新发送一条失败、停止重试或未发送的记录（办公室）',
    tag: 'messages',
    action: 'outbox.retry',
    params: OutboxIdParamsSchema,
    response: OutboxRecordViewSchema,
    errors: ['OUTBOX_NOT_FOUND', 'STATE_CONFLICT'],
  }),

  // The audit log: read-only, no route edits or deletes it
  listAudit: route({
    method: 'get',
    path: '/api/audit',
    summary: '审计日志（按操作人、对象、时间筛选）',
    tag: 'audit',
    action: 'audit.read',
    query: AuditQuerySchema,
    response: AuditPageSchema,
  }),
  exportAudit: route({
    method: 'get',
    path: '/api/audit/export',
    summary: '导出审计日志（xlsx，筛选条件同列表）',
    tag: 'audit',
    action: 'audit.export',
    query: AuditFilterSchema,
    response: z.any(),
    download: { contentType: XLSX },
  }),
} as const

export type RouteName = keyof typeof ROUTES
export type ResponseOf<N extends RouteName> = z.infer<(typeof ROUTES)[N]['response']>
