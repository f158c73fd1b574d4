import type { ResponseOf } from '@zlbg/shared'
import { callApi } from '../../../api/client'
import { downloadRoute } from '../../../api/download'

/** The office's side of objections (第十八条): the queue, one objection and its steps. */
export type OfficeObjection = ResponseOf<'getObjection'>
export type OfficeObjectionRow = ResponseOf<'listObjections'>['items'][number]
export type ObjectionFilter = { state: OfficeObjectionRow['state'] | ''; moderation: 'pending' | ''; callId: string }

export const fetchObjectionPage = (filter: ObjectionFilter, page: number) =>
  callApi('listObjections', {
    query: { page, pageSize: 20, ...(filter.state ? { state: filter.state } : {}), ...(filter.moderation ? { moderation: filter.moderation } : {}), ...(filter.callId ? { callId: filter.callId } : {}) },
    toast: false,
  })
export const fetchObjection = (id: string) => callApi('getObjection', { params: { id }, toast: false })
export const startInvestigation = (id: string) => callApi('startObjectionInvestigation', { params: { id }, body: {}, toast: false })
export const recordFindings = (id: string, body: { text: string; verifiedBy: string; evidenceIds: string[] }) => callApi('recordObjectionFindings', { params: { id }, body, toast: false })
export const passModeration = (id: string) => callApi('passObjectionModeration', { params: { id }, toast: false })
export const submitToCommittee = (id: string) => callApi('submitObjectionToCommittee', { params: { id }, body: {}, toast: false })
export const replyObjection = (id: string, text: string) => callApi('replyObjection', { params: { id }, body: { text }, toast: false })
export const requestExplanation = (id: string, body: { text: string; deadline: string; quoteGrounds: boolean }) =>
  callApi('requestObjectionExplanation', { params: { id }, body, toast: false })
export const downloadObjectionFile = (id: string, attachmentId: string, filename: string) => downloadRoute('downloadObjectionFile', {}, filename, { id, attachmentId })
