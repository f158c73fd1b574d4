/**
 * Objection filings under load (issue 16, 第十八条): 2,000 distinct WeChat users file against an open
 * publicity list at once — as many requests in flight as the pool allows — and a tenth of them tap
 * twice (the same idempotency key, sent together). Checked afterwards on the database: exactly one
 * objection per user, every receipt in a response the stored one, every retry answered with the first
 * receipt. Meanwhile a public read is loaded like the other targets and its ratio to the bare baseline
 * (measured in the same run, before the burst) printed: the public list must stay within the
 * public-read target while filings arrive.
 *
 * The users come from 2,000 addresses (X-Forwarded-For behind the load balancer, TRUST_PROXY=true in
 * bench/environment.ts), as they would in production; the per-address limit is the server's own.
 */
import type { BenchEnv } from './environment'
import { load, LOAD } from './measure'
import { readVerdict, type Row } from './report'
import { openPublicityId } from './scenarios/publicReads'
import type { Scenario } from './scenarios/types'

export const FILERS = Number(process.env.BENCH_OBJECTIONS ?? 2000)
/** Requests in flight at once: a browser-like pool, not 2,000 sockets at the same instant. */
const POOL = 200

/** Runs `work` over the items with at most `size` in flight. */
export async function pool<T>(items: T[], size: number, work: (item: T, i: number) => Promise<void>) {
  let next = 0
  await Promise.all(Array.from({ length: size }, async () => {
    while (next < items.length) {
      const i = next++
      await work(items[i]!, i)
    }
  }))
}

/** The i-th client's address (X-Forwarded-For): one per simulated person. */
export const addressOf = (i: number) => `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`

