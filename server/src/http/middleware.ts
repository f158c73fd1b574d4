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

/**
 * Tags every request with an id (the caller's X-Request-Id when sane), which every log line written
 * while it runs carries as `reqId` (whichever logger writes it) and every error body repeats, so a
 * person's report can be traced; then logs the request's outcome.
 */
export function requestContext(logger: Logger) {
  return (ctx: Context, next: Next) => {
    const given = ctx.get('x-request-id')
    const requestId = REQUEST_ID.test(given) ? given : randomUUID()
    ctx.state.requestId = requestId
    ctx.state.log = logger
    ctx.set('X-Request-Id', requestId)
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
