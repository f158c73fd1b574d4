import { UNCLAIMED_UPLOAD_TTL_MS } from '../attachments'
import type { FileStorage } from '../storage'
import type { JobDefinition } from './runner'

const BATCH = 100

/**
 * Uploads no form ever named (a page closed before saving, a file replaced before saving) take
 * space and belong to nobody: after a day their bytes and records go. The bytes first, then the
 * record, so a crash in between leaves a record the next run finds again, never unfindable bytes.
 * Claims stop an hour before this age (attachments/index.ts), so nothing is claimed while it goes.
 */
export function attachmentPurgeJob(storage: FileStorage): JobDefinition {
  return {
    name: 'purge.unclaimedAttachments',
    everyMs: 3_600_000,
    async run({ models, now, signal }) {
      const cutoff = new Date(now().getTime() - UNCLAIMED_UPLOAD_TTL_MS)
      const unclaimed = { 'owner.id': { $exists: false }, createdAt: { $lte: cutoff } }
      let purged = 0
      let lastId: unknown
      for (;;) {
        if (signal.aborted) break
        const batch = await models.Attachment.find(lastId ? { ...unclaimed, _id: { $gt: lastId } } : unclaimed, { storageKey: 1 })
          .sort({ _id: 1 })
          .limit(BATCH)
          .lean()
        if (batch.length === 0) break
        for (const doc of batch) {
          await storage.delete(doc.storageKey)
          const { deletedCount } = await models.Attachment.deleteOne({ _id: doc._id, ...unclaimed })
          purged += deletedCount
        }
        lastId = batch[batch.length - 1]!._id
        if (batch.length < BATCH) break
      }
      return `deleted ${purged}`
    },
  }
}
