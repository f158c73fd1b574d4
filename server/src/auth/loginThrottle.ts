import type { Models } from '../models'
import { AppError } from '../http/errors'

const WINDOW_MS = 15 * 60_000
const ACCOUNT_FREE_FAILURES = 4
const IP_FREE_FAILURES = 20
const MAX_LOCK_MS = 15 * 60_000

const keys = (login: string, ip: string) => [`login:account:${login.trim().toLowerCase()}`, `login:ip:${ip}`] as const

/** Refuses the attempt while the account or the IP is locked out. */
export async function assertNotLocked(models: Models, login: string, ip: string): Promise<void> {
  const now = new Date()
  const locked = await models.Counter.find({ key: { $in: keys(login, ip) }, lockedUntil: { $gt: now } }).lean()
  if (locked.length) {
    const until = Math.max(...locked.map((c) => c.lockedUntil!.getTime()))
    throw new AppError('LOGIN_LOCKED', { retryAfterSeconds: Math.ceil((until - now.getTime()) / 1000) })
  }
}

/**
 * Counts a failure for the account and for the IP. Past the free failures each further one locks
 * for twice as long as the last (1, 2, 4, 8, then 15 minutes), per account and, more loosely, per IP.
 */
export async function recordFailure(models: Models, login: string, ip: string): Promise<void> {
  const now = new Date()
  const [accountKey, ipKey] = keys(login, ip)
  for (const [key, free] of [
    [accountKey, ACCOUNT_FREE_FAILURES],
    [ipKey, IP_FREE_FAILURES],
  ] as const) {
    const fresh = new Date(now.getTime() - WINDOW_MS)
    let counter = await models.Counter.findOneAndUpdate(
      { key, windowStart: { $gt: fresh } },
      { $inc: { count: 1 }, $set: { updatedAt: now } },
      { new: true },
    ).lean()
    counter ??= await models.Counter.findOneAndUpdate(
      { key },
      { $set: { windowStart: now, count: 1, updatedAt: now }, $unset: { lockedUntil: 1 } },
      { new: true, upsert: true },
    ).lean()
    const over = counter!.count - free
    if (over > 0) {
      const lockMs = Math.min(60_000 * 2 ** (over - 1), MAX_LOCK_MS)
      await models.Counter.updateOne({ key }, { $set: { lockedUntil: new Date(now.getTime() + lockMs) } })
    }
  }
}

/** A successful sign-in clears the account's failures (the IP's stay: it may be guessing others). */
export async function recordSuccess(models: Models, login: string): Promise<void> {
  await models.Counter.deleteOne({ key: keys(login, '')[0] })
}
