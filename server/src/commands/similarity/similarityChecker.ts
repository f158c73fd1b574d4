import mongoose from 'mongoose'
import { DEFAULT_SIMILARITY_THRESHOLD } from '@zlbg/shared'
import { upsertRacing } from '../../db/duplicateKey'
import type { Logger } from '../../logger'
import type { Models } from '../../models'
import type { ApplicationRecord } from '../../models/application'
import type { SimilarityPairRecord } from '../../models/similarity'
import type { Alignment } from '../../similarity/align'
import { candidatesOf, storeFingerprint } from '../../similarity/buckets'
import { applicationFields, callSimilarityContext, confirmed } from '../../similarity/corpus'
import { documentBands } from '../../similarity/minhash'
import { prepare } from '../../similarity/text'

type Id = mongoose.Types.ObjectId
const pairKey = (x: Id, y: Id) => {
  const [a, b] = x.toHexString() < y.toHexString() ? [x, y] : [y, x]
  return { _id: `${a.toHexString()}:${b.toHexString()}`, ids: [a, b] as [Id, Id], swapped: a !== x }
}

/** The pair record of `self` against `other`, oriented as stored (ids in order). */
function pairRecord(self: Id, other: Id, found: Alignment, now: Date): SimilarityPairRecord {
  const { _id, ids, swapped } = pairKey(self, other)
  const sharedChars = found.passages.reduce((n, p) => n + p.length, 0)
  return {
    _id,
    ids,
    shares: swapped ? [found.shareOfB, found.shareOfA] : [found.shareOfA, found.shareOfB],
    sharedChars,
    passages: found.passages.map((p) => (swapped ? { a: p.b, b: p.a, length: p.length } : p)),
    computedAt: now,
  }
}

/**
 * The flags of one application (第二十一条): one per other document in which at least the call's
 * threshold of its own text is found, except its own organization's. A flag no longer reached is
 * removed while nobody has concluded on it; a concluded one stays with its conclusion.
 */
export async function flagSyncer(models: Models, applicationId: Id): Promise<number> {
  const app = await models.Application.findById(applicationId, { callId: 1, organizationId: 1, state: 1 }).lean<ApplicationRecord>()
  if (!app || app.state === 'draft') return 0
  const [settings, pairs] = await Promise.all([
    models.SimilaritySettings.findById(app.callId, { thresholdPercent: 1 }).lean(),
    models.SimilarityPair.find({ ids: applicationId }, { ids: 1, shares: 1 }).lean(),
  ])
  const threshold = (settings?.thresholdPercent ?? DEFAULT_SIMILARITY_THRESHOLD) / 100
  const others = await models.SimilarityFingerprint.find(
    { _id: { $in: pairs.map((p) => (p.ids[0].equals(applicationId) ? p.ids[1] : p.ids[0])) } },
    { organizationId: 1 },
  ).lean()
  const orgOf = new Map(others.map((o) => [o._id.toHexString(), o.organizationId?.toHexString()]))

  const above = new Map<string, number>()
  for (const p of pairs) {
    const i = p.ids[0].equals(applicationId) ? 0 : 1
    const other = p.ids[1 - i]!
    if (!orgOf.has(other.toHexString()) || orgOf.get(other.toHexString()) === app.organizationId.toHexString()) continue
    if (p.shares[i]! >= threshold) above.set(other.toHexString(), p.shares[i]!)
  }
  for (const [otherId, share] of above) {
    // Two checks upserting the same new flag: one inserts, the other updates on retry.
    await upsertRacing(() =>
      models.SimilarityFlag.updateOne(
        { applicationId, otherId: new mongoose.Types.ObjectId(otherId) },
        { $set: { share, callId: app.callId }, $setOnInsert: { state: 'open' } },
        { upsert: true },
      ),
    )
  }
  await models.SimilarityFlag.deleteMany({
    applicationId,
    state: 'open',
    otherId: { $nin: [...above.keys()].map((id) => new mongoose.Types.ObjectId(id)) },
  })
  return above.size
}

