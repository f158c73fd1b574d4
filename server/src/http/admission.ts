import { setTimeout as sleep } from 'node:timers/promises'
import { AppError } from './errors'

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
  /**
   * How many may wait at once; one more is refused at once (503 SERVER_BUSY, with Retry-After): each
   * waiting request holds its socket and its parsed body, and one that would wait longer than its
   * client does only fails later, after taking its place. Unbounded by default.
   */
  maxWaiting?: number
  /**
   * How many of one caller's requests may be in line (waiting or running) at once; one more is refused
   * (429 RATE_LIMITED): the per-caller limits are counted inside the write, after the line, and one
   * signed-in caller must not fill the line everyone else waits in. Unbounded by default.
   */
  perCaller?: number
  /** Monotonic milliseconds; tests inject theirs. */
  now?: () => number
  /** Waits that long; tests inject theirs. */
  rest?: (ms: number) => Promise<unknown>
}

/** Runs `work` once admitted; `caller` (a user id, else an address) is what `perCaller` counts. */
export interface Admitted {
  <T>(work: () => Promise<T>, caller?: string): Promise<T>
  /** How many wait now (the metrics' `zlbg_admission_waiting`). */
  waiting(): number
  /**
   * The instance is shutting down: everyone waiting, and everyone who comes after, is refused at once
   * (503 SERVER_BUSY, try again in a second — another instance, or this one restarted, takes it); what
   * runs finishes. Waiting ones would otherwise start after the database is closed, and fail.
   */
  close(): void
}

const SHUTTING_DOWN = '服务正在重启，请稍后再试'

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
export function admission(
  limit: number,
  { burstShare = 1, maxRestMs = 250, maxWaiting = Infinity, perCaller = Infinity, now = () => performance.now(), rest = sleep }: AdmissionOptions = {},
): Admitted {
  if (!(burstShare > 0 && burstShare <= 1)) throw new Error(`burstShare must be in (0, 1], not ${burstShare}`)
  let active = 0
  let closed = false
  const waiting: { resolve: () => void; reject: (err: Error) => void }[] = []
  const closing = () => new AppError('SERVER_BUSY', { message: SHUTTING_DOWN, retryAfterSeconds: 1 })
  /** Each caller's requests in line, waiting or running; a caller with none has no entry. */
  const inLine = new Map<string, number>()
  /** How long a slot was held lately (the write and its rest), ms: what a refused caller is told to wait for. */
  let slotMs = 0
  const handOn = (heldSince: number) => () => {
    slotMs = slotMs === 0 ? now() - heldSince : 0.9 * slotMs + 0.1 * (now() - heldSince)
    // A finished one hands its slot straight to the next waiting one, so no newcomer slips in between.
    const next = waiting.shift()
    if (next) next.resolve()
    else active--
  }
  const expectedWait = () => Math.max(1, Math.ceil((waiting.length * slotMs) / limit / 1000))
  async function admitted<T>(work: () => Promise<T>, caller?: string): Promise<T> {
    if (closed) throw closing()
    const mine = caller === undefined ? 0 : (inLine.get(caller) ?? 0)
    if (mine >= perCaller) throw new AppError('RATE_LIMITED', { retryAfterSeconds: expectedWait() })
    if (active >= limit && waiting.length >= maxWaiting) throw new AppError('SERVER_BUSY', { retryAfterSeconds: expectedWait() })
    if (caller !== undefined) inLine.set(caller, mine + 1)
    try {
      if (active < limit) active++
      else await new Promise<void>((resolve, reject) => waiting.push({ resolve, reject }))
      return await running(work)
    } finally {
      if (caller !== undefined) {
        const left = inLine.get(caller)! - 1
        if (left > 0) inLine.set(caller, left)
        else inLine.delete(caller)
      }
    }
  }
  return Object.assign(admitted, {
    waiting: () => waiting.length,
    close() {
      closed = true
      for (const w of waiting.splice(0)) w.reject(closing())
    },
  })
  async function running<T>(work: () => Promise<T>): Promise<T> {
    const started = now()
    try {
      return await work()
    } finally {
      const pause = waiting.length > 0 ? Math.min(maxRestMs, ((now() - started) * (1 - burstShare)) / burstShare) : 0
      const release = handOn(started)
      // The finished write answers at once; only the slot waits out the rest.
      if (pause > 0) void rest(pause).then(release, release)
      else release()
    }
  }
}

