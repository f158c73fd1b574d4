import { hasMorePages, type Page } from '@zlbg/shared'

/**
 * Accumulating pages of a list for infinite scrolling. Pure, so plain Jest can test it.
 * Items are keyed by id: when something is published between two page loads the server's pages
 * shift by one, and the same item would otherwise appear twice.
 */
export interface PagedList<T> {
  items: T[]
  /** The last page loaded. */
  page: number
  pageSize: number
  total: number
}

export function firstPage<T>(page: Page<T>): PagedList<T> {
  return { items: [...page.items], page: page.page, pageSize: page.pageSize, total: page.total }
}

export function appendPage<T extends { id: string }>(list: PagedList<T>, page: Page<T>): PagedList<T> {
  if (page.page <= 1) return firstPage(page)
  const seen = new Set(list.items.map((item) => item.id))
  const fresh = page.items.filter((item) => !seen.has(item.id))
  return { items: [...list.items, ...fresh], page: page.page, pageSize: page.pageSize, total: page.total }
}

export function hasMore(list: PagedList<unknown> | null): boolean {
  return list !== null && hasMorePages(list)
}

export function nextPageNumber(list: PagedList<unknown> | null): number {
  return list === null ? 1 : list.page + 1
}
