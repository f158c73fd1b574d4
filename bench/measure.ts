import autocannon from 'autocannon'

/**
 * How hard and how long the load pushes: the 50 connections for 10 s per target and route
 * (BENCH_SECONDS), in BENCH_ROUNDS alternating rounds so that a change in the machine's load (it is
 * shared) falls on both sides of a comparison alike.
 */
export const LOAD = {
  connections: 50,
  seconds: Number(process.env.BENCH_SECONDS ?? 10),
  rounds: Math.max(1, Number(process.env.BENCH_ROUNDS ?? 5)),
  warmupSeconds: Number(process.env.BENCH_WARMUP_SECONDS ?? 3),
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

/**
 * One autocannon run against a loopback URL: `LOAD.connections` connections for `seconds`. With
 * `ownThread`, autocannon runs in a worker thread: a burst scenario drives hundreds of clients (and
 * the WeChat stand-in answers the server) on the bench's own event loop, and the read's latencies
 * must not include waiting behind them. A burst scenario measures its baseline the same way.
 */
export async function load(url: string, { seconds = LOAD.seconds, headers, ownThread = false }: { seconds?: number; headers?: Record<string, string>; ownThread?: boolean } = {}): Promise<Load> {
  if (!/^http:\/\/127\.0\.0\.1:\d+\//.test(url)) throw new Error(`the bench loads loopback URLs only, not ${url}`)
  const result = await autocannon({ url, connections: LOAD.connections, duration: seconds, ...(ownThread ? { workers: 1 } : {}), ...(headers ? { headers } : {}) })
  return {
    reqPerSec: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  }
}

const median = (xs: number[]) => {
  const sorted = [...xs].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}

/**
 * `targets` measured against each other: `LOAD.rounds` rounds, each loading every target in turn for
 * its share of `LOAD.seconds`. Per target: the mean req/s over the rounds, the median round's p50 and
 * p99, and every non-2xx answer and error.
 */
export async function compare<K extends string>(targets: Record<K, string>, options: { headers?: Record<string, string> } = {}): Promise<Record<K, Load>> {
  const seconds = Math.max(1, Math.round(LOAD.seconds / LOAD.rounds))
  const runs = Object.fromEntries(Object.keys(targets).map((k) => [k, [] as Load[]])) as Record<K, Load[]>
  for (let round = 0; round < LOAD.rounds; round++) {
    for (const k of Object.keys(targets) as K[]) runs[k].push(await load(targets[k], { ...options, seconds }))
  }
  const out = {} as Record<K, Load>
  for (const k of Object.keys(targets) as K[]) {
    const r = runs[k]
    out[k] = {
      reqPerSec: r.reduce((n, x) => n + x.reqPerSec, 0) / r.length,
      p50: median(r.map((x) => x.p50)),
      p99: median(r.map((x) => x.p99)),
      non2xx: r.reduce((n, x) => n + x.non2xx, 0),
      errors: r.reduce((n, x) => n + x.errors, 0),
    }
  }
  return out
}
