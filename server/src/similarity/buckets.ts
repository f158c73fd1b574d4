import mongoose from 'mongoose'
import { upsertRacing } from '../db/duplicateKey'
import type { Models } from '../models'
import type { SimilarityFingerprintRecord } from '../models/similarity'

/**
 * The LSH buckets as their own collection (`similarity_buckets`, `_id` = band key, members = the
 * documents in the bucket), so finding the documents that share a bucket with a new submission is a
 * primary-key lookup. A multikey index on the fingerprints' `bands` would do the same on MongoDB, but
 * the embedded engine ignores every non-unique index ("adding secondary index … is not yet
 * implemented") and uses the `_id` index only for a filter on `_id` alone: the `bands: { $in }` query
 * read all 2,000 fingerprints of the bench per check (0.7 s in memory, 4 s on H2). For the same reason
 * every filter here is on `_id` alone.
 *
 * Without transactions the fingerprint and its buckets are written one after the other, so a member
 * names the fingerprint's *revision* — `${id}.${revision}` — and the writes keep one invariant: the
 * buckets of a stored fingerprint's bands hold its current revision.
 * 1. A new revision is added to the buckets of the new bands,
 * 2. then the fingerprint is written with it,
 * 3. then the revision read in the first place is pulled from the old bands' buckets. Only that
 *    revision: a concurrent check of the same document that has already added its own is untouched.
 * A member naming an earlier revision (left by a check that died between 1 and 3, or lost a race
 * with another check of the same document) is ignored by `candidatesOf`. A check that finds the bands
 * unchanged (a retry, a resubmission whose compared text did not change) keeps the revision, and
 * writes no bucket and neither the bands nor the revision.
 */

type Id = mongoose.Types.ObjectId

export type FingerprintContent = Omit<SimilarityFingerprintRecord, '_id' | 'revision'>

const member = (id: Id, revision: string) => `${id.toHexString()}.${revision}`

function parseMember(m: string): { id: string; revision: string } {
  const dot = m.indexOf('.')
  return { id: m.slice(0, dot), revision: m.slice(dot + 1) }
}

const sameBands = (a: readonly number[], b: readonly number[]) => {
  if (a.length !== b.length) return false
  const set = new Set(a)
  return b.every((k) => set.has(k))
}

async function addMember(models: Models, keys: readonly number[], m: string) {
  if (keys.length === 0) return
  // Two documents creating the same bucket at once: one insert wins, the other adds on the retry.
  await upsertRacing(() =>
    models.SimilarityBucket.bulkWrite(
      keys.map((k) => ({ updateOne: { filter: { _id: k }, update: { $addToSet: { members: m } }, upsert: true } })),
      { ordered: false },
    ),
  )
}

async function pullMember(models: Models, keys: readonly number[], m: string) {
  if (keys.length === 0) return
  // An emptied bucket stays (a few bytes): removing it only when empty needs a filter beyond `_id`.
  await models.SimilarityBucket.bulkWrite(
    keys.map((k) => ({ updateOne: { filter: { _id: k }, update: { $pull: { members: m } } } })),
    { ordered: false },
  )
}

/** Stores (or replaces) a document's fingerprint and its bucket memberships. Idempotent. */
export async function storeFingerprint(models: Models, id: Id, content: FingerprintContent): Promise<void> {
  const current = await models.SimilarityFingerprint.findById(id, { bands: 1, revision: 1 }).lean<Pick<SimilarityFingerprintRecord, 'bands' | 'revision'>>()
  if (current?.revision && sameBands(current.bands, content.bands)) {
    // Neither bands nor revision are written, so a concurrent check that changed them keeps its own.
    const { bands: _unchanged, ...rest } = content
    await models.SimilarityFingerprint.updateOne({ _id: id }, { $set: rest })
    return
  }
  const revision = new mongoose.Types.ObjectId().toHexString()
  await addMember(models, content.bands, member(id, revision))
  await models.SimilarityFingerprint.replaceOne({ _id: id }, { ...content, revision }, { upsert: true })
  if (current?.revision) await pullMember(models, current.bands, member(id, current.revision))
}

/** Takes a document out of what new submissions are compared with. */
export async function removeFingerprint(models: Models, id: Id): Promise<void> {
  const current = await models.SimilarityFingerprint.findOneAndDelete({ _id: id }, { projection: { bands: 1, revision: 1 } }).lean<
    Pick<SimilarityFingerprintRecord, 'bands' | 'revision'>
  >()
  if (current?.revision) await pullMember(models, current.bands, member(id, current.revision))
}

/**
 * The stored documents other than `id` sharing at least one bucket with `bands`, with their texts:
 * two primary-key lookups (the buckets, then the fingerprints they name).
 */
export async function candidatesOf(models: Models, id: Id, bands: readonly number[]) {
  if (bands.length === 0) return []
  const buckets = await models.SimilarityBucket.find({ _id: { $in: bands } }).lean()
  const self = id.toHexString()
  const revisions = new Map<string, Set<string>>()
  for (const b of buckets) {
    for (const m of b.members) {
      const { id: other, revision } = parseMember(m)
      if (other === self) continue
      const seen = revisions.get(other)
      if (seen) seen.add(revision)
      else revisions.set(other, new Set([revision]))
    }
  }
  if (revisions.size === 0) return []
  const found = await models.SimilarityFingerprint.find(
    { _id: { $in: [...revisions.keys()].map((h) => new mongoose.Types.ObjectId(h)) } },
    { fields: 1, kind: 1, revision: 1 },
  ).lean<Pick<SimilarityFingerprintRecord, '_id' | 'fields' | 'kind' | 'revision'>[]>()
  // Only a member naming the fingerprint's current revision counts (see above).
  return found.filter((f) => f.revision !== undefined && revisions.get(f._id.toHexString())!.has(f.revision))
}

/**
 * Gives every fingerprint without a revision (stored before the buckets existed, or loaded in bulk)
 * its buckets and a revision, BATCH fingerprints per write. Idempotent and resumable: a fingerprint
 * gets its revision only after its buckets hold it.
 */
export async function bucketUnrevisedFingerprints(models: Models, signal?: AbortSignal): Promise<number> {
  const BATCH = 100
  let done = 0
  const cursor = models.SimilarityFingerprint.find({ revision: { $exists: false } }, { bands: 1 })
    .lean<Pick<SimilarityFingerprintRecord, '_id' | 'bands'>[]>()
    .cursor()
  let batch: { id: Id; revision: string; bands: number[] }[] = []
  const flush = async () => {
    signal?.throwIfAborted()
    const members = new Map<number, string[]>()
    for (const f of batch) {
      for (const k of f.bands) {
        const m = member(f.id, f.revision)
        const at = members.get(k)
        if (at) at.push(m)
        else members.set(k, [m])
      }
    }
    if (members.size) {
      await models.SimilarityBucket.bulkWrite(
        [...members].map(([k, ms]) => ({ updateOne: { filter: { _id: k }, update: { $addToSet: { members: { $each: ms } } }, upsert: true } })),
        { ordered: false },
      )
    }
    // Migrations run before the instance serves, and a bulk load before anyone checks: nothing else
    // writes these fingerprints meanwhile.
    await models.SimilarityFingerprint.bulkWrite(batch.map((f) => ({ updateOne: { filter: { _id: f.id }, update: { $set: { revision: f.revision } } } })))
    done += batch.length
    batch = []
  }
  for await (const f of cursor) {
    batch.push({ id: f._id, revision: new mongoose.Types.ObjectId().toHexString(), bands: f.bands })
    if (batch.length === BATCH) await flush()
  }
  if (batch.length) await flush()
  return done
}
