import mongoose, { Schema } from 'mongoose'
import { ASSIGNMENT_STATES, COMMITTEE_STATES, CONFLICT_KINDS, CONFLICT_STATES, SECTORS, type AssignmentState, type CommitteeState, type ConflictKind, type ConflictState, type Sector } from '@zlbg/shared'
import { withPendingEffects } from './pendingEffects'

const oid = Schema.Types.ObjectId

export interface CommitteeGroup {
  _id: mongoose.Types.ObjectId
  name: string
  sectors: Sector[]
  industries: string[]
  leaderId: mongoose.Types.ObjectId
  memberIds: mongoose.Types.ObjectId[]
}

/** An application's group (专业组): suggested by sector and industry, or set by the office with a reason. */
export interface Placement {
  applicationId: mongoose.Types.ObjectId
  groupId: mongoose.Types.ObjectId
  by: 'suggested' | 'office'
  reason?: string
}

/** The review committee of one call (第十条–第十二条); experts are ids into the pool. */
export interface CommitteeRecord {
  _id: mongoose.Types.ObjectId
  callId: mongoose.Types.ObjectId
  state: CommitteeState
  chairId: mongoose.Types.ObjectId
  viceChairIds: mongoose.Types.ObjectId[]
  groups: CommitteeGroup[]
  pledgeText: string
  /** Raised whenever the text changes: a pledge accepted for an older text no longer counts. */
  pledgeVersion: number
  reviewersPerApplication: number
  maxPerExpert: number
  reviewDeadline?: string
  placements: Placement[]
  createdAt: Date
  updatedAt: Date
}

const CommitteeSchema = new Schema<CommitteeRecord>(
  {
    callId: { type: oid, required: true },
    state: { type: String, enum: COMMITTEE_STATES, required: true, default: 'formed' },
    chairId: { type: oid, required: true },
    viceChairIds: { type: [oid], required: true },
    groups: [
      {
        name: { type: String, required: true },
        sectors: [{ type: String, enum: SECTORS }],
        industries: [String],
        leaderId: { type: oid, required: true },
        memberIds: [oid],
      },
    ],
    pledgeText: { type: String, required: true },
    pledgeVersion: { type: Number, required: true, default: 1 },
    reviewersPerApplication: { type: Number, required: true },
    maxPerExpert: { type: Number, required: true },
    reviewDeadline: String,
    placements: {
      type: [{ _id: false, applicationId: { type: oid, required: true }, groupId: { type: oid, required: true }, by: String, reason: String }],
      default: [],
    },
  },
  { timestamps: true, strict: 'throw' },
)
CommitteeSchema.index({ callId: 1 }, { unique: true })
CommitteeSchema.index({ chairId: 1 })
CommitteeSchema.index({ viceChairIds: 1 })
CommitteeSchema.index({ 'groups.leaderId': 1 })
CommitteeSchema.index({ 'groups.memberIds': 1 })
withPendingEffects(CommitteeSchema)

export const committeeModel = (connection: mongoose.Connection) => connection.model<CommitteeRecord>('Committee', CommitteeSchema)

/** One reviewer on one application. `slot` is 'active' while it stands, `withdrawn:<id>` after: unique with both. */
export interface AssignmentRecord {
  _id: mongoose.Types.ObjectId
  callId: mongoose.Types.ObjectId
  applicationId: mongoose.Types.ObjectId
  groupId: mongoose.Types.ObjectId
  expertId: mongoose.Types.ObjectId
  state: AssignmentState
  slot: string
  source: 'algorithm' | 'manual'
  reason?: string
  coversField: boolean
  createdBy?: mongoose.Types.ObjectId
  withdrawnAt?: Date
  withdrawnReason?: string
  createdAt: Date
  updatedAt: Date
}

