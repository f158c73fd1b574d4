import crypto from 'node:crypto'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { connectDatabase, type Database } from '../server/src/db/connection'
import { seedDemoApplications } from '../server/src/seed/demoApplications'
import { seedDemoCalendar } from '../server/src/seed/demoCalendar'
import { seedDemoListing } from '../server/src/seed/demoListing'
import { seedDemoPublicity } from '../server/src/seed/demoPublicity'
import { seedDemoListedImport } from '../server/src/seed/demoListedImport'
import { seedDemoRemovals } from '../server/src/seed/demoRemovals'
import { seedDemoReview } from '../server/src/seed/demoReview'
import { seedDemoData } from '../server/src/seed/seed'
import { STANDIN_APP_ID, STANDIN_SECRET } from '../server/src/wechat/config'
import { startWeChatStandIn, type WeChatStandIn } from '../server/src/wechat/standin'
import { databaseIn, startEmbeddedMongo, type EmbeddedMongo } from '../scripts/db'
import { freePort, startNode, waitForHttp, type Started } from './processes'

const ROOT = path.resolve(__dirname, '..')
export const BENCH_DIR = path.join(ROOT, '.data', 'bench')
const SERVER_MAIN = path.join(ROOT, 'dist', 'server', 'main.js')

/** What every scenario gets: the server under test, its database, and (for reads) the baseline. */
export interface BenchEnv {
  /** `http://127.0.0.1:PORT` of the compiled server. */
  server: string
  serverProcess: Started
  /** The server's database, for scenarios that prepare data or check what a burst stored. */
  db: Database
  /** `http://127.0.0.1:PORT` of the bare Koa baseline, serving the server's own answers to `baselineUrls`. */
  baseline: string
}

export interface Environment {
  env: BenchEnv
  stop(): Promise<void>
}

/**
 * Starts what the bench measures, in this order: the embedded engine (in memory; with MONGODB_URI, a
 * fresh database on that MongoDB instead, e.g. on another host, off the server's cores) with the demo data,
 * the WeChat stand-in the server needs without real credentials, the server as production runs it
 * (`node dist/server/main.js`, NODE_ENV=production, the default log level, its log in
 * .data/bench/server.log), then the baseline serving the server's own bytes for `baselineUrls`.
 */
