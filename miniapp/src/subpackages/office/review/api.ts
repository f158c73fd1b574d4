import type { ResponseOf } from '@zlbg/shared'
import { callApi, type BodyOf } from '../../../api/client'
import { downloadRoute } from '../../../api/download'

/** The office's deliberations, defense slots and site visits (第十六条, 第十七条); only this folder loads it. */
export type DeliberationList = ResponseOf<'listDeliberations'>
export type Deliberation = ResponseOf<'getDeliberation'>
export type DefenseBoard = ResponseOf<'getDefenseBoard'>
export type SiteVisit = ResponseOf<'requestSiteVisit'>

export const fetchDeliberations = (callId: string) => callApi('listDeliberations', { params: { id: callId }, toast: false })
export const createDeliberation = (callId: string, body: BodyOf<'createDeliberation'>) => callApi('createDeliberation', { params: { id: callId }, body })
export const saveDeliberation = (id: string, body: BodyOf<'saveDeliberation'>) => callApi('saveDeliberation', { params: { id }, body })

export const fetchDefenseBoard = (callId: string) => callApi('getDefenseBoard', { params: { id: callId }, toast: false })
export const startDefense = (callId: string) => callApi('startDefense', { params: { id: callId }, body: {} })
export const createSlot = (callId: string, body: BodyOf<'createDefenseSlot'>) => callApi('createDefenseSlot', { params: { id: callId }, body })
export const assignSlot = (id: string, applicationId: string | null) => callApi('assignDefenseSlot', { params: { id }, body: { applicationId } })
export const deleteSlot = (id: string) => callApi('deleteDefenseSlot', { params: { id } })

export const fetchSiteVisits = (callId: string) => callApi('listSiteVisits', { params: { id: callId }, toast: false })
export const requestSiteVisit = (applicationId: string, body: BodyOf<'requestSiteVisit'>) => callApi('requestSiteVisit', { params: { id: applicationId }, body })
export const saveSiteVisit = (id: string, body: BodyOf<'saveSiteVisit'>) => callApi('saveSiteVisit', { params: { id }, body })
export const completeSiteVisit = (id: string, body: BodyOf<'completeSiteVisit'>) => callApi('completeSiteVisit', { params: { id }, body })
export const downloadSiteVisitFile = (id: string, attachmentId: string, filename: string) => downloadRoute('downloadSiteVisitFile', {}, filename, { id, attachmentId })

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
