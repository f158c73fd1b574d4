import {
  ListedExperienceDetailSchema,
  ListedIdParamsSchema,
  ListedOrganizationIdParamsSchema,
  ListedOrganizationPageSchema,
  ListedQuerySchema,
  ListedYearsSchema,
  OfficeListedOrganizationPageSchema,
  OfficeListedOrganizationQuerySchema,
} from '../listedPublic'
import { LISTED_IMPORT_MAX_BYTES, ListedImportIdParamsSchema, ListedImportPageSchema, ListedImportReportSchema } from '../listedImport'
import { ListedExperiencePageSchema } from '../listing'
import { PageQuerySchema } from '../pagination'
import { NoContent, route, XLSX } from './define'

/** The published list (名单, 第十九条) as the public reads it, listed organizations (第二十条), and the office's import of earlier years. */
export const LISTED_ROUTES = {
  listListed: route({
    method: 'get',
    path: '/api/listed',
    summary: '名单：入选经验（最新年份在前，分页），可按年份、行业门类、地区、关键词筛选；已移除的保留并标注（第二十一条）',
    tag: 'listed',
    action: 'listed.read',
    query: ListedQuerySchema,
    response: ListedExperiencePageSchema,
  }),
  // Before /api/listed/:id: the router tries routes in order.
  listListedYears: route({
    method: 'get',
    path: '/api/listed/years',
    summary: '有名单的年份及各年入选数（名单页的年份选择）',
    tag: 'listed',
    action: 'listed.read',
    response: ListedYearsSchema,
  }),
  getListed: route({
    method: 'get',
    path: '/api/listed/:id',
    summary: '一条入选经验，及其单位的其他入选经验',
    tag: 'listed',
    action: 'listed.read',
    params: ListedIdParamsSchema,
    response: ListedExperienceDetailSchema,
    errors: ['LISTED_NOT_FOUND'],
  }),
  getListedOrganization: route({
    method: 'get',
    path: '/api/listed-organizations/:id',
    summary: '入选组织：历年入选经验（已移除的标注并链接公告）与交流活动参与情况（第二十条）',
    tag: 'listed',
    action: 'listed.read',
    params: ListedOrganizationIdParamsSchema,
    response: ListedOrganizationPageSchema,
    errors: ['LISTED_ORGANIZATION_NOT_FOUND'],
  }),

  // The office (第二十条: obligations; 第十九条: earlier years' lists)
  listOfficeListedOrganizations: route({
    method: 'get',
    path: '/api/office/listed-organizations',
    summary: '入选组织一览（办公室）：入选年份、在列与已移除经验数、是否关联组织账号、交流活动参与情况（第二十条）',
    tag: 'listed',
    action: 'listed.manage',
    query: OfficeListedOrganizationQuerySchema,
    response: OfficeListedOrganizationPageSchema,
  }),
  downloadListedImportTemplate: route({
    method: 'get',
    path: '/api/office/listed/import-template',
    summary: '往年名单导入模板（xlsx）',
    tag: 'listed',
    action: 'listed.manage',
    response: NoContent,
    download: { contentType: XLSX },
  }),
  importListed: route({
    method: 'post',
    path: '/api/office/listed/import',
    summary: '导入往年名单（xlsx，字段 file）：逐行校验，合格行入库（同一年份、单位、经验名称不重复），不合格行列入报告；年份须早于今年',
    tag: 'listed',
    action: 'listed.manage',
    upload: { field: 'file', maxBytes: LISTED_IMPORT_MAX_BYTES },
    response: ListedImportReportSchema,
    status: 201,
    errors: ['IMPORT_FILE_INVALID', 'FILE_TOO_LARGE', 'UNSUPPORTED_MEDIA_TYPE'],
  }),
  listListedImports: route({
    method: 'get',
    path: '/api/office/listed/imports',
    summary: '往年名单的导入记录（最新在前），导入中的显示进度',
    tag: 'listed',
    action: 'listed.manage',
    query: PageQuerySchema,
    response: ListedImportPageSchema,
  }),
  getListedImport: route({
    method: 'get',
    path: '/api/office/listed/imports/:id',
    summary: '一次往年名单导入的报告',
    tag: 'listed',
    action: 'listed.manage',
    params: ListedImportIdParamsSchema,
    response: ListedImportReportSchema,
    errors: ['IMPORT_NOT_FOUND'],
  }),
  downloadListedImportReport: route({
    method: 'get',
    path: '/api/office/listed/imports/:id/report',
    summary: '下载往年名单导入报告（xlsx）：每个不合格行的行号、列与原因',
    tag: 'listed',
    action: 'listed.manage',
    params: ListedImportIdParamsSchema,
    response: NoContent,
    download: { contentType: XLSX },
    errors: ['IMPORT_NOT_FOUND'],
  }),
} as const
