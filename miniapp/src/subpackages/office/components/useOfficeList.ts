import { useCallback } from 'react'
import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import type { Page } from '@zlbg/shared'
import { usePagedQuery, type PagedQueryState } from '../../../hooks/usePagedQuery'

/**
 * A workbench list for a filter: paged, starting over when the filter changes, and loading the next
 * page at the bottom of the screen. Returns the list and the filter's key.
 */
export function useOfficeList<F, T extends { id: string }>(
  filter: F,
  fetchPage: (filter: F, page: number) => Promise<Page<T>>,
): [PagedQueryState<T>, string] {
  const key = JSON.stringify(filter)
  const fetchKeyed = useCallback((page: number) => fetchPage(filter, page), [key]) // eslint-disable-line react-hooks/exhaustive-deps
  const list = usePagedQuery(fetchKeyed, key)
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
