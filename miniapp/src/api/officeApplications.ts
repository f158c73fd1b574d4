import type { ResponseOf } from '@zlbg/shared'
import { callApi, type BodyOf, type QueryOf } from './client'
import { downloadRoute } from './download'

/** The office's side of applications: a call's list and export, and qualification review (第十五条). */

export type OfficeApplicationPage = ResponseOf<'listCallApplications'>
export type OfficeApplicationRow = OfficeApplicationPage['items'][number]
export type OfficeApplicationFilter = Omit<QueryOf<'listCallApplications'>, 'page' | 'pageSize'>
export type OfficeApplicationDetail = ResponseOf<'getOfficeApplication'>
export type QualificationDecisionBody = BodyOf<'decideQualification'>
export type BatchAction = BodyOf<'batchQualification'>['action']
export type BatchResult = ResponseOf<'batchQualification'>

export const OFFICE_APPLICATION_PAGE_SIZE = 20

export function fetchCallApplicationPage(
  callId: string,
  filter: OfficeApplicationFilter,
  page: number,
  pageSize = OFFICE_APPLICATION_PAGE_SIZE,
): Promise<OfficeApplicationPage> {
  return callApi('listCallApplications', { params: { id: callId }, query: { ...filter, page, pageSize } })
}

/** The list as xlsx, with the same filters as on screen. */
export function exportCallApplications(callId: string, filter: OfficeApplicationFilter, fallbackName: string): Promise<void> {
  return downloadRoute('exportCallApplications', filter, fallbackName, { id: callId })
}

/** The call's title for the list's header; the list works without it, so failures stay quiet. */
export function fetchOfficeCallTitle(callId: string): Promise<string> {
  return callApi('getOfficeCall', { params: { id: callId }, toast: false }).then((call) => call.title)
}

/** The review page explains "not found" itself: no toast. */
export function fetchOfficeApplication(id: string): Promise<OfficeApplicationDetail> {
  return callApi('getOfficeApplication', { params: { id }, toast: false })
}

/** The page shows refusals (409 when another reviewer was first) itself. */
export function startQualification(id: string): Promise<OfficeApplicationDetail> {
  return callApi('startQualification', { params: { id }, toast: false })
}

export function decideQualification(id: string, decision: QualificationDecisionBody): Promise<OfficeApplicationDetail> {
  return callApi('decideQualification', { params: { id }, body: decision, toast: false })
}

/** Each row is answered on its own (done, or why not); the call fails only as a whole. */
export function batchQualification(callId: string, action: BatchAction, applicationIds: string[]): Promise<BatchResult> {
  return callApi('batchQualification', { params: { id: callId }, body: { action, applicationIds } })
}

export function downloadApplicationAttachment(applicationId: string, attachmentId: string, filename: string): Promise<void> {
  return downloadRoute('downloadApplicationAttachment', {}, filename, { id: applicationId, attachmentId })
}

/** The ISO 9001 scan is the organization's file (第八条(三)), downloaded through its profile's route. */
export function downloadOrganizationAttachment(organizationId: string, attachmentId: string, filename: string): Promise<void> {
  return downloadRoute('downloadOrganizationAttachment', {}, filename, { id: organizationId, attachmentId })
}
