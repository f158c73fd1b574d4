import type { ErrorCode } from '@zlbg/shared'
import { upsertRacing } from '../db/duplicateKey'
import type { Models } from '../models'
import { AppError } from './errors'

export interface Limit {
  max: number
  windowSeconds: number
}

/** The counter document `key`'s hits at `now` count on: its window's start and its key. */
export function counterOf(key: string, limit: Limit, now: number): { key: string; windowStart: Date } {
  const windowStart = new Date(now - (now % (limit.windowSeconds * 1000)))
  return { key: `${key}@${windowStart.getTime()}`, windowStart }
}

/**
 * Counts one hit against `key` in the database (so the limit holds across instances) and throws
 * 429 with Retry-After once `max` hits fall in the current fixed window.
 *
 * One document per key and window (`key@windowStart`), counted by one atomic upsert: a hit costs one
 * round trip, and two first hits of a new window cannot both start it at 1 (a read-then-reset would
 * lose one). Past windows' documents are left to the counters purge (jobs/purge.ts).
 */
export async function consume(models: Models, key: string, limit: Limit, code: ErrorCode = 'RATE_LIMITED') {
  const now = Date.now()
  const { key: windowKey, windowStart } = counterOf(key, limit, now)
  // Two first hits of the window both try to insert its document: the one that loses counts on the other's.
  const counter = await upsertRacing(() =>
    models.Counter.findOneAndUpdate(
      { key: windowKey },
      { $inc: { count: 1 }, $set: { updatedAt: new Date(now) }, $setOnInsert: { windowStart } },
      { new: true, upsert: true },
    ).lean(),
  )
  if (counter!.count > limit.max) {
    const retryAfterSeconds = Math.ceil((windowStart.getTime() + limit.windowSeconds * 1000 - now) / 1000)
    throw new AppError(code, { retryAfterSeconds })
  }
}
