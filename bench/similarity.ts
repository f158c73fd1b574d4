/**
 * Similarity benchmark (issue 19, 第二十一条): `npx tsx bench/similarity.ts [--docs 2000] [--chars 3000]`.
 *
 * Starts its own embedded engine (in-memory mongo-java-server, as the tests do) and works on the
 * similarity storage directly — the fingerprint collection with its indexed LSH bands, the candidate
 * query and the passage alignment the server's check runs (server/src/similarity/corpus.ts) — without
 * the HTTP layer or applications, which add nothing to the cost being measured.
 *
 * Corpus: DOCS synthetic narratives of CHARS characters (test/support/narratives.ts, seeded); among
 * them planted copies of another corpus document, whole or partial (30 %, 50 %), with light edits
 * (organization renamed, wording touched up, sentences reordered). It prints
 * - recall: planted pairs whose copy is flagged (share of its text found ≥ the default threshold),
 *   per kind of copy, and over planted copies of ≥ 30 %;
 * - false flags: flagged pairs that were not planted, over every check made;
 * - the time to check one new submission (prepare, store its fingerprint, query candidates, align)
 *   against the whole corpus, with the same check done by brute force (aligning every document, no
 *   LSH) in the same run as the baseline.
 */
import mongoose from 'mongoose'
import { DEFAULT_SIMILARITY_THRESHOLD } from '@zlbg/shared'
import { startEmbeddedMongo } from '../scripts/db'
import { connectDatabase } from '../server/src/db/connection'
import { applicationBoilerplate } from '../server/src/similarity/boilerplate'
import { candidatesOf, confirmed } from '../server/src/similarity/corpus'
import { documentBands } from '../server/src/similarity/minhash'
import { prepare, type DocumentField } from '../server/src/similarity/text'
import { narrative, renamed, reorderSentences, seededRandom, touchUp } from '../test/support/narratives'

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`)
  return i > 0 ? Number(process.argv[i + 1]) : fallback
}
const DOCS = arg('docs', 2000)
const CHARS = arg('chars', 3000)
const NEW_SUBMISSIONS = 20
const THRESHOLD = DEFAULT_SIMILARITY_THRESHOLD / 100

type Kind = 'whole, renamed' | 'whole, reordered' | 'whole, touched up' | '50 %, renamed' | '30 %, renamed + touched up' | '30 %, touched up' | '10 % (below threshold)'
const KINDS: { kind: Kind; share: number; make: (r: () => number, source: string, own: string) => string }[] = [
  { kind: 'whole, renamed', share: 1, make: (_r, s) => renamed(renamed(s, '公司', '本集团'), '质量部', '品质保证处') },
  { kind: 'whole, reordered', share: 1, make: (r, s) => reorderSentences(r, s) },
  { kind: 'whole, touched up', share: 1, make: (r, s) => touchUp(r, s, 60) },
  { kind: '50 %, renamed', share: 0.5, make: (r, s, own) => splice(r, own, renamed(slice(r, s, 0.5), '公司', '我院')) },
  { kind: '30 %, renamed + touched up', share: 0.3, make: (r, s, own) => splice(r, own, touchUp(r, renamed(slice(r, s, 0.3), '公司', '本厂'), 80)) },
  { kind: '30 %, touched up', share: 0.3, make: (r, s, own) => splice(r, own, touchUp(r, slice(r, s, 0.3), 50)) },
  { kind: '10 % (below threshold)', share: 0.1, make: (r, s, own) => splice(r, own, slice(r, s, 0.1)) },
]

/** A contiguous `share` of a text, from a random place. */
function slice(r: () => number, text: string, share: number): string {
  const len = Math.floor(text.length * share)
  const from = Math.floor(r() * (text.length - len))
  return text.slice(from, from + len)
}
/** The copied passage put into the copier's own text, which shrinks so the length stays CHARS. */
function splice(r: () => number, own: string, copied: string): string {
  const keep = own.slice(0, Math.max(0, CHARS - copied.length))
  const at = Math.floor(r() * keep.length)
  return keep.slice(0, at) + copied + keep.slice(at)
}

const fieldsOf = (text: string): DocumentField[] => [{ field: 'scientific', text }]
const ms = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e6
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!
const progress = (what: string) => process.stderr.write(`  … ${what}\n`)
const pct = (x: number) => `${(x * 100).toFixed(1)} %`

async function main() {
  const mongo = await startEmbeddedMongo({ backend: 'memory' })
  const db = await connectDatabase(mongo.uri('bench-similarity'))
  const { SimilarityFingerprint } = db.models
  const boilerplate = applicationBoilerplate({})
  try {
    const r = seededRandom(2026)
    const ids = Array.from({ length: DOCS }, () => new mongoose.Types.ObjectId())
    const texts = ids.map(() => narrative(r, CHARS).slice(0, CHARS))
    // Every 10th document is a planted copy of an earlier one, the kinds in turn.
    const planted = new Map<number, { source: number; kind: Kind; share: number }>()
    for (let i = 10, k = 0; i < DOCS; i += 10, k++) {
      const spec = KINDS[k % KINDS.length]!
      const source = Math.floor(r() * i)
      texts[i] = spec.make(r, texts[source]!, texts[i]!)
      planted.set(i, { source, kind: spec.kind, share: spec.share })
    }

    const t0 = process.hrtime.bigint()
    const prepared = texts.map((t) => prepare(fieldsOf(t), boilerplate))
    const docs = ids.map((_id, i) => ({
      _id,
      kind: 'application' as const,
      year: 2026,
      organizationName: `基准组织${i}`,
      title: `基准叙述${i}`,
      fields: fieldsOf(texts[i]!),
      countedChars: prepared[i]!.length,
      bands: documentBands(prepared[i]!),
      checkedAt: new Date(),
    }))
    for (let i = 0; i < docs.length; i += 200) {
      await SimilarityFingerprint.insertMany(docs.slice(i, i + 200), { lean: true })
      progress(`indexed ${Math.min(i + 200, docs.length)}/${docs.length}`)
    }
    const indexMs = ms(t0)
    const bandsPerDoc = docs.reduce((n, d) => n + d.bands.length, 0) / docs.length

    // Recall and false flags: each planted copy, and as many clean documents, checked against the rest.
    const flaggedBy = (i: number) =>
      candidatesOf(db.models, ids[i]!, docs[i]!.bands).then((cands) =>
        confirmed(prepared[i]!, cands, boilerplate)
          .filter((c) => c.found.shareOfA >= THRESHOLD)
          .map((c) => ids.findIndex((id) => id.equals(c.candidate._id))),
      )
    /** A document and every document it was copied from, transitively. */
    const ancestors = (i: number): number[] => {
      const out = [i]
      for (let p = planted.get(i); p && !out.includes(p.source); p = planted.get(p.source)) out.push(p.source)
      return out
    }
    const byKind = new Map<Kind, { found: number; total: number }>()
    let falseFlags = 0
    let cleanFalseFlags = 0
    let checks = 0
    let candidates = 0
    for (const [i, p] of planted) {
      const flagged = await flaggedBy(i)
      candidates += (await candidatesOf(db.models, ids[i]!, docs[i]!.bands)).length
      checks++
      const row = byKind.get(p.kind) ?? { found: 0, total: 0 }
      row.total++
      if (flagged.includes(p.source)) row.found++
      byKind.set(p.kind, row)
      if (checks % 50 === 0) progress(`checked ${checks} planted copies`)
      // A document copied by a planted copy may also be flagged against that copy's other sources: only unplanted pairs count.
      // Two copies of one source (or a copy of a copy) really share text: only pairs with no common ancestor count.
      const related = (j: number) => { const mine = ancestors(i); return ancestors(j).some((x) => mine.includes(x)) }
      const unrelated = flagged.filter((j) => !related(j))
      falseFlags += unrelated.length
      if (process.env.BENCH_DEBUG) for (const j of unrelated) progress(`false flag: ${i} (${p.kind} of ${p.source}) ~ ${j} ${JSON.stringify(planted.get(j) ?? 'clean')} ${JSON.stringify(planted.get(p.source) ?? 'clean source')}`)
    }
    const clean = ids.map((_, i) => i).filter((i) => !planted.has(i) && ![...planted.values()].some((p) => p.source === i)).slice(0, planted.size)
    for (const i of clean) {
      const flagged = await flaggedBy(i)
      cleanFalseFlags += flagged.length
      falseFlags += flagged.length
      checks++
    }

    // One new submission against the whole corpus: the server's check, and brute force as the baseline.
    const times: number[] = []
    const bruteTimes: number[] = []
    const phases = { prepare: [] as number[], store: [] as number[], query: [] as number[], align: [] as number[] }
    const rn = seededRandom(7)
    for (let n = 0; n < NEW_SUBMISSIONS; n++) {
      const own = narrative(rn, CHARS).slice(0, CHARS)
      const text = n % 2 ? splice(rn, own, touchUp(rn, slice(rn, texts[Math.floor(rn() * DOCS)]!, 0.3), 80)) : own
      const id = new mongoose.Types.ObjectId()
      const t1 = process.hrtime.bigint()
      const self = prepare(fieldsOf(text), boilerplate)
      const bands = documentBands(self)
      phases.prepare.push(ms(t1))
      const t3 = process.hrtime.bigint()
      await SimilarityFingerprint.replaceOne(
        { _id: id },
        { kind: 'application', year: 2026, organizationName: '新申报', title: '新申报', fields: fieldsOf(text), countedChars: self.length, bands, checkedAt: new Date() },
        { upsert: true },
      )
      phases.store.push(ms(t3))
      const t4 = process.hrtime.bigint()
      const found = await candidatesOf(db.models, id, bands)
      phases.query.push(ms(t4))
      const t5 = process.hrtime.bigint()
      confirmed(self, found, boilerplate)
      phases.align.push(ms(t5))
      times.push(ms(t1))
      await SimilarityFingerprint.deleteOne({ _id: id })

      if (n < 3) {
        const t2 = process.hrtime.bigint()
        const all = await SimilarityFingerprint.find({}, { fields: 1, kind: 1 }).lean()
        confirmed(self, all, boilerplate)
        bruteTimes.push(ms(t2))
      }
    }

    const atLeast30 = [...byKind.entries()].filter(([k]) => !k.startsWith('10 %'))
    const found30 = atLeast30.reduce((n, [, v]) => n + v.found, 0)
    const total30 = atLeast30.reduce((n, [, v]) => n + v.total, 0)
    const check = median(times)
    const brute = median(bruteTimes)
    console.log(`similarity bench: ${DOCS} narratives of ${CHARS} characters, ${planted.size} planted copies, threshold ${DEFAULT_SIMILARITY_THRESHOLD} %`)
    console.log(`  indexing: ${(indexMs / 1000).toFixed(1)} s (${bandsPerDoc.toFixed(0)} LSH buckets per document)`)
    for (const [kind, v] of byKind) console.log(`  recall ${kind.padEnd(28)} ${v.found}/${v.total}`)
    console.log(`  recall of planted copies ≥ 30 %: ${pct(found30 / total30)} (${found30}/${total30}; target ≥ 95 %)`)
    console.log(`  false flags: ${falseFlags} in ${checks} checks (${cleanFalseFlags} in the ${clean.length} checks of untouched documents); candidates per check (LSH): ${(candidates / planted.size).toFixed(1)} of ${DOCS}`)
    console.log(
      `  check one new submission against ${DOCS}: median ${check.toFixed(0)} ms, max ${Math.max(...times).toFixed(0)} ms (target < 1000 ms); ` +
        `brute force ${brute.toFixed(0)} ms; ratio ${(brute / check).toFixed(1)}× faster`,
    )
    console.log(`  median per phase: ${Object.entries(phases).map(([k, v]) => `${k} ${median(v).toFixed(0)} ms`).join(', ')}`)
  } finally {
    await db.close()
    await mongo.stop()
  }
}

main().catch((err: unknown) => {
  console.error(err)
  process.exit(1)
})
