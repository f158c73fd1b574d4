import { z } from 'zod'
import { AuditFilterSchema, AuditPageSchema, AuditQuerySchema } from '../audit'
import { XLSX, route } from './define'

/** The audit log. */
export const AUDIT_ROUTES = {
  // The audit log: read-only, no route edits or deletes it
  listAudit: route({
    method: 'get',
    path: '/api/audit',
    summary: '审计日志（按操作人、对象、时间筛选）',
    tag: 'audit',
    action: 'audit.read',
    query: AuditQuerySchema,
    response: AuditPageSchema,
  }),
  exportAudit: route({
    method: 'get',
    path: '/api/audit/export',
    summary: '导出审计日志（xlsx，筛选条件同列表）',
    tag: 'audit',
    action: 'audit.export',
    query: AuditFilterSchema,
    response: z.any(),
    download: { contentType: XLSX },
  }),
} as const
