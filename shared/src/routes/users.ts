import { CreateUserSchema, ReasonSchema, SetRolesSchema, UserIdParamsSchema, UserListQuerySchema, UserPageSchema, UserViewSchema, UserWithInviteSchema } from '../accounts'
import { route } from './define'

/** The office's accounts of staff, experts and approvers. */
export const USER_ROUTES = {
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
    errors: ['USER_NOT_FOUND', 'FORBIDDEN', 'OWN_ADMIN_ROLE', 'LAST_ADMINISTRATOR', 'LAST_OFFICE_ACCOUNT', 'STATE_CONFLICT'],
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
    errors: ['USER_NOT_FOUND', 'FORBIDDEN', 'LAST_ADMINISTRATOR', 'LAST_OFFICE_ACCOUNT', 'STATE_CONFLICT'],
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
} as const
