import mongoose, { Schema } from 'mongoose'
import { ATTENDANCE_SKIP_REASONS, type AttendanceSkipReason } from '@zlbg/shared'
import { withPendingEffects } from './pendingEffects'

const oid = Schema.Types.ObjectId

/**
 * One reminder the office sent about the attendance obligation (第二十条): which listed organizations
 * it reached (and how many of their members), which it skipped and why, over which period. Its notices
 * travel as its pending effects, created with it, so the record and its messages exist together.
 * (sentBy, idempotencyKey) is unique: a retried tap sends nothing twice and answers the first result.
 */
export interface AttendanceReminderRecord {
  _id: mongoose.Types.ObjectId
  sentBy: mongoose.Types.ObjectId
  idempotencyKey: string
  months: number
  from: Date
  to: Date
  reminded: { listedOrganizationId: mongoose.Types.ObjectId; name: string; recipients: number }[]
  skipped: { listedOrganizationId: mongoose.Types.ObjectId; name: string; reason: AttendanceSkipReason }[]
  createdAt: Date
  updatedAt: Date
}

const AttendanceReminderSchema = new Schema<AttendanceReminderRecord>(
  {
    sentBy: { type: oid, required: true },
    idempotencyKey: { type: String, required: true },
    months: { type: Number, required: true },
    from: { type: Date, required: true },
    to: { type: Date, required: true },
    reminded: { type: [{ _id: false, listedOrganizationId: { type: oid, required: true }, name: { type: String, required: true }, recipients: { type: Number, required: true } }], default: [] },
    skipped: {
      type: [{ _id: false, listedOrganizationId: { type: oid, required: true }, name: { type: String, required: true }, reason: { type: String, enum: ATTENDANCE_SKIP_REASONS, required: true } }],
      default: [],
    },
  },
  { timestamps: true, strict: 'throw', collection: 'attendancereminders' },
)
AttendanceReminderSchema.index({ sentBy: 1, idempotencyKey: 1 }, { unique: true })
// The last reminder of each organization, for the obligation view.
AttendanceReminderSchema.index({ 'reminded.listedOrganizationId': 1, createdAt: -1 })
withPendingEffects(AttendanceReminderSchema)

export function attendanceModels(connection: mongoose.Connection) {
  return { AttendanceReminder: connection.model<AttendanceReminderRecord>('AttendanceReminder', AttendanceReminderSchema) }
}
