import { Schema } from 'mongoose'
import type mongoose from 'mongoose'

/**
 * Leases: who may do a piece of shared work right now (run a scheduled job, refresh the WeChat
 * access token), so two server instances never do it at once. One document per lease, named by its
 * `_id` (`job:purge.sessions`, `wechat.accessToken:wx…`); taken and renewed by one conditional update
 * (jobs/lease.ts). A holder that dies simply stops renewing; once `expiresAt` passes, anyone may take it.
 */
export interface LeaseRecord {
  _id: string
  /** The instance holding it; null once released. */
  holder: string | null
  /**
   * While held: the end of the holder's lease (pushed forward while it works). Once released: when it
   * may next be taken — for a job, its next due run; so one date says both "taken" and "not yet due".
   */
  expiresAt: Date
  acquiredAt?: Date
  // For job leases, the record of the last run (the office's "did it run?").
  runs?: number
  lastStartedAt?: Date
  lastFinishedAt?: Date
  lastRunBy?: string
  /** The last run's error, null after a run that succeeded. */
  lastError?: string | null
  /** What the last run did, in a few words ("purged 12"). */
  lastOutcome?: string
}

const LeaseSchema = new Schema<LeaseRecord>(
  {
    _id: { type: String, required: true },
    holder: { type: String, default: null },
    expiresAt: { type: Date, required: true },
    acquiredAt: Date,
    runs: Number,
    lastStartedAt: Date,
    lastFinishedAt: Date,
    lastRunBy: String,
    lastError: String,
    lastOutcome: String,
  },
  { strict: 'throw', collection: 'leases', versionKey: false },
)

export const leaseModel = (connection: mongoose.Connection) => connection.model<LeaseRecord>('Lease', LeaseSchema)
