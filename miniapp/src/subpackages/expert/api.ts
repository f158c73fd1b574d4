import type { ResponseOf } from '@zlbg/shared'
import { callApi } from '../../api/client'
import { downloadRoute } from '../../api/download'

/** The expert's side of review (第十三条); only this subpackage loads it. */
export type MyReviewCalls = ResponseOf<'listMyReviewCalls'>
export type MyAssignments = ResponseOf<'listMyAssignments'>
export type AssignedApplication = ResponseOf<'getMyAssignment'>
export type Declarable = ResponseOf<'listDeclarableApplications'>

export const fetchMyReviewCalls = () => callApi('listMyReviewCalls', { toast: false })
export const acceptPledge = (callId: string) => callApi('acceptPledge', { params: { id: callId } })
export const fetchMyAssignments = (callId: string) => callApi('listMyAssignments', { params: { id: callId }, toast: false })
export const fetchAssignment = (id: string) => callApi('getMyAssignment', { params: { id }, toast: false })
export const fetchDeclarable = (callId: string) => callApi('listDeclarableApplications', { params: { id: callId }, toast: false })
export const declareConflict = (callId: string, applicationId: string, reason: string) =>
  callApi('declareConflict', { params: { id: callId }, body: { applicationId, reason } })

/** Files come through a five-minute link bound to this expert: ask for one, then fetch it with the session. */
export async function downloadAssignedFile(assignmentId: string, attachmentId: string, filename: string): Promise<void> {
  const link = await callApi('createAssignmentFileLink', { params: { id: assignmentId, attachmentId } })
  const token = link.url.split('/').pop()!
  await downloadRoute('downloadAssignedFile', {}, filename, { token })
}
export const fetchOverview = (callId: string) => callApi('getCommitteeOverview', { params: { id: callId }, toast: false })
