import type { ResponseOf } from '@zlbg/shared'
import { callApi } from './client'

/** The caller's applicant organizations (申报组织) and their membership; 组织名称审核 (office) is in officeOrganizations.ts. */

export type Organization = ResponseOf<'createOrganization'>

export function createOrganization(name: string): Promise<Organization> {
  // The form shows every failure (CONTENT_RISKY under the name field), so no toast.
  return callApi('createOrganization', { body: { name }, toast: false })
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

/** Members rename their organization; the server runs WeChat's content check again (CONTENT_RISKY). */
export function renameOrganization(id: string, name: string): Promise<Organization> {
  return callApi('renameOrganization', { params: { id }, body: { name }, toast: false })
}
