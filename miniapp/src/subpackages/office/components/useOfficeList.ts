import { useCallback } from 'react'
import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import type { Page } from '@zlbg/shared'
import { usePagedQuery, type PagedQueryState } from '../../../hooks/usePagedQuery'

/**
 * A workbench list for a filter: paged, starting over when the filter changes. On a phone the next
 * page loads at the bottom of the screen; at desktop width (`pages`) one page shows at a time, with a
 * pager. Returns the list and the filter's key (which includes the layout: switching starts over).
 */
export function useOfficeList<F, T extends { id: string }>(
  filter: F,
  fetchPage: (filter: F, page: number) => Promise<Page<T>>,
  desktop = false,
): [PagedQueryState<T>, string] {
  const filterKey = JSON.stringify(filter)
  const key = `${desktop ? 'pages' : 'append'}:${filterKey}`
  const fetchKeyed = useCallback((page: number) => fetchPage(filter, page), [filterKey]) // eslint-disable-line react-hooks/exhaustive-deps
  const list = usePagedQuery(fetchKeyed, key, desktop ? 'pages' : 'append')
  // In `pages` mode loadMore does nothing: the bottom of the window is not a request for more.
  useReachBottom(() => {
    void list.loadMore()
  })
  return [list, key]
}

/** Pull-to-refresh (pages with `enablePullDownRefresh`) reloads the list. */
export function usePullDownReload(list: Pick<PagedQueryState<unknown>, 'reload'>) {
  usePullDownRefresh(() => {
    void list.reload().finally(() => Taro.stopPullDownRefresh())
  })
}
