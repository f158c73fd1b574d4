import type { OrganizationProfile, ResponseOf } from '@zlbg/shared'
import { callApi } from './client'
import { downloadRoute } from './download'

/** 组织信息 (第八条): the organization profile, reused across calls. */

export type ProfileView = ResponseOf<'getOrganizationProfile'>

/** The page renders its own "not found" and retry, so no toast. */
export function fetchOrganizationProfile(id: string): Promise<ProfileView> {
  return callApi('getOrganizationProfile', { params: { id }, toast: false })
}

/** The form shows field errors (ORGANIZATION_EXISTS under the credit code), so no toast. */
export function saveOrganizationProfile(id: string, profile: OrganizationProfile): Promise<ProfileView> {
  return callApi('saveOrganizationProfile', { params: { id }, body: profile, toast: false })
}

export function downloadOrganizationAttachment(id: string, attachmentId: string, filename: string): Promise<void> {
  return downloadRoute('downloadOrganizationAttachment', {}, filename, { id, attachmentId })
}
