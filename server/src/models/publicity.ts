import mongoose, { Schema } from 'mongoose'
import {
  OBJECTION_OUTCOMES,
  OBJECTION_STATES,
  OBJECTOR_KINDS,
  PUBLICITY_ENTRY_STATUSES,
  PUBLICITY_STATES,
  type ObjectionOutcome,
  type ObjectionState,
  type ObjectorKind,
  type PublicityEntryStatus,
  type PublicityState,
} from '@zlbg/shared'
import { withPendingEffects } from './pendingEffects'

const oid = Schema.Types.ObjectId

/** One entry of a publicity list: what the public sees, copied from the application when published. */
export interface PublicityEntryRecord {
  /** The entry's own id: what an objection names, and the public URL's anchor. */
  _id: mongoose.Types.ObjectId
  applicationId: mongoose.Types.ObjectId
  organizationName: string
  title: string
  sector?: string
  provinceCode?: string
  status: PublicityEntryStatus
  statusAt?: Date
}

/**
 * A call's publicity list (公示, 第十八条). One per call: `callId` is unique. The window is fixed when
 * the list is published (workdays.ts publicityWindow): opensAt is 00:00 Asia/Shanghai of the start
 * day, closesAt 23:59:59.999 Asia/Shanghai of the fifth working day, both stored as UTC instants.
 * Every write the public sees goes through publicChange(connection, 'publicity', …).
 */
export interface PublicityRecord {
  _id: mongoose.Types.ObjectId
  callId: mongoose.Types.ObjectId
  state: PublicityState
  window: { startDay: string; endDay: string; opensAt: Date; closesAt: Date; workingDays: string[] }
  entries: PublicityEntryRecord[]
  /** How to object and whom to contact, as published. */
  contact: string
  publishedBy: mongoose.Types.ObjectId
  publishedAt: Date
  closedAt?: Date
  createdAt: Date
  updatedAt: Date
}

const PublicitySchema = new Schema<PublicityRecord>(
  {
    callId: { type: oid, required: true },
    state: { type: String, enum: PUBLICITY_STATES, required: true, default: 'open' },
    window: {
      startDay: { type: String, required: true },
      endDay: { type: String, required: true },
      opensAt: { type: Date, required: true },
      closesAt: { type: Date, required: true },
      workingDays: { type: [String], required: true },
    },
    entries: {
      type: [
        {
          applicationId: { type: oid, required: true },
          organizationName: { type: String, required: true },
          title: { type: String, required: true },
          sector: String,
          provinceCode: String,
          status: { type: String, enum: PUBLICITY_ENTRY_STATUSES, required: true, default: 'listed' },
          statusAt: Date,
        },
      ],
      default: [],
    },
    contact: { type: String, required: true },
    publishedBy: { type: oid, required: true },
    publishedAt: { type: Date, required: true },
    closedAt: Date,
  },
  { timestamps: true, strict: 'throw', collection: 'publicities' },
)
PublicitySchema.index({ callId: 1 }, { unique: true })
// The closing job's query: open lists whose window has closed.
PublicitySchema.index({ state: 1, 'window.closesAt': 1 })
withPendingEffects(PublicitySchema)

export const publicityModel = (connection: mongoose.Connection) => connection.model<PublicityRecord>('Publicity', PublicitySchema)

/**
 * An objection (异议, 第十八条) to one entry of a publicity list. `objector` is for the office only:
 * presenters for the applicant, experts and the public never read it. `filedBy` is the WeChat user
 * who filed it and alone follows it; (filedBy, idempotencyKey) is unique so a retried tap files once.
 */
