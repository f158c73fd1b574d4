import { randomUUID } from 'node:crypto'
import type { Context, Next } from 'koa'
import type { ErrorBody } from '@zlbg/shared'
import { withLogContext, type Logger } from '../logger'
import { AppError } from './errors'

declare module 'koa' {
  interface DefaultState {
    requestId: string
    log: Logger
  }
}

const REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/

/** The caller's X-Request-Id when sane, else a fresh one. */
export const requestIdFrom = (given: string | string[] | undefined): string => (typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID())

/** The caller's X-Request-Id when sane, else a fresh one; set on the response and in ctx.state. */
export function assignRequestId(ctx: Context, logger: Logger): string {
  const requestId = requestIdFrom(ctx.get('x-request-id'))
  ctx.state.requestId = requestId
  ctx.state.log = logger
  ctx.set('X-Request-Id', requestId)
  return requestId
}

/**
 * Tags every request with an id (the caller's X-Request-Id when sane), which every log line written
 * while it runs carries as `reqId` (whichever logger writes it) and every error body repeats, so a
 * person's report can be traced; then logs the request's outcome.
 */
export function requestContext(logger: Logger) {
  return (ctx: Context, next: Next) => {
    const requestId = assignRequestId(ctx, logger)
    return withLogContext({ reqId: requestId }, async () => {
      const started = performance.now()
      try {
        await next()
      } finally {
        logger.info(
          { method: ctx.method, url: ctx.url, status: ctx.status, ms: Math.round(performance.now() - started) },
          'request',
        )
      }
    })
  }
}

function isDatabaseDown(err: unknown): boolean {
  const name = (err as { name?: string })?.name ?? ''
  return /^Mongo(ServerSelection|Network|NotConnected|Topology)/.test(name) || name === 'MongooseServerSelectionError'
}

function toAppError(err: unknown): AppError | undefined {
  if (err instanceof AppError) return err
  const e = err as { status?: number; type?: string; expose?: boolean }
  if (e?.status === 413 || e?.type === 'entity.too.large') return new AppError('PAYLOAD_TOO_LARGE')
  if (e?.status === 415) return new AppError('UNSUPPORTED_MEDIA_TYPE')
  // co-body (under @koa/bodyparser) reports malformed JSON as a SyntaxError with status 400.
  if (e?.status === 400 && (err instanceof SyntaxError || e.type === 'entity.parse.failed'))
    return new AppError('INVALID_JSON')
  if (isDatabaseDown(err)) return new AppError('DATABASE_UNAVAILABLE')
  // Client mistakes thrown by middleware as http-errors — koa-static's answers to `/%2e%2e/…`, `/%00`,
  // bad percent escapes (issue 12, item 5) — are the client's, in our shape, and no error-level log.
  if (e?.expose && typeof e.status === 'number' && e.status >= 400 && e.status < 500) {
    if (e.status === 404) return new AppError('NOT_FOUND')
    if (e.status === 403) return new AppError('FORBIDDEN')
    return new AppError('BAD_REQUEST')
  }
  return undefined
}

/** Renders every failure as `{ error: { code, message, fields? } }`; no stack ever reaches a client. */
export function errorHandler() {
  return async (ctx: Context, next: Next) => {
    try {
      await next()
      if (ctx.body === undefined || ctx.body === null) {
        if (ctx.status === 404) throw new AppError('NOT_FOUND')
        // @koa/router's allowedMethods() has set the Allow header already.
        if (ctx.status === 405 || ctx.status === 501) throw new AppError('METHOD_NOT_ALLOWED')
      }
    } catch (err) {
      const known = toAppError(err)
      const error = known ?? new AppError('INTERNAL_ERROR')
      if (!known || error.status >= 500) ctx.state.log?.error({ err }, 'request failed')
      const body: ErrorBody = { error: { code: error.code, message: error.message, requestId: ctx.state.requestId } }
      if (error.fields) body.error.fields = error.fields
      if (error.currentState) body.error.currentState = error.currentState
      if (error.retryAfterSeconds !== undefined) {
        body.error.retryAfterSeconds = error.retryAfterSeconds
        ctx.set('Retry-After', String(error.retryAfterSeconds))
      }
      ctx.status = error.status
      ctx.body = body
    }
  }
}
