import type { ResponseOf } from '@zlbg/shared'
import { callApi, type BodyOf } from './client'

/** Copied text (第二十一条): the office's similarity report, conclusions on flags, the call's settings. */

export type SimilarityReportView = ResponseOf<'getSimilarityReport'>
export type SimilarityMatchView = SimilarityReportView['matches'][number]
export type SimilarityFlagView = ResponseOf<'concludeSimilarityFlag'>
export type SimilarityConclusionBody = BodyOf<'concludeSimilarityFlag'>
export type SimilaritySettingsView = ResponseOf<'getSimilaritySettings'>

/** The page explains "not found" itself: no toast. */
export function fetchSimilarityReport(applicationId: string): Promise<SimilarityReportView> {
  return callApi('getSimilarityReport', { params: { id: applicationId }, toast: false })
}

/** The page shows refusals (a reason too short, another officer first) beside the form. */
export function concludeSimilarityFlag(flagId: string, body: SimilarityConclusionBody): Promise<SimilarityFlagView> {
  return callApi('concludeSimilarityFlag', { params: { id: flagId }, body, toast: false })
}

export function fetchSimilaritySettings(callId: string): Promise<SimilaritySettingsView> {
  return callApi('getSimilaritySettings', { params: { id: callId } })
}

export function updateSimilaritySettings(callId: string, body: SimilaritySettingsView): Promise<SimilaritySettingsView> {
  return callApi('updateSimilaritySettings', { params: { id: callId }, body, toast: false })
}
