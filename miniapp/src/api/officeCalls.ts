import type { CallState, ResponseOf } from '@zlbg/shared'
import { callApi, type BodyOf } from './client'
import { downloadRoute } from './download'

/** 征集通知管理 (office, 第五条): every call, drafts included. */

export type OfficeCall = ResponseOf<'getOfficeCall'>
export type OfficeCallPage = ResponseOf<'listOfficeCalls'>
export type CallDraftBody = BodyOf<'createCall'>
export interface OfficeCallFilter {
  state?: CallState
}

export const OFFICE_CALL_PAGE_SIZE = 20

export function fetchOfficeCallPage(filter: OfficeCallFilter, page: number, pageSize = OFFICE_CALL_PAGE_SIZE): Promise<OfficeCallPage> {
  return callApi('listOfficeCalls', { query: { ...filter, page, pageSize } })
}

/** The editor explains "not found" itself, so this call does not toast. */
export function fetchOfficeCall(id: string): Promise<OfficeCall> {
  return callApi('getOfficeCall', { params: { id }, toast: false })
}

// The editor shows save, publish and close failures next to the fields or in its error list.

export function createCall(body: CallDraftBody): Promise<OfficeCall> {
  return callApi('createCall', { body, toast: false })
}

export function updateCall(id: string, body: CallDraftBody): Promise<OfficeCall> {
  return callApi('updateCall', { params: { id }, body, toast: false })
}

export function deleteCall(id: string): Promise<void> {
  return callApi('deleteCall', { params: { id }, toast: false }) as Promise<void>
}

export function publishCall(id: string): Promise<OfficeCall> {
  return callApi('publishCall', { params: { id }, toast: false })
}

export function closeCall(id: string): Promise<OfficeCall> {
  return callApi('closeCall', { params: { id }, toast: false })
}

/** A template the call offers (the application form and the like). */
export function downloadCallTemplate(callId: string, attachmentId: string, filename: string): Promise<void> {
  return downloadRoute('downloadCallTemplate', {}, filename, { id: callId, attachmentId })
}
