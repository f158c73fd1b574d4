import { useCallback, useEffect, useRef, useState } from 'react'
import { CallIdParamsSchema } from '@zlbg/shared'
import { fetchCall, type CallDetail } from '../api/calls'
import { showApiError } from '../api/client'
import { toApiError, type ApiError } from '../api/errors'

export type CallStatus = 'loading' | 'ready' | 'notFound' | 'error'

export interface CallState {
  status: CallStatus
  call: CallDetail | null
  error: ApiError | null
  reload: () => Promise<void>
}

/** A malformed id cannot name a call: the page says "not found" rather than "invalid request". */
function isNotFound(error: ApiError): boolean {
  return error.code === 'CALL_NOT_FOUND' || error.status === 404 || error.code === 'VALIDATION_FAILED'
}

/** One published call (征集通知) by id. */
export function useCall(id: string | undefined): CallState {
  const [status, setStatus] = useState<CallStatus>('loading')
  const [call, setCall] = useState<CallDetail | null>(null)
  const [error, setError] = useState<ApiError | null>(null)
  const generation = useRef(0)
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
    if (!id || !CallIdParamsSchema.safeParse({ id }).success) {
      setCall(null)
      setStatus('notFound')
      return
    }
    setStatus('loading')
    try {
      const detail = await fetchCall(id)
      if (!alive.current || mine !== generation.current) return
      setCall(detail)
      setStatus('ready')
    } catch (e) {
      if (!alive.current || mine !== generation.current) return
      const apiError = toApiError(e)
      if (isNotFound(apiError)) {
        setStatus('notFound')
        return
      }
      showApiError(apiError)
      setError(apiError)
      setStatus('error')
    }
  }, [id])

  useEffect(() => {
    void reload()
  }, [reload])

  return { status, call, error, reload }
}
