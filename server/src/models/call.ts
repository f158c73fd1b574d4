import mongoose, { Schema } from 'mongoose'
import { withPendingEffects } from './pendingEffects'
import {
  CALL_STATES,
  MILESTONE_KINDS,
  SECTORS,
  type CallState,
  type Contact,
  type KeyField,
  type MilestoneKind,
  type Sector,
} from '@zlbg/shared'

const MilestoneSchema = new Schema(
  {
    kind: { type: String, enum: MILESTONE_KINDS, required: true },
    startsAt: { type: Date, required: true },
    endsAt: { type: Date },
    note: { type: String },
  },
  { _id: false },
)

const CallSchema = new Schema(
  {
    year: { type: Number, required: true },
    title: { type: String, required: true },
    // A draft may lack anything but year and title; publishing checks CallInputSchema (第五条).
    body: { type: String },
    keyFields: [{ _id: false, title: { type: String, required: true }, description: { type: String, default: '' } }],
    sectors: [{ type: String, enum: SECTORS }],
    schedule: [MilestoneSchema],
    contact: {
      department: { type: String },
      person: String,
      phone: String,
      email: String,
      address: String,
    },
    maxApplicationsPerOrganization: { type: Number, required: true, default: 1 },
    qualityMethods: { type: [String], default: [] },
    templates: [{ _id: false, attachmentId: { type: Schema.Types.ObjectId, required: true }, title: { type: String, required: true } }],
    corrections: [{ _id: false, at: { type: Date, required: true }, summary: { type: String, required: true } }],
    state: { type: String, enum: CALL_STATES, required: true, default: 'draft' },
    publishedAt: { type: Date },
    closedAt: { type: Date },
  },
  { timestamps: true, strict: 'throw' },
)
// The public list: published (and closed) calls, newest first.
CallSchema.index({ state: 1, publishedAt: -1 })
CallSchema.index({ createdAt: -1 })
// Publishing and closing are workflow steps (workflow/call.ts) with their audit records.
withPendingEffects(CallSchema)

/** A call as stored (what `.lean()` returns). */
export interface CallRecord {
  _id: mongoose.Types.ObjectId
  year: number
  title: string
  /** Missing only in a draft. */
  body?: string
  keyFields: KeyField[]
  sectors: Sector[]
  schedule: { kind: MilestoneKind; startsAt: Date; endsAt?: Date; note?: string }[]
  /** Missing only in a draft. */
  contact?: Contact
  maxApplicationsPerOrganization: number
  qualityMethods: string[]
  templates: { attachmentId: mongoose.Types.ObjectId; title: string }[]
  /** Public corrections (更正) made after publication, oldest first. */
  corrections: { at: Date; summary: string }[]
  state: CallState
  publishedAt?: Date
  closedAt?: Date
  createdAt: Date
  updatedAt: Date
}

export const callModel = (connection: mongoose.Connection) =>
  connection.model<CallRecord>('Call', CallSchema)
