import type { Layer, default as Router } from '@koa/router'
import type { Context, Middleware, Next } from 'koa'
import helmet from 'helmet'
import type { Logger } from '../logger'
import type { Metrics } from '../metrics'
import { withLogContext } from '../logger'
import { assignRequestId, errorHandler } from './middleware'

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
  return async (ctx: Context, next: Next) => {
    if ((ctx.method !== 'GET' && ctx.method !== 'HEAD') || ctx.get('origin')) return next()
    const matched = router.match(ctx.path, ctx.method)
    if (!matched.route) return next()
    const started = performance.now()
    const route = matched.pathAndMethod.at(-1)!.name!
    const requestId = assignRequestId(ctx, logger)
    const res = ctx.res
    for (const [name, value] of securityHeaders) res.setHeader(name, value)
    res.setHeader('Vary', 'Origin')
    try {
      await run(ctx, matched.pathAndMethod)
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
