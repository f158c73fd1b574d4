import { randomUUID } from 'node:crypto'
import type { Models } from '../models'
import { isDuplicateKey } from '../db/duplicateKey'
import { AppError } from '../http/errors'

const WINDOW_MS = 15 * 60_000
const ACCOUNT_FREE_FAILURES = 4
const IP_FREE_FAILURES = 20
const MAX_LOCK_MS = 15 * 60_000
/** How long an attempt holds its account's claim at most (one whose server died midway). */
const ATTEMPT_MS = 10_000

/**
 * Password checks one instance runs at once (argon2id: ~19 MiB and a thread each, libuv has 4), how
 * many may wait for them, and how many one caller may have in that line: the per-account claim below
 * serializes guesses at one account, but guesses from one address at many accounts would otherwise
 * all be checked before the address's failures are counted (http/admission.ts, wired in app.ts).
 */
export const PASSWORD_CHECKS = 4
export const PASSWORD_CHECKS_WAITING = 200
export const PASSWORD_CHECKS_PER_CALLER = 4

/**
 * Whose failures these are: the account when the login names one (so its username and e-mail share
 * one count), else the login string as typed (an unknown login is locked just the same, so locks do
 * not reveal which logins exist).
 */
export const throttleSubject = (user: { _id: { toHexString(): string } } | null | undefined, login: string) =>
  user ? `user:${user._id.toHexString()}` : `login:${login.trim().toLowerCase()}`

const keys = (subject: string, ip: string) => [`login:account:${subject}`, `login:ip:${ip}`] as const

const locked = (until: Date, now: Date) => new AppError('LOGIN_LOCKED', { retryAfterSeconds: Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000)) })

/** A time field that is absent or past: no lock, no attempt in progress. */
const over = (field: 'lockedUntil' | 'attemptUntil', now: Date) => ({ $or: [{ [field]: { $exists: false } }, { [field]: null }, { [field]: { $lte: now } }] })

/**
 * Checks a password under the failure throttle, for a sign-in and every re-entered password (a
 * password change, a guarded binding): `verify` runs only when neither the account nor the address
 * is locked out, and only as the account's one attempt in progress. Concurrent guesses at one account
 * would otherwise all pass the lock check before the first failure is counted: with a thousand at
 * once, a thousand guesses instead of four. A second attempt while one runs is refused at once
 * (429 LOGIN_BUSY, try again in a second).
 *
 * A failure counts for the account and for the address. Once the free failures are used up, the next
 * attempt has to wait: the last free failure locks for 1 minute and each further one for twice as
 * long as the one before (1, 2, 4, 8, then 15 minutes), per account and, more loosely, per address.
 * A right password clears the account's failures (the address's stay: it may be guessing others).
 */
export async function checkPassword(models: Models, subject: string, ip: string, verify: () => Promise<boolean>): Promise<boolean> {
  const now = new Date()
  const [accountKey, ipKey] = keys(subject, ip)
  const refuseIfHeld = async (...counterKeys: string[]) => refusal(await models.Counter.find({ key: { $in: counterKeys } }, { key: 1, lockedUntil: 1, attemptUntil: 1 }).lean(), now)
  // Refused without a write while locked or busy: hammering a locked account costs one read.
  await refuseIfHeld(accountKey, ipKey)

  const attempt = randomUUID()
  const endClaim = () => models.Counter.updateOne({ key: accountKey, attempt }, { $unset: { attempt: 1, attemptUntil: 1 } })
  try {
    await models.Counter.updateOne(
      { key: accountKey, $and: [over('lockedUntil', now), over('attemptUntil', now)] },
      {
        $set: { attempt, attemptUntil: new Date(now.getTime() + ATTEMPT_MS), updatedAt: now },
        // A window starts at the first failure, not here.
        $setOnInsert: { windowStart: new Date(0), count: 0 },
      },
      { upsert: true },
    )
  } catch (err) {
    // Locked or claimed since the read above: the upsert met the existing document's unique key.
    if (!isDuplicateKey(err)) throw err
    await refuseIfHeld(accountKey)
    throw new AppError('LOGIN_BUSY', { retryAfterSeconds: 1 })
  }

  let settled = false
  try {
    const right = await verify()
    // Locks count from the check's end: a check slowed by a busy server must not shorten them.
    const checked = new Date()
    let stillOurs: boolean
    if (right) {
      // Only while the claim is ours: the attempt that took it over keeps it, and any lock it set.
      stillOurs = (await models.Counter.deleteOne({ key: accountKey, attempt })).deletedCount === 1
    } else {
      // The lock first, whoever holds the claim by now, then the end of this attempt: while the claim
      // is held no other attempt starts, so none slips in between.
      await countFailure(models, accountKey, ACCOUNT_FREE_FAILURES, checked, { lockExtendsWindow: true })
      stillOurs = (await endClaim()).matchedCount === 1
      await countFailure(models, ipKey, IP_FREE_FAILURES, checked)
    }
    settled = true
    // A check slower than its claim ran alongside the attempt that took the claim over: its answer,
    // right or wrong, would be one guess more than the lock allows. Its failure is counted; the answer is not given.
    if (!stillOurs) throw new AppError('LOGIN_BUSY', { retryAfterSeconds: 1 })
    return right
  } finally {
    // `verify` or a count failed: the claim is freed now, not when it runs out.
    if (!settled) await endClaim().catch(() => undefined)
  }
}

