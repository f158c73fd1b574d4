import { mkdtempSync, rmSync, statSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import mongoose from 'mongoose'
import { startEmbeddedMongo } from './db'

/**
 * `npm run bench:durability`: what committing before acknowledging costs on the embedded engine
 * (issue 20). The same writes run against the stock engine (commits a second after answering: the
 * baseline), against 'commit' (the default) and 'fsync'; ratios against the baseline, measured in
 * this run, are printed, no absolute threshold. WRITES sets the count (default 2000).
 */
const WRITES = Number(process.env.WRITES ?? 2000)
const MODES = ['delayed', 'commit', 'fsync'] as const

async function measure(mode: (typeof MODES)[number]) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'zlbg-bench-'))
  const file = path.join(dir, 'bench.mv')
  const engine = await startEmbeddedMongo({ backend: 'h2', file, durability: mode })
  const conn = await mongoose.createConnection(engine.uri('bench')).asPromise()
  const items = conn.collection('items')
  await items.createIndex({ key: 1 }, { unique: true })
  try {
    // One writer waiting for each answer (a person's request), then 16 at once (a busy server).
    let started = process.hrtime.bigint()
    for (let i = 0; i < WRITES; i++) await items.insertOne({ key: `s${i}`, n: i, text: '质量标杆'.repeat(20) })
    const sequential = Number(process.hrtime.bigint() - started) / 1e6
    started = process.hrtime.bigint()
    let next = 0
    await Promise.all(
      Array.from({ length: 16 }, async () => {
        while (next < WRITES) {
          const i = next++
          await items.updateOne({ key: `s${i}` }, { $inc: { n: 1 } })
        }
      }),
    )
    const concurrent = Number(process.hrtime.bigint() - started) / 1e6
    return { mode, sequential, concurrent, fileMb: statSync(file).size / 1e6 }
  } finally {
    await conn.close()
    await engine.stop()
    rmSync(dir, { recursive: true, force: true })
  }
}

async function main() {
  const results = []
  for (const mode of MODES) results.push(await measure(mode))
  const base = results[0]!
  console.log(`${WRITES} inserts one at a time, then ${WRITES} updates 16 at a time, on the H2 engine:`)
  console.log('mode      inserts ms/write  ×baseline   updates ms/write  ×baseline   file MB')
  for (const r of results) {
    console.log(
      [
        r.mode.padEnd(9),
        (r.sequential / WRITES).toFixed(3).padStart(16),
        (r.sequential / base.sequential).toFixed(2).padStart(10),
        (r.concurrent / WRITES).toFixed(3).padStart(18),
        (r.concurrent / base.concurrent).toFixed(2).padStart(10),
        r.fileMb.toFixed(1).padStart(9),
      ].join(' '),
    )
  }
}

main().catch((err) => {
  console.error(err)
  process.exit(1)
})
