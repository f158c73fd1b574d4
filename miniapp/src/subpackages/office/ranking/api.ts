import type { ResponseOf, ReviewRound } from '@zlbg/shared'
import { callApi } from '../../../api/client'
import { downloadRoute } from '../../../api/download'

/** A round's figures and ranking (第十六条, 第十七条), and the office's exports; only this folder loads it. */
export type Ranking = ResponseOf<'getRoundRanking'>
export type RankingRow = Ranking['rows'][number]

export const fetchRanking = (callId: string, round: ReviewRound) => callApi('getRoundRanking', { params: { id: callId, round }, toast: false })

const EXPORTS = {
  scores: { route: 'exportRoundScores', name: '评分表' },
  ranking: { route: 'exportRoundRanking', name: '汇总排名' },
  comments: { route: 'exportRoundComments', name: '专家评语' },
} as const
export type ExportKind = keyof typeof EXPORTS

export function downloadRoundExport(kind: ExportKind, callId: string, round: ReviewRound, roundLabel: string) {
  const { route, name } = EXPORTS[kind]
  return downloadRoute(route, {}, `${roundLabel}${name}.xlsx`, { id: callId, round })
}
