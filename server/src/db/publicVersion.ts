import type mongoose from 'mongoose'
import type { StampSource } from '../http/publicCache'

/**
 * A public collection as the public-read cache's stamp source (the stamp's rules, what bumps it and
 * what may be deleted: models/publicVersion.ts): one aggregate command, run as a plain
 * command (no mongoose casting, no driver cursor to open and close) since it answers in one batch.
 */
export function publicStamp(model: mongoose.Model<any>): StampSource {
  const collection = model.collection.collectionName
  const command = { aggregate: collection, pipeline: [{ $group: { _id: null, v: { $sum: '$publicVersion' }, n: { $sum: 1 } } }], cursor: {} }
  return {
    name: collection,
    async read() {
      const answer = await model.db.db!.command(command)
      const row = (answer as { cursor: { firstBatch: { v: number; n: number }[] } }).cursor.firstBatch[0]
      return row ? `${row.v}.${row.n}` : '0.0'
    },
  }
}
