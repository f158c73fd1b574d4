/**
 * When to try a failed delivery again: exponential backoff with "equal jitter" (half the delay
 * fixed, half random), so records that failed together — a WeChat outage — do not all come back in
 * the same second. Pure, so it is unit-tested with a fixed `random`.
 */
export interface RetryPolicy {
  /** Attempts in all; after the last one fails the record is dead (dead letter, kept for the office). */
  maxAttempts: number
  /** The delay after the first failure, before jitter. */
  baseMs: number
  /** No delay is longer than this, before jitter. */
  maxDelayMs: number
}

/** 1, 2, 4, 8, 16 minutes between six attempts: about half an hour of trying, as configured. */
export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 6, baseMs: 60_000, maxDelayMs: 3_600_000 }

/** The delay after `attempts` failed attempts (1 = the first failed). */
export function backoffMs(attempts: number, policy: RetryPolicy, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseMs * 2 ** Math.max(0, attempts - 1))
  return Math.round(ceiling / 2 + random() * (ceiling / 2))
}

export type AfterFailure = { status: 'failed'; nextAttemptAt: Date } | { status: 'dead' }

/** What becomes of a record whose attempt number `attempts` just failed. */
export function afterFailure(
  attempts: number,
  policy: RetryPolicy,
  now: Date,
  { permanent = false, random = Math.random }: { permanent?: boolean; random?: () => number } = {},
): AfterFailure {
  if (permanent || attempts >= policy.maxAttempts) return { status: 'dead' }
  return { status: 'failed', nextAttemptAt: new Date(now.getTime() + backoffMs(attempts, policy, random)) }
}
