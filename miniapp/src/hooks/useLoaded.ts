import { useCallback, useEffect, useRef, useState } from 'react'
import { showApiError } from '../api/client'
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

export interface LoadOptions {
  /**
   * Also toast a failure other than "not found" (the fetches themselves never toast: the page explains
   * "not found" on its own). A failed background refresh then still says why while the page stays.
   */
  toastErrors?: boolean
}

/** A 404, or an id the contract rejects, means there is nothing by that id: the page says so. */
function isNotFound(error: ApiError): boolean {
  return error.status === 404 || error.code === 'VALIDATION_FAILED'
}

interface IdParamsSchema {
  safeParse(value: { id: string }): { success: boolean }
}

/** The id if the contract's params schema accepts it: a malformed id names nothing, so "not found" rather than "invalid request". */
export function validId(schema: IdParamsSchema, id: string | undefined): string | undefined {
  return id && schema.safeParse({ id }).success ? id : undefined
}

/**
 * One object loaded by key (a call, an application, a profile). `key` undefined means nothing to load
 * (a page opened without its id, or with a malformed one): "not found". Answers for an older key are dropped.
 */
export function useLoaded<T>(fetch: (key: string) => Promise<T>, key: string | undefined, options: LoadOptions = {}): LoadedState<T> {
  const [status, setStatus] = useState<LoadedStatus>('loading')
  const [data, setData] = useState<T | null>(null)
  const dataRef = useRef(data)
  dataRef.current = data
  const [error, setError] = useState<ApiError | null>(null)
  const fetchRef = useRef(fetch)
  fetchRef.current = fetch
  const toastErrors = options.toastErrors === true
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
        setData(null)
        setError(null)
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
        const notFound = isNotFound(apiError)
        if (toastErrors && !notFound) showApiError(apiError)
        // A failed background refresh keeps the page; the next visit tries again.
        if (quiet && !notFound && dataRef.current !== null) return
        setError(apiError)
        setStatus(notFound ? 'notFound' : 'error')
      }
    },
    [key, toastErrors],
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
