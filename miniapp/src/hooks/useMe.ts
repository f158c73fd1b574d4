import { useCallback, useEffect } from 'react'
import type { Me } from '@zlbg/shared'
import { fetchMe } from '../api/account'
import { toApiError } from '../api/errors'
import { currentToken, getSession, setMeStatus } from '../api/session'
import { useSession } from './useSession'

export type MeHookStatus = 'signedOut' | 'loading' | 'ready' | 'error'

export interface MeState {
  status: MeHookStatus
  me: Me | null
  /** Why the failed load failed (status 'error'). */
  error: string | null
  /** Why the last session ended, for the sign-in prompt (status 'signedOut'). */
  endedMessage: string | null
  reload: () => Promise<void>
}

let inFlight: Promise<void> | null = null

/**
 * GET /api/me once for every caller that asks at the same time. The request layer puts the answer
 * in the session store, and drops the token when the server says the session is over.
 */
export function refreshMe(): Promise<void> {
  if (!currentToken()) return Promise.resolve()
  if (inFlight) return inFlight
  const token = currentToken()
  setMeStatus('loading')
  inFlight = fetchMe()
    .then(() => undefined)
    .catch((e: unknown) => {
      // A session failure has already signed the person out; anything else keeps the token.
      if (currentToken() === token) setMeStatus('error', toApiError(e).message)
    })
    .finally(() => {
      inFlight = null
    })
  return inFlight
}

/** The signed-in account (GET /api/me), shared by every page through the session store. */
export function useMe(): MeState {
  const session = useSession()

  useEffect(() => {
    const now = getSession()
    if (now.token && !now.me && now.meStatus === 'idle') void refreshMe()
  }, [session.token])

  const reload = useCallback(() => refreshMe(), [])

  let status: MeHookStatus
  if (!session.token) status = 'signedOut'
  else if (session.me) status = 'ready'
  else if (session.meStatus === 'error') status = 'error'
  else status = 'loading'

  return { status, me: session.me, error: session.meError, endedMessage: session.endedMessage, reload }
}
