import mongoose, { Schema } from 'mongoose'
import {
  COMMITTEE_PLACES,
  DEFENSE_SLOT_STATES,
  DELIBERATION_DECISIONS,
  DELIBERATION_STATES,
  REVIEW_ROUNDS,
  SITE_VISIT_STATES,
  type CommitteePlace,
  type DefenseSlotState,
  type DeliberationDecision,
  type DeliberationState,
  type ReviewRound,
  type SiteVisitState,
} from '@zlbg/shared'
import { withPendingEffects } from './pendingEffects'

const oid = Schema.Types.ObjectId

/** One application's decision in a deliberation, and whether the signed decision has moved it yet. */
export interface DeliberationItemRecord {
  applicationId: mongoose.Types.ObjectId
  decision?: DeliberationDecision
  notes: string
  /** Attendees with an active conflict on the application when last saved or signed (回避). */
  recusedIds: mongoose.Types.ObjectId[]
  applied: boolean
  appliedAt?: Date
  applyError?: string
}

/**
 * The record of a deliberation (合议) of one call's round (第十六条, 第十七条). `slot` is 'draft'
 * while it is open and `signed:<id>` after, unique with call and round: at most one open record per
 * round, any number signed (a later meeting decides what an earlier one could not).
 */
export interface DeliberationRecord {
  _id: mongoose.Types.ObjectId
  callId: mongoose.Types.ObjectId
  round: ReviewRound
  state: DeliberationState
  slot: string
  date: string
  place?: string
  minutes?: string
  attendeeIds: mongoose.Types.ObjectId[]
  items: DeliberationItemRecord[]
  createdBy?: mongoose.Types.ObjectId
  signedAt?: Date
  signedBy?: mongoose.Types.ObjectId
  signedByName?: string
  signedAs?: CommitteePlace
  createdAt: Date
  updatedAt: Date
}

const DeliberationSchema = new Schema<DeliberationRecord>(
  {
    callId: { type: oid, required: true },
    round: { type: String, enum: REVIEW_ROUNDS, required: true },
    state: { type: String, enum: DELIBERATION_STATES, required: true, default: 'draft' },
    slot: { type: String, required: true, default: 'draft' },
    date: { type: String, required: true },
    place: String,
    minutes: String,
    attendeeIds: { type: [oid], required: true },
    items: {
      type: [
        {
          _id: false,
          applicationId: { type: oid, required: true },
          decision: { type: String, enum: DELIBERATION_DECISIONS },
          notes: { type: String, default: '' },
          recusedIds: { type: [oid], default: [] },
          applied: { type: Boolean, required: true, default: false },
          appliedAt: Date,
          applyError: String,
        },
      ],
      default: [],
    },
    createdBy: oid,
    signedAt: Date,
    signedBy: oid,
    signedByName: String,
    signedAs: { type: String, enum: COMMITTEE_PLACES },
  },
  { timestamps: true, strict: 'throw' },
)
DeliberationSchema.index({ callId: 1, round: 1, slot: 1 }, { unique: true })
DeliberationSchema.index({ state: 1, callId: 1 })
withPendingEffects(DeliberationSchema)

/**
 * A defense slot of one group (第十七条). `assignee` is the application's id while one holds it and
 * `open:<slot id>` otherwise, unique: an application holds at most one slot (no partial index needed).
 */
export interface DefenseSlotRecord {
  _id: mongoose.Types.ObjectId
  callId: mongoose.Types.ObjectId
  groupId: mongoose.Types.ObjectId
  state: DefenseSlotState
  startsAt: Date
  durationMinutes: number
  place?: string
  onlineLink?: string
  applicationId?: mongoose.Types.ObjectId
  assignee: string
  assignedAt?: Date
  confirmedAt?: Date
  confirmedBy?: mongoose.Types.ObjectId
  createdAt: Date
  updatedAt: Date
}

const DefenseSlotSchema = new Schema<DefenseSlotRecord>(
  {
    callId: { type: oid, required: true },
    groupId: { type: oid, required: true },
    state: { type: String, enum: DEFENSE_SLOT_STATES, required: true, default: 'open' },
    startsAt: { type: Date, required: true },
    durationMinutes: { type: Number, required: true },
    place: String,
    onlineLink: String,
    applicationId: oid,
    assignee: { type: String, required: true },
    assignedAt: Date,
    confirmedAt: Date,
    confirmedBy: oid,
  },
  { timestamps: true, strict: 'throw' },
)
DefenseSlotSchema.index({ assignee: 1 }, { unique: true })
DefenseSlotSchema.index({ callId: 1, startsAt: 1 })
withPendingEffects(DefenseSlotSchema)

/** A site visit (现场考察, 第十七条) of one application in defense review. */
export interface SiteVisitRecord {
  _id: mongoose.Types.ObjectId
  callId: mongoose.Types.ObjectId
  applicationId: mongoose.Types.ObjectId
  state: SiteVisitState
  /** 'open' while requested, `done:<id>` once completed: one open visit per application. */
  slot: string
  reason: string
  team: string[]
  date: string
  findings: string
  conclusion: string
  attachments: { attachmentId: string; title: string }[]
  requestedBy?: mongoose.Types.ObjectId
  completedAt?: Date
  createdAt: Date
  updatedAt: Date
}

const SiteVisitSchema = new Schema<SiteVisitRecord>(
  {
    callId: { type: oid, required: true },
    applicationId: { type: oid, required: true },
    state: { type: String, enum: SITE_VISIT_STATES, required: true, default: 'requested' },
    slot: { type: String, required: true, default: 'open' },
    reason: { type: String, required: true },
    team: { type: [String], required: true },
    date: { type: String, required: true },
    findings: { type: String, default: '' },
    conclusion: { type: String, default: '' },
    attachments: { type: [{ _id: false, attachmentId: { type: String, required: true }, title: { type: String, required: true } }], default: [] },
    requestedBy: oid,
    completedAt: Date,
  },
  { timestamps: true, strict: 'throw' },
)
SiteVisitSchema.index({ applicationId: 1, slot: 1 }, { unique: true })
SiteVisitSchema.index({ callId: 1, createdAt: -1 })
withPendingEffects(SiteVisitSchema)

export const deliberationModel = (connection: mongoose.Connection) => connection.model<DeliberationRecord>('Deliberation', DeliberationSchema)
export const defenseSlotModel = (connection: mongoose.Connection) => connection.model<DefenseSlotRecord>('DefenseSlot', DefenseSlotSchema)
export const siteVisitModel = (connection: mongoose.Connection) => connection.model<SiteVisitRecord>('SiteVisit', SiteVisitSchema)
