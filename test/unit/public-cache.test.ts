import { hotPublicReads } from '../../server/src/http/leanPublicReads'
import { createLogger } from '../../server/src/logger'
import type { Metrics } from '../../server/src/metrics'
import { matchesIfNoneMatch, PublicReadCache, REMEMBERED_URL_LENGTH, sharedStampReads, STAMP_LEASE_MS, WRITE_UNDER_WAY, WRITER_WAIT_MS, type StampSource } from '../../server/src/http/publicCache'

/** A stamp read we finish by hand: `reads` lists them in the order they started. */
function manualReads() {
  const reads: { resolve: (stamp: string) => void; reject: (err: Error) => void }[] = []
  const read = () =>
    new Promise<string>((resolve, reject) => {
      reads.push({ resolve, reject })
    })
  return { reads, read }
}
const tick = () => new Promise((r) => setImmediate(r))

describe('shared stamp reads: one in flight per instance, and never one that started before the request (no lease)', () => {
  test('requests arriving while none is in flight share one read', async () => {
    const { reads, read } = manualReads()
    const current = sharedStampReads(read, { leaseMs: 0 })
    const first = current()
    expect(reads).toHaveLength(1)
    reads[0]!.resolve('s1')
    expect(await first).toBe('s1')
  })

  test('requests arriving while a read is in flight wait for the next one, which they all share', async () => {
    const { reads, read } = manualReads()
    const current = sharedStampReads(read, { leaseMs: 0 })
    const early = current()
    // These arrive after the first read started: it may miss a change committed just before them.
    const late = Array.from({ length: 100 }, () => current())
    expect(reads).toHaveLength(1)
    reads[0]!.resolve('before')
    expect(await early).toBe('before')
    await tick()
    expect(reads).toHaveLength(2)
    reads[1]!.resolve('after')
    expect(await Promise.all(late)).toEqual(Array(100).fill('after'))
    expect(reads).toHaveLength(2)
  })

  test('a failed read fails only its own waiters; the next request reads again', async () => {
    const { reads, read } = manualReads()
    const current = sharedStampReads(read, { leaseMs: 0 })
    const failing = current()
    const next = current()
    reads[0]!.reject(new Error('database down'))
    await expect(failing).rejects.toThrow('database down')
    await tick()
    reads[1]!.resolve('s2')
    expect(await next).toBe('s2')
    const again = current()
    expect(reads).toHaveLength(3)
    reads[2]!.resolve('s3')
    expect(await again).toBe('s3')
  })
})

