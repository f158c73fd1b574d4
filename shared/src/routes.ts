import { z } from 'zod'
import { CallDetailSchema, CallIdParamsSchema, CallListQuerySchema, CallPageSchema } from './calls'
import type { ErrorCode } from './errors'

/**
 * The API contract (after ts-rest): one entry per route with its zod schemas. The server binds
 * handlers to it and validates with it, the mini-program calls through it, and /openapi.json is
 * generated from it.
 */
export interface RouteDef<
  P extends z.ZodType = z.ZodType,
  Q extends z.ZodType = z.ZodType,
  B extends z.ZodType = z.ZodType,
  R extends z.ZodType = z.ZodType,
> {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete'
  /** Koa-style path: /api/calls/:id */
  path: string
  summary: string
  tag: string
  /** The policy action the route performs; the server denies any route without one. */
  action: string
  params?: P
  query?: Q
  body?: B
  /** Schema of the 2xx body. */
  response: R
  status?: 200 | 201 | 204
  /** Error codes this route can answer besides validation and server errors. */
  errors?: readonly ErrorCode[]
}

/** Keeps the literal type of each entry, so a handler's input is typed by exactly its schemas. */
function route<const T extends RouteDef>(def: T): T {
  return def
}

const HealthSchema = z.strictObject({ status: z.literal('ok') }).meta({ id: 'Health' })
const ReadySchema = z.strictObject({ status: z.literal('ready'), database: z.literal('up') }).meta({ id: 'Ready' })
const OpenApiDocumentSchema = z.looseObject({ openapi: z.string() }).meta({ id: 'OpenApiDocument' })

export const ROUTES = {
  health: route({
    method: 'get',
    path: '/healthz',
    summary: '进程存活检查',
    tag: 'system',
    action: 'system.health',
    response: HealthSchema,
  }),
  ready: route({
    method: 'get',
    path: '/readyz',
    summary: '就绪检查（数据库可达）',
    tag: 'system',
    action: 'system.health',
    response: ReadySchema,
    errors: ['DATABASE_UNAVAILABLE'],
  }),
  openapi: route({
    method: 'get',
    path: '/openapi.json',
    summary: '本接口文档（OpenAPI 3.1）',
    tag: 'system',
    action: 'system.openapi',
    response: OpenApiDocumentSchema,
  }),
  listCalls: route({
    method: 'get',
    path: '/api/calls',
    summary: '已发布的征集通知（最新在前，分页）',
    tag: 'calls',
    action: 'call.list',
    query: CallListQuerySchema,
    response: CallPageSchema,
  }),
  getCall: route({
    method: 'get',
    path: '/api/calls/:id',
    summary: '征集通知详情',
    tag: 'calls',
    action: 'call.read',
    params: CallIdParamsSchema,
    response: CallDetailSchema,
    errors: ['CALL_NOT_FOUND'],
  }),
} as const

export type RouteName = keyof typeof ROUTES
export type ResponseOf<N extends RouteName> = z.infer<(typeof ROUTES)[N]['response']>
