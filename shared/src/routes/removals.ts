import { AnnouncementPageSchema, AnnouncementSchema } from '../listing'
import { PageQuerySchema } from '../pagination'
import {
  AnnouncementEditSchema,
  AnnouncementIdParamsSchema,
  RemovalCallListSchema,
  RemovalCandidatePageSchema,
  RemovalCandidateQuerySchema,
  RemovalDecisionSchema,
  RemovalFileParamsSchema,
  RemovalIdParamsSchema,
  RemovalPageSchema,
  RemovalQuerySchema,
  RemovalSchema,
  RemovalStartSchema,
  RemovalWithdrawSchema,
} from '../removals'
import { FILE, NoContent, route } from './define'

const OFFICE = { tag: 'removals', action: 'removal.manage', params: RemovalIdParamsSchema, response: RemovalSchema } as const
const CHAIR = { tag: 'removals', action: 'removal.confirmAsChair', params: RemovalIdParamsSchema, response: RemovalSchema } as const
const APPROVER = { tag: 'removals', action: 'removal.approve', params: RemovalIdParamsSchema, response: RemovalSchema } as const
const STEP_ERRORS = ['REMOVAL_NOT_FOUND', 'STATE_CONFLICT'] as const
const FILE_ROUTE = { method: 'get', params: RemovalFileParamsSchema, response: NoContent, download: { contentType: FILE }, errors: ['REMOVAL_NOT_FOUND', 'ATTACHMENT_NOT_FOUND'] } as const

/**
 * Removal from the list and its announcement (第二十一条): the office starts and follows it and
 * publishes the announcement; the chair or a vice chair of the deciding call, then the CAQ approver,
 * confirm or decline; anyone reads the published announcements.
 */
