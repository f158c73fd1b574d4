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
  /** Start over from page 1 (after a filter change or an edit). */
  reload: () => Promise<void>
  loadMore: () => Promise<void>
  /** Put an updated item in place without reloading (the server answered with it). */
  replaceItem: (item: T) => void
}

/**
 * A filtered list loaded page by page, for the office workbench. `key` identifies the filter: when
 * it changes the list starts over, and answers for an older filter are dropped.
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

  const reload = useCallback(async () => {
    const mine = ++generation.current
    busy.current = true
    setStatus('loading')
    setError(null)
    setLoadingMore(false)
    try {
      const page = await fetchRef.current(1)
      if (!alive.current || mine !== generation.current) return
      setList(firstPage(page))
      setStatus('ready')
    } catch (e) {
      if (!alive.current || mine !== generation.current) return
      setList(null)
      setError(toApiError(e))
      setStatus('error')
    } finally {
      if (alive.current && mine === generation.current) busy.current = false
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
    loadMore,
    replaceItem,
  }
}
