import { ERRORS, ROUTES } from '@zlbg/shared'
import { startTestServer, type TestServer } from '../support/server'

let t: TestServer
beforeAll(async () => {
  t = await startTestServer('http')
})
afterAll(() => t.close())

describe('one error shape for every failure', () => {
  test('an unknown route is 404 NOT_FOUND', async () => {
    const res = await fetch(`${t.base}/api/nothing-here`)
    expect(res.status).toBe(404)
    expect(await res.json()).toEqual({ error: { code: 'NOT_FOUND', message: ERRORS.NOT_FOUND.message, requestId: expect.any(String) } })
  })

  test('a wrong method is 405 with Allow', async () => {
    const res = await fetch(`${t.base}/api/calls`, { method: 'DELETE' })
    expect(res.status).toBe(405)
    expect(res.headers.get('allow')).toContain('GET')
    expect((await res.json()).error.code).toBe('METHOD_NOT_ALLOWED')
  })

  test('a body sent to a route that takes none is not parsed: still 405, not a JSON error', async () => {
    const res = await fetch(`${t.base}/api/calls`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{not json',
    })
    expect(res.status).toBe(405)
  })
})

describe('health and readiness', () => {
  test('/healthz and /readyz answer while the database is up', async () => {
    expect(await (await fetch(`${t.base}/healthz`)).json()).toEqual({ status: 'ok' })
    expect(await (await fetch(`${t.base}/readyz`)).json()).toEqual({ status: 'ready', database: 'up' })
  })
})

describe('cross-cutting headers', () => {
  test('every response carries a request id, and a sane given one is kept', async () => {
    const res = await fetch(`${t.base}/healthz`, { headers: { 'x-request-id': 'trace-12345678' } })
    expect(res.headers.get('x-request-id')).toBe('trace-12345678')
    const other = await fetch(`${t.base}/healthz`, { headers: { 'x-request-id': 'bad id with spaces' } })
    expect(other.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/)
  })

  test('CORS allows the configured H5 origin only', async () => {
    const ok = await fetch(`${t.base}/api/calls`, { headers: { origin: 'http://localhost:10086' } })
    expect(ok.headers.get('access-control-allow-origin')).toBe('http://localhost:10086')
    const other = await fetch(`${t.base}/api/calls`, { headers: { origin: 'http://evil.test' } })
    expect(other.headers.get('access-control-allow-origin')).toBeNull()
  })

  test('security headers are set', async () => {
    const res = await fetch(`${t.base}/healthz`)
    expect(res.headers.get('x-content-type-options')).toBe('nosniff')
    expect(res.headers.get('x-powered-by')).toBeNull()
  })
})

describe('/openapi.json', () => {
  test('documents every route of the shared contract with its schemas', async () => {
    const doc = await (await fetch(`${t.base}/openapi.json`)).json()
    expect(doc.openapi).toBe('3.1.0')
    for (const [name, def] of Object.entries(ROUTES)) {
      const op = doc.paths[def.path.replace(/:(\w+)/g, '{$1}')]?.[def.method]
      expect(op).toMatchObject({ operationId: name, 'x-policy-action': def.action })
    }
    const list = doc.paths['/api/calls'].get
    expect(list.parameters.map((p: { name: string; in: string }) => `${p.in}:${p.name}`)).toEqual(['query:page', 'query:pageSize', 'header:If-None-Match'])
    expect(list.responses['200'].content['application/json'].schema).toEqual({ $ref: '#/components/schemas/CallPage' })
    expect(doc.components.schemas.CallDetail.properties.freeOfChargeStatement).toBeDefined()
    expect(doc.paths['/api/calls/{id}'].get.responses['404'].description).toContain('CALL_NOT_FOUND')
  })
})

describe('when the database goes away', () => {
  test('/readyz says 503 DATABASE_UNAVAILABLE and reveals no internals', async () => {
    const other = await startTestServer('http_down')
    await other.db.connection.close()
    const res = await fetch(`${other.base}/readyz`)
    expect(res.status).toBe(503)
    const text = await res.text()
    expect(JSON.parse(text)).toEqual({ error: { code: 'DATABASE_UNAVAILABLE', message: ERRORS.DATABASE_UNAVAILABLE.message, requestId: expect.any(String) } })
    expect(text).not.toMatch(/at \w+ \(|node_modules|Mongo/)
    await other.close()
  })
})
