import type { ResponseOf } from '@zlbg/shared'
import { callApi, type BodyOf } from '../../../api/client'

/** The office's side of scoring (第六条, 第十六条, 第十七条); only this folder loads it. */
export type ReviewPlan = ResponseOf<'getReviewPlan'>
export type ReviewPlanInput = BodyOf<'saveReviewPlan'>
export type RoundProgress = ResponseOf<'getRoundProgress'>
export type ScoreDetail = ResponseOf<'getScore'>
export type RoundStart = ResponseOf<'startMaterialRound'>
type Round = RoundProgress['round']

export const fetchReviewPlan = (callId: string) => callApi('getReviewPlan', { params: { id: callId }, toast: false })
export const saveReviewPlan = (callId: string, body: ReviewPlanInput) => callApi('saveReviewPlan', { params: { id: callId }, body, toast: false })
export const startMaterialRound = (callId: string) => callApi('startMaterialRound', { params: { id: callId } })
export const fetchProgress = (callId: string, round: Round) => callApi('getRoundProgress', { params: { id: callId, round }, toast: false })
export const fetchScore = (id: string) => callApi('getScore', { params: { id }, toast: false })
export const reopenScore = (id: string, reason: string) => callApi('reopenScore', { params: { id }, body: { reason } })
