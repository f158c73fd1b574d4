import { z } from 'zod'
import { route } from './define'

const HealthSchema = z.strictObject({ status: z.literal('ok') }).meta({ id: 'Health' })
const ReadySchema = z.strictObject({ status: z.literal('ready'), database: z.literal('up') }).meta({ id: 'Ready' })
const OpenApiDocumentSchema = z.looseObject({ openapi: z.string() }).meta({ id: 'OpenApiDocument' })

/** Health, readiness and this document. */
export const SYSTEM_ROUTES = {
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
} as const
