import mongoose, { Schema } from 'mongoose'
import { CRITERIA, RANK_BY, REVIEW_ROUNDS, SCORE_STATES, type Criterion, type RankBy, type ReviewRound, type RubricItem, type ScoreState } from '@zlbg/shared'
import { withPendingEffects } from './pendingEffects'

const oid = Schema.Types.ObjectId

export interface RoundSettingsRecord {
  rubric: RubricItem[]
  deadline?: string
  lockedAt?: Date
}

/** A call's review settings (shared/src/review.ts ReviewPlanInput): one document per call, made when first saved. */
export interface ReviewPlanRecord {
  _id: mongoose.Types.ObjectId
  callId: mongoose.Types.ObjectId
  rankBy: RankBy
  disagreementThreshold: number
  quorum: number
  material: RoundSettingsRecord
  defense: RoundSettingsRecord
  createdAt: Date
  updatedAt: Date
}

const RubricItemSchema = new Schema(
  { criterion: { type: String, enum: CRITERIA, required: true }, maxPoints: { type: Number, required: true }, guidance: { type: String, default: '' } },
  { _id: false, strict: 'throw' },
)
const RoundSettingsSchema = new Schema({ rubric: { type: [RubricItemSchema], required: true }, deadline: String, lockedAt: Date }, { _id: false, strict: 'throw' })

const ReviewPlanSchema = new Schema<ReviewPlanRecord>(
  {
    callId: { type: oid, required: true },
    rankBy: { type: String, enum: RANK_BY, required: true },
    disagreementThreshold: { type: Number, required: true },
    quorum: { type: Number, required: true },
    material: { type: RoundSettingsSchema, required: true },
    defense: { type: RoundSettingsSchema, required: true },
  },
  { timestamps: true, strict: 'throw' },
)
ReviewPlanSchema.index({ callId: 1 }, { unique: true })
withPendingEffects(ReviewPlanSchema)

export type PointsRecord = Partial<Record<Criterion, number>>

/** A submitted version of a score, kept when the score is reopened (no silent edits). */
export interface ScoreVersionRecord {
  version: number
  points: PointsRecord
  total: number
  comment: string
  submittedAt: Date
  reopenedAt?: Date
  reopenedBy?: mongoose.Types.ObjectId
  reopenedByName?: string
  reopenReason?: string
}

/**
 * One expert's score of one assignment in one round (第十六条, 第十七条): the working copy (points,
 * comment) and, once submitted, `total` and `submittedAt` of the current version; every earlier
 * submitted version in `history`. Only `state: 'submitted'` scores count in the figures.
 */
export interface ScoreRecord {
  _id: mongoose.Types.ObjectId
  callId: mongoose.Types.ObjectId
  round: ReviewRound
  assignmentId: mongoose.Types.ObjectId
  applicationId: mongoose.Types.ObjectId
  groupId: mongoose.Types.ObjectId
  expertId: mongoose.Types.ObjectId
  state: ScoreState
  points: PointsRecord
  comment: string
  /** The sum of the points, set on submission. */
  total?: number
  /** 1 after the first submission, +1 at each resubmission. */
  version: number
  submittedAt?: Date
  history: ScoreVersionRecord[]
  createdAt: Date
  updatedAt: Date
}

const ScoreVersionSchema = new Schema(
  {
    version: { type: Number, required: true },
    points: { type: Schema.Types.Mixed, required: true },
    total: { type: Number, required: true },
    comment: { type: String, required: true },
    submittedAt: { type: Date, required: true },
    reopenedAt: Date,
    reopenedBy: oid,
    reopenedByName: String,
    reopenReason: String,
  },
  { _id: false, strict: 'throw' },
)

const ScoreSchema = new Schema<ScoreRecord>(
  {
    callId: { type: oid, required: true },
    round: { type: String, enum: REVIEW_ROUNDS, required: true },
    assignmentId: { type: oid, required: true },
    applicationId: { type: oid, required: true },
    groupId: { type: oid, required: true },
    expertId: { type: oid, required: true },
    state: { type: String, enum: SCORE_STATES, required: true, default: 'draft' },
    points: { type: Schema.Types.Mixed, required: true, default: {} },
    comment: { type: String, default: '' },
    total: Number,
    version: { type: Number, required: true, default: 0 },
    submittedAt: Date,
    history: { type: [ScoreVersionSchema], default: [] },
  },
  { timestamps: true, strict: 'throw', minimize: false },
)
ScoreSchema.index({ assignmentId: 1, round: 1 }, { unique: true })
ScoreSchema.index({ callId: 1, round: 1, state: 1, applicationId: 1 })
ScoreSchema.index({ callId: 1, round: 1, expertId: 1 })
withPendingEffects(ScoreSchema)

export const reviewPlanModel = (connection: mongoose.Connection) => connection.model<ReviewPlanRecord>('ReviewPlan', ReviewPlanSchema)
export const scoreModel = (connection: mongoose.Connection) => connection.model<ScoreRecord>('Score', ScoreSchema)
