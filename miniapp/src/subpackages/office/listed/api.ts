import type { ResponseOf } from '@zlbg/shared'
import { callApi, type QueryOf } from '../../../api/client'
import { downloadRoute } from '../../../api/download'
import { pickSpreadsheet, uploadSpreadsheet } from '../../../api/upload'

/** The office's listed organizations (第二十条) and the import of earlier years (第十九条); only this folder loads it. */
export type OfficeListedRow = ResponseOf<'listOfficeListedOrganizations'>['items'][number]
export type ListedImportReport = ResponseOf<'importListed'>
export type ListedImportSummary = ResponseOf<'listListedImports'>['items'][number]
export type OfficeListedQuery = Pick<Partial<QueryOf<'listOfficeListedOrganizations'>>, 'q' | 'linked'>

export const fetchListedOrganizations = (query: OfficeListedQuery, page: number) =>
  callApi('listOfficeListedOrganizations', { query: { ...query, page, pageSize: 20 }, toast: false })
export const fetchListedImports = (page: number) => callApi('listListedImports', { query: { page, pageSize: 10 }, toast: false })
export const fetchListedImport = (id: string) => callApi('getListedImport', { params: { id }, toast: false })
export const downloadListedTemplate = () => downloadRoute('downloadListedImportTemplate', {}, '往年名单导入模板.xlsx')
export const downloadListedReport = (id: string) => downloadRoute('downloadListedImportReport', {}, '往年名单导入报告.xlsx', { id })

/** Picks an xlsx file and imports it; null when the chooser was closed. `onPicked` runs as the upload starts. */
export async function importListed(onPicked: (filename: string) => void): Promise<ListedImportReport | null> {
  const file = await pickSpreadsheet()
  if (!file) return null
  onPicked(file.name)
  return uploadSpreadsheet('importListed', file)
}
