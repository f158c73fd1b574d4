import type { ResponseOf } from '@zlbg/shared'
import { callApi } from './client'

export type PublicityPage = ResponseOf<'listPublicity'>
export type PublicityList = ResponseOf<'getPublicity'>
export type PublicityEntry = PublicityList['entries'][number]

export const PUBLICITY_PAGE_SIZE = 5

/** 公示名单 (第十八条), newest first. */
export function fetchPublicityPage(page: number, pageSize = PUBLICITY_PAGE_SIZE): Promise<PublicityPage> {
  return callApi('listPublicity', { query: { page, pageSize } })
}

/** The detail page explains "not found" itself, so this call does not toast. */
export function fetchPublicity(id: string): Promise<PublicityList> {
  return callApi('getPublicity', { params: { id }, toast: false })
}