describe('stamp leases: a read that found no write under way answers for STAMP_LEASE_MS from when it was sent', () => {
  /** Shared stamp reads on a hand-driven clock: `advance` moves both clocks, `shiftWall` the wall clock alone (a suspended host, a clock set back). */
  function clockedReads() {
    const { reads, read } = manualReads()
    let time = 1000
    let wallOffset = 0
    const current = sharedStampReads(read, { leaseMs: STAMP_LEASE_MS, now: () => time, wallNow: () => time + wallOffset })
    return { reads, current, advance: (ms: number) => (time += ms), shiftWall: (ms: number) => (wallOffset += ms) }
  }

  test('within the lease a request is answered at once, without a read', async () => {
    const { reads, current, advance } = clockedReads()
    const first = current()
    advance(2)
    reads[0]!.resolve('v1')
    expect(await first).toBe('v1')
    advance(STAMP_LEASE_MS / 2 - 3)
    expect(await current()).toBe('v1')
    expect(reads).toHaveLength(1)
  })

  test('past half the lease a request still gets the lease and starts the next read in the background; past the lease it waits for a new read', async () => {
    const { reads, current, advance } = clockedReads()
    const first = current()
    reads[0]!.resolve('v1')
    await first
    advance(STAMP_LEASE_MS / 2)
    expect(await current()).toBe('v1')
    expect(reads).toHaveLength(2)
    // Only one read at a time: the renewal is not started twice.
    expect(await current()).toBe('v1')
    expect(reads).toHaveLength(2)
    // The lease counts from when the read was sent: 'v2' was sent at half the first lease.
    reads[1]!.resolve('v2')
    await tick()
    advance(STAMP_LEASE_MS - 1)
    expect(await current()).toBe('v2')
    expect(reads).toHaveLength(3)
    // Past the lease, with the renewal still in flight but sent a whole lease ago: it may have missed a
    // change committed just before this request, so the one after it.
    advance(STAMP_LEASE_MS)
    const late = current()
    reads[2]!.resolve('v3')
    await tick()
    expect(reads).toHaveLength(4)
    reads[3]!.resolve('v4')
    expect(await late).toBe('v4')
  })

  /** A lease from 'v1', its renewal sent at half of it and still in flight, and the clock just past the lease. */
  async function renewalInFlightPastTheLease() {
    const { reads, current, advance } = clockedReads()
    const first = current()
    reads[0]!.resolve('v1')
    await first
    advance(STAMP_LEASE_MS / 2)
    current()
    expect(reads).toHaveLength(2)
    advance(STAMP_LEASE_MS / 2 + 1)
    return { reads, current, advance }
  }

  test('past the lease, a renewal still in flight that was sent less than a lease ago answers for the request', async () => {
    const { reads, current, advance } = await renewalInFlightPastTheLease()
    // The first lease is over; the renewal, sent half a lease ago, is slow to come back.
    expect(current.leased()).toBeUndefined()
    const waiting = Array.from({ length: 10 }, () => current())
    expect(reads).toHaveLength(2)
    reads[1]!.resolve('v2')
    expect(await Promise.all(waiting)).toEqual(Array(10).fill('v2'))
    expect(reads).toHaveLength(2)
    // One that arrives a lease after the renewal was sent waits for a read of its own, however it ends.
    advance(STAMP_LEASE_MS / 2 - 1)
    current()
    expect(reads).toHaveLength(3)
    advance(STAMP_LEASE_MS)
    const after = current()
    reads[2]!.resolve(`v3|${WRITE_UNDER_WAY}1`)
    await tick()
    expect(reads).toHaveLength(4)
    reads[3]!.resolve('v4')
    expect(await after).toBe('v4')
  })

  test('a renewal in flight that fails is read again for the requests that shared it (a read that starts after they arrived)', async () => {
    const { reads, current } = await renewalInFlightPastTheLease()
    const shared = [current(), current()]
    reads[1]!.reject(new Error('database blip'))
    await tick()
    expect(reads).toHaveLength(3)
    reads[2]!.resolve('v2')
    expect(await Promise.all(shared)).toEqual(['v2', 'v2'])
  })

  test('a renewal in flight is not shared once the wall clock says a lease has passed since it was sent (a suspended host)', async () => {
    const { reads, current, advance, shiftWall } = clockedReads()
    const first = current()
    reads[0]!.resolve('v1')
    await first
    // Past half the lease by both clocks: the renewal starts; then the host sleeps (only the wall clock moves).
    advance(STAMP_LEASE_MS / 2)
    const renewing = current()
    await renewing
    expect(reads).toHaveLength(2)
    shiftWall(STAMP_LEASE_MS)
    const late = current()
    reads[1]!.resolve('v2')
    await tick()
    expect(reads).toHaveLength(3)
    reads[2]!.resolve('v3')
    expect(await late).toBe('v3')
  })

  test('a renewal in flight that finds a write under way gives its own stamp to the requests that shared it', async () => {
    const { reads, current } = await renewalInFlightPastTheLease()
    const shared = current()
    reads[1]!.resolve(`v1|${WRITE_UNDER_WAY}7`)
    expect(await shared).toBe(`v1|${WRITE_UNDER_WAY}7`)
    // No lease from it: the next request reads again.
    const next = current()
    expect(reads).toHaveLength(3)
    reads[2]!.resolve('v2')
    expect(await next).toBe('v2')
  })

  test('a read that finds a write under way grants no lease: every request reads again until it is over', async () => {
    const { reads, current } = clockedReads()
    const first = current()
    reads[0]!.resolve(`v1|${WRITE_UNDER_WAY}1`)
    expect(await first).toBe(`v1|${WRITE_UNDER_WAY}1`)
    const second = current()
    expect(reads).toHaveLength(2)
    reads[1]!.resolve('v2')
    expect(await second).toBe('v2')
  })

  test('a lease ends when the wall clock says it should, though the monotonic one stood still (a suspended host)', async () => {
    const { reads, current, shiftWall } = clockedReads()
    const first = current()
    reads[0]!.resolve('v1')
    await first
    expect(current.leased()).toBe('v1')
    shiftWall(STAMP_LEASE_MS)
    expect(current.leased()).toBeUndefined()
    const after = current()
    expect(reads).toHaveLength(2)
    reads[1]!.resolve('v2')
    expect(await after).toBe('v2')
    // A wall clock set back is no proof of anything either.
    shiftWall(-60_000)
    expect(current.leased()).toBeUndefined()
  })

  test('the writer waits longer than the lease', () => {
    expect(WRITER_WAIT_MS).toBeGreaterThan(STAMP_LEASE_MS)
  })
})

