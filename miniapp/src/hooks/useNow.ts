import { useEffect, useState } from 'react'

/**
 * The clock, ticking every `everyMs`: what depends on "now" (a publicity window open or closed) is
 * decided on the client from the instants the server sent, and follows the time while the page is open.
 */
export function useNow(everyMs = 30_000): number {
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs)
    return () => clearInterval(timer)
  }, [everyMs])
  return now
}
