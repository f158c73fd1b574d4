import { z } from 'zod'
import {
  CallPublicityParamsSchema,
  CallPublicityPreviewQuerySchema,
  OfficePublicityPageSchema,
  PublicityFeedSchema,
  PublicityIdParamsSchema,
  PublicityListQuerySchema,
  PublicityPageSchema,
  PublicityPreviewSchema,
  PublicitySchema,
  StartPublicitySchema,
} from '../publicity'
import { PageQuerySchema } from '../pagination'
import { ATOM, route } from './define'

/** Publicity (公示, 第十八条): the public lists and feeds, and the office publishing a call's recommended list. */
export const PUBLICITY_ROUTES = {
  listPublicity: route({
    method: 'get',
    path: '/api/publicity',
    summary: '公示名单（公示中与已结束，最新在前，分页）：单位、经验名称、领域、地区、公示期、异议方式与联系人',
    tag: 'publicity',
    action: 'publicity.read',
    query: PublicityListQuerySchema,
    response: PublicityPageSchema,
  }),
  getPublicity: route({
    method: 'get',
    path: '/api/publicity/:id',
    summary: '一份公示名单',
    tag: 'publicity',
    action: 'publicity.read',
    params: PublicityIdParamsSchema,
    response: PublicitySchema,
    errors: ['PUBLICITY_NOT_FOUND'],
  }),
  publicityFeedJson: route({
    method: 'get',
    path: '/api/feed/publicity.json',
    summary: '公示名单订阅源（JSON Feed 1.1，供协会网站转载）',
    tag: 'publicity',
    action: 'publicity.read',
    response: PublicityFeedSchema,
  }),
  publicityFeedAtom: route({
    method: 'get',
    path: '/api/feed/publicity.atom',
    summary: '公示名单订阅源（Atom）',
    tag: 'publicity',
    action: 'publicity.read',
    response: z.string(),
    text: { contentType: ATOM },
  }),

  // The office publishes a call's recommended list (第十八条)
  listOfficePublicity: route({
    method: 'get',
    path: '/api/office/publicity',
    summary: '有推荐申报或公示名单的征集，及各名单的公示状态（办公室）',
    tag: 'publicity',
    action: 'publicity.manage',
    query: PageQuerySchema,
    response: OfficePublicityPageSchema,
  }),
  previewPublicity: route({
    method: 'get',
    path: '/api/office/calls/:id/publicity',
    summary: '一个征集待公示的推荐名单；给出开始日时试算公示期（5 个工作日，第十八条）',
    tag: 'publicity',
    action: 'publicity.manage',
    params: CallPublicityParamsSchema,
    query: CallPublicityPreviewQuerySchema,
    response: PublicityPreviewSchema,
    errors: ['CALL_NOT_FOUND', 'WORKDAY_YEAR_UNCONFIRMED', 'PUBLICITY_START_NOT_WORKDAY', 'PUBLICITY_START_PAST'],
  }),
  startPublicity: route({
    method: 'post',
    path: '/api/office/calls/:id/publicity',
    summary: '发布公示：推荐申报进入公示，公示期自开始日起 5 个工作日（第十八条），通知申报单位',
    tag: 'publicity',
    action: 'publicity.manage',
    params: CallPublicityParamsSchema,
    body: StartPublicitySchema,
    response: PublicitySchema,
    status: 201,
    errors: [
      'CALL_NOT_FOUND',
      'PUBLICITY_EXISTS',
      'PUBLICITY_NOTHING_RECOMMENDED',
      'PUBLICITY_START_PAST',
      'WORKDAY_YEAR_UNCONFIRMED',
      'PUBLICITY_START_NOT_WORKDAY',
    ],
  }),
} as const
