import Router from '@koa/router'
import type { Context, Middleware } from 'koa'
import type { z } from 'zod'
import { fieldErrors, ROUTES, type RouteDef, type RouteName } from '@zlbg/shared'
import { can, PUBLIC_ACTOR, type Actor } from '../policies'
import { AppError, validationFailed } from './errors'

type Part<R, K extends 'params' | 'query' | 'body'> = R extends { [P in K]: infer S extends z.ZodType }
  ? z.output<S>
  : undefined

export interface Input<R> {
  params: Part<R, 'params'>
  query: Part<R, 'query'>
  body: Part<R, 'body'>
  actor: Actor
}

export type Handler<N extends RouteName> = (
  ctx: Context,
  input: Input<(typeof ROUTES)[N]>,
) => Promise<z.input<(typeof ROUTES)[N]['response']>>

export type Handlers = { [N in RouteName]: Handler<N> }

function parse<T extends z.ZodType>(schema: T | undefined, value: unknown, where: string) {
  if (!schema) return undefined
  const result = schema.safeParse(value)
  if (!result.success) {
    throw validationFailed(fieldErrors(result.error).map((f) => ({ ...f, path: f.path ? `${where}.${f.path}` : where })))
  }
  return result.data
}

/**
 * Binds the shared route table to Koa: validate params, query and body with the route's schemas,
 * ask the policy module, run the handler, and pass the result through the response schema so a
 * field the contract does not name can never leak (第十三条).
 */
export function bindRoutes(
  handlers: Partial<Handlers>,
  {
    parseBody,
    resolveActor = () => PUBLIC_ACTOR,
  }: { parseBody: Middleware; resolveActor?: (ctx: Context) => Actor },
) {
  const router = new Router()
  // Bodies are read only for routes that take one, after the route matched.
  const requireJson: Middleware = async (ctx, next) => {
    if (ctx.request.length && !ctx.is('application/json')) throw new AppError('UNSUPPORTED_MEDIA_TYPE')
    await next()
  }
  for (const name of Object.keys(ROUTES) as RouteName[]) {
    const def: RouteDef = ROUTES[name]
    const handler = handlers[name] as Handler<RouteName> | undefined
    if (!handler) continue
    const bodyMiddleware = def.body ? [requireJson, parseBody] : []
    router[def.method](name, def.path, ...bodyMiddleware, async (ctx) => {
      const actor = resolveActor(ctx)
      if (!can(actor, def.action)) throw new AppError('FORBIDDEN')
      const input = {
        params: parse(def.params, ctx.params, 'params'),
        query: parse(def.query, ctx.query, 'query'),
        body: parse(def.body, (ctx.request as { body?: unknown }).body ?? {}, 'body'),
        actor,
      } as Input<RouteDef>
      const result = await handler(ctx, input as never)
      ctx.status = def.status ?? 200
      if (def.status !== 204) ctx.body = def.response.parse(result)
    })
  }
  return router
}
