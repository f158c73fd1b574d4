import type { ResponseOf } from '@zlbg/shared'
import { callApi, type BodyOf, type QueryOf } from './client'
import type { Organization } from './organizations'

/** 组织名称审核 (office): apart from organizations.ts so its routes stay out of the weapp main package (config/routeSplit.ts). */

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
