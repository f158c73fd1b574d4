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

// ---- Scoring (第十六条, 第十七条)
export type MyScore = ResponseOf<'getMyScore'>
export type RoundProgress = ResponseOf<'getRoundProgress'>
export type ScorePointsDraft = MyScore['points']
type Round = MyScore['round']
/** `id:round`, or `id:` for whichever round is open for the assignment now (the material round when neither is). */
export async function fetchMyScore(key: string) {
  const [id, round] = key.split(':') as [string, Round | '']
  if (round) return callApi('getMyScore', { params: { id, round }, toast: false })
  const material = await callApi('getMyScore', { params: { id, round: 'material' }, toast: false })
  if (material.roundOpen) return material
  const defense = await callApi('getMyScore', { params: { id, round: 'defense' }, toast: false })
  return defense.roundOpen ? defense : material
}
export const fetchMyScoreStates = (callId: string) => callApi('listMyScoreStates', { params: { id: callId }, toast: false })
export const saveScoreDraft = (id: string, body: { round: Round; points: ScorePointsDraft; comment: string }) => callApi('saveScoreDraft', { params: { id }, body })
export const submitScore = (id: string, body: { round: Round; points: Required<ScorePointsDraft>; comment: string }) => callApi('submitScore', { params: { id }, body })
export const fetchRoundProgress = (key: string) => {
  const [id, round] = key.split(':') as [string, Round]
  return callApi('getRoundProgress', { params: { id, round }, toast: false })
}
export const reopenScore = (id: string, reason: string) => callApi('reopenScore', { params: { id }, body: { reason } })

// ---- Copied text during review (第十六条, 第二十一条): the assigned expert's and the group leader's flags
export type ReviewerSimilarityView = ResponseOf<'getAssignmentSimilarity'>
export type ReviewerFlagView = ReviewerSimilarityView['flags'][number]
export const fetchAssignmentSimilarity = (assignmentId: string) => callApi('getAssignmentSimilarity', { params: { id: assignmentId }, toast: false })
export const fetchGroupSimilarity = (callId: string) => callApi('getGroupSimilarity', { params: { id: callId }, toast: false })
