/**
 * Aggregation benchmark (issue 15, 第十六条): the ranking of a round — every figure of every
 * application, ranked — for 1,000 and 10,000 applications × 7 experts × 6 item scores, on the
 * embedded engine. Part of `npm run bench` (bench/run.ts); alone: `npx tsx bench/aggregation.ts
 * [--apps 1000,10000] [--repeat 5]` starts its own in-memory engine.
 *
 * Each size gets its own database (so the smaller is not measured beside the larger's data):
 * groups of 10 experts, 200 applications per group, each application scored by 7 of its group's
 * experts — 6 items within the default rubric, from the application's quality, the expert's
 * leniency and noise (seeded: the same data on every run). Inserted directly, as the scoring
 * commands would leave them: submitted Score documents with their totals, active assignments,
 * placements in the committee.
 *
 * Measured, each `repeat` times after one warm-up, median and worst:
 * - ranking: what GET /api/review/calls/:id/rounds/:round/ranking does on the server — the two
 *   grouping pipelines (review/aggregate.ts), the applications, the ranking, the response schema
 *   and JSON — without HTTP;
 * - scan (baseline, same run): one $match + $group counting the same scores — what the engine
 *   needs just to read them once; the ranking's ratio to it is its own cost.
 * Verdict: PASS when the 10k ranking's median is under the target (2 s) and growth from 1k
 * to 10k stays within GROWTH_LIMIT× for 10× the scores (near linear).
 */
import { cpus, loadavg } from 'node:os'
import mongoose from 'mongoose'
import { DEFAULT_RUBRIC, RoundRankingSchema } from '@zlbg/shared'
import { startEmbeddedMongo } from '../scripts/db'
import { connectDatabase } from '../server/src/db/connection'
import { createModels, type Models } from '../server/src/models'
import type { CommitteeRecord } from '../server/src/models/committee'
import { buildRoundRanking } from '../server/src/review/ranking'
import type { BenchEnv } from './environment'
import { formatRows, type Row } from './report'
import type { Scenario } from './scenarios/types'

const EXPERTS_PER_APP = 7
const GROUP_SIZE = 10
const APPS_PER_GROUP = 200
export const AGGREGATION_TARGET_MS = 2000
export const GROWTH_LIMIT = 15

/** A small seeded generator (LCG): the same call on every run. */
function seeded(seed: number) {
  let s = seed >>> 0
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0
    return s / 2 ** 32
  }
}

const oid = () => new mongoose.Types.ObjectId()

async function insertInBatches(collection: mongoose.mongo.Collection, docs: object[]) {
  for (let i = 0; i < docs.length; i += 5000) await collection.insertMany(docs.slice(i, i + 5000) as mongoose.mongo.OptionalId<mongoose.mongo.Document>[], { ordered: false })
}

