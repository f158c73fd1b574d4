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
