import type { Models } from '../models'
import { AppError } from '../http/errors'

const WINDOW_MS = 15 * 60_000
const ACCOUNT_FREE_FAILURES = 4
const IP_FREE_FAILURES = 20
const MAX_LOCK_MS = 15 * 60_000

/**
 * Whose failures these are: the account when the login names one (so its username and e-mail share
 * one count), else the login string as typed (an unknown login is locked just the same, so locks do
 * not reveal which logins exist).
 */
export const throttleSubject = (user: { _id: { toHexString(): string } } | null | undefined, login: string) =>
  user ? `user:${user._id.toHexString()}` : `login:${login.trim().toLowerCase()}`

const keys = (subject: string, ip: string) => [`login:account:${subject}`, `login:ip:${ip}`] as const

/** Refuses the attempt while the account or the IP is locked out. */
export async function assertNotLocked(models: Models, subject: string, ip: string): Promise<void> {
  const now = new Date()
  const locked = await models.Counter.find({ key: { $in: keys(subject, ip) }, lockedUntil: { $gt: now } }).lean()
  if (locked.length) {
    const until = Math.max(...locked.map((c) => c.lockedUntil!.getTime()))
    throw new AppError('LOGIN_LOCKED', { retryAfterSeconds: Math.ceil((until - now.getTime()) / 1000) })
  }
}

/**
 * Counts a failure for the account and for the IP. Once the free failures are used up, the next
 * attempt has to wait: the last free failure locks for 1 minute and each further one for twice as
 * long as the one before (1, 2, 4, 8, then 15 minutes), per account and, more loosely, per IP.
 */
export async function recordFailure(models: Models, subject: string, ip: string): Promise<void> {
  const now = new Date()
  const [accountKey, ipKey] = keys(subject, ip)
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
    // With 4 free failures, the 4th failure locks: the 5th attempt is refused (429), not evaluated.
    const over = counter!.count - free + 1
    if (over > 0) {
      const lockMs = Math.min(60_000 * 2 ** (over - 1), MAX_LOCK_MS)
      await models.Counter.updateOne({ key }, { $set: { lockedUntil: new Date(now.getTime() + lockMs) } })
    }
  }
}

/** A successful sign-in clears the account's failures (the IP's stay: it may be guessing others). */
export async function recordSuccess(models: Models, subject: string): Promise<void> {
  await models.Counter.deleteOne({ key: keys(subject, '')[0] })
}
