import { Writable } from 'node:stream'
import mongoose from 'mongoose'
import { createJobRunner } from '../../server/src/jobs/runner'
import { createLogger, withLogContext } from '../../server/src/logger'
import { createMetrics } from '../../server/src/metrics'
import { call, failure } from '../support/api'
import { startTestServer, type TestServer } from '../support/server'

/** Observability (issue 20): /metrics in Prometheus format, request ids in every log line and error body. */
const TOKEN = 'metrics-token-0123456789'
const lines: Record<string, unknown>[] = []
const sink = new Writable({
  write(chunk: Buffer, _enc, done) {
    for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line))
    done()
  },
})
let t: TestServer
beforeAll(async () => {
  t = await startTestServer('metrics', { metricsToken: TOKEN, logger: createLogger('info', sink) })
})
afterAll(() => t.close())

const scrape = (authorization?: string) => fetch(`${t.base}/metrics`, { headers: authorization ? { authorization } : {} })
/** The value of one sample line, e.g. `zlbg_outbox_records{status="dead"}`. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `))
  return line === undefined ? undefined : Number(line.slice(series.length + 1))
}

describe('GET /metrics', () => {
  test('is 404 without the bearer token, or with a wrong one', async () => {
    for (const auth of [undefined, 'Bearer wrong', `Bearer ${TOKEN}x`, TOKEN]) {
      const res = await scrape(auth)
      expect([res.status, await res.json()]).toEqual([404, failure('NOT_FOUND')])
    }
  })

  test('without METRICS_TOKEN only this machine reads them (the socket peer, not X-Forwarded-For)', async () => {
    const local = await startTestServer('metrics_local', { databaseUri: t.databaseUri })
    try {
      const res = await fetch(`${local.base}/metrics`, { headers: { 'x-forwarded-for': '203.0.113.9' } })
      expect(res.status).toBe(200)
      expect(await res.text()).toContain('# TYPE zlbg_http_requests_total counter')
    } finally {
      await local.close()
    }
  })

  test('counts requests by route name and status class, with latency, never by raw path', async () => {
    await call(t, 'GET', '/api/calls')
    await call(t, 'GET', '/api/calls/0123456789abcdef01234567')
    await call(t, 'GET', '/no/such/thing')
    const res = await scrape(`Bearer ${TOKEN}`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/)
    const text = await res.text()
    expect(sample(text, 'zlbg_http_requests_total{route="listCalls",method="GET",status="2xx"}')).toBeGreaterThanOrEqual(1)
    expect(sample(text, 'zlbg_http_requests_total{route="getCall",method="GET",status="4xx"}')).toBeGreaterThanOrEqual(1)
    expect(sample(text, 'zlbg_http_requests_total{route="not_found",method="GET",status="4xx"}')).toBeGreaterThanOrEqual(1)
    expect(sample(text, 'zlbg_http_request_duration_seconds_count{route="listCalls",method="GET"}')).toBeGreaterThanOrEqual(1)
    expect(text).not.toContain('0123456789abcdef01234567')
    expect(text).toContain('zlbg_process_resident_memory_bytes')
  })

  test('shows the outbox depth by status, dead letters included', async () => {
    const base = { channel: 'inApp', recipientUserId: new mongoose.Types.ObjectId(), kind: 'test', cause: { type: 'test' }, nextAttemptAt: new Date(), attempts: 0 }
    await t.db.models.Outbox.collection.insertMany([
      { ...base, key: 'm1', status: 'dead' },
      { ...base, key: 'm2', status: 'pending' },
      { ...base, key: 'm3', status: 'pending' },
    ])
    const text = await (await scrape(`Bearer ${TOKEN}`)).text()
    expect(sample(text, 'zlbg_outbox_records{status="pending"}')).toBe(2)
    expect(sample(text, 'zlbg_outbox_records{status="dead"}')).toBe(1)
    expect(sample(text, 'zlbg_outbox_records{status="sent"}')).toBe(0)
  })
})

test('job runs and database errors are counted; a duplicate key is not an error', async () => {
  const metrics = createMetrics(t.db)
  const runner = createJobRunner({
    models: t.db.models,
    instanceId: 'metrics-test',
    logger: createLogger('silent'),
    onRun: metrics.jobRun,
    jobs: [
      { name: 'metrics.ok', everyMs: 60_000, run: async () => 'done' },
      {
        name: 'metrics.fails',
        everyMs: 60_000,
        run: async () => {
          throw new Error('boom')
        },
      },
    ],
  })
  await runner.runOnce('metrics.ok')
  await runner.runOnce('metrics.fails')
  await expect(t.db.connection.db!.command({ noSuchCommand: 1 })).rejects.toThrow()
  const users = t.db.connection.db!.collection('metrics_dup')
  await users.createIndex({ k: 1 }, { unique: true })
  await users.insertOne({ k: 1 })
  await expect(users.insertOne({ k: 1 })).rejects.toMatchObject({ code: 11000 })

  const text = await metrics.registry.metrics()
  expect(sample(text, 'zlbg_job_runs_total{job="metrics.ok",outcome="ok"}')).toBe(1)
  expect(sample(text, 'zlbg_job_runs_total{job="metrics.fails",outcome="error"}')).toBe(1)
  expect(sample(text, 'zlbg_job_run_duration_seconds_count{job="metrics.ok"}')).toBe(1)
  expect(sample(text, 'zlbg_database_errors_total{kind="command"}')).toBe(1)
})

describe('request ids', () => {
  test('the error body, the X-Request-Id header and every log line of the request carry the same id', async () => {
    const res = await call(t, 'GET', '/api/me')
    expect(res.status).toBe(401)
    const id = res.headers.get('x-request-id')!
    expect(res.body).toEqual(failure('UNAUTHENTICATED'))
    expect(res.body.error.requestId).toBe(id)
    const logged = lines.filter((l) => l.reqId === id)
    expect(logged).toEqual([expect.objectContaining({ msg: 'request', status: 401, url: '/api/me' })])
  })

  test("a caller's sane X-Request-Id is kept, a strange one replaced", async () => {
    const kept = await fetch(`${t.base}/api/me`, { headers: { 'x-request-id': 'client-abc-12345' } })
    expect(kept.headers.get('x-request-id')).toBe('client-abc-12345')
    expect(((await kept.json()) as { error: { requestId: string } }).error.requestId).toBe('client-abc-12345')
    const replaced = await fetch(`${t.base}/api/me`, { headers: { 'x-request-id': 'bad id\twith spaces' } })
    expect(replaced.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/)
  })

  test('a failure logged by the server carries the id too', async () => {
    const other = await startTestServer('metrics_down', { logger: createLogger('info', sink) })
    await other.db.connection.close()
    const res = await fetch(`${other.base}/readyz`)
    expect(res.status).toBe(503)
    const id = res.headers.get('x-request-id')
    const logged = lines.filter((l) => l.reqId === id)
    expect(logged.map((l) => l.msg)).toEqual(['request failed', 'request'])
    await other.close()
  })

  test('any logger writing inside a request scope adds its id, whichever logger it is', () => {
    const seen: Record<string, unknown>[] = []
    const logger = createLogger('info', new Writable({ write: (c: Buffer, _e, done) => (seen.push(JSON.parse(c.toString())), done()) }))
    withLogContext({ reqId: 'r-123456789' }, () => logger.child({ job: 'x' }).info('inside'))
    logger.info('outside')
    expect(seen.map((l) => [l.msg, l.reqId])).toEqual([
      ['inside', 'r-123456789'],
      ['outside', undefined],
    ])
  })
})
