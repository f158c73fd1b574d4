import { SIMILARITY_GRACE_MS, similarityChecker } from '../commands/similarity/similarityChecker'
import type { ApplicationRecord } from '../models/application'
import type { JobDefinition } from './runner'

/** At most this many checks per run; the next run takes the rest. */
export const SIMILARITY_CHECK_BATCH = 50

/**
 * 第二十一条: the similarity checks that a submission queued (`similarityDueAt`, written in the same
 * update as the submission) and that did not finish right after it — the process died, the database
 * blinked. Left alone for a grace period so it does not race the request's own run (which would only
 * do the same work twice: the check is idempotent).
 */
export function similarityCheckJob(): JobDefinition {
  return {
    name: 'similarity.check',
    everyMs: 15_000,
    async run({ models, now, signal, logger }) {
      const due = await models.Application.find({ similarityDueAt: { $lte: new Date(now().getTime() - SIMILARITY_GRACE_MS) } }, { _id: 1 })
        .sort({ similarityDueAt: 1 })
        .limit(SIMILARITY_CHECK_BATCH)
        .lean<Pick<ApplicationRecord, '_id'>[]>()
      let checked = 0
      for (const { _id } of due) {
        if (signal.aborted) break
        try {
          await similarityChecker({ models, applicationId: _id, now: now() })
          checked++
        } catch (err) {
          logger.warn({ err, applicationId: _id.toHexString() }, 'similarity check failed; retried on the next run')
        }
      }
      return `checked ${checked}`
    },
  }
}
