import { ApplicationIdParamsSchema } from '../applications'
import { CallIdParamsSchema } from '../calls'
import {
  SimilarityConclusionSchema,
  SimilarityFlagParamsSchema,
  SimilarityFlagSchema,
  SimilarityReportSchema,
  SimilaritySettingsSchema,
} from '../similarity'
import { route } from './define'

/** Copied text (第二十一条): the office's similarity report, its conclusions on flags, and the call's settings. */
export const SIMILARITY_ROUTES = {
  getSimilarityReport: route({
    method: 'get',
    path: '/api/office/applications/:id/similarity',
    summary: '相似度报告：最接近的其他文档、文字占比与相同段落（办公室）',
    tag: 'similarity',
    action: 'similarity.read',
    params: ApplicationIdParamsSchema,
    response: SimilarityReportSchema,
    errors: ['APPLICATION_NOT_FOUND'],
  }),
  concludeSimilarityFlag: route({
    method: 'post',
    path: '/api/office/similarity-flags/:id/conclusion',
    summary: '对相似度标记作出结论：已说明、移交移除程序、取消资格或重新打开（须填理由，留痕）',
    tag: 'similarity',
    action: 'similarity.conclude',
    params: SimilarityFlagParamsSchema,
    body: SimilarityConclusionSchema,
    response: SimilarityFlagSchema,
    errors: ['SIMILARITY_FLAG_NOT_FOUND', 'STATE_CONFLICT'],
  }),
  getSimilaritySettings: route({
    method: 'get',
    path: '/api/office/calls/:id/similarity-settings',
    summary: '本次征集的相似度设置：标记阈值与模板文字',
    tag: 'similarity',
    action: 'similarity.configure',
    params: CallIdParamsSchema,
    response: SimilaritySettingsSchema,
    errors: ['CALL_NOT_FOUND'],
  }),
  updateSimilaritySettings: route({
    method: 'put',
    path: '/api/office/calls/:id/similarity-settings',
    summary: '修改相似度设置（阈值变更后重新计算本次征集的标记）',
    tag: 'similarity',
    action: 'similarity.configure',
    params: CallIdParamsSchema,
    body: SimilaritySettingsSchema,
    response: SimilaritySettingsSchema,
    errors: ['CALL_NOT_FOUND'],
  }),
} as const
