import type { ResponseOf } from '@zlbg/shared'
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
