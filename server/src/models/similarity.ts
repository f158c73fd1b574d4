import mongoose, { Schema } from 'mongoose'
import { DEFAULT_HIDE_IDENTITY_FROM_EXPERTS, SIMILARITY_FLAG_STATES, type SimilarityFlagState } from '@zlbg/shared'
import { withPendingEffects } from './pendingEffects'

/**
 * A document the similarity check compares against (第二十一条): a submitted application, or — fed by
 * the published-lists issue — an experience published in an earlier year. Keyed by the document's own
 * id. `bands` are its MinHash LSH buckets (similarity/minhash.ts); `similarity_buckets` lists the
 * members of each, under the fingerprint's `revision` (similarity/buckets.ts).
 */
export interface SimilarityFingerprintRecord {
  _id: mongoose.Types.ObjectId
  kind: 'application' | 'published'
  callId?: mongoose.Types.ObjectId
  year: number
  organizationId?: mongoose.Types.ObjectId
  organizationName: string
  title: string
  receiptNumber?: string
  /** The texts as checked (the passages point into these). */
  fields: { field: string; text: string }[]
  /** Countable characters (normalised, boilerplate left out). */
  countedChars: number
  bands: number[]
  /** Changes whenever `bands` do; bucket members name it. Absent only before migration 0002. */
  revision?: string
  checkedAt: Date
}

const FingerprintSchema = new Schema<SimilarityFingerprintRecord>(
  {
    kind: { type: String, enum: ['application', 'published'], required: true },
    callId: Schema.Types.ObjectId,
    year: { type: Number, required: true },
    organizationId: Schema.Types.ObjectId,
    organizationName: { type: String, default: '' },
    title: { type: String, default: '' },
    receiptNumber: String,
    fields: { type: [{ _id: false, field: String, text: String }], default: [] },
    countedChars: { type: Number, required: true },
    bands: { type: [Number], default: [] },
    revision: String,
    checkedAt: { type: Date, required: true },
  },
  { strict: 'throw', collection: 'similarity_fingerprints' },
)

/**
 * One LSH bucket (`_id` = band key, a signed 32-bit integer) and the documents in it, each as
 * `${fingerprintId}.${revision}`. Kept by similarity/buckets.ts alone.
 */
export interface SimilarityBucketRecord {
  _id: number
  members: string[]
}

const BucketSchema = new Schema<SimilarityBucketRecord>(
  {
    _id: { type: Number, required: true },
    members: { type: [String], default: [] },
  },
  { strict: 'throw', collection: 'similarity_buckets', versionKey: false },
)

/** Where a shared passage lies in one document: field, [start, end) of its text. */
export interface PassageSideRecord {
  field: string
  start: number
  end: number
}

/**
 * Two documents that share text, as confirmed by passage alignment. One record per unordered pair
 * (`_id` = the two ids in order, `ids[0]` < `ids[1]`); `shares[i]` is the share of ids[i]'s text found
 * in the other, and each passage's `a` side lies in ids[0].
 */
export interface SimilarityPairRecord {
  _id: string
  ids: [mongoose.Types.ObjectId, mongoose.Types.ObjectId]
  shares: [number, number]
  sharedChars: number
  passages: { a: PassageSideRecord; b: PassageSideRecord; length: number }[]
  computedAt: Date
}

const Side = { _id: false, field: String, start: Number, end: Number }
const PairSchema = new Schema<SimilarityPairRecord>(
  {
    _id: { type: String, required: true },
    ids: { type: [Schema.Types.ObjectId], required: true },
    shares: { type: [Number], required: true },
    sharedChars: { type: Number, required: true },
    passages: { type: [{ _id: false, a: Side, b: Side, length: Number }], default: [] },
    computedAt: { type: Date, required: true },
  },
  { strict: 'throw', collection: 'similarity_pairs' },
)
PairSchema.index({ ids: 1 })

/**
 * A flag: an application whose own text is found in another document at or above its call's
 * threshold. The office concludes on it through similarityFlagMachine (audited, 第二十一条).
 */
export interface SimilarityFlagRecord {
  _id: mongoose.Types.ObjectId
  applicationId: mongoose.Types.ObjectId
  otherId: mongoose.Types.ObjectId
  callId: mongoose.Types.ObjectId
  share: number
  state: SimilarityFlagState
  conclusion?: { reason: string; by: string; at: Date }
  createdAt: Date
  updatedAt: Date
}

const FlagSchema = new Schema<SimilarityFlagRecord>(
  {
    applicationId: { type: Schema.Types.ObjectId, required: true },
    otherId: { type: Schema.Types.ObjectId, required: true },
    callId: { type: Schema.Types.ObjectId, required: true },
    share: { type: Number, required: true },
    state: { type: String, enum: SIMILARITY_FLAG_STATES, required: true, default: 'open' },
    conclusion: { _id: false, type: { reason: String, by: String, at: Date } },
  },
  { timestamps: true, strict: 'throw', collection: 'similarity_flags' },
)
FlagSchema.index({ applicationId: 1, otherId: 1 }, { unique: true })
FlagSchema.index({ callId: 1, state: 1 })
withPendingEffects(FlagSchema)

/** The office's similarity settings of one call (`_id` = the call's id); defaults apply while absent. */
export interface SimilaritySettingsRecord {
  _id: mongoose.Types.ObjectId
  thresholdPercent: number
  templateText: string
  hideIdentityFromExperts: boolean
  updatedAt: Date
}

const SettingsSchema = new Schema<SimilaritySettingsRecord>(
  {
    thresholdPercent: { type: Number, required: true },
    templateText: { type: String, default: '' },
    hideIdentityFromExperts: { type: Boolean, default: DEFAULT_HIDE_IDENTITY_FROM_EXPERTS },
  },
  { timestamps: { createdAt: false, updatedAt: true }, strict: 'throw', collection: 'similarity_settings' },
)

export const similarityModels = (connection: mongoose.Connection) => ({
  SimilarityFingerprint: connection.model<SimilarityFingerprintRecord>('SimilarityFingerprint', FingerprintSchema),
  SimilarityBucket: connection.model<SimilarityBucketRecord>('SimilarityBucket', BucketSchema),
  SimilarityPair: connection.model<SimilarityPairRecord>('SimilarityPair', PairSchema),
  SimilarityFlag: connection.model<SimilarityFlagRecord>('SimilarityFlag', FlagSchema),
  SimilaritySettings: connection.model<SimilaritySettingsRecord>('SimilaritySettings', SettingsSchema),
})
