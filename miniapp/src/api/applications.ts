import type { ApplicationDraft, ResponseOf } from '@zlbg/shared'
import { callApi } from './client'
import { downloadRoute } from './download'

/** Applications (第十四条), the applicant's side: drafts, submission, the stage (creating one, from a call's page, is in calls.ts). */

export type Application = ResponseOf<'getApplication'>
export type ApplicationPage = ResponseOf<'listMyApplications'>
export type ApplicationSummary = ApplicationPage['items'][number]
export type Receipt = ResponseOf<'submitApplication'>

export const APPLICATION_PAGE_SIZE = 10

export function fetchMyApplicationPage(page: number, organizationId?: string, pageSize = APPLICATION_PAGE_SIZE): Promise<ApplicationPage> {
  return callApi('listMyApplications', { query: { page, pageSize, ...(organizationId ? { organizationId } : {}) } })
}

/** The pages render "not found" and retry themselves. */
export function fetchApplication(id: string): Promise<Application> {
  return callApi('getApplication', { params: { id }, toast: false })
}

/** Autosave: the status line says when it failed, so no toast. */
export function saveApplicationDraft(id: string, draft: ApplicationDraft): Promise<Application> {
  return callApi('saveApplicationDraft', { params: { id }, body: draft, toast: false })
}

/** Field errors (VALIDATION_FAILED, PROFILE_INCOMPLETE) go to their steps; the page shows the rest. */
export function submitApplication(id: string): Promise<Receipt> {
  return callApi('submitApplication', { params: { id }, toast: false })
}

export function resubmitSupplement(id: string): Promise<Application> {
  return callApi('resubmitSupplement', { params: { id }, toast: false })
}

export function withdrawApplication(id: string, reason?: string): Promise<Application> {
  return callApi('withdrawApplication', { params: { id }, body: reason ? { reason } : {} })
}

export function deleteApplication(id: string): Promise<void> {
  return callApi('deleteApplication', { params: { id } })
}

export function downloadApplicationAttachment(id: string, attachmentId: string, filename: string): Promise<void> {
  return downloadRoute('downloadApplicationAttachment', {}, filename, { id, attachmentId })
}
