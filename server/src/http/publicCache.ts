import { createHash } from 'node:crypto'
import type { Context } from 'koa'

/**
 * Public reads (the calls list, a call, the OpenAPI document, and every public list to come) served
 * from memory, and still fresh on every instance: a change committed before a request arrives is in
 * that request's answer.
 *
 * How: each public read names a stamp source — a database value that no write the read shows can
 * slip past (db/publicVersion.ts: a version, and a marker while such a write is under way, which
 * makes every stamp read answer a stamp of its own). A request is answered under the stamp of a read
 * that *started after it arrived*, or of a read whose lease still runs (a read that found no write
 * under way answers for STAMP_LEASE_MS after it was sent, because every writer waits longer than that
 * between its marker and its change); then from memory when another request computed the answer under
 * that stamp already. One stamp read per source is in flight at a time on an instance; requests that
 * arrive meanwhile share the next one. So however many requests come, the database sees at most one
 * small read per round trip per instance — about one per half lease while traffic is steady — and the
 * answers cost nothing more.
 *
 * What enters the cache depends on the route and its validated params and query only: the handler
 * runs as the public (never the caller), and bind.ts refuses to cache a route the public may not call.
 */

/** Where a cached read's freshness comes from. */
export interface StampSource {
  /** For the logs and errors. */
  name: string
  /** Reads the current stamp from the database: any change the read shows must change it. */
  read(): Promise<string>
}

/** For answers fixed for the life of the process (the OpenAPI document): no database read at all. */
export const FIXED_FOR_PROCESS: StampSource = { name: 'fixed', read: async () => 'fixed' }

/** Clients may keep an answer but must ask again before each use; an unchanged one costs a 304. */
export const PUBLIC_CACHE_CONTROL = 'public, no-cache'

export interface CachedAnswer {
  stamp: string
  body: Buffer
  etag: string
  /** A text route's own type (an Atom feed); JSON otherwise. */
  contentType?: string
}

/**
 * How long a stamp read that found no write under way answers, from the moment it was sent, for
 * requests that arrive after it: the read's lease. Every writer waits WRITER_WAIT_MS after its marker
 * is in the database before it changes anything (db/publicVersion.ts), so a lease granted by a read
 * that missed the marker has run out before the change commits. Why that keeps the rule:
 * docs/ARCHITECTURE.md, "Leases". The same constant on every instance — it is code, not a setting.
 */
export const STAMP_LEASE_MS = 10
/** The writer's wait: the lease, and a margin for two processes' clocks ticking at slightly different rates. */
export const WRITER_WAIT_MS = STAMP_LEASE_MS + 2

/** A stamp read that found a write under way answers a stamp starting with this, one of its own. */
export const WRITE_UNDER_WAY = 'writing.'

/**
 * Stamp reads of one source, shared: a request gets a read that started after it asked, or the
 * answer of a read sent less than a lease before it arrived — back already (a running lease) or
 * still in flight. If no lease runs and no read is in flight it starts one; if the one in flight was
 * sent longer ago (it may have missed a change committed just before the request), the request waits
 * for the one after it, which every request arriving meanwhile shares. At most one read is in flight
 * and one waiting; while a lease runs, a request past its half starts the next read in the
 * background, so steady traffic never waits for the database.
 */
