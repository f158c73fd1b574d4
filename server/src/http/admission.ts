import { setTimeout as sleep } from 'node:timers/promises'

export interface AdmissionOptions {
  /**
   * While others wait, the share of the instance's time this kind of write may take (0–1]: each one
   * that finishes holds its slot for a rest in proportion to how long it ran before the next waiting
   * one starts. 1 (the default) hands the slot on at once.
   */
  burstShare?: number
  /**
   * The longest rest, ms: a write that waited long on something outside the instance (WeChat's content
   * check timing out, another instance fetching the access token) spent that time idle, not on the
   * event loop, and must not hold the line for three times as long again.
   */
  maxRestMs?: number
  /** Monotonic milliseconds; tests inject theirs. */
  now?: () => number
  /** Waits that long; tests inject theirs. */
  rest?: (ms: number) => Promise<unknown>
}

export type Admitted = <T>(work: () => Promise<T>) => Promise<T>

/**
 * At most `limit` of one kind of write in flight per instance; the rest wait in memory, in arrival
 * order, before touching the database. A burst (the last evening of a publicity window, an event
 * opening its registration) then queues here instead of in the database, where every public read of
 * the same instance would wait behind it (bench/objections.ts, bench/registrations.ts measure both).
 *
 * With a `burstShare` below 1 a burst is also spread out in time: the public reads of the instance
 * share its one event loop with the burst, and keep the rest of it. A write that arrives alone is
 * never held back; a slow database or a busy instance lengthens the rests, as they follow the time a
 * write took.
 */
export function admission(limit: number, { burstShare = 1, maxRestMs = 250, now = () => performance.now(), rest = sleep }: AdmissionOptions = {}): Admitted {
  if (!(burstShare > 0 && burstShare <= 1)) throw new Error(`burstShare must be in (0, 1], not ${burstShare}`)
  let active = 0
  const waiting: (() => void)[] = []
  const handOn = () => {
    // A finished one hands its slot straight to the next waiting one, so no newcomer slips in between.
    const next = waiting.shift()
    if (next) next()
    else active--
  }
  return async function admitted<T>(work: () => Promise<T>): Promise<T> {
    if (active < limit) active++
    else await new Promise<void>((resolve) => waiting.push(resolve))
    const started = now()
    try {
      return await work()
    } finally {
      const pause = waiting.length > 0 ? Math.min(maxRestMs, ((now() - started) * (1 - burstShare)) / burstShare) : 0
      // The finished write answers at once; only the slot waits out the rest.
      if (pause > 0) void rest(pause).then(handOn, handOn)
      else handOn()
    }
  }
}
