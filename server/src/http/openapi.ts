import { z } from 'zod'
import { ERRORS, ErrorBodySchema, ROUTES, RULE_FAILED_STATUS, type RouteDef } from '@zlbg/shared'
import { can, PUBLIC_ACTOR } from '../policies'

type JsonSchema = Record<string, unknown>

function strip(schema: JsonSchema): JsonSchema {
  const { $schema: _s, $id: _i, ...rest } = schema
  return rest
}

function refTo(schema: z.ZodType): JsonSchema {
  const id = z.globalRegistry.get(schema)?.id
  if (!id) throw new Error('request and response bodies must carry .meta({ id }) to appear in the OpenAPI document')
  return { $ref: `#/components/schemas/${id}` }
}

/**
 * A query number is accepted as a JSON number (the mini-program) or its decimal string (a URL):
 * `decimalInteger` in shared/. On the wire a query value is always a string, so the document names
 * the integer with its bounds, which is what an `integer` query parameter means in OpenAPI.
 */
function onTheWire(schema: JsonSchema): JsonSchema {
  const { anyOf, ...rest } = schema as { anyOf?: JsonSchema[] }
  const integer = anyOf?.find((s) => s.type === 'integer')
  return integer && anyOf!.every((s) => s.type === 'integer' || s.type === 'string') ? { ...rest, ...integer } : schema
}

function parameters(schema: z.ZodType | undefined, where: 'path' | 'query') {
  if (!schema) return []
  const json = strip(z.toJSONSchema(schema, { io: 'input' })) as {
    properties?: Record<string, JsonSchema>
    required?: string[]
  }
  return Object.entries(json.properties ?? {}).map(([name, prop]) => {
    const { description, ...rest } = prop
    return {
      name,
      in: where,
      required: where === 'path' || (json.required ?? []).includes(name),
      ...(description ? { description } : {}),
      schema: onTheWire(rest),
    }
  })
}

const ETAG_HEADER = { description: '答复内容的版本标识，可在 If-None-Match 中带回', schema: { type: 'string' } }

/** A public read answered from the cache (http/publicCache.ts): ETag, revalidation and 304. */
function cachedRead(success: Record<string, unknown>, responses: Record<string, unknown>) {
  success.headers = { ETag: ETAG_HEADER, 'Cache-Control': { description: 'public, no-cache：可保存，每次使用前重新验证', schema: { type: 'string' } } }
  responses['304'] = { description: '未变化：If-None-Match 与当前 ETag 相同，无正文', headers: { ETag: ETAG_HEADER } }
  return { name: 'If-None-Match', in: 'header', required: false, description: '上次答复的 ETag；内容未变时答 304', schema: { type: 'string' } }
}

function operation(name: string, def: RouteDef, cached: boolean) {
  const errors = [
    'VALIDATION_FAILED',
    ...(can(PUBLIC_ACTOR, def.action) ? [] : (['UNAUTHENTICATED', 'FORBIDDEN'] as const)),
    ...(def.errors ?? []),
    // Every body is read the same way: another content type is 415, an oversize one 413.
    ...(def.body || def.upload ? (['UNSUPPORTED_MEDIA_TYPE', 'PAYLOAD_TOO_LARGE'] as const) : []),
    'INTERNAL_ERROR',
  ] as const
  const success: Record<string, unknown> = def.download
    ? { description: '文件', content: { [def.download.contentType]: { schema: { type: 'string', format: 'binary' } } } }
    : def.text
      ? { description: '成功', content: { [def.text.contentType.split(';')[0]!]: { schema: { type: 'string' } } } }
      : def.status === 204
        ? { description: '成功（无内容）' }
        : { description: '成功', content: { 'application/json': { schema: refTo(def.response) } } }
  const responses: Record<string, unknown> = { [def.status ?? 200]: success }
  const revalidation = cached ? [cachedRead(success, responses)] : []
  const signedIn = !can(PUBLIC_ACTOR, def.action)
  const describe = (status: number, text: string) => {
    const entry = (responses[String(status)] ??= {
      description: '',
      content: { 'application/json': { schema: refTo(ErrorBodySchema) } },
    }) as { description: string }
    entry.description = [entry.description, text].filter(Boolean).join('；')
  }
  for (const code of errors) describe(ERRORS[code].status, `${code}：${ERRORS[code].message}`)
  if (def.params || def.query || def.body || def.upload) {
    describe(RULE_FAILED_STATUS, 'VALIDATION_FAILED：内容符合本文档的格式，但不符合文档无法表述的规则（如校验位、日期先后、不可见字符），fields 标注各项')
  }
  return {
    operationId: name,
    summary: def.summary,
    tags: [def.tag],
    'x-policy-action': def.action,
    ...(signedIn ? { security: [{ bearer: [] }] } : {}),
    parameters: [...parameters(def.params, 'path'), ...parameters(def.query, 'query'), ...revalidation],
    ...(def.body ? { requestBody: { required: true, content: { 'application/json': { schema: refTo(def.body) } } } } : {}),
    ...(def.upload
      ? {
          requestBody: {
            required: true,
            content: {
              'multipart/form-data': {
                schema: {
                  type: 'object',
                  required: [def.upload.field],
                  additionalProperties: false,
                  // An empty file is refused like a missing one.
                  properties: { [def.upload.field]: { type: 'string', format: 'binary', minLength: 1, maxLength: def.upload.maxBytes } },
                },
              },
            },
          },
        }
      : {}),
    responses,
  }
}

/** The OpenAPI 3.1 document, generated from the same zod schemas the routes validate with; `cached` names the public reads served from the cache. */
export function buildOpenApi(version: string, cached: ReadonlySet<string> = new Set()) {
  const components = z.toJSONSchema(z.globalRegistry, {
    io: 'output',
    uri: (id) => `#/components/schemas/${id}`,
  }).schemas
  const paths: Record<string, Record<string, unknown>> = {}
  for (const [name, def] of Object.entries(ROUTES) as [string, RouteDef][]) {
    const path = def.path.replace(/:(\w+)/g, '{$1}')
    ;(paths[path] ??= {})[def.method] = operation(name, def, cached.has(name))
  }
  return {
    openapi: '3.1.0',
    info: { title: '质量标杆典型经验征集 API', version },
    paths,
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: '登录接口返回的 token' } },
      schemas: Object.fromEntries(Object.entries(components).map(([id, s]) => [id, strip(s as JsonSchema)])),
    },
  }
}