export function sharedStampReads(
  read: () => Promise<string>,
  { leaseMs = STAMP_LEASE_MS, now = () => performance.now(), wallNow = () => Date.now() }: { leaseMs?: number; now?: () => number; wallNow?: () => number } = {},
): SharedStampReads {
  let running: { answer: Promise<string>; sentAt: number; wallSentAt: number } | undefined
  let next: Promise<string> | undefined
  let lease: { stamp: string; answer: Promise<string>; sentAt: number; wallSentAt: number } | undefined
  /** Whether a read sent at `sentAt` answers for a request arriving now, should it find no write under way. */
  const within = (sentAt: number, wallSentAt: number) => {
    // The monotonic clock stops while the host is suspended; the wall clock does not.
    const wall = wallNow() - wallSentAt
    return now() < sentAt + leaseMs && wall >= 0 && wall < leaseMs
  }
  const launch = () => {
    const sentAt = now()
    const wallSentAt = wallNow()
    const p = read()
    const flight = { answer: p, sentAt, wallSentAt }
    running = flight
    const done = () => {
      if (running === flight) running = undefined
    }
    p.then((stamp) => {
      done()
      // A write under way: no lease — every request reads until it is over.
      lease = leaseMs > 0 && !stamp.includes(WRITE_UNDER_WAY) ? { stamp, answer: p, sentAt, wallSentAt } : undefined
    }, done)
    return p
  }
  /** The running lease, if any; past its half, the next read starts in the background. */
  const leased = () => {
    if (!lease) return undefined
    if (!within(lease.sentAt, lease.wallSentAt)) {
      lease = undefined
      return undefined
    }
    if (now() >= lease.sentAt + leaseMs / 2 && !running && !next) launch().catch(() => undefined)
    return lease
  }
  const current = () => {
    const held = leased()
    if (held) return held.answer
    if (!running) return launch()
    // The read in flight was sent less than a lease ago: its answer holds for this request as a lease
    // would (the argument does not depend on when the answer comes back), so a renewal that is slow to
    // return does not send every request arriving meanwhile to wait for the read after it.
    if (within(running.sentAt, running.wallSentAt)) {
      // Should it fail, the read in flight by then answers, or a new one: either started after this request arrived.
      return running.answer.catch(() => (running ? running.answer : launch()))
    }
    next ??= running.answer
      .then(
        () => undefined,
        () => undefined,
      )
      .then(() => {
        next = undefined
        return launch()
      })
    return next
  }
  return Object.assign(current, { leased: () => leased()?.stamp })
}

/** A source's shared stamp reads: call for a stamp that started after the call (or a running lease's). */
export interface SharedStampReads {
  (): Promise<string>
  /** The running lease's stamp, without waiting; undefined when none runs. */
  leased(): string | undefined
}

interface SourceState {
  current: SharedStampReads
  /** The stamp the last completed read found; entries of other stamps are gone. */
  stamp?: string
  entries: Map<string, CachedAnswer>
  /** Answers being computed, so that concurrent requests under one stamp compute each once. */
  computing: Map<string, { stamp: string; answer: Promise<CachedAnswer> }>
}

/** A URL a cached public read has validated: its route, stamp source and cache key, and the validated input. */
export interface KnownUrl {
  route: string
  source: StampSource
  key: string
  params: unknown
  query: unknown
}

/** URLs the cache remembers as validated (bounded whatever URLs callers try: cleared when full). */
const KNOWN_URLS = 2000
/** Longer URLs are validated every time, not remembered. */
export const REMEMBERED_URL_LENGTH = 512

/**
 * Remembers `value` under a URL or path, bounded whatever callers send: a long one is not kept (no
 * public list's URL is long; not worth the memory an attacker could make it take), and a full map is
 * emptied first.
 */
export function rememberBounded<V>(map: Map<string, V>, key: string, value: V, limit: number): void {
  if (key.length > REMEMBERED_URL_LENGTH) return
  if (map.size >= limit) map.clear()
  map.set(key, value)
}

export class PublicReadCache {
  private readonly sources = new Map<StampSource, SourceState>()
  private readonly urls = new Map<string, Readonly<KnownUrl>>()

  /** `maxEntries` per source bounds memory whatever query parameters callers try (least recently used go first). */
  constructor(
    private readonly maxEntries = 1000,
    /** The stamp reads' lease and clock (tests). */
    private readonly stampReads: Parameters<typeof sharedStampReads>[1] = {},
  ) {}

  private stateOf(source: StampSource): SourceState {
    let state = this.sources.get(source)
    if (!state) {
      state = { current: source === FIXED_FOR_PROCESS ? Object.assign(() => source.read(), { leased: () => 'fixed' }) : sharedStampReads(() => source.read(), this.stampReads), entries: new Map(), computing: new Map() }
      this.sources.set(source, state)
    }
    return state
  }

  /** What the route of `url` (path and query as sent) validated it into, if it did lately. */
  knownUrl(url: string): Readonly<KnownUrl> | undefined {
    return this.urls.get(url)
  }

  /** Remembers a validated URL; its input is frozen, since every later request of it shares it. */
  rememberUrl(url: string, known: KnownUrl): Readonly<KnownUrl> {
    const kept = Object.freeze({ ...known, params: deepFreeze(known.params), query: deepFreeze(known.query) })
    rememberBounded(this.urls, url, kept, KNOWN_URLS)
    return kept
  }