const AssignmentSchema = new Schema<AssignmentRecord>(
  {
    callId: { type: oid, required: true },
    applicationId: { type: oid, required: true },
    groupId: { type: oid, required: true },
    expertId: { type: oid, required: true },
    state: { type: String, enum: ASSIGNMENT_STATES, required: true, default: 'active' },
    slot: { type: String, required: true, default: 'active' },
    source: { type: String, enum: ['algorithm', 'manual'], required: true },
    reason: String,
    coversField: { type: Boolean, required: true, default: false },
    createdBy: oid,
    withdrawnAt: Date,
    withdrawnReason: String,
  },
  { timestamps: true, strict: 'throw' },
)
AssignmentSchema.index({ applicationId: 1, expertId: 1, slot: 1 }, { unique: true })
AssignmentSchema.index({ callId: 1, state: 1 })
AssignmentSchema.index({ expertId: 1, state: 1, callId: 1 })
withPendingEffects(AssignmentSchema)

export const assignmentModel = (connection: mongoose.Connection) => connection.model<AssignmentRecord>('Assignment', AssignmentSchema)

/** A conflict of interest (回避): found automatically, declared by the expert, possibly dismissed by the office. */
export interface ConflictRecord {
  _id: mongoose.Types.ObjectId
  callId: mongoose.Types.ObjectId
  expertId: mongoose.Types.ObjectId
  applicationId: mongoose.Types.ObjectId
  kind: ConflictKind
  detail: string
  state: ConflictState
  dismissReason?: string
  dismissedAt?: Date
  createdAt: Date
  updatedAt: Date
}

const ConflictSchema = new Schema<ConflictRecord>(
  {
    callId: { type: oid, required: true },
    expertId: { type: oid, required: true },
    applicationId: { type: oid, required: true },
    kind: { type: String, enum: CONFLICT_KINDS, required: true },
    detail: { type: String, required: true },
    state: { type: String, enum: CONFLICT_STATES, required: true, default: 'active' },
    dismissReason: String,
    dismissedAt: Date,
  },
  { timestamps: true, strict: 'throw' },
)
ConflictSchema.index({ callId: 1, expertId: 1, applicationId: 1, kind: 1 }, { unique: true })
ConflictSchema.index({ callId: 1, state: 1 })
withPendingEffects(ConflictSchema)

export const conflictModel = (connection: mongoose.Connection) => connection.model<ConflictRecord>('Conflict', ConflictSchema)

/** An expert's acceptance of a call's confidentiality and conflict pledge (第十三条): when, from where, which text. */
export interface PledgeRecord {
  _id: mongoose.Types.ObjectId
  callId: mongoose.Types.ObjectId
  expertId: mongoose.Types.ObjectId
  userId: mongoose.Types.ObjectId
  version: number
  acceptedAt: Date
  ip?: string
}

const PledgeSchema = new Schema<PledgeRecord>(
  {
    callId: { type: oid, required: true },
    expertId: { type: oid, required: true },
    userId: { type: oid, required: true },
    version: { type: Number, required: true },
    acceptedAt: { type: Date, required: true },
    ip: String,
  },
  { strict: 'throw' },
)
PledgeSchema.index({ callId: 1, expertId: 1, version: 1 }, { unique: true })

export const pledgeModel = (connection: mongoose.Connection) => connection.model<PledgeRecord>('Pledge', PledgeSchema)

/** A short-lived download link for one file of one assignment, usable only by the expert it was made for. */
export interface FileLinkRecord {
  _id: mongoose.Types.ObjectId
  tokenHash: string
  userId: mongoose.Types.ObjectId
  assignmentId: mongoose.Types.ObjectId
  attachmentId: mongoose.Types.ObjectId
  expiresAt: Date
}

const FileLinkSchema = new Schema<FileLinkRecord>(
  {
    tokenHash: { type: String, required: true },
    userId: { type: oid, required: true },
    assignmentId: { type: oid, required: true },
    attachmentId: { type: oid, required: true },
    expiresAt: { type: Date, required: true },
  },
  { strict: 'throw' },
)
FileLinkSchema.index({ tokenHash: 1 }, { unique: true })
FileLinkSchema.index({ expiresAt: 1 })

export const fileLinkModel = (connection: mongoose.Connection) => connection.model<FileLinkRecord>('ReviewFileLink', FileLinkSchema)
