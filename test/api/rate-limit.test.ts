import { countFailure } from '../../server/src/auth/loginThrottle'
import { consume, counterOf } from '../../server/src/http/rateLimit'
import { startTestServer, type TestServer } from '../support/server'

/**
 * The fixed-window counters behind every `429 RATE_LIMITED` (objections, uploads, sign-in, names…), on
 * the real engine: one document per key and window, counted by one atomic upsert, so concurrent hits —
 * from any instance — are each counted once, also the first ones of a new window.
 */
let t: TestServer
beforeAll(async () => {
  t = await startTestServer('rate_limit')
})
afterAll(() => t.close())

const LIMIT = { max: 5, windowSeconds: 3600 }

test('concurrent first hits of a window are each counted; those past the limit are refused with the wait until the window ends', async () => {
  const key = `test:${Date.now()}`
  const results = await Promise.allSettled(Array.from({ length: 8 }, () => consume(t.db.models, key, LIMIT)))
  const counters = await t.db.models.Counter.find({ key: new RegExp(`^${key}@`) }).lean()
  expect(counters).toHaveLength(1)
  expect(counters[0]).toMatchObject({ key: counterOf(key, LIMIT, Date.now()).key, count: 8 })
  const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected')
  // Exactly 3 on MongoDB. The embedded engine may read a counter back after a concurrent hit's
  // increment too, so a hit can see a later count: never fewer refusals, sometimes more.
  expect(refused.length).toBeGreaterThanOrEqual(3)
  for (const r of refused) expect(r.reason).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: expect.any(Number) })
})

test('a new window starts from nothing: the last window’s count does not carry over', async () => {
  const key = `test:window:${Date.now()}`
  const hourAgo = Date.now() - LIMIT.windowSeconds * 1000
  await t.db.models.Counter.create({ ...counterOf(key, LIMIT, hourAgo), count: LIMIT.max, updatedAt: new Date(hourAgo) })
  await expect(consume(t.db.models, key, LIMIT)).resolves.toBeUndefined()
  expect(await t.db.models.Counter.countDocuments({ key: new RegExp(`^${key}@`) })).toBe(2)
})

test('another key is counted apart', async () => {
  const key = `test:apart:${Date.now()}`
  for (let i = 0; i < LIMIT.max; i++) await consume(t.db.models, key, LIMIT)
  await expect(consume(t.db.models, key, LIMIT, 'LOGIN_LOCKED')).rejects.toMatchObject({ code: 'LOGIN_LOCKED' })
  await expect(consume(t.db.models, `${key}:other`, LIMIT)).resolves.toBeUndefined()
})

test('failed sign-ins: concurrent first failures of a window each count, and the last free one locks', async () => {
  const key = `login:ip:test-${Date.now()}`
  const now = new Date()
  // A window from an hour ago is stale: the next failure restarts it, once.
  await t.db.models.Counter.create({ key, windowStart: new Date(now.getTime() - 3600_000), count: 19, updatedAt: now })
  const locks = await Promise.all(Array.from({ length: 8 }, () => countFailure(t.db.models, key, 4, now)))
  expect(await t.db.models.Counter.findOne({ key }).lean()).toMatchObject({ count: 8, windowStart: now })
  // The 4th failure of the window locks for a minute, each later one twice as long (at most 15 minutes):
  // 0, 0, 0, 1, 2, 4, 8, 15 on MongoDB. The embedded engine may read a count back after a concurrent
  // increment (see above), so a failure can see a later count: never fewer locks, sometimes longer ones.
  const minutes = locks.map((l) => (l ? (l.getTime() - now.getTime()) / 60_000 : 0)).sort((a, b) => a - b)
  for (const m of minutes) expect([0, 1, 2, 4, 8, 15]).toContain(m)
  expect(minutes.filter((m) => m === 0).length).toBeLessThanOrEqual(3)
  expect(minutes.at(-1)).toBe(15)
})

test.each([
  ['an account’s, ended 5 minutes ago: the window goes on, and the next failure locks for 15 minutes', 'account', 5, 8, 15],
  ['an account’s, ended 16 minutes ago: the window starts again from this failure', 'account', 16, 1, 0],
  ['an address’s, ended 10 minutes ago: an address keeps the plain 15 minutes, and starts again', 'ip', 10, 1, 0],
])('failed sign-ins: a window 20 minutes old whose last lock is %s', async (_label, kind, lockEndedMinutesAgo, count, lockMinutes) => {
  const key = `login:${kind}:test-${lockEndedMinutesAgo}-${Date.now()}`
  const now = new Date()
  const ago = (minutes: number) => new Date(now.getTime() - minutes * 60_000)
  // The locks of 1, 2, 4 and 8 minutes ran their course.
  await t.db.models.Counter.create({ key, windowStart: ago(20), count: kind === 'account' ? 7 : 24, lockedUntil: ago(lockEndedMinutesAgo), updatedAt: ago(lockEndedMinutesAgo) })
  const lock = await countFailure(t.db.models, key, kind === 'account' ? 4 : 20, now, { lockExtendsWindow: kind === 'account' })
  expect(lock ? (lock.getTime() - now.getTime()) / 60_000 : 0).toBe(lockMinutes)
  expect(await t.db.models.Counter.findOne({ key }).lean()).toMatchObject({ count })
})
