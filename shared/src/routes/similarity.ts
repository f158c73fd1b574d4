import { ApplicationIdParamsSchema } from '../applications'
import { CallIdParamsSchema } from '../calls'
import { AssignmentIdParamsSchema } from '../committees'
import {
  GroupSimilaritySchema,
  ReviewerSimilaritySchema,
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
    summary: '本次征集的相似度设置：标记阈值、模板文字、是否向评审专家隐去对方身份',
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
  // ---- the review's side (第十六条): the assigned expert, the group's leader; never the applicant (第十三条)
  getAssignmentSimilarity: route({
    method: 'get',
    path: '/api/expert/assignments/:id/similarity',
    summary: '分配给我的申报的相似度标记：文字占比、相同段落、办公室结论（按本次征集设置隐去对方身份）',
    tag: 'expert',
    action: 'similarity.assigned',
    params: AssignmentIdParamsSchema,
    response: ReviewerSimilaritySchema,
    errors: ['ASSIGNMENT_NOT_FOUND', 'PLEDGE_REQUIRED'],
  }),
  getGroupSimilarity: route({
    method: 'get',
    path: '/api/review/calls/:id/similarity-flags',
    summary: '组长：本组申报的相似度标记（按本次征集设置隐去对方身份）',
    tag: 'scoring',
    action: 'similarity.group',
    params: CallIdParamsSchema,
    response: GroupSimilaritySchema,
    errors: ['COMMITTEE_NOT_FOUND', 'PLEDGE_REQUIRED'],
  }),
} as const