/** A call of `apps` applications in material review, every assignment scored and submitted. */
export async function seedRound(models: Models, apps: number): Promise<CommitteeRecord> {
  const r = seeded(apps)
  const callId = oid()
  const groupCount = Math.max(1, Math.ceil(apps / APPS_PER_GROUP))
  const groups = Array.from({ length: groupCount }, (_, g) => {
    const people = Array.from({ length: GROUP_SIZE }, oid)
    return { _id: oid(), name: `第${g + 1}专业组`, sectors: [], industries: [], leaderId: people[0]!, memberIds: people.slice(1) }
  })
  const experts = groups.flatMap((g, gi) => [g.leaderId, ...g.memberIds].map((_id, i) => ({ _id, name: `专家${gi + 1}-${i + 1}`, leniency: (r() - 0.5) * 16 })))
  await insertInBatches(
    models.Expert.collection,
    experts.map(({ leniency: _l, ...e }, i) => ({ ...e, title: '高级工程师', fields: [], sectors: [], industries: [], competent: false, active: true, phone: `139${String(i).padStart(8, '0')}`, formerEmployers: [] })),
  )
  const lenient = new Map(experts.map((e) => [e._id.toHexString(), e.leniency]))
  const applications = []
  const placements = []
  const assignments = []
  const scores = []
  const now = new Date()
  for (let i = 0; i < apps; i++) {
    const _id = oid()
    const group = groups[Math.floor(i / APPS_PER_GROUP)]!
    applications.push({ _id, callId, organizationId: oid(), state: 'material_review', slot: '1', receiptNumber: `ZL2026-${String(i + 1).padStart(5, '0')}`, organizationName: `组织${i + 1}`, content: { title: `典型经验${i + 1}` }, history: [] })
    placements.push({ applicationId: _id, groupId: group._id, by: 'suggested' })
    const quality = 55 + r() * 35
    const reviewers = [group.leaderId, ...group.memberIds]
    const start = i % GROUP_SIZE
    for (let k = 0; k < EXPERTS_PER_APP; k++) {
      const expertId = reviewers[(start + k) % GROUP_SIZE]!
      const assignmentId = oid()
      assignments.push({ _id: assignmentId, callId, applicationId: _id, groupId: group._id, expertId, state: 'active', slot: 'active', source: 'algorithm', coversField: true, createdAt: now, updatedAt: now })
      const level = Math.min(1, Math.max(0, (quality + lenient.get(expertId.toHexString())! + (r() - 0.5) * 10) / 100))
      const points = Object.fromEntries(DEFAULT_RUBRIC.map((item) => [item.criterion, Math.min(item.maxPoints, Math.max(0, Math.round(item.maxPoints * level + (r() - 0.5) * 2)))]))
      const total = Object.values(points).reduce((s, p) => s + p, 0)
      scores.push({ callId, round: 'material', assignmentId, applicationId: _id, groupId: group._id, expertId, state: 'submitted', points, comment: '方法运用系统，成效数据充分，具有推广价值。'.repeat(2), total, version: 1, submittedAt: now, history: [], createdAt: now, updatedAt: now })
    }
  }
  const committee = {
    _id: oid(),
    callId,
    state: 'reviewing',
    chairId: experts[0]!._id,
    viceChairIds: [experts[1]!._id],
    groups,
    pledgeText: '承诺',
    pledgeVersion: 1,
    reviewersPerApplication: EXPERTS_PER_APP,
    maxPerExpert: 10_000,
    placements,
    createdAt: now,
    updatedAt: now,
  }
  await models.Committee.collection.insertOne(committee)
  await insertInBatches(models.Application.collection, applications)
  await insertInBatches(models.Assignment.collection, assignments)
  await insertInBatches(models.Score.collection, scores)
  return committee as unknown as CommitteeRecord
}

async function timed(repeat: number, work: () => Promise<unknown>): Promise<{ median: number; worst: number }> {
  await work()
  const ms: number[] = []
  for (let i = 0; i < repeat; i++) {
    const start = process.hrtime.bigint()
    await work()
    ms.push(Number(process.hrtime.bigint() - start) / 1e6)
  }
  ms.sort((a, b) => a - b)
  return { median: ms[Math.floor(ms.length / 2)]!, worst: ms[ms.length - 1]! }
}

export interface SizeResult {
  apps: number
  scores: number
  ranking: { median: number; worst: number }
  scan: { median: number; worst: number }
  rows: number
  /** The machine's 1-minute load average as the size was measured (the figures are only comparable at like load). */
  load: number
}

