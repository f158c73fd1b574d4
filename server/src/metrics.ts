import { timingSafeEqual } from 'node:crypto'
import type { Context, Next } from 'koa'
import client from 'prom-client'
import { OUTBOX_STATUSES } from '@zlbg/shared'
import type { Database } from './db/connection'
import type { Logger } from './logger'

/**
 * The Prometheus metrics of one server instance (`GET /metrics`, issue 20): requests and their
 * latency by route, the outbox's depth by status (dead letters included), job runs, database errors,
 * and Node's own process metrics. One registry per instance, so several apps can share a process.
 */
export interface Metrics {
  registry: client.Registry
  /** Koa middleware counting and timing every request by its route's name. */
  http(): (ctx: Context, next: Next) => Promise<void>
  /**
   * What `http()` records, for one route a lean path answers without it (http/leanPublicReads.ts):
   * the label children are bound once, so a request costs two increments, not two label lookups.
   */
  forRoute(route: string): (method: string, status: number, seconds: number) => void
  /** Called by the job runner after every run it made. */
  jobRun(job: string, outcome: 'ok' | 'error', seconds: number): void
  /** The routes whose requests wait their turn (http/admission.ts): their lines' length is read at scrape time. */
  admissionLines(lines: Record<string, { waiting(): number }>): void
}

/** HTTP status classes keep the label set small; the exact status is in the request log. */
const statusClass = (status: number) => `${Math.floor(status / 100)}xx`

export function createMetrics(db: Database, logger?: Logger): Metrics {
  const registry = new client.Registry()
  client.collectDefaultMetrics({ register: registry, prefix: 'zlbg_' })

  const requests = new client.Counter({
    name: 'zlbg_http_requests_total',
    help: 'HTTP requests answered, by route name (as in shared/src/routes.ts), method and status class',
    labelNames: ['route', 'method', 'status'] as const,
    registers: [registry],
  })
  const latency = new client.Histogram({
    name: 'zlbg_http_request_duration_seconds',
    help: 'Time to answer an HTTP request, by route name and method',
    labelNames: ['route', 'method'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  })
  const jobRuns = new client.Counter({
    name: 'zlbg_job_runs_total',
    help: 'Scheduled job runs made by this instance, by job and outcome',
    labelNames: ['job', 'outcome'] as const,
    registers: [registry],
  })
  const jobSeconds = new client.Histogram({
    name: 'zlbg_job_run_duration_seconds',
    help: 'Duration of a scheduled job run, by job',
    labelNames: ['job'] as const,
    buckets: [0.01, 0.05, 0.1, 0.5, 1, 5, 15, 60, 300],
    registers: [registry],
  })
  const dbErrors = new client.Counter({
    name: 'zlbg_database_errors_total',
    help: 'Database failures seen by this instance: failed commands (duplicate keys excluded: they are how uniqueness is checked) and failed server heartbeats',
    labelNames: ['kind'] as const,
    registers: [registry],
  })
  // The outbox is shared by all instances: its depth is read from the database at scrape time.
  new client.Gauge({
    name: 'zlbg_outbox_records',
    help: 'Outbox records by status, all instances together: pending/failed are the queue, dead the dead letters awaiting the office',
    labelNames: ['status'] as const,
    registers: [registry],
    async collect() {
      this.reset()
      try {
        const counts = await db.models.Outbox.aggregate<{ _id: string; n: number }>([{ $group: { _id: '$status', n: { $sum: 1 } } }])
        const byStatus = new Map(counts.map((c) => [c._id, c.n]))
        for (const status of OUTBOX_STATUSES) this.set({ status }, byStatus.get(status) ?? 0)
      } catch (err) {
        // A scrape while the database is away shows no outbox series rather than failing whole.
        logger?.warn({ err }, 'metrics: outbox depth unavailable')
      }
    },
  })

  let lines: Record<string, { waiting(): number }> = {}
  new client.Gauge({
    name: 'zlbg_admission_waiting',
    help: 'Requests of this instance waiting their turn at an admission gate (objection filings, event registrations, password checks), by line',
    labelNames: ['route'] as const,
    registers: [registry],
    collect() {
      this.reset()
      for (const [route, line] of Object.entries(lines)) this.set({ route }, line.waiting())
    },
  })

  const mongo = db.connection.getClient()
  mongo.on('commandFailed', (event) => {
    if ((event.failure as { code?: number }).code !== 11000) dbErrors.inc({ kind: 'command' })
  })
  mongo.on('serverHeartbeatFailed', () => dbErrors.inc({ kind: 'heartbeat' }))

  return {
    registry,
    http() {
      return async (ctx, next) => {
        const end = latency.startTimer()
        try {
          await next()
        } finally {
          // The route's name, never its raw path: ids in paths would make a series per document.
          const route = ctx._matchedRouteName ?? (ctx.status === 404 ? 'not_found' : 'static')
          requests.inc({ route, method: ctx.method, status: statusClass(ctx.status) })
          end({ route, method: ctx.method })
        }
      }
    },
    forRoute(route) {
      const bound = new Map<string, { count: ReturnType<typeof requests.labels>; time: ReturnType<typeof latency.labels> }>()
      return (method, status, seconds) => {
        const key = `${method} ${status}`
        let children = bound.get(key)
        if (!children) {
          children = { count: requests.labels(route, method, statusClass(status)), time: latency.labels(route, method) }
          bound.set(key, children)
        }
        children.count.inc()
        children.time.observe(seconds)
      }
    },
    jobRun(job, outcome, seconds) {
      jobRuns.inc({ job, outcome })
      jobSeconds.observe({ job }, seconds)
    },
    admissionLines(watched) {
      lines = watched
    },
  }
}

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1'])

/**
 * `GET /metrics`. With METRICS_TOKEN set, a scraper sends it as `Authorization: Bearer …`; without
 * it only this machine may read them (the socket's peer, not X-Forwarded-For, which anyone can write).
 */
export function metricsEndpoint(metrics: Metrics, token: string) {
  const expected = Buffer.from(`Bearer ${token}`)
  return async (ctx: Context, next: Next) => {
    if (ctx.path !== '/metrics') return next()
    if (ctx.method !== 'GET' && ctx.method !== 'HEAD') return next()
    const given = Buffer.from(ctx.get('authorization'))
    const allowed = token
      ? given.length === expected.length && timingSafeEqual(given, expected)
      : LOOPBACK.has(ctx.req.socket.remoteAddress ?? '')
    // Not found rather than forbidden: the endpoint is not advertised to whoever may not read it.
    if (!allowed) return next()
    ctx.set('Content-Type', metrics.registry.contentType)
    ctx.set('Cache-Control', 'no-store')
    ctx.body = await metrics.registry.metrics()
  }
}
