import type { ResponseOf } from '@zlbg/shared'
import { callApi, type BodyOf, type QueryOf } from './client'

/** The caller's applicant organizations (申报组织) and their membership. */

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

/** 组织名称审核 (office). */

export type OrganizationPage = ResponseOf<'listOrganizations'>
export type OrganizationFilter = Pick<QueryOf<'listOrganizations'>, 'nameReview'>
export type NameReviewDecision = BodyOf<'reviewOrganizationName'>

export const ORGANIZATION_PAGE_SIZE = 20

export function fetchOrganizationPage(filter: OrganizationFilter, page: number, pageSize = ORGANIZATION_PAGE_SIZE): Promise<OrganizationPage> {
  return callApi('listOrganizations', { query: { ...filter, page, pageSize } })
}

export function reviewOrganizationName(id: string, decision: NameReviewDecision): Promise<Organization> {
  return callApi('reviewOrganizationName', { params: { id }, body: decision, toast: false })
}
