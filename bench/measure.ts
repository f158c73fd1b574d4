import autocannon from 'autocannon'

/** How hard and how long every load run pushes: the 50 connections; BENCH_SECONDS to shorten or lengthen. */
export const LOAD = {
  connections: 50,
  seconds: Number(process.env.BENCH_SECONDS ?? 10),
  warmupSeconds: Number(process.env.BENCH_WARMUP_SECONDS ?? 2),
}

export interface Load {
  reqPerSec: number
  /** Latency percentiles of 2xx answers, ms. */
  p50: number
  p99: number
  /** Answers that were not 2xx (304 counts here: the bench sends no If-None-Match). */
  non2xx: number
  /** Connection errors and timeouts. */
  errors: number
}

/** One autocannon run against a loopback URL: `LOAD.connections` connections for `seconds`. */
export async function load(url: string, { seconds = LOAD.seconds, headers }: { seconds?: number; headers?: Record<string, string> } = {}): Promise<Load> {
  if (!/^http:\/\/127\.0\.0\.1:\d+\//.test(url)) throw new Error(`the bench loads loopback URLs only, not ${url}`)
  const result = await autocannon({ url, connections: LOAD.connections, duration: seconds, ...(headers ? { headers } : {}) })
  return {
    reqPerSec: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  }
}
