import type { ResponseOf, StartPublicity } from '@zlbg/shared'
import { callApi } from './client'

export type OfficePublicityPage = ResponseOf<'listOfficePublicity'>
export type OfficePublicityRow = OfficePublicityPage['items'][number]
export type PublicityPreview = ResponseOf<'previewPublicity'>

/** 公示管理: calls with recommended applications or a list (office). */
export function fetchOfficePublicityPage(page: number, pageSize = 10): Promise<OfficePublicityPage> {
  return callApi('listOfficePublicity', { query: { page, pageSize } })
}

/** The recommended list, and the window `start` gives; refusals (past, not a working day, unconfirmed year) are shown by the page. */
export function previewPublicity(callId: string, start?: string): Promise<PublicityPreview> {
  return callApi('previewPublicity', { params: { id: callId }, query: start ? { start } : {}, toast: false })
}

export function startPublicity(callId: string, body: StartPublicity): Promise<ResponseOf<'startPublicity'>> {
  return callApi('startPublicity', { params: { id: callId }, body, toast: false })
}
