import type { ErrorCode } from '@zlbg/shared'
import type { Models } from '../models'
import { AppError } from './errors'

export interface Limit {
  max: number
  windowSeconds: number
}

/**
 * Counts one hit against `key` in the database (so the limit holds across instances) and throws
 * 429 with Retry-After once `max` hits fall in the current fixed window.
 */
export async function consume(models: Models, key: string, limit: Limit, code: ErrorCode = 'RATE_LIMITED') {
  const now = Date.now()
  const windowStart = new Date(now - (now % (limit.windowSeconds * 1000)))
  // A new window resets the count; both branches are single atomic updates on the one document.
  const counter =
    (await models.Counter.findOneAndUpdate(
      { key, windowStart },
      { $inc: { count: 1 }, $set: { updatedAt: new Date(now) } },
      { new: true },
    ).lean()) ??
    (await models.Counter.findOneAndUpdate(
      { key },
      { $set: { windowStart, count: 1, updatedAt: new Date(now) } },
      { new: true, upsert: true },
    ).lean())
  if (counter!.count > limit.max) {
    const retryAfterSeconds = Math.ceil((windowStart.getTime() + limit.windowSeconds * 1000 - now) / 1000)
    throw new AppError(code, { retryAfterSeconds })
  }
}