describe('the public read cache', () => {
  function source(stamps: string[]): StampSource & { reads: number } {
    const s = {
      name: 'test',
      reads: 0,
      async read() {
        s.reads++
        return stamps[Math.min(s.reads - 1, stamps.length - 1)]!
      },
    }
    return s
  }

  test('computes an answer once per key and stamp, for every request waiting on it', async () => {
    const cache = new PublicReadCache()
    const stamps = source(['v1'])
    let computed = 0
    const compute = async () => ({ n: ++computed })
    const answers = await Promise.all(Array.from({ length: 20 }, () => cache.answer(stamps, 'list', compute)))
    expect(computed).toBe(1)
    expect(new Set(answers.map((a) => a.body.toString()))).toEqual(new Set(['{"n":1}']))
    await cache.answer(stamps, 'list', compute)
    expect(computed).toBe(1)
    await cache.answer(stamps, 'other', compute)
    expect(computed).toBe(2)
  })

  test('a new stamp is a new answer, with a new ETag when the bytes changed', async () => {
    const cache = new PublicReadCache(1000, { leaseMs: 0 })
    const stamps = source(['v1', 'v1', 'v2'])
    let title = 'old'
    const compute = async () => ({ title })
    const first = await cache.answer(stamps, 'list', compute)
    title = 'new'
    // Same stamp: the database has not changed what the answer shows, so memory answers.
    expect((await cache.answer(stamps, 'list', compute)).body.toString()).toBe('{"title":"old"}')
    const changed = await cache.answer(stamps, 'list', compute)
    expect(changed.body.toString()).toBe('{"title":"new"}')
    expect(changed.etag).not.toBe(first.etag)
  })

  test('a failure is not kept', async () => {
    const cache = new PublicReadCache()
    const stamps = source(['v1'])
    let calls = 0
    const compute = async () => {
      if (++calls === 1) throw new Error('not found')
      return { ok: true }
    }
    await expect(cache.answer(stamps, 'x', compute)).rejects.toThrow('not found')
    expect((await cache.answer(stamps, 'x', compute)).body.toString()).toBe('{"ok":true}')
  })

  test('remembers validated URLs, frozen, but not long ones', () => {
    const cache = new PublicReadCache()
    const stamps = source(['v1'])
    const known = cache.rememberUrl('/api/calls?page=1', { route: 'listCalls', source: stamps, key: 'k', params: undefined, query: { page: 1, tags: ['a'] } })
    expect(cache.knownUrl('/api/calls?page=1')).toBe(known)
    expect(Object.isFrozen((known.query as { tags: string[] }).tags)).toBe(true)
    const long = `/api/calls?q=${'x'.repeat(REMEMBERED_URL_LENGTH)}`
    cache.rememberUrl(long, { route: 'listCalls', source: stamps, key: 'k2', params: undefined, query: {} })
    expect(cache.knownUrl(long)).toBeUndefined()
  })

  test('keeps at most maxEntries answers, dropping the least recently used', async () => {
    const cache = new PublicReadCache(2)
    const stamps = source(['v1'])
    const computed: string[] = []
    const compute = (key: string) => async () => {
      computed.push(key)
      return key
    }
    await cache.answer(stamps, 'a', compute('a'))
    await cache.answer(stamps, 'b', compute('b'))
    await cache.answer(stamps, 'a', compute('a'))
    await cache.answer(stamps, 'c', compute('c'))
    await cache.answer(stamps, 'a', compute('a'))
    await cache.answer(stamps, 'b', compute('b'))
    expect(computed).toEqual(['a', 'b', 'c', 'b'])
  })
})

