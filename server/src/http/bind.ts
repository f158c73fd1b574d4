import Router from '@koa/router'
import type { Context, Middleware } from 'koa'
import type { z } from 'zod'
import { fieldErrors, ROUTES, type RouteDef, type RouteName } from '@zlbg/shared'
import { can, PUBLIC_ACTOR, type Actor } from '../policies'
import { AppError, validationFailed } from './errors'
import { sendCachedAnswer, type PublicReadCache, type StampSource } from './publicCache'
import { readUpload, type UploadedFile } from './upload'

type Part<R, K extends 'params' | 'query' | 'body'> = R extends { [P in K]: infer S extends z.ZodType }
  ? z.output<S>
  : undefined

export interface Input<R> {
  params: Part<R, 'params'>
  query: Part<R, 'query'>
  body: Part<R, 'body'>
  /** The uploaded file, for an upload route. */
  file: R extends { upload: object } ? UploadedFile : undefined
  actor: Actor
}

/** What a download route's handler returns instead of a JSON body. */
export interface Download {
  filename: string
  body: Buffer
  /** The file's own type, when the route serves files of several types. */
  contentType?: string
}

type Output<R> = R extends { download: object }
  ? Download
  : R extends { response: infer S extends z.ZodType }
    ? z.input<S>
    : never

export type Handler<N extends RouteName> = (ctx: Context, input: Input<(typeof ROUTES)[N]>) => Promise<Output<(typeof ROUTES)[N]>>

export type Handlers = { [N in RouteName]: Handler<N> }

function parse<T extends z.ZodType>(schema: T | undefined, value: unknown, where: string) {
  if (!schema) return undefined
  const result = schema.safeParse(value)
  if (!result.success) {
    throw validationFailed(fieldErrors(result.error).map((f) => ({ ...f, path: f.path ? `${where}.${f.path}` : where })))
  }
  return result.data
}

/** 401 when nobody (or an expired or revoked session) is calling, 403 when someone is but may not. */
function deny(actor: Actor): AppError {
  if (actor.userId) return new AppError('FORBIDDEN')
  return new AppError(actor.sessionProblem ?? 'UNAUTHENTICATED')
}

/** Public reads served from memory (http/publicCache.ts): the cache, and each cached route's stamp source. */
export interface PublicReads {
  cache: PublicReadCache
  routes: Partial<Record<RouteName, StampSource>>
}

/**
 * A public read: the same for everyone, so answered from the cache without resolving the caller
 * (nothing of the caller may enter a shared answer). Only a GET that the public may call qualifies.
 */
function cachedRoute(name: RouteName, def: RouteDef, handler: Handler<RouteName>, source: StampSource, cache: PublicReadCache): Middleware {
  if (def.method !== 'get' || def.body || def.upload || def.download || !can(PUBLIC_ACTOR, def.action)) {
    throw new Error(`${name}: only a GET that anyone may call can be a cached public read`)
  }
  return async (ctx) => {
    ctx.state.actor = PUBLIC_ACTOR
    const params = parse(def.params, ctx.params, 'params')
    const query = parse(def.query, ctx.query, 'query')
    const key = `${name} ${JSON.stringify([params ?? null, query ?? null])}`
    const answer = await cache.answer(source, key, async () => {
      const input = { params, query, body: undefined, file: undefined, actor: PUBLIC_ACTOR }
      return def.response.parse(await handler(ctx, input as never))
    })
    sendCachedAnswer(ctx, answer)
  }
}

/**
 * Binds the shared route table to Koa: resolve the caller, ask the policy module (denied unless a
 * rule allows), validate params, query and body with the route's schemas, run the handler, and pass
 * the result through the response schema so a field the contract does not name never leaks (第十三条).
 * Routes named in `publicReads` are answered through the public-read cache instead; they come again
 * in `publicReadRouter`, which app.ts mounts first: matching three routes instead of the whole table
 * is a tenth of what a read from memory costs (the main router keeps them for the policy matrix and
 * for 405 on other methods).
 */
export function bindRoutes(
  handlers: Handlers,
  { parseBody, resolveActor, publicReads }: { parseBody: Middleware; resolveActor: (ctx: Context) => Promise<Actor>; publicReads?: PublicReads },
) {
  const router = new Router()
  const publicReadRouter = new Router()
  // Bodies are read only for routes that take one, after the route matched.
  const requireJson: Middleware = async (ctx, next) => {
    if (ctx.request.length && !ctx.is('application/json')) throw new AppError('UNSUPPORTED_MEDIA_TYPE')
    await next()
  }
  for (const name of Object.keys(ROUTES) as RouteName[]) {
    const def: RouteDef = ROUTES[name]
    const handler = handlers[name] as Handler<RouteName>
    const source = publicReads?.routes[name]
    if (source) {
      const cached = cachedRoute(name, def, handler, source, publicReads.cache)
      router.get(name, def.path, cached)
      publicReadRouter.get(name, def.path, cached)
      continue
    }
    const bodyMiddleware = def.body ? [requireJson, parseBody] : []
    router[def.method](name, def.path, ...bodyMiddleware, async (ctx) => {
      const actor = await resolveActor(ctx)
      ctx.state.actor = actor
      if (!can(actor, def.action)) throw deny(actor)
      const input = {
        params: parse(def.params, ctx.params, 'params'),
        query: parse(def.query, ctx.query, 'query'),
        body: parse(def.body, (ctx.request as { body?: unknown }).body ?? {}, 'body'),
        // Read only once the caller is known to be allowed.
        file: def.upload ? await readUpload(ctx, def.upload) : undefined,
        actor,
      }
      const result = await handler(ctx, input as never)
      ctx.status = def.status ?? 200
      if (def.download) {
        const file = result as Download
        ctx.type = file.contentType ?? def.download.contentType
        ctx.attachment(file.filename)
        ctx.body = file.body
      } else if (def.status !== 204) {
        ctx.body = def.response.parse(result)
      }
    })
  }
  return Object.assign(router, { publicReadRouter })
}

/** The action each route performs, for the policy matrix test. */
export function routeActions(): { name: RouteName; method: string; path: string; action: string }[] {
  return (Object.keys(ROUTES) as RouteName[]).map((name) => ({
    name,
    method: ROUTES[name].method,
    path: ROUTES[name].path,
    action: ROUTES[name].action,
  }))
}
