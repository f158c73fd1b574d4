import { createHash } from 'node:crypto'
import type { Context } from 'koa'

/**
 * Public reads (the calls list, a call, the OpenAPI document, and every public list to come) served
 * from memory, and still fresh on every instance: a change committed before a request arrives is in
 * that request's answer.
 *
 * How: each public read names a stamp source — a database value that no write the read shows can
 * slip past (db/publicVersion.ts: a version, and a marker while such a write is under way, which
 * makes every stamp read answer a stamp of its own). Every request waits for a stamp read that
 * *started after it arrived*, then gets the answer computed under that stamp, from memory when
 * another request computed it already. One stamp read per source is in flight at a time on an instance; requests that
 * arrive meanwhile share the next one. So however many requests come, the database sees about one
 * small read per round trip per instance, and the answers cost nothing more.
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
 * Stamp reads of one source, shared: a request gets the next read that starts after it asked. If none
 * is in flight it starts one; if one is (it may have started before the request arrived, and missed a
 * change committed just before), the request waits for the one after it, which every request arriving
 * meanwhile shares. At most one read is in flight and one waiting.
 */
export function sharedStampReads(read: () => Promise<string>): () => Promise<string> {
  let running: Promise<string> | undefined
  let next: Promise<string> | undefined
  const launch = () => {
    const p = read()
    running = p
    const done = () => {
      if (running === p) running = undefined
    }
    p.then(done, done)
    return p
  }
  return () => {
    if (!running) return launch()
    next ??= running
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
}

interface SourceState {
  current: () => Promise<string>
  /** The stamp the last completed read found; entries of other stamps are gone. */
  stamp?: string
  entries: Map<string, CachedAnswer>
  /** Answers being computed, so that concurrent requests under one stamp compute each once. */
  computing: Map<string, { stamp: string; answer: Promise<CachedAnswer> }>
}

export class PublicReadCache {
  private readonly sources = new Map<StampSource, SourceState>()

  /** `maxEntries` per source bounds memory whatever query parameters callers try (least recently used go first). */
  constructor(private readonly maxEntries = 1000) {}

  private stateOf(source: StampSource): SourceState {
    let state = this.sources.get(source)
    if (!state) {
      state = { current: source === FIXED_FOR_PROCESS ? source.read : sharedStampReads(() => source.read()), entries: new Map(), computing: new Map() }
      this.sources.set(source, state)
    }
    return state
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
    if (stamp !== state.stamp) {
      state.stamp = stamp
      state.entries.clear()
    }
    const kept = state.entries.get(key)
    if (kept && kept.stamp === stamp) {
      // Least recently used first out: a hit moves to the back.
      state.entries.delete(key)
      state.entries.set(key, kept)
      return kept
    }
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

/** Sends a cached answer: its ETag, revalidate-always caching, and 304 when the caller's copy is current. */
export function sendCachedAnswer(ctx: Context, answer: CachedAnswer): void {
  const res = ctx.res
  res.setHeader('Cache-Control', PUBLIC_CACHE_CONTROL)
  res.setHeader('ETag', answer.etag)
  const ifNoneMatch = ctx.req.headers['if-none-match']
  if (ifNoneMatch && matchesIfNoneMatch(ifNoneMatch, answer.etag)) {
    ctx.status = 304
    return
  }
  ctx.status = 200
  // A header, not ctx.type, which looks the type up again on every request.
  res.setHeader('Content-Type', answer.contentType ?? 'application/json; charset=utf-8')
  ctx.body = answer.body
}
