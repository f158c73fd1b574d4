import { useCallback, useEffect, useRef, useState } from 'react'
import { CallIdParamsSchema } from '@zlbg/shared'
import { fetchOfficeCall, type OfficeCall } from '../api/officeCalls'
import { showApiError } from '../api/client'
import { toApiError, type ApiError } from '../api/errors'

export type OfficeCallStatus = 'new' | 'loading' | 'ready' | 'notFound' | 'error'

export interface OfficeCallState {
  status: OfficeCallStatus
  call: OfficeCall | null
  error: ApiError | null
  reload: () => Promise<void>
  /** Puts the server's latest answer (after save, publish, close) in place without refetching. */
  setCall: (call: OfficeCall) => void
}

/** One call in the office's view (drafts included) by id; no id means a new call ('new'). */
export function useOfficeCall(id: string | undefined): OfficeCallState {
  const [status, setStatus] = useState<OfficeCallStatus>(id ? 'loading' : 'new')
  const [call, setCallState] = useState<OfficeCall | null>(null)
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
    if (!id) {
      setCallState(null)
      setStatus('new')
      return
    }
    // A malformed id cannot name a call: "not found" rather than "invalid request".
    if (!CallIdParamsSchema.safeParse({ id }).success) {
      setCallState(null)
      setStatus('notFound')
      return
    }
    setStatus('loading')
    try {
      const found = await fetchOfficeCall(id)
      if (!alive.current || mine !== generation.current) return
      setCallState(found)
      setStatus('ready')
    } catch (e) {
      if (!alive.current || mine !== generation.current) return
      const apiError = toApiError(e)
      if (apiError.code === 'CALL_NOT_FOUND' || apiError.status === 404) {
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

  const setCall = useCallback((next: OfficeCall) => {
    // An answer that arrives after a newer load started must not be overwritten by it.
    generation.current += 1
    setCallState(next)
    setStatus('ready')
  }, [])

  return { status, call, error, reload, setCall }
}