/** 429 while the account or the address is locked (LOGIN_LOCKED), or another attempt holds the account (LOGIN_BUSY). */
function refusal(counters: { key: string; lockedUntil?: Date | null; attemptUntil?: Date | null }[], now: Date): void {
  const locks = counters.flatMap((c) => (c.lockedUntil && c.lockedUntil > now ? [c.lockedUntil] : []))
  if (locks.length) throw locked(new Date(Math.max(...locks.map((l) => l.getTime()))), now)
  if (counters.some((c) => c.key.startsWith('login:account:') && c.attemptUntil && c.attemptUntil > now)) {
    throw new AppError('LOGIN_BUSY', { retryAfterSeconds: 1 })
  }
}

/**
 * Counts a failure on `key` within its window and, once the free failures are used up, locks it
 * ($max: never shortening a longer lock another attempt set); returns until when, if it locked. A window lasts 15 minutes from its first failure; an account's also lasts
 * until 15 minutes after its last lock ends (`lockExtendsWindow`): the locks of 1, 2, 4 and 8 minutes
 * end just as the first 15 minutes do, and a window restarted then would give 7 guesses every 15
 * minutes for ever, never reaching the 15-minute lock. An address keeps the plain window: many people
 * may sign in from one (an office, a campus), and one of them must not keep it locked with a failure
 * every 15 minutes. A stale window is restarted only if it is still stale: two concurrent first
 * failures from one address must count 2, not each restart it at 1.
 */
export async function countFailure(models: Models, key: string, free: number, now: Date, { lockExtendsWindow = false } = {}): Promise<Date | undefined> {
  const fresh = new Date(now.getTime() - WINDOW_MS)
  const fields = lockExtendsWindow ? ['windowStart', 'lockedUntil'] : ['windowStart']
  const running = fields.map((field) => ({ [field]: { $gt: fresh } }))
  // The exact negation of `running` (absent and null included), so that every document matches one of the two.
  const stale = fields.map((field) => ({ [field]: { $not: { $gt: fresh } } }))
  let counter
  for (let tries = 0; !counter; tries++) {
    counter = await models.Counter.findOneAndUpdate({ key, $or: running }, { $inc: { count: 1 }, $set: { updatedAt: now } }, { new: true }).lean()
    if (counter) break
    try {
      // A lock that ran out stays as it is: harmless, and a slow check must not lift one still running.
      counter = await models.Counter.findOneAndUpdate({ key, $and: stale }, { $set: { windowStart: now, count: 1, updatedAt: now } }, { new: true, upsert: true }).lean()
    } catch (err) {
      // Another failure started the window meanwhile: count on it.
      if (!isDuplicateKey(err) || tries >= 2) throw err
    }
  }
  // With 4 free failures, the 4th failure locks: the 5th attempt is refused (429), not evaluated.
  const beyond = counter.count - free + 1
  if (beyond <= 0) return undefined
  const lock = new Date(now.getTime() + Math.min(60_000 * 2 ** (beyond - 1), MAX_LOCK_MS))
  await models.Counter.updateOne({ key }, { $max: { lockedUntil: lock } })
  return lock
}
