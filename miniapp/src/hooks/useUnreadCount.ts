import { useEffect, useState } from 'react'
import { fetchUnreadCount } from '../api/messages'
import { subscribeSession, currentToken } from '../api/session'

/**
 * The caller's unread message count, shared by the badge on 我的 and the message center (which
 * sets it from every page it loads and every message it marks read). null: not known yet.
 */
let unread: number | null = null
const listeners = new Set<() => void>()

function emit() {
  for (const listener of listeners) listener()
}

export function setUnreadCount(n: number | null): void {
  unread = n
  emit()
}

/** Fetches the count again (on every visit to 我的); silent if it fails: the badge just stays. */
export async function refreshUnreadCount(): Promise<void> {
  if (!currentToken()) {
    setUnreadCount(null)
    return
  }
  try {
    setUnreadCount(await fetchUnreadCount())
  } catch {
    // no badge is better than a toast on every visit
  }
}

// Signing out (or in as someone else) forgets the count.
let lastToken = currentToken()
subscribeSession(() => {
  const token = currentToken()
  if (token !== lastToken) {
    lastToken = token
    setUnreadCount(null)
  }
})

export function useUnreadCount(): number | null {
  const [value, setValue] = useState(unread)
  useEffect(() => {
    const update = () => setValue(unread)
    update()
    listeners.add(update)
    return () => {
      listeners.delete(update)
    }
  }, [])
  return value
}
