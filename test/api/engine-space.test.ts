import { mkdtempSync, rmSync, statSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import mongoose from 'mongoose'
import { startEmbeddedMongo } from '../../scripts/db'

/**
 * The durable embedded engine reclaims the space of what it committed before (issue 20 follow-up).
 * Committing each write makes a new chunk in the H2 file per write. Before, a dead chunk's space was
 * reused only 45 s later and chunks that kept a few live pages never, so updates grew the file by
 * a chunk each (2.6 GB after 1,500 similarity fingerprints; here 131 MB in place of 6).
 */
const dirs: string[] = []
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })))

// 'fsync' reuses space the same way (each commit is synced, no pin needed) at twice the time; 'commit'
// alone keeps CI short.
test('updates of the same documents do not grow the file by a chunk each', async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'zlbg-space-'))
  dirs.push(dir)
  const file = path.join(dir, 'zlbg.mv')
  const engine = await startEmbeddedMongo({ backend: 'h2', file, durability: 'commit' })
  const conn = await mongoose.createConnection(engine.uri('space')).asPromise()
  try {
    const items = conn.collection<{ _id: string; n: number; text: string }>('items')
    await items.insertMany(Array.from({ length: 2000 }, (_, i) => ({ _id: `d${i}`, n: 0, text: '质量标杆'.repeat(50) })))
    const live = statSync(file).size
    // Spread over all documents, like a similarity run updating its buckets.
    for (let i = 0; i < 6000; i++) await items.updateOne({ _id: `d${(i * 7) % 2000}` }, { $set: { n: i } })
    expect(await items.countDocuments({ n: { $gt: 0 } })).toBe(2000)
    const grown = statSync(file).size - live
    console.log(`file grew ${(grown / 1e6).toFixed(1)} MB over ${(live / 1e6).toFixed(1)} MB of live data`)
    expect(grown).toBeLessThan(12e6)
  } finally {
    await conn.close()
    await engine.stop()
  }
}, 180_000)
