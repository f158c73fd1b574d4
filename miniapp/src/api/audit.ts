import type { ResponseOf } from '@zlbg/shared'
import { callApi, type QueryOf } from './client'
import { downloadRoute } from './download'

/** 审计日志 (office): read and export; nothing here edits the log. */

export type AuditPage = ResponseOf<'listAudit'>
export type AuditFilter = Omit<QueryOf<'listAudit'>, 'page' | 'pageSize'>

export const AUDIT_PAGE_SIZE = 20

export function fetchAuditPage(filter: AuditFilter, page: number, pageSize = AUDIT_PAGE_SIZE): Promise<AuditPage> {
  return callApi('listAudit', { query: { ...filter, page, pageSize } })
}

export function exportAudit(filter: AuditFilter, fallbackName: string): Promise<void> {
  return downloadRoute('exportAudit', filter, fallbackName)
}