export const REMOVAL_ROUTES = {
  listAnnouncements: route({
    method: 'get',
    path: '/api/announcements',
    summary: '移出名单公告（第二十一条，已发布，最新在前，分页）',
    tag: 'announcements',
    action: 'announcement.read',
    query: PageQuerySchema,
    response: AnnouncementPageSchema,
  }),
  getAnnouncement: route({
    method: 'get',
    path: '/api/announcements/:id',
    summary: '一则移出名单公告（未发布的不存在）',
    tag: 'announcements',
    action: 'announcement.read',
    params: AnnouncementIdParamsSchema,
    response: AnnouncementSchema,
    errors: ['ANNOUNCEMENT_NOT_FOUND'],
  }),

  // ---- the office
  listRemovalCandidates: route({
    method: 'get',
    path: '/api/office/removals/candidates',
    summary: '可启动移除的名单经验（在列的；按组织或经验名称查找；标出已有进行中移除的）',
    tag: 'removals',
    action: 'removal.manage',
    query: RemovalCandidateQuerySchema,
    response: RemovalCandidatePageSchema,
  }),
  listRemovalCalls: route({
    method: 'get',
    path: '/api/office/removals/calls',
    summary: '已组建评审委员会的征集（往年导入的经验由其中之一的主任委员或副主任委员确认）',
    tag: 'removals',
    action: 'removal.manage',
    response: RemovalCallListSchema,
  }),
  listRemovals: route({
    method: 'get',
    path: '/api/office/removals',
    summary: '移除记录（办公室；可按状态筛选，最新在前）',
    tag: 'removals',
    action: 'removal.manage',
    query: RemovalQuerySchema,
    response: RemovalPageSchema,
  }),
  startRemoval: route({
    method: 'post',
    path: '/api/office/removals',
    summary: '启动移除（第二十一条）：事由、事实情况、证明材料；每项经验同时只有一个进行中的移除',
    tag: 'removals',
    action: 'removal.manage',
    body: RemovalStartSchema,
    response: RemovalSchema,
    status: 201,
    errors: ['REMOVAL_TARGET_NOT_FOUND', 'REMOVAL_TARGET_REMOVED', 'REMOVAL_OPEN', 'REMOVAL_CALL_REQUIRED', 'REMOVAL_CALL_INVALID', 'ATTACHMENT_NOT_FOUND'],
  }),
  getRemoval: route({ ...OFFICE, method: 'get', path: '/api/office/removals/:id', summary: '一项移除：事由、事实、证明材料、各方确认与公告', errors: ['REMOVAL_NOT_FOUND'] }),
  withdrawRemoval: route({
    ...OFFICE,
    method: 'post',
    path: '/api/office/removals/:id/withdraw',
    summary: '撤回移除（审批人确认前；须写明原因）',
    body: RemovalWithdrawSchema,
    errors: STEP_ERRORS,
  }),
  editAnnouncement: route({
    ...OFFICE,
    method: 'put',
    path: '/api/office/removals/:id/announcement',
    summary: '修改按模板起草的公告（发布前；留痕）',
    body: AnnouncementEditSchema,
    errors: STEP_ERRORS,
  }),
  publishAnnouncement: route({
    ...OFFICE,
    method: 'post',
    path: '/api/office/removals/:id/announcement/publish',
    summary: '发布公告：在小程序、网站和订阅源公开，名单中该经验标注已移除并链接公告',
    errors: STEP_ERRORS,
  }),
  downloadRemovalFile: route({ ...FILE_ROUTE, path: '/api/office/removals/:id/files/:attachmentId', summary: '下载移除的证明材料', tag: 'removals', action: 'removal.manage' }),

  // ---- the chair or a vice chair of the deciding call
  listRemovalsToConfirm: route({
    method: 'get',
    path: '/api/expert/removals',
    summary: '主任委员、副主任委员待确认和已处理的移除',
    tag: 'expert',
    action: 'removal.listToConfirm',
    query: PageQuerySchema,
    response: RemovalPageSchema,
  }),
  getRemovalToConfirm: route({ ...CHAIR, method: 'get', path: '/api/expert/removals/:id', summary: '待确认的移除：事由、事实与证明材料', errors: ['REMOVAL_NOT_FOUND'] }),
  decideRemovalAsChair: route({
    ...CHAIR,
    method: 'post',
    path: '/api/expert/removals/:id/decision',
    summary: '主任委员或副主任委员确认移除或不予确认（须写明理由）',
    body: RemovalDecisionSchema,
    errors: STEP_ERRORS,
  }),
  downloadRemovalFileForChair: route({ ...FILE_ROUTE, path: '/api/expert/removals/:id/files/:attachmentId', summary: '下载待确认移除的证明材料', tag: 'removals', action: 'removal.confirmAsChair' }),

  // ---- the CAQ approver
  listRemovalsToApprove: route({
    method: 'get',
    path: '/api/approver/removals',
    summary: '审批人待确认和已处理的移除（主任委员确认后）',
    tag: 'removals',
    action: 'removal.approve',
    query: PageQuerySchema,
    response: RemovalPageSchema,
  }),
  getRemovalToApprove: route({ ...APPROVER, method: 'get', path: '/api/approver/removals/:id', summary: '待审批人确认的移除', errors: ['REMOVAL_NOT_FOUND'] }),
  decideRemovalAsApprover: route({
    ...APPROVER,
    method: 'post',
    path: '/api/approver/removals/:id/decision',
    summary: '审批人确认移除（该经验移出名单、按模板起草公告、通知组织）或不予确认（须写明理由）；提出或已确认该移除的人不能再确认',
    body: RemovalDecisionSchema,
    errors: [...STEP_ERRORS, 'REMOVAL_SAME_SIGNER'],
  }),
  downloadRemovalFileForApprover: route({ ...FILE_ROUTE, path: '/api/approver/removals/:id/files/:attachmentId', summary: '下载待确认移除的证明材料', tag: 'removals', action: 'removal.approve' }),
} as const
