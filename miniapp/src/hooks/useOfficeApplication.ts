import { useCallback, useEffect, useRef, useState } from 'react'
import { ApplicationIdParamsSchema } from '@zlbg/shared'
import { showApiError } from '../api/client'
import { toApiError, type ApiError } from '../api/errors'
import { fetchOfficeApplication, type OfficeApplicationDetail } from '../api/officeApplications'

export type OfficeApplicationStatus = 'loading' | 'ready' | 'notFound' | 'error'

export interface OfficeApplicationState {
  status: OfficeApplicationStatus
  application: OfficeApplicationDetail | null
  error: ApiError | null
  /** Loads it again, showing the loading state only when nothing is on screen yet. */
  reload: () => Promise<void>
  /** Puts the server's answer to a decision in place without another request. */
  replace: (application: OfficeApplicationDetail) => void
}

/** A malformed id cannot name an application: the page says "not found" rather than "invalid request". */
function isNotFound(error: ApiError): boolean {
  return error.code === 'APPLICATION_NOT_FOUND' || error.status === 404 || error.code === 'VALIDATION_FAILED'
}

/** One application as the office reviews it (资格审查, 第十五条), by id. */
export function useOfficeApplication(id: string | undefined): OfficeApplicationState {
  const [status, setStatus] = useState<OfficeApplicationStatus>('loading')
  const [application, setApplication] = useState<OfficeApplicationDetail | null>(null)
  const [error, setError] = useState<ApiError | null>(null)
  const generation = useRef(0)
  const shown = useRef(false)
  const alive = useRef(true)
  useEffect(
    () => () => {
      alive.current = false
    },
    [],
  )

  const reload = useCallback(async () => {
    const mine = ++generation.current
    setError(null)
    if (!id || !ApplicationIdParamsSchema.safeParse({ id }).success) {
      setApplication(null)
      setStatus('notFound')
      return
    }
    // A refresh after a decision keeps the page in place (the reviewer's scroll position).
    if (!shown.current) setStatus('loading')
    try {
      const detail = await fetchOfficeApplication(id)
      if (!alive.current || mine !== generation.current) return
      shown.current = true
      setApplication(detail)
      setStatus('ready')
    } catch (e) {
      if (!alive.current || mine !== generation.current) return
      const apiError = toApiError(e)
      if (isNotFound(apiError)) {
        setStatus('notFound')
        return
      }
      showApiError(apiError)
      if (shown.current) return
      setError(apiError)
      setStatus('error')
    }
  }, [id])

  const replace = useCallback((next: OfficeApplicationDetail) => {
    generation.current++
    shown.current = true
    setApplication(next)
    setStatus('ready')
  }, [])

  useEffect(() => {
    void reload()
  }, [reload])

  return { status, application, error, reload, replace }
}
