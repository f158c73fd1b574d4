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
  /** Append the next page; does nothing while a load is running or when all pages are in. */
  loadMore: () => Promise<void>
  /** Put an updated item in place without reloading (the server answered with it). */
  replaceItem: (item: T) => void
}

/**
 * A list loaded page by page. `key` identifies the filter: when it changes the list starts over, and
 * answers for an older filter are dropped.
 */
export function usePagedQuery<T extends { id: string }>(
  fetchPage: (page: number) => Promise<Page<T>>,
  key: string,
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

  const loadFirst = useCallback(async (mode: 'reload' | 'refresh') => {
    const mine = ++generation.current
    busy.current = true
    if (mode === 'reload') {
      setStatus('loading')
      setError(null)
    }
    try {
      const page = await fetchRef.current(1)
      if (!alive.current || mine !== generation.current) return
      setList(firstPage(page))
      setStatus('ready')
      setError(null)
    } catch (e) {
      if (!alive.current || mine !== generation.current) return
      // Keep what is on screen after a failed refresh; the toast already said why.
      if (mode === 'refresh' && listRef.current !== null) return
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
    if (busy.current || !hasMore(current)) return
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
  const refresh = useCallback(() => loadFirst('refresh'), [loadFirst])

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
  }
}
