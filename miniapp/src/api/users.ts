import type { AccountRole, ResponseOf } from '@zlbg/shared'
import { callApi, type QueryOf } from './client'

/** 账号管理 (office): accounts of staff, experts and approvers. */

export type UserPage = ResponseOf<'listUsers'>
export type UserWithInvite = ResponseOf<'createUser'>
export type UserFilter = Pick<QueryOf<'listUsers'>, 'q' | 'role' | 'status'>

export const USER_PAGE_SIZE = 20

export function fetchUserPage(filter: UserFilter, page: number, pageSize = USER_PAGE_SIZE): Promise<UserPage> {
  return callApi('listUsers', { query: { ...filter, page, pageSize } })
}

export function createUser(body: { username: string; displayName: string; email?: string; roles: AccountRole[] }) {
  return callApi('createUser', { body })
}

export function setUserRoles(id: string, roles: AccountRole[]) {
  return callApi('setUserRoles', { params: { id }, body: { roles } })
}

export function disableUser(id: string, reason: string) {
  return callApi('disableUser', { params: { id }, body: { reason } })
}

export function enableUser(id: string) {
  return callApi('enableUser', { params: { id } })
}

export function resetUserPassword(id: string): Promise<UserWithInvite> {
  return callApi('resetUserPassword', { params: { id } })
}
