import { useCallback, useEffect, useRef, useState } from 'react'
import { toApiError, type ApiError } from '../api/errors'

export type LoadedStatus = 'loading' | 'ready' | 'notFound' | 'error'

export interface LoadedState<T> {
  status: LoadedStatus
  data: T | null
  error: ApiError | null
  /** Load again, showing the loading state. */
  reload: () => Promise<void>
  /** Load again in the background, keeping what is on screen (back from another page). */
  refresh: () => Promise<void>
  /** Put the server's newer answer in place (after a save). */
  replace: (data: T) => void
}

/** A 404, or an id the contract rejects, means there is nothing by that id: the page says so. */
function isNotFound(error: ApiError): boolean {
  return error.status === 404 || error.code === 'VALIDATION_FAILED'
}

/**
 * One object loaded by key (an application, a profile). `key` undefined means nothing to load
 * (a page opened without its id): "not found". Answers for an older key are dropped.
 */
export function useLoaded<T>(fetch: (key: string) => Promise<T>, key: string | undefined): LoadedState<T> {
  const [status, setStatus] = useState<LoadedStatus>('loading')
  const [data, setData] = useState<T | null>(null)
  const dataRef = useRef(data)
  dataRef.current = data
  const [error, setError] = useState<ApiError | null>(null)
  const fetchRef = useRef(fetch)
  fetchRef.current = fetch
  const generation = useRef(0)
  const alive = useRef(true)
  useEffect(
    () => () => {
      alive.current = false
    },
    [],
  )

  const load = useCallback(
    async (quiet: boolean) => {
      const mine = ++generation.current
      if (!key) {
        setStatus('notFound')
        return
      }
      if (!quiet) {
        setStatus('loading')
        setError(null)
      }
      try {
        const next = await fetchRef.current(key)
        if (!alive.current || mine !== generation.current) return
        setData(next)
        setError(null)
        setStatus('ready')
      } catch (e) {
        if (!alive.current || mine !== generation.current) return
        const apiError = toApiError(e)
        // A failed background refresh keeps the page; the next visit tries again.
        if (quiet && !isNotFound(apiError) && dataRef.current !== null) return
        setError(apiError)
        setStatus(isNotFound(apiError) ? 'notFound' : 'error')
      }
    },
    [key],
  )

  const reload = useCallback(() => load(false), [load])
  const refresh = useCallback(() => load(true), [load])
  const replace = useCallback((next: T) => {
    generation.current++
    setData(next)
    setStatus('ready')
  }, [])

  useEffect(() => {
    void reload()
  }, [reload])

  return { status, data, error, reload, refresh, replace }
}
