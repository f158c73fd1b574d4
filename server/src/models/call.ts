import mongoose, { Schema } from 'mongoose'
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
    body: { type: String, required: true },
    keyFields: [{ _id: false, title: { type: String, required: true }, description: { type: String, default: '' } }],
    sectors: [{ type: String, enum: SECTORS }],
    schedule: [MilestoneSchema],
    contact: {
      department: { type: String, required: true },
      person: String,
      phone: String,
      email: String,
      address: String,
    },
    state: { type: String, enum: CALL_STATES, required: true, default: 'draft' },
    publishedAt: { type: Date },
    closedAt: { type: Date },
  },
  { timestamps: true, strict: 'throw' },
)
// The public list: published (and closed) calls, newest first.
CallSchema.index({ state: 1, publishedAt: -1 })

/** A call as stored (what `.lean()` returns). */
export interface CallRecord {
  _id: mongoose.Types.ObjectId
  year: number
  title: string
  body: string
  keyFields: KeyField[]
  sectors: Sector[]
  schedule: { kind: MilestoneKind; startsAt: Date; endsAt?: Date; note?: string }[]
  contact: Contact
  state: CallState
  publishedAt?: Date
  closedAt?: Date
  createdAt: Date
  updatedAt: Date
}

export const callModel = (connection: mongoose.Connection) =>
  connection.model<CallRecord>('Call', CallSchema)
