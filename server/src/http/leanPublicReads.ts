import type { Layer, default as Router } from '@koa/router'
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http'
import type { Context, Middleware, Next } from 'koa'
import helmet from 'helmet'
import type { Logger } from '../logger'
import type { Metrics } from '../metrics'
import { withLogContext } from '../logger'
import { assignRequestId, errorHandler, requestIdFrom } from './middleware'
import { cachedAnswerHead, rememberBounded, type CachedAnswer, type PublicReadCache } from './publicCache'

/** Paths whose route match the lean path keeps. */
const MATCHED_PATHS = 2000

export type HelmetOptions = Parameters<typeof helmet>[0]

/**
 * The headers helmet sets with `options`, computed once. With no CSP (so no per-request nonce) they
 * are the same on every response; test/api/http.test.ts checks that a cached read carries exactly
 * the ordinary path's.
 */
export function precomputedSecurityHeaders(options: HelmetOptions): [string, string][] {
  const headers: [string, string][] = []
  const res = {
    setHeader: (name: string, value: string | number | readonly string[]) => headers.push([name, String(value)]),
    removeHeader: () => undefined,
  }
  let done = false
  helmet(options)({} as never, res as never, (err?: unknown) => {
    if (err) throw err
    done = true
  })
  if (!done || headers.length === 0) throw new Error('helmet did not set its headers synchronously: the lean path cannot precompute them')
  return headers
}

/**
 * Cached public reads (http/publicCache.ts) answered first in the stack, ahead of the request
 * context, metrics, helmet and CORS middleware, which cost several times what a read from memory
 * does. A matched GET/HEAD gets what those would have given it — the request id header, the
 * security headers (precomputed), `Vary: Origin`, its count and latency (pre-bound metric children)
 * — without an AsyncLocalStorage scope or a per-request closure chain. A request carrying `Origin`
 * (a cross-origin browser) takes the ordinary path, where CORS decides.
 *
 * Logging: a successful read (200/304) is logged at `debug`, not `info` — at thousands a second the
 * line would be the largest single cost; anything else is logged at `info` like every other request,
 * and a failure renders and logs exactly as errorHandler does, with the request id in its log context.
 */
export function leanPublicReads({
  router,
  logger,
  metrics,
  securityHeaders,
}: {
  router: Router
  logger: Logger
  metrics: Metrics
  securityHeaders: [string, string][]
}): Middleware {
  const dispatch = router.routes() as Middleware
  const recorders = new Map<string, ReturnType<Metrics['forRoute']>>()
  for (const layer of router.stack) if (layer.name) recorders.set(layer.name, metrics.forRoute(layer.name))
  const renderError = errorHandler()
  const noMatch = async () => {
    throw new Error('lean public read: the route matched but did not answer')
  }
  /**
   * The matched route run as the router would run it, without matching again and building a
   * middleware chain per request: its params set, then its one handler. Anything else (several
   * layers, a layer with more than one middleware) goes through the router.
   */
  const run = (ctx: Context, layers: Layer[]) => {
    const layer = layers[0]!
    if (layers.length !== 1 || layer.stack.length !== 1) return dispatch(ctx, noMatch)
    const params = layer.params(ctx.path, layer.captures(ctx.path), {})
    ctx.params = params
    ;(ctx.request as { params?: unknown }).params = params
    return layer.stack[0]!(ctx as never, noMatch)
  }
  const logsSuccess = () => logger.isLevelEnabled('debug')
  // Matching walks every public route's pattern: remembered per method and path, bounded (cleared when full).
  const matches = new Map<string, { route: string; layers: Layer[] } | null>()
  const matchOf = (method: string, path: string) => {
    const key = `${method} ${path}`
    let known = matches.get(key)
    if (known === undefined) {
      const matched = router.match(path, method)
      known = matched.route ? { route: matched.pathAndMethod.at(-1)!.name!, layers: matched.pathAndMethod } : null
      rememberBounded(matches, key, known, MATCHED_PATHS)
    }
    return known
  }
  return async (ctx: Context, next: Next) => {
    if ((ctx.method !== 'GET' && ctx.method !== 'HEAD') || ctx.get('origin')) return next()
    const matched = matchOf(ctx.method, ctx.path)
    if (!matched) return next()
    const started = performance.now()
    const route = matched.route
    const requestId = assignRequestId(ctx, logger)
    const res = ctx.res
    for (const [name, value] of securityHeaders) res.setHeader(name, value)
    res.setHeader('Vary', 'Origin')
    try {
      await run(ctx, matched.layers)
    } catch (err) {
      await withLogContext({ reqId: requestId }, () => renderError(ctx, () => Promise.reject(err)))
    }
    const ms = performance.now() - started
    recorders.get(route)?.(ctx.method, ctx.status, ms / 1000)
    const success = ctx.status < 400
    if (success && !logsSuccess()) return
    const fields = { method: ctx.method, url: ctx.url, status: ctx.status, ms: Math.round(ms), reqId: requestId }
    if (success) logger.debug(fields, 'request')
    else logger.info(fields, 'request')
  }
}

/**
 * The server's request listener: a public read whose URL a cached route has validated lately and
 * whose answer is in memory under the running stamp lease (http/publicCache.ts) is answered here at
 * once, before Koa makes a context for it — the same headers, ETag/304, count and latency as the lean
 * path gives. Anything else (another method, a cross-origin browser, a URL not validated yet, no lease
 * running — a write under way, say —, an answer not computed under it) goes to `koa` (Koa's
 * callback) untouched, where the lean path reads the stamp.
 */
export function hotPublicReads({
  cache,
  metrics,
  logger,
  securityHeaders,
  koa,
}: {
  cache: PublicReadCache
  metrics: Metrics
  logger: Logger
  securityHeaders: [string, string][]
  koa: RequestListener
}): RequestListener {
  const recorders = new Map<string, ReturnType<Metrics['forRoute']>>()
  const recorder = (route: string) => {
    let r = recorders.get(route)
    if (!r) recorders.set(route, (r = metrics.forRoute(route)))
    return r
  }
  const fixed = securityHeaders.flat()
  const send = (req: IncomingMessage, res: ServerResponse, route: string, answer: CachedAnswer, started: number) => {
    const { status, headers: head } = cachedAnswerHead(answer, req.headers['if-none-match'])
    const requestId = requestIdFrom(req.headers['x-request-id'])
    const headers = [...fixed, 'X-Request-Id', requestId, 'Vary', 'Origin', ...head.flat()]
    if (status === 200) headers.push('Content-Length', String(answer.body.length))
    res.writeHead(status, headers)
    res.end(status === 200 && req.method === 'GET' ? answer.body : undefined)
    const ms = performance.now() - started
    recorder(route)(req.method!, status, ms / 1000)
    if (logger.isLevelEnabled('debug')) logger.debug({ method: req.method, url: req.url, status, ms: Math.round(ms), reqId: requestId }, 'request')
  }
  return (req, res) => {
    const started = performance.now()
    const known = (req.method === 'GET' || req.method === 'HEAD') && !req.headers.origin ? cache.knownUrl(req.url!) : undefined
    const answer = known && cache.keptUnderLease(known.source, known.key)
    if (!answer) return koa(req, res)
    try {
      send(req, res, known.route, answer, started)
    } catch (err) {
      logger.error({ err, url: req.url }, 'hot public read failed')
      if (res.headersSent) res.destroy()
      else return koa(req, res)
    }
  }
}
