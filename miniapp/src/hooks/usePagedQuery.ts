import { useCallback, useEffect, useRef, useState } from 'react'
import type { Page } from '@zlbg/shared'
import { toApiError, type ApiError } from '../api/errors'
import { appendPage, firstPage, hasMore, nextPageNumber, type PagedList } from './pagedList'

export type PagedQueryStatus = 'loading' | 'ready' | 'error'

export interface PagedQueryState<T> {
  status: PagedQueryStatus
  items: T[]
  total: number
  error: ApiError | null
  hasMore: boolean
  loadingMore: boolean
  /** Start over from page 1 (after a filter change or an edit), showing the loading state. */
  reload: () => Promise<void>
  /** Reload page 1 while keeping the current items on screen (pull-to-refresh). */
  refresh: () => Promise<void>
  /** Append the next page; does nothing while a load is running, when all pages are in, or in `pages` mode. */
  loadMore: () => Promise<void>
  /** Put an updated item in place without reloading (the server answered with it). */
  replaceItem: (item: T) => void
  /** The page shown (in `pages` mode) or the last one appended. */
  page: number
  pageSize: number
  /** `pages` mode (desktop tables): show page `page` instead of the current one, keeping it on screen meanwhile. */
  goToPage: (page: number) => Promise<void>
}

/**
 * `append`: pages accumulate (phone lists, load more at the bottom); `pages`: one page at a time
 * (desktop tables with a pager), and refreshing reloads the page shown.
 */
export type PagedQueryMode = 'append' | 'pages'

/**
 * A list loaded page by page. `key` identifies the filter: when it changes the list starts over, and
 * answers for an older filter are dropped.
 */
export function usePagedQuery<T extends { id: string }>(
  fetchPage: (page: number) => Promise<Page<T>>,
  key: string,
  mode: PagedQueryMode = 'append',
): PagedQueryState<T> {
  const [list, setList] = useState<PagedList<T> | null>(null)
  const [status, setStatus] = useState<PagedQueryStatus>('loading')
  const [error, setError] = useState<ApiError | null>(null)
  const [loadingMore, setLoadingMore] = useState(false)

  const fetchRef = useRef(fetchPage)
  fetchRef.current = fetchPage
  const generation = useRef(0)
  const busy = useRef(false)
  const listRef = useRef(list)
  listRef.current = list
  const alive = useRef(true)
  useEffect(
    () => () => {
      alive.current = false
    },
    [],
  )

  const modeRef = useRef(mode)
  modeRef.current = mode

  const loadFirst = useCallback(async (how: 'reload' | 'refresh' | 'page', pageNumber = 1) => {
    const mine = ++generation.current
    busy.current = true
    if (how === 'reload') {
      setStatus('loading')
      setError(null)
    }
    if (how === 'page') setLoadingMore(true)
    try {
      let page = await fetchRef.current(pageNumber)
      // The page shown emptied (its rows were decided and left the filter): show the last one left.
      if (page.items.length === 0 && page.page > 1 && page.total > 0) {
        page = await fetchRef.current(Math.ceil(page.total / page.pageSize))
      }
      if (!alive.current || mine !== generation.current) return
      setList(firstPage(page))
      setStatus('ready')
      setError(null)
    } catch (e) {
      if (!alive.current || mine !== generation.current) return
      // Keep what is on screen after a failed refresh or page change; the toast already said why.
      if (how !== 'reload' && listRef.current !== null) return
      setList(null)
      setError(toApiError(e))
      setStatus('error')
    } finally {
      // Also ends a load-more this load superseded: its own answer is dropped.
      if (alive.current && mine === generation.current) {
        busy.current = false
        setLoadingMore(false)
      }
    }
  }, [])

  const loadMore = useCallback(async () => {
    const current = listRef.current
    if (modeRef.current === 'pages' || busy.current || !hasMore(current)) return
    const mine = generation.current
    busy.current = true
    setLoadingMore(true)
    try {
      const page = await fetchRef.current(nextPageNumber(current))
      if (!alive.current || mine !== generation.current) return
      setList((prev) => (prev === null ? firstPage(page) : appendPage(prev, page)))
    } catch {
      // The toast explains; the load-more button stays for another try.
    } finally {
      if (alive.current && mine === generation.current) {
        busy.current = false
        setLoadingMore(false)
      }
    }
  }, [])

  const replaceItem = useCallback((item: T) => {
    setList((prev) =>
      prev === null ? prev : { ...prev, items: prev.items.map((existing) => (existing.id === item.id ? item : existing)) },
    )
  }, [])

  const reload = useCallback(() => loadFirst('reload'), [loadFirst])
  const refresh = useCallback(
    () => loadFirst('refresh', modeRef.current === 'pages' ? (listRef.current?.page ?? 1) : 1),
    [loadFirst],
  )
  const goToPage = useCallback((page: number) => loadFirst('page', Math.max(1, page)), [loadFirst])

  useEffect(() => {
    void reload()
  }, [key, reload])

  return {
    status,
    items: list?.items ?? [],
    total: list?.total ?? 0,
    error,
    hasMore: hasMore(list),
    loadingMore,
    reload,
    refresh,
    loadMore,
    replaceItem,
    page: list?.page ?? 1,
    pageSize: list?.pageSize ?? 0,
    goToPage,
  }
}