export async function startEnvironment(baselineUrls: (server: string) => Promise<string[]>): Promise<Environment> {
  mkdirSync(BENCH_DIR, { recursive: true })
  const files = mkdtempSync(path.join(os.tmpdir(), 'zlbg-bench-files-'))
  let mongo: EmbeddedMongo | undefined
  let db: Database | undefined
  let wechat: WeChatStandIn | undefined
  let server: Started | undefined
  let baseline: Started | undefined

  // With MONGODB_URI, a database of the bench's own on that MongoDB, dropped at the end; else the embedded engine.
  const given = process.env.MONGODB_URI
  const stop = async () => {
    await baseline?.stop()
    await server?.stop()
    if (given && db?.connection.readyState === 1) await db.connection.dropDatabase()
    await db?.close()
    await wechat?.close()
    await mongo?.stop()
    rmSync(files, { recursive: true, force: true })
  }

  try {
    let uri: string
    if (given) {
      uri = databaseIn(given, `zlbg_bench_${crypto.randomBytes(4).toString('hex')}`)
    } else {
      mongo = await startEmbeddedMongo({ backend: 'memory' })
      uri = mongo.uri('zlbg_bench')
    }
    db = await connectDatabase(uri)
    await seedDemoData(db.models)
    await seedDemoApplications(db.models, { wechatAppId: STANDIN_APP_ID })
    // The open publicity list the public reads and the objection burst use (第十八条).
    await seedDemoCalendar(db.models)
    await seedDemoPublicity(db.models)
    // Last year's list approved and published (第十九条): the public 名单 reads have listed experiences.
    await seedDemoListing(db.models)
    // Earlier years' lists: what the 名单 reads show (第十九条).
    await seedDemoListedImport(db.models)
    // A published removal announcement (第二十一条): the committee that confirms it, then the removals of
    // the newest listed experiences (the published-list and import seeds come before it).
    await seedDemoReview(db.models, { wechatAppId: STANDIN_APP_ID })
    await seedDemoRemovals(db.models)
    wechat = await startWeChatStandIn({ appId: STANDIN_APP_ID, secret: STANDIN_SECRET })

    const port = await freePort()
    const serverEnv: NodeJS.ProcessEnv = { ...process.env }
    // Production defaults: whatever the caller's shell sets for these must not leak into the measurement.
    for (const name of ['LOG_LEVEL', 'WECHAT_APPID', 'WECHAT_SECRET', 'H5_DIST', 'JOBS_ENABLED', 'TRUST_PROXY', 'NODE_OPTIONS']) delete serverEnv[name]
    Object.assign(serverEnv, {
      NODE_ENV: 'production',
      MONGODB_URI: uri,
      HOST: '127.0.0.1',
      PORT: String(port),
      FILES_DIR: files,
      // Production refuses to run without WeChat credentials: the stand-in's, at the stand-in's address.
      WECHAT_APPID: STANDIN_APP_ID,
      WECHAT_SECRET: STANDIN_SECRET,
      WECHAT_API_BASE: wechat.baseUrl,
      // Production refuses to run without its public address: the feeds link to the H5 pages under it.
      PUBLIC_BASE_URL: `http://127.0.0.1:${port}`,
      // …nor without the key that signs check-in tickets (第二十条): one per run.
      CHECKIN_TOKEN_SECRET: crypto.randomBytes(32).toString('base64url'),
      // As behind the load balancer: the client's address from X-Forwarded-For (the objection burst
      // comes from 2,000 addresses, each under the server's own per-address limit).
      TRUST_PROXY: 'true',
    })
    // BENCH_PROFILE=1: the server writes a CPU profile (.cpuprofile, for Chrome DevTools) to .data/bench/ as it stops.
    const profile = process.env.BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${BENCH_DIR}`] : []
    server = startNode([...profile, SERVER_MAIN], { env: serverEnv, logFile: path.join(BENCH_DIR, 'server.log') })
    const base = `http://127.0.0.1:${port}`
    await waitForHttp(`${base}/readyz`).catch((err: Error) => {
      // The server's own refusal (a missing production setting, say) is in its log, not in the timeout.
      const log = readFileSync(path.join(BENCH_DIR, 'server.log'), 'utf8').trim().split('\n').slice(-10).join('\n')
      throw new Error(`${err.message}\n${log}`)
    })

    const answers: Record<string, { type: string; body: string }> = {}
    for (const url of await baselineUrls(base)) {
      const res = await fetch(base + url)
      if (!res.ok) throw new Error(`the server answered ${url} with HTTP ${res.status}: nothing to measure`)
      answers[url] = { type: res.headers.get('content-type') ?? 'application/json', body: Buffer.from(await res.arrayBuffer()).toString('base64') }
    }
    const bodiesFile = path.join(BENCH_DIR, 'baseline-bodies.json')
    writeFileSync(bodiesFile, JSON.stringify(answers))
    const baselinePort = await freePort()
    baseline = startNode([path.join(__dirname, 'baseline.mjs'), String(baselinePort), bodiesFile], {
      env: { PATH: process.env.PATH ?? '', NODE_ENV: 'production' },
      logFile: path.join(BENCH_DIR, 'baseline.log'),
    })
    const baselineBase = `http://127.0.0.1:${baselinePort}`
    const first = Object.keys(answers)[0]
    if (first) await waitForHttp(baselineBase + first)

    return { env: { server: base, serverProcess: server, db, baseline: baselineBase }, stop }
  } catch (err) {
    await stop()
    throw err
  }
}