/** One size in its own database on `connection`'s engine: seed, measure, drop. */
export async function measureSize(connection: mongoose.Connection, apps: number, repeat: number): Promise<SizeResult> {
  const db = connection.useDb(`zlbg_bench_aggregation_${apps}`, { useCache: false })
  const models = createModels(db)
  await Promise.all(Object.values(models).map((m) => m.init()))
  try {
    const committee = await seedRound(models, apps)
    let rows = 0
    const ranking = await timed(repeat, async () => {
      const answer = RoundRankingSchema.parse(await buildRoundRanking(models, committee, 'material'))
      rows = answer.rows.length
      JSON.stringify(answer)
    })
    const scan = await timed(repeat, () => models.Score.aggregate([{ $match: { callId: committee.callId, round: 'material', state: 'submitted' } }, { $group: { _id: null, n: { $sum: 1 } } }]))
    return { apps, scores: apps * EXPERTS_PER_APP, ranking, scan, rows, load: loadavg()[0]! }
  } finally {
    await db.dropDatabase()
  }
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`

/** The bench's rows: one per size, the ranking against the plain scan of the same scores. */
export function aggregationRows(results: SizeResult[]): Row[] {
  const small = results[0]!
  const large = results[results.length - 1]!
  const growth = large.ranking.median / small.ranking.median
  const scaleFactor = large.scores / small.scores
  return results.map((res) => {
    const base = {
      name: `ranking ${res.apps.toLocaleString('en')} apps × ${EXPERTS_PER_APP} experts`,
      reqPerSec: 1000 / res.ranking.median,
      p50: Math.round(res.ranking.median),
      p99: Math.round(res.ranking.worst),
      baseline: { reqPerSec: 1000 / res.scan.median, p99: Math.round(res.scan.worst) },
      non2xx: 0,
      errors: res.rows === res.apps ? 0 : 1,
      rss: process.memoryUsage().rss,
    }
    const timing = `${seconds(res.ranking.median)} median (worst ${seconds(res.ranking.worst)}) for ${res.scores.toLocaleString('en')} scores; scan of the same scores ${seconds(res.scan.median)}; load average ${res.load.toFixed(1)} on ${cpus().length} CPUs`
    if (res !== large || results.length === 1) return { ...base, verdict: 'INFO' as const, note: timing }
    const problems = []
    if (res.ranking.median >= AGGREGATION_TARGET_MS) problems.push(`median ${seconds(res.ranking.median)} ≥ ${seconds(AGGREGATION_TARGET_MS)}`)
    if (growth > GROWTH_LIMIT * (scaleFactor / 10)) problems.push(`growth ${growth.toFixed(1)}× for ${scaleFactor}× the scores`)
    if (res.rows !== res.apps) problems.push(`${res.rows} rows for ${res.apps} applications`)
    const note = `${timing}; ${large.apps / small.apps}× the applications took ${growth.toFixed(1)}× the time`
    return { ...base, verdict: problems.length ? ('FAIL' as const) : ('PASS' as const), note: problems.length ? `${problems.join('; ')} — ${note}` : note }
  })
}

/** The scenario `npm run bench` runs: the sizes on the bench's own engine, beside the server's database. */
export function aggregation(sizes = [1000, 10_000], repeat = 5): Scenario {
  return {
    name: `aggregation: ranking of a round, ${sizes.join(' and ')} applications × ${EXPERTS_PER_APP} experts × 6 scores (embedded engine)`,
    async run(env: BenchEnv) {
      const results = []
      for (const apps of sizes) results.push(await measureSize(env.db.connection, apps, repeat))
      return aggregationRows(results)
    },
  }
}

async function main() {
  const arg = (name: string) => {
    const i = process.argv.indexOf(`--${name}`)
    return i > 0 ? process.argv[i + 1] : undefined
  }
  const sizes = (arg('apps') ?? '1000,10000').split(',').map(Number)
  const repeat = Number(arg('repeat') ?? 5)
  const mongo = await startEmbeddedMongo({ backend: 'memory' })
  const db = await connectDatabase(mongo.uri('zlbg_bench'))
  try {
    const results = []
    for (const apps of sizes) {
      console.log(`▶ ${apps} applications × ${EXPERTS_PER_APP} experts: seeding and measuring…`)
      results.push(await measureSize(db.connection, apps, repeat))
    }
    const rows = aggregationRows(results)
    console.log(`\n${formatRows(rows)}`)
    return rows.some((r) => r.verdict === 'FAIL') ? 1 : 0
  } finally {
    await db.close()
    await mongo.stop()
  }
}

if (require.main === module) {
  main().then(
    (code) => process.exit(code),
    (err) => {
      console.error(`✘ aggregation bench failed: ${err instanceof Error ? err.stack : err}`)
      process.exit(1)
    },
  )
}
