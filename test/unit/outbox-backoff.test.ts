import { afterFailure, backoffMs, DEFAULT_RETRY, type RetryPolicy } from '../../server/src/outbox/backoff'

const policy: RetryPolicy = { maxAttempts: 6, baseMs: 60_000, maxDelayMs: 3_600_000 }
const MIN = 60_000

describe('outbox retries: exponential backoff with equal jitter', () => {
  test.each([
    [1, 1 * MIN],
    [2, 2 * MIN],
    [3, 4 * MIN],
    [4, 8 * MIN],
    [5, 16 * MIN],
  ])('after failed attempt %i the delay lies between half of %i ms and all of it', (attempts, ceiling) => {
    expect(backoffMs(attempts, policy, () => 0)).toBe(ceiling / 2)
    expect(backoffMs(attempts, policy, () => 0.999999)).toBe(Math.round(ceiling / 2 + 0.999999 * (ceiling / 2)))
    expect(backoffMs(attempts, policy, () => 0.5)).toBe((ceiling * 3) / 4)
  })

  test('the delay is capped at maxDelayMs, however many attempts failed', () => {
    expect(backoffMs(7, policy, () => 1)).toBe(60 * MIN)
    expect(backoffMs(40, policy, () => 1)).toBe(60 * MIN)
    expect(backoffMs(40, policy, () => 0)).toBe(30 * MIN)
  })

  test('the jitter spreads records that failed together', () => {
    const randoms = [0.1, 0.4, 0.7, 0.95]
    const delays = randoms.map((r) => backoffMs(3, policy, () => r))
    expect(new Set(delays).size).toBe(randoms.length)
  })

  test('a failed attempt below maxAttempts is retried later; the last one is dead', () => {
    const now = new Date('2026-03-01T00:00:00Z')
    expect(afterFailure(1, policy, now, { random: () => 0 })).toEqual({ status: 'failed', nextAttemptAt: new Date(now.getTime() + MIN / 2) })
    expect(afterFailure(5, policy, now, { random: () => 0 })).toEqual({ status: 'failed', nextAttemptAt: new Date(now.getTime() + 8 * MIN) })
    expect(afterFailure(6, policy, now)).toEqual({ status: 'dead' })
    expect(afterFailure(9, policy, now)).toEqual({ status: 'dead' })
  })

  test('a permanent failure is dead at the first attempt', () => {
    expect(afterFailure(1, policy, new Date(), { permanent: true })).toEqual({ status: 'dead' })
  })

  test('the default: six attempts, a minute to start with, an hour at most', () => {
    expect(DEFAULT_RETRY).toEqual({ maxAttempts: 6, baseMs: MIN, maxDelayMs: 60 * MIN })
  })
})
