import type { ResponseOf } from '@zlbg/shared'
import { callApi, type QueryOf } from './client'

export type ListedPage = ResponseOf<'listListed'>
export type ListedItem = ListedPage['items'][number]
export type ListedYears = ResponseOf<'listListedYears'>['years']
export type ListedFilter = Pick<Partial<QueryOf<'listListed'>>, 'year' | 'sector' | 'region' | 'q'>

export const LISTED_PAGE_SIZE = 10

/** 名单 (第十九条), newest year first, filtered. */
export const fetchListedPage = (filter: ListedFilter, page: number): Promise<ListedPage> =>
  callApi('listListed', { query: { ...filter, page, pageSize: LISTED_PAGE_SIZE } })
export const fetchListedYears = () => callApi('listListedYears', { toast: false })