export interface CheckOutcome {
  candidates: number
  pairs: number
}

/**
 * The similarity check of one submitted application (第二十一条), run after each submission and
 * resubmission (outside the request: see scheduleSimilarityCheck and the similarity.check job).
 *
 * 1. Its fingerprint — its texts, LSH bands and bucket memberships — is stored first, then the
 *    documents sharing a bucket are read by primary key (similarity/buckets.ts): of two applications
 *    checked at the same moment, whichever queries second finds the other's fingerprint, so a pair is
 *    never missed.
 * 2. Each candidate is confirmed by passage alignment; pairs above the noise are recorded for both
 *    documents, pairs of its earlier text that no longer hold are dropped.
 * 3. The flags of this application and of every application it was paired with are brought up to date.
 * 4. `similarityDueAt` is cleared — only if it still holds the value read, so a resubmission made
 *    meanwhile keeps its own check due.
 *
 * Idempotent: running it twice on the same content gives the same records.
 */
export async function similarityChecker({ models, applicationId, now = new Date() }: { models: Models; applicationId: Id | string; now?: Date }): Promise<CheckOutcome | null> {
  const app = await models.Application.findById(applicationId, {
    content: 1,
    callId: 1,
    organizationId: 1,
    organizationName: 1,
    receiptNumber: 1,
    state: 1,
    similarityDueAt: 1,
  }).lean<ApplicationRecord>()
  if (!app || app.state === 'draft') return null
  const { call, boilerplate } = await callSimilarityContext(models, app.callId)
  const fields = applicationFields(app.content)
  const self = prepare(fields, boilerplate)
  const bands = documentBands(self)

  await storeFingerprint(models, app._id, {
    kind: 'application',
    callId: app.callId,
    year: call?.year ?? now.getUTCFullYear(),
    organizationId: app.organizationId,
    organizationName: app.organizationName ?? '',
    title: app.content?.title ?? '',
    ...(app.receiptNumber ? { receiptNumber: app.receiptNumber } : {}),
    fields,
    countedChars: self.length,
    bands,
    checkedAt: now,
  })
  const [candidates, before] = await Promise.all([candidatesOf(models, app._id, bands), models.SimilarityPair.find({ ids: app._id }, { ids: 1 }).lean()])

  const kept: string[] = []
  const touched = new Map<string, Id>()
  for (const { candidate: other, found } of confirmed(self, candidates, boilerplate)) {
    const record = pairRecord(app._id, other._id, found, now)
    await models.SimilarityPair.replaceOne({ _id: record._id }, record, { upsert: true })
    kept.push(record._id)
    if (other.kind === 'application') touched.set(other._id.toHexString(), other._id)
  }
  await models.SimilarityPair.deleteMany({ ids: app._id, _id: { $nin: kept } })
  for (const p of before) {
    const other = p.ids[0].equals(app._id) ? p.ids[1] : p.ids[0]
    touched.set(other.toHexString(), other)
  }

  await flagSyncer(models, app._id)
  for (const id of touched.values()) await flagSyncer(models, id)
  if (app.similarityDueAt) {
    await models.Application.updateOne({ _id: app._id, similarityDueAt: app.similarityDueAt }, { $unset: { similarityDueAt: 1 } }, { timestamps: false })
  }
  return { candidates: candidates.length, pairs: kept.length }
}

/**
 * Runs the check right after the response, so submitting does not wait for it. If this process dies
 * first, `similarityDueAt` (written with the submission) leaves it to the similarity.check job.
 */
export function scheduleSimilarityCheck(models: Models, applicationId: Id | string, logger?: Logger): void {
  setImmediate(() => {
    similarityChecker({ models, applicationId }).catch((err: unknown) =>
      logger?.warn({ err, applicationId: String(applicationId) }, 'similarity check failed; the similarity.check job will retry it'),
    )
  })
}

/** How long after a submission the job takes over a check the request's own run has not finished. */
export const SIMILARITY_GRACE_MS = 30_000
