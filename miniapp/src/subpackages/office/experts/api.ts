import type { ResponseOf } from '@zlbg/shared'
import { callApi, type BodyOf, type QueryOf } from '../../../api/client'
import { downloadRoute } from '../../../api/download'
import { pickSpreadsheet, uploadSpreadsheet } from '../../../api/upload'

/** The office's expert pool, committees and assignment (第九条–第十三条); only this folder loads it. */
export type ExpertPage = ResponseOf<'listExperts'>
export type Coverage = ResponseOf<'getExpertCoverage'>
export type ImportReport = ResponseOf<'importExperts'>
export type Committee = ResponseOf<'getCommittee'>
export type CommitteeInput = BodyOf<'saveCommittee'>
export type Plan = ResponseOf<'getAssignmentPlan'>
export type Conflicts = ResponseOf<'listConflicts'>

export const fetchExperts = (query: Partial<QueryOf<'listExperts'>>) => callApi('listExperts', { query, toast: false })
export const fetchCoverage = () => callApi('getExpertCoverage', { toast: false })
/** Sets an expert active or not (kept in the pool either way; an inactive expert cannot sit on a committee). */
export function setExpertActive(e: ExpertPage['items'][number], active: boolean) {
  const { id, username: _username, updatedAt: _updatedAt, ...rest } = e
  return callApi('updateExpert', { params: { id }, body: { ...rest, active } })
}
export const createExpert = (body: BodyOf<'createExpert'>) => callApi('createExpert', { body, toast: false })
export const downloadTemplate = () => downloadRoute('downloadExpertTemplate', {}, '专家导入模板.xlsx')
export const downloadReport = (id: string) => downloadRoute('downloadExpertImportReport', {}, '专家导入报告.xlsx', { id })

/** Picks an xlsx file and imports it; null when the chooser was closed. */
export async function importExperts(): Promise<ImportReport | null> {
  const file = await pickSpreadsheet()
  if (!file) return null
  return uploadSpreadsheet('importExperts', file)
}

/** Every active expert of the pool, for the committee editor (pages of 50). */
export async function fetchActivePool(): Promise<ExpertPage['items']> {
  const items: ExpertPage['items'] = []
  for (let page = 1; page <= 20; page++) {
    const res = await callApi('listExperts', { query: { active: 'true', page, pageSize: 50 }, toast: false })
    items.push(...res.items)
    if (page * 50 >= res.total) break
  }
  return items
}

export const fetchOfficeCalls = () => callApi('listOfficeCalls', { query: { page: 1, pageSize: 50 }, toast: false })
export const fetchCommittee = (callId: string) => callApi('getCommittee', { params: { id: callId }, toast: false })
export const saveCommittee = (callId: string, body: CommitteeInput) => callApi('saveCommittee', { params: { id: callId }, body, toast: false })
export const startReview = (callId: string) => callApi('startCommitteeReview', { params: { id: callId } })
export const fetchPlan = (callId: string) => callApi('getAssignmentPlan', { params: { id: callId }, toast: false })
export const runAssignment = (callId: string) => callApi('runAssignment', { params: { id: callId } })
export const placeApplication = (callId: string, applicationId: string, groupId: string, reason: string) =>
  callApi('placeApplication', { params: { id: callId, applicationId }, body: { groupId, reason } })
export const addReviewer = (callId: string, applicationId: string, expertId: string, reason: string) =>
  callApi('addAssignment', { params: { id: callId }, body: { applicationId, expertId, reason } })
export const withdrawReviewer = (assignmentId: string, reason: string) => callApi('withdrawAssignment', { params: { id: assignmentId }, body: { reason } })
export const fetchConflicts = (callId: string) => callApi('listConflicts', { params: { id: callId }, toast: false })
export const dismissConflict = (id: string, reason: string) => callApi('dismissConflict', { params: { id }, body: { reason } })
