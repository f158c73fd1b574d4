import { useCallback, useEffect, useRef, useState } from 'react'
import { toApiError } from '../api/errors'

export type AutosaveStatus =
  | { kind: 'idle' }
  | { kind: 'dirty' }
  | { kind: 'saving' }
  | { kind: 'saved'; at: Date }
  | { kind: 'error'; message: string }

export interface Autosave<T> {
  status: AutosaveStatus
  /** A new value to save after a pause in typing. */
  schedule: (value: T) => void
  /** Saves a scheduled value now (leaving a step or the page, before submitting); true when nothing is left unsaved. */
  flush: () => Promise<boolean>
}

/**
 * Saves as you go (issue #6: no lost work when the mini-program is closed): the latest value is sent
 * `delay` ms after the last change, one request at a time; a failed save keeps the value for the next
 * try. Whole values are sent, so a later save always carries every earlier change.
 */
export function useAutosave<T>(send: (value: T) => Promise<void>, delay = 1200): Autosave<T> {
  const [status, setStatus] = useState<AutosaveStatus>({ kind: 'idle' })
  const pending = useRef<{ value: T } | null>(null)
  const running = useRef<Promise<boolean> | null>(null)
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null)
  const sendRef = useRef(send)
  sendRef.current = send
  const alive = useRef(true)

  const flush = useCallback(async (): Promise<boolean> => {
    if (timer.current) {
      clearTimeout(timer.current)
      timer.current = null
    }
    while (running.current) await running.current
    const next = pending.current
    if (!next) return true
    pending.current = null
    if (alive.current) setStatus({ kind: 'saving' })
    const attempt = (async () => {
      try {
        await sendRef.current(next.value)
        if (alive.current && !pending.current) setStatus({ kind: 'saved', at: new Date() })
        return true
      } catch (e) {
        // Keep it for the next try unless something newer replaced it meanwhile.
        pending.current ??= next
        if (alive.current) setStatus({ kind: 'error', message: toApiError(e).message })
        return false
      }
    })()
    running.current = attempt
    try {
      return await attempt
    } finally {
      running.current = null
    }
  }, [])

  const schedule = useCallback(
    (value: T) => {
      pending.current = { value }
      setStatus({ kind: 'dirty' })
      if (timer.current) clearTimeout(timer.current)
      timer.current = setTimeout(() => void flush(), delay)
    },
    [delay, flush],
  )

  // Leaving the page saves what is left (the request outlives the page).
  useEffect(
    () => () => {
      alive.current = false
      if (pending.current) void flush()
    },
    [flush],
  )

  return { status, schedule, flush }
}