export interface ObjectionRecord {
  _id: mongoose.Types.ObjectId
  /** The receipt number the objector is given at once (not guessable, not a count). */
  receiptNumber: string
  publicityId: mongoose.Types.ObjectId
  callId: mongoose.Types.ObjectId
  entryId: mongoose.Types.ObjectId
  applicationId: mongoose.Types.ObjectId
  filedBy: mongoose.Types.ObjectId
  idempotencyKey: string
  /** When it was received: the window is checked against this instant. */
  filedAt: Date
  objector: {
    kind: ObjectorKind
    realName: string
    phone: string
    organizationName?: string
    contactPerson?: string
    sealLetterId?: mongoose.Types.ObjectId
  }
  grounds: string
  evidenceIds: mongoose.Types.ObjectId[]
  /** The text content check (requireAcceptableText): passed, or waiting for a person when WeChat could not judge. */
  moderation: 'passed' | 'pending'
  state: ObjectionState
  findings?: { text: string; evidenceIds: mongoose.Types.ObjectId[]; verifiedBy: string; recordedBy: mongoose.Types.ObjectId; at: Date }
  decision?: { outcome: ObjectionOutcome; reasons: string; signedBy: mongoose.Types.ObjectId; signedByName: string; at: Date }
  reply?: { text: string; sentBy: mongoose.Types.ObjectId; at: Date }
  /** The office's requests for the applicant's explanation and their answers (第十八条 调查核实). */
  explanations: ObjectionExplanationRecord[]
  history: { state: ObjectionState; at: Date }[]
  createdAt: Date
  updatedAt: Date
}

export interface ObjectionExplanationRecord {
  _id: mongoose.Types.ObjectId
  text: string
  /** The grounds as the office chose to quote them; absent when it did not. */
  quotedGrounds?: string
  /** The last day (Asia/Shanghai) to answer. */
  deadline: string
  requestedBy: mongoose.Types.ObjectId
  requestedAt: Date
  answer?: { text: string; attachmentIds: mongoose.Types.ObjectId[]; answeredBy: mongoose.Types.ObjectId; at: Date }
}

const ObjectionSchema = new Schema<ObjectionRecord>(
  {
    receiptNumber: { type: String, required: true },
    publicityId: { type: oid, required: true },
    callId: { type: oid, required: true },
    entryId: { type: oid, required: true },
    applicationId: { type: oid, required: true },
    filedBy: { type: oid, required: true },
    idempotencyKey: { type: String, required: true },
    filedAt: { type: Date, required: true },
    objector: {
      kind: { type: String, enum: OBJECTOR_KINDS, required: true },
      realName: { type: String, required: true },
      phone: { type: String, required: true },
      organizationName: String,
      contactPerson: String,
      sealLetterId: oid,
    },
    grounds: { type: String, required: true },
    evidenceIds: { type: [oid], default: [] },
    moderation: { type: String, enum: ['passed', 'pending'], required: true },
    state: { type: String, enum: OBJECTION_STATES, required: true, default: 'received' },
    findings: {
      type: new Schema(
        { text: String, evidenceIds: [oid], verifiedBy: String, recordedBy: oid, at: Date },
        { _id: false, strict: 'throw' },
      ),
      default: undefined,
    },
    decision: {
      type: new Schema(
        { outcome: { type: String, enum: OBJECTION_OUTCOMES }, reasons: String, signedBy: oid, signedByName: String, at: Date },
        { _id: false, strict: 'throw' },
      ),
      default: undefined,
    },
    reply: { type: new Schema({ text: String, sentBy: oid, at: Date }, { _id: false, strict: 'throw' }), default: undefined },
    explanations: {
      type: [
        {
          text: { type: String, required: true },
          quotedGrounds: String,
          deadline: { type: String, required: true },
          requestedBy: { type: oid, required: true },
          requestedAt: { type: Date, required: true },
          answer: {
            type: new Schema({ text: String, attachmentIds: [oid], answeredBy: oid, at: Date }, { _id: false, strict: 'throw' }),
            default: undefined,
          },
        },
      ],
      default: [],
    },
    history: { type: [{ _id: false, state: { type: String, enum: OBJECTION_STATES, required: true }, at: { type: Date, required: true } }], default: [] },
  },
  { timestamps: true, strict: 'throw', collection: 'objections' },
)
ObjectionSchema.index({ receiptNumber: 1 }, { unique: true })
ObjectionSchema.index({ filedBy: 1, idempotencyKey: 1 }, { unique: true })
ObjectionSchema.index({ entryId: 1, state: 1 })
ObjectionSchema.index({ callId: 1, state: 1, filedAt: -1 })
// The filer's list (我的异议), newest first; and the applicant's explanation requests.
ObjectionSchema.index({ filedBy: 1, filedAt: -1 })
ObjectionSchema.index({ applicationId: 1 })
withPendingEffects(ObjectionSchema)

export const objectionModel = (connection: mongoose.Connection) => connection.model<ObjectionRecord>('Objection', ObjectionSchema)
