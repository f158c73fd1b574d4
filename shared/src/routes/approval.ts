import {
  ApprovalCallPageSchema,
  ApprovalCallParamsSchema,
  ApprovalSheetSchema,
  SignApprovalSchema,
} from '../approval'
import { PageQuerySchema } from '../pagination'
import { route } from './define'

/** Approval and publication of a call's official list (第十九条): the CAQ approver signs, the office publishes. */
export const APPROVAL_ROUTES = {
  listApprovalCalls: route({
    method: 'get',
    path: '/api/approval/calls',
    summary: '公示已结束的征集及其名单进度：待审批、已批准待公布、已公布（审批人、办公室）',
    tag: 'approval',
    action: 'approval.read',
    query: PageQuerySchema,
    response: ApprovalCallPageSchema,
  }),
  getApprovalSheet: route({
    method: 'get',
    path: '/api/approval/calls/:id',
    summary: '一个征集的审批单：公示通过的条目（单位、经验名称、领域、地区、公示结果），签署后的批准与公布记录（第十九条）',
    tag: 'approval',
    action: 'approval.read',
    params: ApprovalCallParamsSchema,
    response: ApprovalSheetSchema,
    errors: ['CALL_NOT_FOUND'],
  }),
  signApproval: route({
    method: 'post',
    path: '/api/approval/calls/:id',
    summary: '审批人签署批准：整份名单或逐项批准，不予批准的逐项说明理由（第十九条）；通知未获批准的申报单位',
    tag: 'approval',
    action: 'approval.sign',
    params: ApprovalCallParamsSchema,
    body: SignApprovalSchema,
    response: ApprovalSheetSchema,
    status: 201,
    errors: ['CALL_NOT_FOUND', 'LISTING_NOT_READY', 'LISTING_EXISTS', 'LISTING_EMPTY', 'LISTING_DECISIONS_MISMATCH'],
  }),
  publishListing: route({
    method: 'post',
    path: '/api/office/calls/:id/listing/publish',
    summary: '公布经批准的名单（第十九条）：名单进入「名单」栏目，入选组织成为入选组织，通知各组织',
    tag: 'approval',
    action: 'listing.publish',
    params: ApprovalCallParamsSchema,
    response: ApprovalSheetSchema,
    errors: ['CALL_NOT_FOUND', 'LISTING_NOT_FOUND', 'STATE_CONFLICT'],
  }),
} as const
