import type { ResponseOf } from '@zlbg/shared'
import { callApi } from './client'

/** The caller's applicant organizations (申报组织) and their membership. */

export type Organization = ResponseOf<'createOrganization'>

export function createOrganization(name: string): Promise<Organization> {
  return callApi('createOrganization', { body: { name } })
}

export function joinOrganization(code: string): Promise<Organization> {
  return callApi('joinOrganization', { body: { code } })
}

export function createOrganizationInvite(id: string) {
  return callApi('createOrganizationInvite', { params: { id } })
}

export function leaveOrganization(id: string) {
  return callApi('leaveOrganization', { params: { id } })
}
