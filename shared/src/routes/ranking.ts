import { z } from 'zod'
import { RoundParamsSchema, RoundRankingSchema } from '../review'
import { route, XLSX } from './define'

const exportRoute = (path: string, summary: string) =>
  route({
    method: 'get',
    path: `/api/office/calls/:id/rounds/:round/exports/${path}`,
    summary,
    tag: 'ranking',
    action: 'ranking.export',
    params: RoundParamsSchema,
    response: z.any(),
    download: { contentType: XLSX },
    errors: ['COMMITTEE_NOT_FOUND'],
  })

/** Aggregation and ranking of a round, and the office's exports (第十六条, 第十七条). */
export const RANKING_ROUTES = {
  getRoundRanking: route({
    method: 'get',
    path: '/api/review/calls/:id/rounds/:round/ranking',
    summary: '一轮评审的汇总与排名：有效评分份数、平均分、去掉最高最低分后的平均分、标准差、标准化分、分歧提示，按专业组与总排名（办公室、主任委员、副主任委员；专业组组长只见本组）',
    tag: 'ranking',
    action: 'ranking.read',
    params: RoundParamsSchema,
    response: RoundRankingSchema,
    errors: ['COMMITTEE_NOT_FOUND'],
  }),
  // 第十三条: score sheets, rankings and comments name reviewers — the office's alone, never an applicant's.
  exportRoundScores: exportRoute('scores', '导出评分表（xlsx，每个专业组一页：每位专家各项得分与总分）'),
  exportRoundRanking: exportRoute('ranking', '导出汇总排名（xlsx，全部汇总指标与排名规则）'),
  exportRoundComments: exportRoute('comments', '导出专家评语（xlsx）'),
} as const