  /**
   * The answer kept for `key` under `source`'s running lease, without waiting: undefined when no lease
   * runs or nothing was computed under it (the caller then takes the path that reads the stamp).
   */
  keptUnderLease(source: StampSource, key: string): CachedAnswer | undefined {
    const state = this.stateOf(source)
    const stamp = state.current.leased()
    return stamp === undefined ? undefined : this.entryUnder(state, stamp, key)
  }

  private entryUnder(state: SourceState, stamp: string, key: string): CachedAnswer | undefined {
    if (stamp !== state.stamp) {
      state.stamp = stamp
      state.entries.clear()
    }
    const kept = state.entries.get(key)
    if (!kept || kept.stamp !== stamp) return undefined
    // Least recently used first out: a hit moves to the back.
    state.entries.delete(key)
    state.entries.set(key, kept)
    return kept
  }

  /**
   * The answer for `key` (route and validated input) under `source`'s stamp as read after this call:
   * from memory, or from `compute` (the JSON value to send), run once for all the requests that ask
   * for the same key under the same stamp. A failure (a 404) is each waiter's answer and is not kept.
   * With `textType`, `compute` gives the text itself, sent as that type (an Atom feed).
   */
  async answer(source: StampSource, key: string, compute: () => Promise<unknown>, textType?: string): Promise<CachedAnswer> {
    const state = this.stateOf(source)
    const stamp = await state.current()
    const kept = this.entryUnder(state, stamp, key)
    if (kept) return kept
    let job = state.computing.get(key)
    if (!job || job.stamp !== stamp) {
      const answer = compute().then((value) => answerOf(stamp, value, textType))
      const started = { stamp, answer }
      job = started
      state.computing.set(key, started)
      const settle = () => {
        if (state.computing.get(key) === started) state.computing.delete(key)
      }
      answer.then(settle, settle)
    }
    const computed = await job.answer
    // Kept only while its stamp is the newest read: an older one would just be replaced.
    if (state.stamp === stamp) {
      state.entries.delete(key)
      state.entries.set(key, computed)
      if (state.entries.size > this.maxEntries) state.entries.delete(state.entries.keys().next().value!)
    }
    return computed
  }
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value)
    for (const v of Object.values(value)) deepFreeze(v)
  }
  return value
}

function answerOf(stamp: string, value: unknown, textType?: string): CachedAnswer {
  const body = Buffer.from(textType ? String(value) : JSON.stringify(value))
  return { stamp, body, etag: `"${createHash('sha1').update(body).digest('base64url')}"`, ...(textType ? { contentType: textType } : {}) }
}

/**
 * If-None-Match as an origin server evaluates it (RFC 9110 §13.1.2: weak comparison, `*` matches).
 * Not Koa's `ctx.fresh`: it ignores If-None-Match when the request says `Cache-Control: no-cache`,
 * which fetch() adds to every conditional request it is given — that directive is for caches on the
 * way, and the origin answering 304 is exactly the revalidation it asks for.
 */
export function matchesIfNoneMatch(header: string, etag: string): boolean {
  if (!header) return false
  if (header.trim() === '*') return true
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '')
  return header.split(',').some((tag) => opaque(tag) === opaque(etag))
}

/**
 * A cached answer's status and headers for a request carrying `ifNoneMatch`: its ETag, revalidate-always
 * caching, and 304 when the caller's copy is current (the type only with a body). One rule for the
 * Koa path (`sendCachedAnswer`) and the server's listener (http/leanPublicReads.ts).
 */
export function cachedAnswerHead(answer: CachedAnswer, ifNoneMatch: string | undefined): { status: 200 | 304; headers: [string, string][] } {
  const headers: [string, string][] = [
    ['Cache-Control', PUBLIC_CACHE_CONTROL],
    ['ETag', answer.etag],
  ]
  if (ifNoneMatch && matchesIfNoneMatch(ifNoneMatch, answer.etag)) return { status: 304, headers }
  headers.push(['Content-Type', answer.contentType ?? 'application/json; charset=utf-8'])
  return { status: 200, headers }
}

/** Sends a cached answer through Koa (cachedAnswerHead says what goes with it). */
export function sendCachedAnswer(ctx: Context, answer: CachedAnswer): void {
  const { status, headers } = cachedAnswerHead(answer, ctx.req.headers['if-none-match'])
  // Headers set on the response, not ctx.type, which looks the type up again on every request.
  for (const [name, value] of headers) ctx.res.setHeader(name, value)
  ctx.status = status
  if (status === 200) ctx.body = answer.body
}
