import Router from '@koa/router'
import type { Context, Middleware } from 'koa'
import type { z } from 'zod'
import { fieldErrors, ROUTES, type RouteDef, type RouteName } from '@zlbg/shared'
import { can, PUBLIC_ACTOR, type Actor } from '../policies'
import { AppError, ruleFailed, validationFailed } from './errors'
import type { Admitted } from './admission'
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
    const fields = fieldErrors(result.error).map((f) => ({ ...f, path: f.path ? `${where}.${f.path}` : where }))
    throw result.error.issues.every((i) => beyondTheDocument(i, value)) ? ruleFailed(fields) : validationFailed(fields)
  }
  return result.data
}

/**
 * Whether an issue refuses input the OpenAPI document accepts (then 422, else 400): a refinement
 * (check digit, dates in order, hidden characters…), or a length the value meets as sent — the
 * document counts code points of what is sent, the schema counts what is left after trimming and NFKC.
 */
function beyondTheDocument(issue: z.core.$ZodIssue, input: unknown): boolean {
  if (issue.code === 'custom') return true
  if ((issue.code === 'too_small' || issue.code === 'too_big') && issue.origin === 'string') {
    const sent = issue.path.reduce<unknown>((v, key) => (v as Record<PropertyKey, unknown> | undefined)?.[key], input)
    if (typeof sent !== 'string') return false
    const length = [...sent].length
    return issue.code === 'too_small' ? length >= Number(issue.minimum) : length <= Number(issue.maximum)
  }
  return false
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
    // The same URL is the same validated input: a hot read skips parsing it (and the server's
    // listener answers it ahead of Koa, http/leanPublicReads.ts).
    let known = cache.knownUrl(ctx.url)
    if (known?.route !== name) {
      const params = parse(def.params, ctx.params, 'params')
      const query = parse(def.query, ctx.query, 'query')
      known = cache.rememberUrl(ctx.url, { route: name, source, key: `${name} ${JSON.stringify([params ?? null, query ?? null])}`, params, query })
    }
    const { params, query, key } = known
    const answer = await cache.answer(source, key, async () => {
      const input = { params, query, body: undefined, file: undefined, actor: PUBLIC_ACTOR }
      return def.response.parse(await handler(ctx, input as never))
    }, def.text?.contentType)
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
  {
    parseBody,
    resolveActor,
    publicReads,
    admissions = {},
  }: {
    parseBody: Middleware
    resolveActor: (ctx: Context) => Promise<Actor>
    publicReads?: PublicReads
    /** Routes whose requests wait their turn (http/admission.ts) once the caller and the input are checked. */
    admissions?: Partial<Record<RouteName, Admitted>>
  },
) {
  const router = new Router()
  const publicReadRouter = new Router()
  // Bodies are read only for routes that take one, after the route matched.
  const requireJson: Middleware = async (ctx, next) => {
    // `is` is null without a body and false with one of another type — chunked bodies included,
    // which have no Content-Length (issue 12, item 5).
    if (ctx.is('application/json') === false) throw new AppError('UNSUPPORTED_MEDIA_TYPE')
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
    // `DELETE /api/applications/mine` reaches the `:id` route, but `mine` is another route's path: 405,
    // decided before the body's type is (`PUT /api/office/experts/coverage` is a 405, not a 415).
    const otherRoutesPath: Middleware = async (ctx, next) => {
      if (def.params && !def.params.safeParse(ctx.params).success) {
        const allowed = methodsTaking(router, ctx.path, ctx.method)
        if (allowed.size > 0 && !allowed.has(ctx.method)) {
          ctx.set('Allow', [...allowed].join(', '))
          throw new AppError('METHOD_NOT_ALLOWED')
        }
      }
      await next()
    }
    router[def.method](name, def.path, otherRoutesPath, ...bodyMiddleware, async (ctx) => {
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
      // Only a caller who is allowed and whose input is valid waits in line: nobody can fill it with refusals.
      const run = () => handler(ctx, input as never)
      const admitted = admissions[name]
      const result = await (admitted ? admitted(run, actor.userId ?? actor.ip) : run())
      ctx.status = def.status ?? 200
      if (def.download) {
        const file = result as Download
        ctx.type = file.contentType ?? def.download.contentType
        ctx.attachment(file.filename)
        ctx.body = file.body
      } else if (def.text) {
        ctx.type = def.text.contentType
        ctx.body = def.response.parse(result)
      } else if (def.status !== 204) {
        ctx.body = def.response.parse(result)
      }
    })
  }
  return Object.assign(router, { publicReadRouter })
}

/**
 * OPTIONS and 405 with an `Allow` that names only the methods whose route really takes this path:
 * koa-router's own counts `DELETE /api/applications/:id` for `/api/applications/mine`, although
 * `mine` is no application id (issue 12, item 7).
 */
export function allowedMethods(router: Router): Middleware {
  return async (ctx, next) => {
    await next()
    if (ctx.status !== 404 || ctx.body !== undefined) return
    const allowed = methodsTaking(router, ctx.path, ctx.method)
    if (allowed.size === 0) return
    ctx.set('Allow', [...allowed].join(', '))
    if (ctx.method === 'OPTIONS') {
      ctx.status = 200
      ctx.body = ''
    } else {
      ctx.status = 405
    }
  }
}

/** The methods of the routes that take `path` with parameters their schemas accept. */
function methodsTaking(router: Router, path: string, method: string): Set<string> {
  const allowed = new Set<string>()
  for (const layer of router.match(path, method).path) {
    const def = ROUTES[layer.name as RouteName] as RouteDef | undefined
    if (!def) continue
    if (def.params && !def.params.safeParse(layer.params(path, layer.captures(path))).success) continue
    for (const m of layer.methods) allowed.add(m)
  }
  if (allowed.has('GET')) allowed.add('HEAD')
  return allowed
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
