import { ApplicationIdParamsSchema } from '../applications'
import { CallIdParamsSchema } from '../calls'
import { BatchQualificationSchema, BatchResultSchema, OfficeApplicationSchema, QualificationDecisionSchema } from '../qualification'
import { route } from './define'

/** Qualification review (第十五条). */
export const QUALIFICATION_ROUTES = {
  startQualification: route({
    method: 'post',
    path: '/api/office/applications/:id/qualification/start',
    summary: '开始资格审查（此后申报组织不能撤回）',
    tag: 'qualification',
    action: 'application.review',
    params: ApplicationIdParamsSchema,
    response: OfficeApplicationSchema,
    errors: ['APPLICATION_NOT_FOUND', 'STATE_CONFLICT'],
  }),
  decideQualification: route({
    method: 'post',
    path: '/api/office/applications/:id/qualification/decision',
    summary: '资格审查结论：通过、不通过（逐项理由）或要求补正（第十五条）',
    tag: 'qualification',
    action: 'application.review',
    params: ApplicationIdParamsSchema,
    body: QualificationDecisionSchema,
    response: OfficeApplicationSchema,
    errors: ['APPLICATION_NOT_FOUND', 'STATE_CONFLICT'],
  }),
  batchQualification: route({
    method: 'post',
    path: '/api/office/calls/:id/qualification/batch',
    summary: '批量开始审查或批量判定通过（逐项返回结果）',
    tag: 'qualification',
    action: 'application.review',
    params: CallIdParamsSchema,
    body: BatchQualificationSchema,
    response: BatchResultSchema,
    errors: ['CALL_NOT_FOUND'],
  }),
} as const
