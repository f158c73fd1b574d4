import { useCallback, useEffect, useRef, useState } from 'react'
import type { CallSummary } from '@zlbg/shared'
import { fetchCallPage } from '../api/calls'
import { toApiError, type ApiError } from '../api/errors'
import { appendPage, firstPage, hasMore, nextPageNumber, type PagedList } from './pagedList'

export type CallListStatus = 'loading' | 'ready' | 'error'

export interface CallListState {
  status: CallListStatus
  items: CallSummary[]
  total: number
  /** The failure that left the list empty (status 'error'); later failures only toast. */
  error: ApiError | null
  hasMore: boolean
  loadingMore: boolean
  refreshing: boolean
  /** Start over from page 1, showing the loading state. */
  reload: () => Promise<void>
  /** Reload page 1 while keeping the current items on screen (pull-to-refresh). */
  refresh: () => Promise<void>
  /** Append the next page; does nothing while a load is running or when all pages are in. */
  loadMore: () => Promise<void>
}

/** Published calls (征集通知), newest first, page by page. */
export function useCallList(): CallListState {
  const [list, setList] = useState<PagedList<CallSummary> | null>(null)
  const [status, setStatus] = useState<CallListStatus>('loading')
  const [error, setError] = useState<ApiError | null>(null)
  const [loadingMore, setLoadingMore] = useState(false)
  const [refreshing, setRefreshing] = useState(false)

  // A reload supersedes any page still in flight; `generation` lets late answers be dropped.
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
    } else {
      setRefreshing(true)
    }
    try {
      const page = await fetchCallPage(1)
      if (!alive.current || mine !== generation.current) return
      setList(firstPage(page))
      setStatus('ready')
      setError(null)
    } catch (e) {
      if (!alive.current || mine !== generation.current) return
      // Keep what is on screen after a failed refresh; the toast already said why.
      if (listRef.current === null) {
        setError(toApiError(e))
        setStatus('error')
      }
    } finally {
      if (alive.current && mine === generation.current) {
        busy.current = false
        setRefreshing(false)
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
      const page = await fetchCallPage(nextPageNumber(current))
      if (!alive.current || mine !== generation.current) return
      setList((prev) => (prev === null ? firstPage(page) : appendPage(prev, page)))
    } catch {
      // The toast explains; the load-more button stays so the user can try again.
    } finally {
      if (alive.current && mine === generation.current) {
        busy.current = false
        setLoadingMore(false)
      }
    }
  }, [])

  const reload = useCallback(() => loadFirst('reload'), [loadFirst])
  const refresh = useCallback(() => loadFirst('refresh'), [loadFirst])

  useEffect(() => {
    void reload()
  }, [reload])

  return {
    status,
    items: list?.items ?? [],
    total: list?.total ?? 0,
    error,
    hasMore: hasMore(list),
    loadingMore,
    refreshing,
    reload,
    refresh,
    loadMore,
  }
}
