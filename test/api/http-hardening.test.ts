/**
 * Issue 12, item 5: the probe's smaller findings — static-file path tricks answered 500 with an
 * error-level stack, a chunked body of the wrong type got 400 instead of 415, and page numbers took
 * `0x10` as 16. (A draft's attachments: see applications.test.ts, "who may do what".)
 */
import { mkdtempSync, writeFileSync } from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import pino from 'pino'
import { ERRORS } from '@zlbg/shared'
import { browserUser, call } from '../support/api'
import { startTestServer, type TestServer } from '../support/server'

let t: TestServer
const logged: { level: number; msg?: string }[] = []
beforeAll(async () => {
  const h5 = mkdtempSync(path.join(os.tmpdir(), 'zlbg-h5-'))
  writeFileSync(path.join(h5, 'index.html'), '<!doctype html><title>质量标杆</title>')
  writeFileSync(path.join(h5, 'app.js'), 'console.log(1)')
  const logger = pino({ level: 'info' }, { write: (line: string) => void logged.push(JSON.parse(line)) })
  t = await startTestServer('http-hardening', { h5Dist: h5, logger })
})
afterAll(() => t.close())

/** A raw request line, so neither fetch nor URL normalises the path before it reaches the server. */
function rawGet(pathname: string): Promise<{ status: number; body: string }> {
  const { port } = new URL(t.base)
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), '127.0.0.1', () => {
      socket.write(`GET ${pathname} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`)
    })
    let data = ''
    socket.setEncoding('utf8')
    socket.on('data', (chunk: string) => (data += chunk))
    socket.on('end', () => {
      const status = Number(data.slice(9, 12))
      resolve({ status, body: data.slice(data.indexOf('\r\n\r\n') + 4) })
    })
    socket.on('error', reject)
  })
}

describe('static-file path tricks are the client’s error, not the server’s', () => {
  test('the H5 build is served as before', async () => {
    expect((await rawGet('/')).status).toBe(200)
    expect((await rawGet('/app.js')).status).toBe(200)
  })

  test.each(['/%2e%2e/%2e%2e/etc/passwd', '/..%2f..%2fetc%2fpasswd', '/%00', '/index.html%00.js', '/%E0%A4%A', '/%ff', '/%'])(
    '%s is 400/403/404 with the error body, logged below error level',
    async (p) => {
      const before = logged.length
      const res = await rawGet(p)
      expect([400, 403, 404]).toContain(res.status)
      const body = JSON.parse(res.body.replace(/^[0-9a-f]+\r\n|\r\n0\r\n\r\n$/g, ''))
      expect(Object.keys(body)).toEqual(['error'])
      expect(body.error.message).toBe(ERRORS[body.error.code as keyof typeof ERRORS].message)
      expect(res.body).not.toMatch(/at .*\.js:\d+/)
      // pino levels: 30 info, 40 warn, 50 error.
      expect(logged.slice(before).filter((l) => l.level >= 50)).toEqual([])
    },
  )
})

describe('a body of the wrong type is 415, chunked or not', () => {
  test.each([
    ['with Content-Length', false],
    ['chunked (no Content-Length)', true],
  ])('%s', async (_label, chunked) => {
    const body = 'login=a&password=b'
    const init: RequestInit & { duplex?: string } = {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: chunked ? new Blob([body]).stream() : body,
      ...(chunked ? { duplex: 'half' } : {}),
    }
    const res = await fetch(`${t.base}/api/auth/password`, init)
    expect(res.status).toBe(415)
    expect((await res.json()).error.code).toBe('UNSUPPORTED_MEDIA_TYPE')
  })
})

describe('page parameters are decimal digits only', () => {
  test.each(['0x10', '1e1', ' 2', '+2', '2.0', '0b1', '-1', '0'])('page=%s is 400 VALIDATION_FAILED', async (page) => {
    const admin = await browserUser(t, ['admin'])
    const res = await call(t, 'GET', `/api/users?page=${encodeURIComponent(page)}`, { token: admin.token })
    expect(res.status).toBe(400)
    expect(res.body.error).toMatchObject({ code: 'VALIDATION_FAILED', fields: [{ path: 'query.page', message: expect.any(String) }] })
  })

  test('decimal digits work, and pageSize keeps its bound', async () => {
    const admin = await browserUser(t, ['admin'])
    const ok = await call(t, 'GET', '/api/users?page=1&pageSize=16', { token: admin.token })
    expect(ok.status).toBe(200)
    expect(ok.body.pageSize).toBe(16)
    expect((await call(t, 'GET', '/api/users?pageSize=0x10', { token: admin.token })).status).toBe(400)
    expect((await call(t, 'GET', '/api/users?pageSize=51', { token: admin.token })).status).toBe(400)
  })
})

describe('issue 12, item 7: Allow names only the methods that really take the path', () => {
  test('OPTIONS /api/applications/mine advertises GET only: `mine` is no application id for DELETE', async () => {
    const res = await fetch(`${t.base}/api/applications/mine`, { method: 'OPTIONS' })
    expect(res.status).toBe(200)
    expect(res.headers.get('allow')!.split(', ').sort()).toEqual(['GET', 'HEAD'])
    const byId = await fetch(`${t.base}/api/applications/0123456789abcdef01234567`, { method: 'OPTIONS' })
    expect(byId.headers.get('allow')!.split(', ').sort()).toEqual(['DELETE', 'GET', 'HEAD'])
    // DELETE reaches the `:id` route's pattern, but `mine` is not an id: 405 with the path's own methods.
    const mine = await fetch(`${t.base}/api/applications/mine`, { method: 'DELETE' })
    expect(mine.status).toBe(405)
    expect(mine.headers.get('allow')!.split(', ').sort()).toEqual(['GET', 'HEAD'])
    const wrong = await fetch(`${t.base}/api/calls`, { method: 'DELETE' })
    expect(wrong.status).toBe(405)
    expect((await wrong.json()).error.code).toBe('METHOD_NOT_ALLOWED')
  })
})

describe('issue 12, item 7: query instants are RFC 3339 date-times, as documented', () => {
  test('an audit filter without seconds (the probe’s to=0020-02-29T00:00Z) is 400; with seconds it works', async () => {
    const admin = await browserUser(t, ['admin'])
    for (const q of ['to=0020-02-29T00:00Z', 'from=2026-03-01T00:00%2B08:00']) {
      const res = await call(t, 'GET', `/api/audit?${q}`, { token: admin.token })
      expect([q, res.status]).toEqual([q, 400])
    }
    expect((await call(t, 'GET', '/api/audit?from=2026-03-01T00:00:00%2B08:00&to=2026-03-02T00:00:00.000Z', { token: admin.token })).status).toBe(200)
  })
})
