import type { ResponseOf } from '@zlbg/shared'
import type { Application } from './applications'
import { callApi } from './client'

export type CallPage = ResponseOf<'listCalls'>
export type CallDetail = ResponseOf<'getCall'>

export const CALL_PAGE_SIZE = 10

/** 已发布的征集通知, newest first. */
export function fetchCallPage(page: number, pageSize = CALL_PAGE_SIZE): Promise<CallPage> {
  return callApi('listCalls', { query: { page, pageSize } })
}

/** The detail page explains "not found" itself, so this call does not toast; see useCall. */
export function fetchCall(id: string): Promise<CallDetail> {
  return callApi('getCall', { params: { id }, toast: false })
}

/**
 * 我要申报 on a call's page (第十四条). Here rather than in applications.ts, whose other routes only
 * the org subpackage calls (config/routeSplit.ts). CALL_NOT_OPEN and APPLICATION_LIMIT_REACHED are
 * shown on the call page itself, so no toast.
 */
export function createApplication(callId: string, organizationId: string): Promise<Application> {
  return callApi('createApplication', { body: { callId, organizationId }, toast: false })
}
