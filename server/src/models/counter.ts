import mongoose, { Schema } from 'mongoose'

/**
 * Fixed-window counters for rate limits and failed logins, shared by every server instance. Old
 * windows are ignored by their `windowStart` and purged by date (no TTL index on the engine).
 */
export interface CounterRecord {
  _id: mongoose.Types.ObjectId
  /**
   * e.g. `login:account:alice`, `login:ip:1.2.3.4`; a rate limit's carries its window's start
   * (http/rateLimit.ts): `objection.file:ip:1.2.3.4@1796000400000`
   */
  key: string
  windowStart: Date
  count: number
  lockedUntil?: Date
  /** A sign-in's password check in progress on this account (auth/loginThrottle.ts): whose, and until when at most. */
  attempt?: string
  attemptUntil?: Date
  updatedAt: Date
}

const CounterSchema = new Schema<CounterRecord>(
  {
    key: { type: String, required: true },
    windowStart: { type: Date, required: true },
    count: { type: Number, required: true, default: 0 },
    lockedUntil: Date,
    attempt: String,
    attemptUntil: Date,
    updatedAt: { type: Date, required: true },
  },
  { strict: 'throw' },
)
CounterSchema.index({ key: 1 }, { unique: true })
CounterSchema.index({ updatedAt: 1 })

export const counterModel = (connection: mongoose.Connection) => connection.model<CounterRecord>('Counter', CounterSchema)
