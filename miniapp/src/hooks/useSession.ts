import { useEffect, useState } from 'react'
import { getSession, subscribeSession, type SessionState } from '../api/session'

/** The session store, re-rendering on sign-in, sign-out and every change to `me`. */
export function useSession(): SessionState {
  const [session, setSession] = useState(getSession)
  useEffect(() => {
    const update = () => setSession(getSession())
    update()
    return subscribeSession(update)
  }, [])
  return session
}