export function objectionsScenario(): Scenario {
  // The public reads the open list the environment published (seedDemoPublicity) while it is objected to.
  let readPath = ''
  return {
    name: 'objection filings',
    async baselineUrls(server) {
      readPath = `/api/publicity/${await openPublicityId(server)}`
      return [readPath]
    },
    async run(env) {
      const list = await env.db.models.Publicity.findById(readPath.split('/').pop()).lean()
      if (!list) throw new Error(`no publicity list behind ${readPath}`)
      const tag = Date.now().toString(36)
      // Sign everyone in first (not measured): each from their own address.
      const users: { token: string; ip: string }[] = new Array(FILERS)
      await pool([...Array(FILERS).keys()], 50, async (i) => {
        const ip = addressOf(i + 1)
        const res = await fetch(`${env.server}/api/auth/wechat`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': ip }, body: JSON.stringify({ code: `bench${tag}u${i}.1` }) })
        if (!res.ok) throw new Error(`sign-in ${i}: HTTP ${res.status} ${await res.text()}`)
        users[i] = { token: ((await res.json()) as { token: string }).token, ip }
      })
      console.log(`  ${FILERS} WeChat users signed in`)

      const baseline = await load(env.baseline + readPath, { ownThread: true })
      const body = (i: number) =>
        JSON.stringify({
          publicityId: list._id.toHexString(),
          entryId: list.entries[i % list.entries.length]!._id.toHexString(),
          idempotencyKey: `bench-${tag}-${i}`,
          kind: 'person',
          realName: `异议人${i}`,
          phone: `138${String(i).padStart(8, '0')}`,
          grounds: `基准测试第 ${i} 件异议：申报材料中的质量成效数据与公开信息不一致，请核实。`,
          evidenceIds: [],
        })
      const file = async (i: number) => {
        const res = await fetch(`${env.server}/api/objections`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${users[i]!.token}`, 'x-forwarded-for': users[i]!.ip }, body: body(i) })
        return { status: res.status, body: (await res.json()) as { id?: string; receiptNumber?: string; error?: { code: string } } }
      }

      const answers: { status: number; body: { id?: string; receiptNumber?: string } }[][] = Array.from({ length: FILERS }, () => [])
      const latencies: number[] = []
      const started = performance.now()
      const reading = load(env.server + readPath, { seconds: LOAD.seconds, ownThread: true })
      let burstOver = false
      // Then, while the burst goes on, the bare baseline on the same URL: a process that serves the same
      // bytes and does none of the filing work. What it keeps is what the machine (the filings, the
      // database and the clients on the same cores) leaves any server; context for the verdict, not it.
      const floor = reading.then(() => load(env.baseline + readPath, { seconds: LOAD.seconds, ownThread: true })).then((l) => ({ ...l, burstOver }))
      const burst = pool([...Array(FILERS).keys()], POOL, async (i) => {
        const t0 = performance.now()
        // Every tenth user taps twice at once: the same key, one objection.
        const tries = i % 10 === 0 ? await Promise.all([file(i), file(i)]) : [await file(i)]
        latencies.push(performance.now() - t0)
        answers[i]!.push(...tries)
      })
      await burst
      burstOver = true
      const seconds = (performance.now() - started) / 1000
      const read = await reading
      const { burstOver: floorOutlived, ...bare } = await floor

      // What the database holds, against what each answer said.
      const stored = await env.db.models.Objection.find({ publicityId: list._id }, { receiptNumber: 1, idempotencyKey: 1 }).lean()
      const byKey = new Map(stored.map((o) => [o.idempotencyKey, o]))
      const problems: string[] = []
      if (stored.length !== FILERS) problems.push(`${stored.length} stored for ${FILERS} filers`)
      const failed = answers.flat().filter((a) => a.status !== 201)
      if (failed.length) problems.push(`${failed.length} answers not 201 (${[...new Set(failed.map((f) => f.status))].join(', ')})`)
      let mismatched = 0
      answers.forEach((tries, i) => {
        const doc = byKey.get(`bench-${tag}-${i}`)
        if (!doc || tries.some((a) => a.body.receiptNumber !== doc.receiptNumber || a.body.id !== doc._id.toHexString())) mismatched++
      })
      if (mismatched) problems.push(`${mismatched} filers' receipts do not match the database`)
      if (new Set(stored.map((o) => o.receiptNumber)).size !== stored.length) problems.push('receipt numbers repeat')

      latencies.sort((a, b) => a - b)
      const pct = (p: number) => Math.round(latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))] ?? 0)
      const requests = answers.flat().length
      console.log(`  ${FILERS} filings (+${requests - FILERS} retries) in ${seconds.toFixed(1)} s: ${stored.length} stored, p99 ${pct(0.99)} ms${problems.length ? ` — ${problems.join('; ')}` : ', each exactly once, receipts as stored'}`)
      console.log(`  ${readPath} during the filings: ${read.reqPerSec.toFixed(0)} req/s (baseline ${baseline.reqPerSec.toFixed(0)}), p99 ${read.p99} ms (baseline ${baseline.p99} ms)`)
      console.log(`  the bare baseline during the filings: ${bare.reqPerSec.toFixed(0)} req/s, p99 ${bare.p99} ms`)
      return [
        {
          name: `POST /api/objections ×${FILERS} (+${requests - FILERS} retries)`,
          reqPerSec: requests / seconds,
          p50: pct(0.5),
          p99: pct(0.99),
          non2xx: failed.length,
          errors: 0,
          rss: env.serverProcess.rss(),
          verdict: problems.length ? 'FAIL' : 'PASS',
          note: problems.length ? problems.join('; ') : `${FILERS} stored exactly once, receipts match the database`,
        },
        {
          name: `GET ${readPath} during the filings`,
          ...read,
          baseline: { reqPerSec: baseline.reqPerSec, p99: baseline.p99 },
          rss: env.serverProcess.rss(),
          ...readVerdict(read, baseline),
        },
        {
          name: `GET ${readPath} on the bare baseline during the filings`,
          ...bare,
          baseline: { reqPerSec: baseline.reqPerSec, p99: baseline.p99 },
          rss: env.serverProcess.rss(),
          verdict: 'INFO',
          note: `the machine's floor: the same bytes from a process doing none of the filing work${floorOutlived ? ' (the burst ended before this measurement did: not comparable)' : ''}`,
        },
      ]
    },
  }
}
