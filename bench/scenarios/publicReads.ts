import type { BenchEnv } from '../environment'
import { compare, load, LOAD } from '../measure'
import { readVerdict, type Row } from '../report'
import type { Scenario } from './types'

/** A public read measured against the baseline: `url(server)` resolves the path and query once the server is up. */
export interface PublicRead {
  name: string
  url(server: string): Promise<string>
  /** Measured for context only (no verdict): e.g. the middleware alone, without any read. */
  info?: string
}

/** The public calls list's first page, as the mini-program asks for it. */
export const CALLS_LIST = '/api/calls?page=1&pageSize=10'

async function firstCallId(server: string): Promise<string> {
  const res = await fetch(server + CALLS_LIST)
  const list = (await res.json()) as { items: { id: string }[] }
  const id = list.items[0]?.id
  if (!id) throw new Error('the demo data has no published call to read')
  return id
}

/** The publicity lists' first page (第十八条), as the 公示 tab asks for it. */
export const PUBLICITY_LIST = '/api/publicity?page=1&pageSize=10'

/** The open publicity list the bench environment seeded (seedDemoPublicity): what the public and the objectors read. */
export async function openPublicityId(server: string): Promise<string> {
  const res = await fetch(server + PUBLICITY_LIST)
  const list = (await res.json()) as { items: { id: string; state: string }[] }
  const id = list.items.find((p) => p.state === 'open')?.id
  if (!id) throw new Error('the bench data has no open publicity list (is this year confirmed in the working-day calendar?)')
  return id
}

/** The 名单 tab's first page (第十九条), newest year first. */
export const LISTED_LIST = '/api/listed?page=1&pageSize=10'

/** The first listed experience the bench data holds (seedDemoListedImport), and its organization. */
async function firstListed(server: string): Promise<{ id: string; listedOrganizationId: string }> {
  const res = await fetch(server + LISTED_LIST)
  const first = ((await res.json()) as { items: { id: string; listedOrganizationId: string }[] }).items[0]
  if (!first) throw new Error('the bench data has no listed experience to read (seedDemoListedImport)')
  return first
}

/** The removal announcements' first page (第二十一条), as the 名单 tab's link opens it. */
export const ANNOUNCEMENT_LIST = '/api/announcements?page=1&pageSize=10'

/** The newest published announcement the bench environment seeded (seedDemoRemovals, after the published-list seeds). */
async function newestAnnouncementId(server: string): Promise<string> {
  const res = await fetch(server + ANNOUNCEMENT_LIST)
  const id = ((await res.json()) as { items: { id: string }[] }).items[0]?.id
  if (!id) throw new Error('the bench data has no published announcement (seedDemoRemovals needs listed experiences and a committee)')
  return id
}

export const PUBLIC_READS: PublicRead[] = [
  { name: 'GET /api/calls (list)', url: async () => CALLS_LIST },
  { name: 'GET /api/calls/:id', url: async (server) => `/api/calls/${await firstCallId(server)}` },
  { name: 'GET /api/publicity (list)', url: async () => PUBLICITY_LIST },
  { name: 'GET /api/publicity/:id', url: async (server) => `/api/publicity/${await openPublicityId(server)}` },
  { name: 'GET /api/listed (名单)', url: async () => LISTED_LIST },
  { name: 'GET /api/listed/years', url: async () => '/api/listed/years' },
  { name: 'GET /api/listed/:id', url: async (server) => `/api/listed/${(await firstListed(server)).id}` },
  { name: 'GET /api/listed-organizations/:id', url: async (server) => `/api/listed-organizations/${(await firstListed(server)).listedOrganizationId}` },
  { name: 'GET /api/announcements (list)', url: async () => ANNOUNCEMENT_LIST },
  { name: 'GET /api/announcements/:id', url: async (server) => `/api/announcements/${await newestAnnouncementId(server)}` },
  // The one feed (calls, corrections, publicity lists, published lists, announcements), as the association's website polls it.
  { name: 'GET /api/feed.json', url: async () => '/api/feed.json' },
  { name: 'GET /api/feed.atom', url: async () => '/api/feed.atom' },
  { name: 'GET /openapi.json', url: async () => '/openapi.json' },
  // What every request pays before any handler (request log, security headers, CORS, routing): the ceiling for a read.
  { name: 'GET /healthz (context)', url: async () => '/healthz', info: 'no database, no cache: the middleware alone' },
]

/**
 * Every read warmed up on both sides first (the JITs of the server and of the database engine, the
 * cache's first fill, connection pools), then each read in turn, the baseline and the server in
 * alternating rounds. Both run in the same minute on the same machine, so the ratio is what counts,
 * not the absolute figures.
 */
export function publicReads(all: PublicRead[] = PUBLIC_READS): Scenario {
  // BENCH_ONLY=calls measures only the reads whose name contains it.
  const reads = all.filter((r) => !process.env.BENCH_ONLY || r.name.includes(process.env.BENCH_ONLY))
  const urls = new Map<PublicRead, string>()
  return {
    name: 'public reads',
    async baselineUrls(server) {
      for (const read of reads) urls.set(read, await read.url(server))
      return [...urls.values()]
    },
    async run(env: BenchEnv) {
      const rows: Row[] = []
      for (const read of reads) {
        await load(env.baseline + urls.get(read)!, { seconds: LOAD.warmupSeconds })
        await load(env.server + urls.get(read)!, { seconds: LOAD.warmupSeconds })
      }
      for (const read of reads) {
        const url = urls.get(read)!
        const { baseline, server } = await compare({ baseline: env.baseline + url, server: env.server + url })
        rows.push({
          name: read.name,
          ...server,
          baseline: { reqPerSec: baseline.reqPerSec, p99: baseline.p99 },
          rss: env.serverProcess.rss(),
          ...(read.info ? { verdict: 'INFO' as const, note: read.info } : readVerdict(server, baseline)),
        })
        console.log(`  ${read.name}: ${server.reqPerSec.toFixed(0)} req/s (baseline ${baseline.reqPerSec.toFixed(0)}), p99 ${server.p99} ms (baseline ${baseline.p99} ms)`)
      }
      return rows
    },
  }
}
