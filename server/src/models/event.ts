import mongoose, { Schema } from 'mongoose'
import {
  EVENT_MODES,
  EVENT_STATES,
  REGISTRATION_QUOTAS,
  REGISTRATION_STATES,
  type EventMode,
  type EventState,
  type RegistrationQuota,
  type RegistrationState,
} from '@zlbg/shared'
import { withPendingEffects } from './pendingEffects'

const oid = Schema.Types.ObjectId

/**
 * An exchange event (交流活动, 第二十条). `seats` are the counters the registering command claims
 * atomically — `{ _id, 'seats.listed': { $lt: capacity } }` → `$inc` — so no concurrency overbooks it;
 * the registrations themselves are the truth the counters are checked against (a repair recounts).
 * `waitSeq` orders the waitlist. Every write the public sees runs in publicChange(connection, 'events', …).
 */
export interface EventRecord {
  _id: mongoose.Types.ObjectId
  state: EventState
  title: string
  description: string
  mode: EventMode
  /** Offline: the address; online: the meeting link (given to confirmed attendees only). */
  place?: string
  link?: string
  startsAt: Date
  endsAt: Date
  registrationOpensAt: Date
  registrationClosesAt: Date
  /** Registrants cancel until then. */
  cancellationDeadline: Date
  /** Seats for listed organizations' attendees. */
  capacity: number
  /** Who may register: members of organizations listed in these years (empty: any listed organization). */
  listedYears: number[]
  /** Seats for the public (signed-in WeChat users), apart from the listed organizations'; 0: not open to the public. */
  publicQuota: number
  agenda: { at: string; item: string }[]
  materialIds: mongoose.Types.ObjectId[]
  seats: { listed: number; public: number }
  waitSeq: number
  createdBy: mongoose.Types.ObjectId
  publishedAt?: Date
  cancelledAt?: Date
  cancelReason?: string
  createdAt: Date
  updatedAt: Date
}

const EventSchema = new Schema<EventRecord>(
  {
    state: { type: String, enum: EVENT_STATES, required: true, default: 'draft' },
    title: { type: String, required: true },
    description: { type: String, required: true },
    mode: { type: String, enum: EVENT_MODES, required: true },
    place: String,
    link: String,
    startsAt: { type: Date, required: true },
    endsAt: { type: Date, required: true },
    registrationOpensAt: { type: Date, required: true },
    registrationClosesAt: { type: Date, required: true },
    cancellationDeadline: { type: Date, required: true },
    capacity: { type: Number, required: true },
    listedYears: { type: [Number], default: [] },
    publicQuota: { type: Number, required: true, default: 0 },
    agenda: { type: [{ _id: false, at: String, item: String }], default: [] },
    materialIds: { type: [oid], default: [] },
    seats: { listed: { type: Number, required: true, default: 0 }, public: { type: Number, required: true, default: 0 } },
    waitSeq: { type: Number, required: true, default: 0 },
    createdBy: { type: oid, required: true },
    publishedAt: Date,
    cancelledAt: Date,
    cancelReason: String,
  },
  { timestamps: true, strict: 'throw', collection: 'events' },
)
EventSchema.index({ state: 1, startsAt: -1 })
withPendingEffects(EventSchema)

/**
 * One attendee's registration (one seat or one place in line). `registeredBy` is the member who
 * registered; `organizationId` the listed organization it is for (absent on the public quota).
 * (eventId, idempotencyKey) is unique, so a retried tap registers once. `waitSeq` orders the
 * waitlist; `checkInCode` is the short code typed in H5 (unique per event), the QR carries a signed token.
 */
export interface RegistrationRecord {
  _id: mongoose.Types.ObjectId
  eventId: mongoose.Types.ObjectId
  quota: RegistrationQuota
  organizationId?: mongoose.Types.ObjectId
  listedOrganizationId?: mongoose.Types.ObjectId
  registeredBy: mongoose.Types.ObjectId
  idempotencyKey: string
  attendee: { name: string; title: string; phone: string }
  state: RegistrationState
  waitSeq?: number
  checkInCode: string
  checkedInAt?: Date
  checkedInBy?: mongoose.Types.ObjectId
  cancelledAt?: Date
  /** The content check of the attendee's name and title: 'pending' when WeChat could not judge it (the office's queue). */
  moderation: 'passed' | 'pending'
  /** When the day-before reminder was queued (jobs/eventReminders.ts): once per registration. */
  remindedAt?: Date
  history: { state: RegistrationState; at: Date }[]
  createdAt: Date
  updatedAt: Date
}

const RegistrationSchema = new Schema<RegistrationRecord>(
  {
    eventId: { type: oid, required: true },
    quota: { type: String, enum: REGISTRATION_QUOTAS, required: true },
    organizationId: oid,
    listedOrganizationId: oid,
    registeredBy: { type: oid, required: true },
    idempotencyKey: { type: String, required: true },
    attendee: { name: { type: String, required: true }, title: { type: String, required: true }, phone: { type: String, required: true } },
    state: { type: String, enum: REGISTRATION_STATES, required: true },
    waitSeq: Number,
    checkInCode: { type: String, required: true },
    checkedInAt: Date,
    checkedInBy: oid,
    cancelledAt: Date,
    moderation: { type: String, enum: ['passed', 'pending'], required: true, default: 'passed' },
    remindedAt: Date,
    history: { type: [{ _id: false, state: { type: String, enum: REGISTRATION_STATES, required: true }, at: { type: Date, required: true } }], default: [] },
  },
  { timestamps: true, strict: 'throw', collection: 'registrations' },
)
RegistrationSchema.index({ eventId: 1, idempotencyKey: 1 }, { unique: true })
RegistrationSchema.index({ eventId: 1, checkInCode: 1 }, { unique: true })
// The waitlist in order, and an event's lists by state.
RegistrationSchema.index({ eventId: 1, state: 1, waitSeq: 1 })
RegistrationSchema.index({ organizationId: 1, eventId: 1 })
RegistrationSchema.index({ registeredBy: 1, createdAt: -1 })
withPendingEffects(RegistrationSchema)

export function eventModels(connection: mongoose.Connection) {
  return {
    Event: connection.model<EventRecord>('Event', EventSchema),
    Registration: connection.model<RegistrationRecord>('Registration', RegistrationSchema),
  }
}