test.each([
  ['"abc"', '"abc"', true],
  ['W/"abc"', '"abc"', true],
  ['"x", "abc"', '"abc"', true],
  ['*', '"abc"', true],
  ['"abd"', '"abc"', false],
  ['', '"abc"', false],
])('If-None-Match %s against %s → %s (RFC 9110 weak comparison)', (header, etag, expected) => {
  expect(matchesIfNoneMatch(header, etag)).toBe(expected)
})

describe('hot public reads: answered by the server listener ahead of Koa only under a running lease', () => {
  function setup(leaseMs: number) {
    const cache = new PublicReadCache(1000, { leaseMs })
    const stamps = { name: 'test', read: async () => 'v1' }
    const routed: string[] = []
    const recorded: [string, number][] = []
    const listener = hotPublicReads({
      cache,
      metrics: { forRoute: (route: string) => (_method: string, status: number) => recorded.push([route, status]) } as unknown as Metrics,
      logger: createLogger('silent'),
      securityHeaders: [['X-Content-Type-Options', 'nosniff']],
      koa: (req) => {
        routed.push(req.url!)
      },
    })
    const request = (url: string, headers: Record<string, string> = {}, method = 'GET') => {
      const sent: { status?: number; headers?: string[]; body?: Buffer } = {}
      const res = { headersSent: false, writeHead: (status: number, h: string[]) => Object.assign(sent, { status, headers: h }), end: (body?: Buffer) => (sent.body = body) }
      listener({ method, url, headers } as never, res as never)
      return sent
    }
    return { cache, stamps, routed, recorded, request }
  }

  test('a validated URL with its answer under the lease: answered here, with the headers the lean path gives', async () => {
    const { cache, stamps, routed, recorded, request } = setup(60_000)
    cache.rememberUrl('/api/calls?page=1', { route: 'listCalls', source: stamps, key: 'k', params: undefined, query: {} })
    const computed = await cache.answer(stamps, 'k', async () => ({ items: [] }))
    const sent = request('/api/calls?page=1')
    expect(routed).toEqual([])
    expect(sent.status).toBe(200)
    expect(sent.body?.toString()).toBe('{"items":[]}')
    const headers = Object.fromEntries(sent.headers!.flatMap((v, i, all) => (i % 2 ? [] : [[v.toLowerCase(), all[i + 1]]])))
    expect(headers).toMatchObject({ 'x-content-type-options': 'nosniff', vary: 'Origin', 'cache-control': 'public, no-cache', etag: computed.etag, 'content-length': String(computed.body.length) })
    expect(headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/)
    expect(request('/api/calls?page=1', { 'if-none-match': computed.etag }).status).toBe(304)
    expect(request('/api/calls?page=1', {}, 'HEAD').body).toBeUndefined()
    expect(recorded).toEqual([['listCalls', 200], ['listCalls', 304], ['listCalls', 200]])
  })

  test('no lease running, a URL not validated, a cross-origin browser, a write: all go to Koa', async () => {
    const { cache, stamps, routed, request } = setup(0)
    cache.rememberUrl('/api/calls?page=1', { route: 'listCalls', source: stamps, key: 'k', params: undefined, query: {} })
    await cache.answer(stamps, 'k', async () => ({ items: [] }))
    request('/api/calls?page=1')
    request('/api/calls?page=2')
    request('/api/calls?page=1', { origin: 'http://localhost:10086' })
    request('/api/calls?page=1', {}, 'POST')
    expect(routed).toEqual(['/api/calls?page=1', '/api/calls?page=2', '/api/calls?page=1', '/api/calls?page=1'])
  })
})
