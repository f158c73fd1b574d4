import type { ResponseOf, SignApprovalInput } from '@zlbg/shared'
import { callApi } from '../../api/client'

/** Approval and publication of a call's list (第十九条): the approver's queue and sheet, the office's publishing. */
export type ApprovalCallPage = ResponseOf<'listApprovalCalls'>
export type ApprovalCallRow = ApprovalCallPage['items'][number]
export type ApprovalSheet = ResponseOf<'getApprovalSheet'>

export const fetchApprovalCalls = (page: number, pageSize = 10) => callApi('listApprovalCalls', { query: { page, pageSize }, toast: false })
export const fetchApprovalSheet = (callId: string) => callApi('getApprovalSheet', { params: { id: callId }, toast: false })
export const signApproval = (callId: string, body: SignApprovalInput) => callApi('signApproval', { params: { id: callId }, body, toast: false })
export const publishListing = (callId: string) => callApi('publishListing', { params: { id: callId }, toast: false })
