import type { AnnouncementEditInput, RemovalDecision, RemovalStartInput, RemovalState, ResponseOf } from '@zlbg/shared'
import { callApi } from '../../../api/client'
import { downloadRoute } from '../../../api/download'

/** Removal from the list (第二十一条): the office's side, and the approver's (the same subpackage, its own routes). */
export type Removal = ResponseOf<'getRemoval'>
export type RemovalRow = ResponseOf<'listRemovals'>['items'][number]
export type RemovalCandidate = ResponseOf<'listRemovalCandidates'>['items'][number]

export const fetchRemovalPage = (state: RemovalState | '', page: number) => callApi('listRemovals', { query: { page, pageSize: 20, ...(state ? { state } : {}) }, toast: false })
export const fetchRemoval = (id: string) => callApi('getRemoval', { params: { id }, toast: false })
export const fetchCandidates = (q: string, page: number) => callApi('listRemovalCandidates', { query: { page, pageSize: 20, ...(q ? { q } : {}) }, toast: false })
export const fetchRemovalCalls = () => callApi('listRemovalCalls', { toast: false })
export const startRemoval = (body: RemovalStartInput) => callApi('startRemoval', { body: body as never, toast: false })
export const withdrawRemoval = (id: string, reason: string) => callApi('withdrawRemoval', { params: { id }, body: { reason }, toast: false })
export const editAnnouncement = (id: string, body: AnnouncementEditInput) => callApi('editAnnouncement', { params: { id }, body, toast: false })
export const publishAnnouncement = (id: string) => callApi('publishAnnouncement', { params: { id }, toast: false })
export const downloadRemovalFile = (id: string, attachmentId: string, filename: string) => downloadRoute('downloadRemovalFile', {}, filename, { id, attachmentId })

// ---- the CAQ approver
export const fetchRemovalsToApprove = (page: number) => callApi('listRemovalsToApprove', { query: { page, pageSize: 20 }, toast: false })
export const fetchRemovalToApprove = (id: string) => callApi('getRemovalToApprove', { params: { id }, toast: false })
export const decideAsApprover = (id: string, body: { decision: RemovalDecision; reason?: string }) => callApi('decideRemovalAsApprover', { params: { id }, body: body as never, toast: false })
export const downloadFileForApprover = (id: string, attachmentId: string, filename: string) => downloadRoute('downloadRemovalFileForApprover', {}, filename, { id, attachmentId })
